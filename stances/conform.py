"""The cheap half of validation, for loading: a built file's structure checked
against its schema in time that does not grow with checks per row.

The build has already run every rule (patterns, uniqueness, rules across
columns and tables) before writing; the file's schema fingerprint ties it to
these models. Loading then checks what a damaged, stale or hand-edited file
would get wrong: the columns, the empty cells in required columns, numeric
ranges, the allowed categories, and the dtypes. `load(..., validate="full")`
or `stances.validate()` runs every rule again."""

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .catalog import load_spec
from .errors import Failure


# Integers and booleans straight to pandas' nullable dtypes, not via float.
_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(),
             pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
             pa.bool_(): pd.BooleanDtype()}


def conform(name: str, table: pa.Table, shown: str,
            columns: list[str] | None = None) -> tuple[pd.DataFrame | None, list]:
    """The table (or those of its columns) as a typed frame, and every
    structural failure found."""
    spec = [s for s in load_spec(name) if columns is None or s[0] in columns]
    expected = [s[0] for s in spec]
    if table.column_names != expected:
        return None, [Failure(shown, None, None, None,
                              f"columns {table.column_names} are not the "
                              f"expected {expected}")]
    failures = []
    for column, dtype, nullable, low, high in spec:
        data = table.column(column)
        if not nullable and data.null_count:
            failures.append(Failure(shown, None, column, None,
                                    f"{data.null_count} empty cells in a required column"))
        if (low is not None or high is not None) and len(data) > data.null_count:
            bounds = pc.min_max(data)
            if low is not None and bounds["min"].as_py() < low:
                failures.append(Failure(shown, None, column, bounds["min"].as_py(),
                                        f"must be >= {low}"))
            if high is not None and bounds["max"].as_py() > high:
                failures.append(Failure(shown, None, column, bounds["max"].as_py(),
                                        f"must be <= {high}"))
    frame = table.to_pandas(date_as_object=False, types_mapper=_NULLABLE.get)
    for column, dtype, *_ in spec:
        frame[column], problem = _as(frame[column], dtype)
        if problem:
            failures.append(Failure(shown, None, column, None, problem))
    return frame, failures


def _as(series: pd.Series, dtype):
    """The column in its schema dtype, and what went wrong, if anything."""
    if isinstance(dtype, pd.CategoricalDtype):
        if isinstance(series.dtype, pd.CategoricalDtype) and set(
                series.cat.categories) <= set(dtype.categories):
            return series.cat.set_categories(dtype.categories, ordered=True), None
        known = series.isna() | series.isin(dtype.categories)
        lost = int((~known).sum())
        typed = pd.Series(pd.Categorical(series.where(known), dtype=dtype),
                          index=series.index, name=series.name)
        return typed, (f"{lost} values outside the allowed categories" if lost else None)
    if series.dtype == dtype:
        return series, None
    try:
        return series.astype(dtype), None
    except (TypeError, ValueError) as err:
        return series, f"cannot be read as {dtype}: {err}"
