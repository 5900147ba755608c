"""The dataset and package version, and the date its data were released.

Semantic versions: major for a schema change, minor for new codings, patch
for corrections.
"""

__version__ = "0.1.0"
RELEASE_DATE = "2026-11-25"
