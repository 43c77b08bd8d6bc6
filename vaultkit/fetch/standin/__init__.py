"""The stand-in forum: a loopback GraphQL server over fixture data, with fault injection.

Used by the tests (which never reach the real forum) and by `vaultkit sync --demo`.
"""

from vaultkit.fetch.standin.faults import Faults
from vaultkit.fetch.standin.fixtures import Fixtures, load_fixtures
from vaultkit.fetch.standin.generate import generate_fixtures
from vaultkit.fetch.standin.server import StandinServer

__all__ = ["Faults", "Fixtures", "StandinServer", "generate_fixtures", "load_fixtures"]
