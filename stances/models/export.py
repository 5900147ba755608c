"""A table's schema as plain data: for the published schema files, the
codebook, and the fingerprint written into every Parquet file."""

import hashlib
import json
import warnings
from functools import lru_cache

import pandas as pd

from . import get_table
from .fields import FRICTIONLESS, dtype_kind

# Rules that live in Python code (dataframe checks, cross-table checks) travel
# as their names and messages only; a reader of the JSON cannot execute them.
NOTE = ("Generated from the pandera models in stances/models; do not edit. "
        "Column checks are listed with their parameters; table-level rules "
        "are listed by message only and are enforced by the stances package.")


def _dtype(field_dtype) -> dict:
    dtype = field_dtype.type
    if isinstance(dtype, pd.CategoricalDtype):
        return {"dtype": "category", "ordered": bool(dtype.ordered),
                "categories": [str(c) for c in dtype.categories]}
    name = str(dtype)
    return {"dtype": {"string[pyarrow]": "string", "str": "string"}.get(name, name)}


def _check(check) -> dict:
    stats = {k: (list(v) if isinstance(v, (set, frozenset, tuple)) else v)
             for k, v in (check.statistics or {}).items()}
    return {"name": check.name, **({"statistics": stats} if stats else {})}


def table_spec(name: str) -> dict:
    """Columns, dtypes, allowed values, checks and descriptions of a table."""
    table = get_table(name)
    schema = table.model.to_schema()
    columns = []
    for col_name, col in schema.columns.items():
        columns.append({
            "name": col_name,
            **_dtype(col.dtype),
            "nullable": bool(col.nullable),
            "unique": bool(col.unique),
            "checks": [_check(c) for c in col.checks],
            "description": col.description or "",
        })
    return {
        "table": name,
        "description": table.description,
        "primary_key": list(table.key),
        "columns": columns,
        "unique_together": [list(schema.unique)] if schema.unique else [],
        "table_rules": [c.error for c in schema.checks],
        "note": NOTE,
    }


@lru_cache(maxsize=None)
def fingerprint(name: str) -> str:
    """SHA-256 of the table's structure: column names, dtypes, categories and
    nullability. Descriptions may change without changing it."""
    structure = [
        {k: c[k] for k in ("name", "dtype", "ordered", "categories", "nullable")
         if k in c}
        for c in table_spec(name)["columns"]
    ]
    blob = json.dumps(structure, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


TABLE_SCHEMA_V2 = "https://datapackage.org/profiles/2.0/tableschema.json"


def _frictionless_type(column: dict) -> str:
    return FRICTIONLESS[dtype_kind(column["dtype"])]


def frictionless_schema(name: str) -> dict:
    """The table's Frictionless Table Schema: types, required, allowed values,
    ranges, patterns, primary key and descriptions."""
    spec = table_spec(name)
    fields = []
    for c in spec["columns"]:
        constraints = {"required": not c["nullable"]}
        if c["unique"]:
            constraints["unique"] = True
        if c["dtype"] == "category":
            constraints["enum"] = c["categories"]
        for check in c["checks"]:
            stats = check.get("statistics", {})
            if check["name"] == "str_matches":
                # Frictionless (JSON Schema) patterns match the whole value
                # and know no \Z: drop our anchors
                constraints["pattern"] = stats["pattern"].removeprefix("^").removesuffix("\\Z")
            elif check["name"] == "greater_than_or_equal_to":
                constraints["minimum"] = stats["min_value"]
            elif check["name"] == "less_than_or_equal_to":
                constraints["maximum"] = stats["max_value"]
            elif check["name"] == "isin":
                constraints["enum"] = sorted(stats["allowed_values"])
        field = {"name": c["name"], "type": _frictionless_type(c),
                 "description": c["description"], "constraints": constraints}
        if c["dtype"] == "category":
            # Table Schema v2 keeps the labels' order where readers find it
            field["categories"] = c["categories"]
            field["categoriesOrdered"] = bool(c.get("ordered"))
        fields.append(field)
    return {"$schema": TABLE_SCHEMA_V2, "fields": fields,
            "primaryKey": spec["primary_key"], "missingValues": [""]}


YAML_HEADER = """\
# pandera schema of the `{name}` table, exported from stances/models by
# `stances schemas`; do not edit. Load it with pandera.io.from_yaml.
# What this file cannot carry (pandera exports built-in checks only):
# the categories and order of categorical columns (see {name}.tableschema.json
# or docs/codebook.md), and these table-level rules, enforced by the package:
{rules}
"""


def pandera_yaml(name: str) -> str:
    schema = get_table(name).model.to_schema()
    rules = "\n".join(f"#   - {c.error}" for c in schema.checks) or "#   (none)"
    with warnings.catch_warnings():  # the skipped rules are listed above
        warnings.filterwarnings("ignore", message="Only registered checks")
        return YAML_HEADER.format(name=name, rules=rules) + schema.to_yaml()


def catalog() -> dict:
    """Every table's spec and fingerprint, for loading without the models
    (written to stances/catalog.json)."""
    from . import TABLES
    return {name: {**table_spec(name), "fingerprint": fingerprint(name)} for name in TABLES}
