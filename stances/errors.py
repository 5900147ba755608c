"""Validation failures as `file:row:column: value: rule` lines, every one at once."""

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Failure:
    file: str
    row: int | None
    column: str | None
    value: object
    rule: str

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column)
                         if p is not None)
        value = "" if self.value is None else f" {self.value!r}:"
        return f"{where}:{value} {self.rule}"


class StancesError(Exception):
    """The root of every error the package raises on purpose: catch it to
    handle them all. Anything else is a bug and keeps its traceback."""


class InvalidInput(StancesError, ValueError):
    """An argument, a file or a release that is not what it must be."""


class NotFound(StancesError, FileNotFoundError):
    """A folder, a file or a release file that is not there."""


class DownloadFailed(StancesError, ConnectionError):
    """A download that could not be made, or was refused on the way."""


class StancesValidationError(InvalidInput):
    """Raised with every failure found; `failures` holds them as data."""

    def __init__(self, failures, advice: str):
        self.failures = list(failures)
        self.advice = advice
        lines = "\n".join(f"  {f}" for f in self.failures)
        n = len(self.failures)
        super().__init__(
            f"{n} problem{'s' * (n != 1)} found:\n{lines}\n{advice}")


def _friendly(check: str, dtype) -> str:
    """Turn pandera's check names into rules a contributor can act on."""
    if check.startswith("coerce_dtype"):
        from .models.fields import dtype_kind  # here: the models import this module
        kind = dtype_kind(dtype)
        if kind == "category":
            return "not an allowed value; allowed: " + ", ".join(
                map(str, dtype.categories))
        return {"date": "not a valid date (write YYYY-MM-DD)",
                "integer": "not a whole number",
                "boolean": "not true or false"}.get(kind, f"cannot be read as {dtype}")
    fixed = {
        "not_nullable": "required: the cell is empty",
        "field_uniqueness": "duplicate value: must be unique",
        "column_in_dataframe": "required column is missing",
        "column_in_schema": "unknown column",
    }
    if check in fixed:
        return fixed[check]
    if check.startswith("isin("):
        return "not an allowed value; allowed: " + ", ".join(
            re.findall(r"'([^']*)'", check))
    if check.startswith("str_matches("):
        return "does not match the pattern " + check[len("str_matches("):-1]
    m = re.match(r"(greater|less)_than_or_equal_to\((.*)\)", check)
    if m:
        return f"must be {'>=' if m[1] == 'greater' else '<='} {m[2]}"
    return check


def from_schema_errors(err, file: str, schema,
                       row_of=lambda i: i) -> list[Failure]:
    """Failures from a lazy pandera validation, without pandera's echoes:
    a cell that failed to coerce is not also reported for its dtype, and a
    table-level rule is reported on the column it names, once per row."""
    cases = err.failure_cases
    coerced = {(r.column, r.index) for r in cases.itertuples()
               if str(r.check).startswith("coerce_dtype")}
    # pandera lists a failing row once per column (and drops empty cells):
    # keep the cell of the column the rule names, or the row without a value.
    named_cells = {(str(r.check), r.index) for r in cases.itertuples()
                   if ": " in str(r.check) and r.column == str(r.check).split(": ")[0]}
    failures = []
    for r in cases.itertuples():
        check, column, index = str(r.check), r.column, r.index
        if r.schema_context == "DataFrameSchema" and ": " in check:
            named, rule = check.split(": ", 1)
            if column != named and index is not None and not pd.isna(index):
                if (check, index) in named_cells:
                    continue
                r = r._replace(failure_case=None)
            column = named
        elif check.startswith("dtype(") and (column, index) in coerced:
            continue
        elif check == "multiple_fields_uniqueness":
            if column != schema.unique[-1]:
                continue  # one line per duplicated row, on the key's last column
            rule = "duplicate combination of " + ", ".join(schema.unique)
        else:
            col = schema.columns.get(column)
            rule = _friendly(check, col.dtype.type if col is not None else None)
        if index is None or pd.isna(index):
            if re.match(r"^\w+Error\(", str(r.failure_case)):
                rule = f"check could not run: {rule} ({r.failure_case})"
            row = None
        else:
            row = row_of(index)
        value = r.failure_case
        if check in ("column_in_dataframe", "column_in_schema"):
            column, value = str(r.failure_case), None
        elif isinstance(value, bool) or value is None or (
                not isinstance(value, str) and pd.isna(value)):
            value = None
        failures.append(Failure(file, row, column, value, rule))
    return sort_failures(failures)


def sort_failures(failures) -> list[Failure]:
    """Each failure once, by file, row, column and rule."""
    return sorted(set(failures), key=_order)


def _order(f: Failure):
    return (f.file, f.row if f.row is not None else -1, f.column or "", f.rule)
