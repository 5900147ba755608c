"""stances: how the world's states lined up over Russia's war on Ukraine.

    >>> import stances
    >>> stances.tables()
    >>> obs = stances.load("observations")
"""

from ._version import __version__
from .errors import StancesValidationError
from .load import load, tables, validate

__all__ = ["__version__", "StancesValidationError", "load", "tables", "validate"]
