"""The schema of each table as read from data/raw/: every cell is text.

Derived from the typed models, so that the raw contract cannot drift from
them: what the typed model reads as a category, a date or a number, the raw
schema checks is written as one.
"""

import pandas as pd
import pandera.pandas as pa

from . import get_table
from .vocab import MISSING_WORDS

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _real_date(s: pd.Series) -> pd.Series:
    """2022-02-30 is shaped like a date but is none; other shapes are left to
    the pattern check, so that each bad cell gets one message."""
    shaped = s.str.fullmatch(ISO_DATE)
    return ~shaped | pd.to_datetime(s.where(shaped), format="%Y-%m-%d",
                                    errors="coerce").notna()


def _checks(dtype) -> list[pa.Check]:
    checks = [
        pa.Check.str_matches(r"^\S(?:.*\S)?$", error="leading or trailing "
                             "spaces (or a cell of spaces only)"),
        pa.Check.notin(MISSING_WORDS, error="write an empty cell for "
                       "missing, not a placeholder word"),
    ]
    if isinstance(dtype, pd.CategoricalDtype):
        checks.append(pa.Check.isin(list(dtype.categories)))
    elif "datetime" in str(dtype):
        checks += [
            pa.Check.str_matches(ISO_DATE, error="not a date in the form "
                                 "YYYY-MM-DD"),
            pa.Check(_real_date, error="not a real calendar date"),
        ]
    elif str(dtype).startswith("Int"):
        checks.append(pa.Check.str_matches(r"^[+-]?\d+$",
                                           error="not a whole number"))
    elif str(dtype) == "boolean":
        checks.append(pa.Check.isin(["true", "false"]))
    return checks


def raw_schema(name: str) -> pa.DataFrameSchema:
    """All columns as text, with the format each typed column needs."""
    typed = get_table(name).raw.to_schema()
    return pa.DataFrameSchema(
        {n: pa.Column(str, nullable=c.nullable, checks=_checks(c.dtype.type))
         for n, c in typed.columns.items()},
        strict=True, name=f"raw {name}")
