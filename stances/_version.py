"""The dataset and package version, and the date its data were released.

Semantic versions: major for a schema change, minor for new codings, patch
for corrections.
"""

__version__ = "0.1.0"
RELEASE_DATE = "2026-11-25"

# The one rule for what a version looks like, wherever one arrives (an
# argument, a manifest, the release index, a folder name in the cache).
_FORM = r"\d+\.\d+\.\d+"


def is_version(text) -> bool:
    """Whether `text` is a version MAJOR.MINOR.PATCH, the whole of it."""
    import re
    return isinstance(text, str) and re.fullmatch(_FORM, text) is not None


def check_version(version) -> str:
    """`version`, if it is one; else a clear error (before it builds a path)."""
    if not is_version(version):
        from .errors import InvalidInput
        raise InvalidInput(f"version {version!r} is not of the form MAJOR.MINOR.PATCH")
    return version
