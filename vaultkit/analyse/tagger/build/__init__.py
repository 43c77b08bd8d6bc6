"""Build time only: training the shipped weights and deriving the shipped tables. Nothing that runs
when a user tags a vault imports from here (an import contract in pyproject.toml holds to it)."""
