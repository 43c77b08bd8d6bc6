"""The README's promises: its two opening commands, and CI running exactly the test command."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_readme_opens_with_an_install_and_demo_command_and_a_test_command():
    install_demo, test = _readme_commands()[:2]
    assert install_demo.startswith("pip install . && vaultkit sync --demo ")
    assert test.startswith('pip install -e ".[test]" && ') and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command():
    test_command = _readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines
    assert ci_lines[-1] == test_command, "the test command must be the last thing CI runs"
