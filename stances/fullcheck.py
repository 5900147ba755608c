"""Every rule of a table's own schema on a frame, on two cores.

The pandera schema is run in three parts: the dtypes (coercion) first, then,
side by side in two threads, the column checks and the table's rules
(uniqueness across columns, checks across columns). Most of their work is in
pandas' and pyarrow's kernels, which release the GIL, so the two halves
overlap. If the dtypes cannot be coerced, the whole schema runs at once, as
it always did, so that the report is exactly what pandera gives. Either way
the failures are the same list, in the same order (see errors._order)."""

import copy
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import pandas as pd
import pandera.errors
import pandera.pandas as pa

from .errors import StancesValidationError, from_schema_errors, sort_failures
from .models import get_table


@lru_cache(maxsize=None)
def _parts(name: str) -> tuple:
    """(whole, dtypes, columns, table): the schema, and three schemas that
    together run the same rules."""
    whole = get_table(name).model.to_schema()
    bare = {k: pa.Column(c.dtype, nullable=True, required=True, name=k)
            for k, c in whole.columns.items()}
    dtypes = copy.deepcopy(whole)
    dtypes.columns, dtypes.checks, dtypes.unique = copy.deepcopy(bare), [], None
    for k, c in whole.columns.items():  # coercion and the empty-cell rule only
        dtypes.columns[k].nullable = c.nullable
    columns = copy.deepcopy(whole)
    columns.checks, columns.unique, columns.coerce = [], None, False
    for c in columns.columns.values():
        c.coerce = False
    table = copy.deepcopy(whole)
    table.columns, table.coerce = copy.deepcopy(bare), False
    return whole, dtypes, columns, table


def _errors(schema, frame):
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        return err
    return None


def validate_full(name: str, frame: pd.DataFrame, file: str,
                  advice: str) -> pd.DataFrame:
    """The frame coerced to the table's dtypes, or StancesValidationError
    listing every failure, by row."""
    whole, dtypes, columns, table = _parts(name)
    try:
        typed = dtypes.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors:
        typed, errors = None, [_errors(whole, frame)]
    if typed is not None:
        with ThreadPoolExecutor(2) as pool:
            errors = list(pool.map(_errors, (columns, table), (typed, typed)))
    errors = [e for e in errors if e is not None]
    if not errors:
        return typed
    position = {label: i + 1 for i, label in enumerate(frame.index)}
    failures = [f for e in errors for f in from_schema_errors(
        e, file, whole, row_of=lambda i: position.get(i, i))]
    raise StancesValidationError(sort_failures(failures), advice)
