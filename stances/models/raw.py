"""The schema of each table as read from data/raw/: every cell is text.

Derived from the typed models, so that the raw contract cannot drift from
them: what the typed model reads as a category, a date or a number, the raw
schema checks is written as one.
"""

import pandas as pd
import pandera.pandas as pa

from . import get_table
from .fields import URL, dtype_kind
from .vocab import MISSING_WORDS

ISO_DATE = r"^\d{4}-\d{2}-\d{2}\Z"


def _real_date(s: pd.Series) -> pd.Series:
    """2022-02-30 is shaped like a date but is none; other shapes are left to
    the pattern check, so that each bad cell gets one message."""
    shaped = s.str.fullmatch(ISO_DATE)
    return ~shaped | pd.to_datetime(s.where(shaped), format="%Y-%m-%d",
                                    errors="coerce").notna()


CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # line breaks and tabs are text


def _no_control_characters(s: pd.Series) -> pd.Series:
    return ~s.str.contains(CONTROL, regex=True)


def _ascii(s: pd.Series) -> pd.Series:
    return s.map(str.isascii)


def _checks(dtype, typed_checks=()) -> list[pa.Check]:
    checks = [
        pa.Check(_no_control_characters, error="an invisible control character "
                 "in the cell; retype it"),
        pa.Check.str_matches(r"(?s)^\S(?:.*\S)?\Z", error="leading or trailing "
                             "spaces (or a cell of spaces only)"),
        pa.Check.notin(MISSING_WORDS, error="write an empty cell for "
                       "missing, not a placeholder word"),
    ]
    kind = dtype_kind(dtype)
    if kind == "category":
        checks.append(pa.Check.isin(list(dtype.categories)))
    elif kind == "date":
        checks += [
            pa.Check.str_matches(ISO_DATE, error="not a date in the form "
                                 "YYYY-MM-DD"),
            pa.Check(_real_date, error="not a real calendar date"),
        ]
    elif kind == "integer":
        checks.append(pa.Check.str_matches(r"^[+-]?\d+\Z",
                                           error="not a whole number"))
    elif kind == "boolean":
        checks.append(pa.Check.isin(["true", "false"]))
    if any(c.name == "str_matches" and c.statistics.get("pattern") != URL
           for c in typed_checks):
        # ids and codes are plain ASCII: a look-alike letter (Cyrillic 'е')
        # would make a second id that reads like the first
        checks.append(pa.Check(_ascii, error="a non-ASCII character (a look-alike "
                               "letter?); ids and codes are plain ASCII"))
    return checks


def raw_schema(name: str) -> pa.DataFrameSchema:
    """All columns as text, with the format each typed column needs."""
    typed = get_table(name).raw.to_schema()
    return pa.DataFrameSchema(
        {n: pa.Column(str, nullable=c.nullable, checks=_checks(c.dtype.type, c.checks))
         for n, c in typed.columns.items()},
        strict=True, name=f"raw {name}")
