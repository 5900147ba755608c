"""What loading needs to know of each table, without the pandera models:
names, columns, dtypes, bounds, descriptions and schema fingerprints, read
from catalog.json. `stances schemas` writes that file from the models, and a
test fails when the two drift, so the models stay the one source of truth
while `import stances; stances.load(...)` never imports pandera."""

import json
from functools import lru_cache
from importlib import resources

import pandas as pd

from .errors import InvalidInput

CATALOG = "catalog.json"

# Keys of a built Parquet file's metadata (written by stances.arrow)
META_VERSION = b"stances.version"
META_FINGERPRINT = b"stances.schema_fingerprint"
META_TABLE = b"stances.table"
# {column: [labels, in order]} for each categorical column: the order for
# readers that do not keep pandas' categoricals (DuckDB, polars, Spark)
META_CATEGORIES = b"stances.categories"


@lru_cache(maxsize=None)
def _catalog() -> dict:
    return json.loads(resources.files("stances").joinpath(CATALOG).read_text("utf-8"))


def table_names() -> list[str]:
    return list(_catalog())


def entry(name: str) -> dict:
    """The table's catalog entry, or an error that lists the valid names."""
    if name not in _catalog():
        raise InvalidInput(f"unknown table {name!r}; the tables are: "
                           f"{', '.join(table_names())}")
    return _catalog()[name]


def columns(name: str) -> list[str]:
    return [c["name"] for c in entry(name)["columns"]]


def key(name: str) -> list[str]:
    return list(entry(name)["primary_key"])


def fingerprint(name: str) -> str:
    return entry(name)["fingerprint"]


@lru_cache(maxsize=None)
def load_spec(name: str) -> tuple:
    """(column, pandas dtype, nullable, min, max) for each column."""
    spec = []
    for c in entry(name)["columns"]:
        bounds = {k["name"]: k.get("statistics", {}) for k in c["checks"]}
        spec.append((c["name"], _pandas_dtype(c), c["nullable"],
                     bounds.get("greater_than_or_equal_to", {}).get("min_value"),
                     bounds.get("less_than_or_equal_to", {}).get("max_value")))
    return tuple(spec)


def _pandas_dtype(column: dict):
    if column["dtype"] == "category":
        return pd.CategoricalDtype(column["categories"], ordered=column["ordered"])
    return pd.api.types.pandas_dtype({"string": "str"}.get(column["dtype"], column["dtype"]))
