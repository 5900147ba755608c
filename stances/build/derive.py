"""Validated frames -> the processed tables, in their published order."""

import pandas as pd

from ..models import TABLES


def derive(typed: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Each table sorted by its key, with a plain 0..n-1 index."""
    out = {}
    for name, table in TABLES.items():
        frame = typed[name].sort_values(list(table.key), kind="stable")
        out[name] = table.model.validate(frame.reset_index(drop=True))
    return out
