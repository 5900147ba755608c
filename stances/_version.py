"""The dataset and package version (semantic: major for a schema change,
minor for new codings, patch for corrections)."""

__version__ = "0.1.0"
