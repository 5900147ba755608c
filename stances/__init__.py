"""stances: how the world's states lined up over Russia's war on Ukraine.

    >>> import stances
    >>> stances.tables()
    >>> obs = stances.load("observations")
    >>> stances.sources_for(obs[obs.actor_id == "KAZ"])
    >>> print(stances.cite())
"""

from ._version import __version__
from .citation import cite
from .compare import diff
from .errors import StancesError, StancesValidationError
from .reading import load, tables, validate
from .trail import sources_for
from .variables import codebook, find_var
from .registry import versions

__all__ = ["__version__", "StancesError", "StancesValidationError", "cite", "codebook", "diff",
           "find_var", "load", "sources_for", "tables", "validate", "versions"]
