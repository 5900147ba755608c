"""A table as an Arrow table for Parquet: dates as DATE columns, and the
table's name, the dataset version, the schema fingerprint and the order of
each categorical column's labels in the file's metadata. Shared by the build and the release, so neither imports the other."""

import json
from functools import lru_cache

import pandas as pd
import pyarrow as pa

from ._version import __version__
from .catalog import META_CATEGORIES, META_FINGERPRINT, META_TABLE, META_VERSION
from .models.export import fingerprint, table_spec

__all__ = ["META_CATEGORIES", "META_FINGERPRINT", "META_TABLE", "META_VERSION",
           "category_order", "to_arrow"]


@lru_cache(maxsize=None)
def category_order(name: str) -> bytes:
    return json.dumps({c["name"]: c["categories"] for c in table_spec(name)["columns"]
                       if c["dtype"] == "category"}).encode()


def to_arrow(name: str, frame: pd.DataFrame, version: str = __version__) -> pa.Table:
    """Dates become Parquet DATE columns, so that every reader sees a date."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(i, field.name,
                                     table.column(i).cast(pa.date32()))
    meta = {**(table.schema.metadata or {}), META_TABLE: name.encode(),
            META_VERSION: version.encode(),
            META_FINGERPRINT: fingerprint(name).encode(),
            META_CATEGORIES: category_order(name)}
    return table.replace_schema_metadata(meta)
