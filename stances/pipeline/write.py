"""Processed tables -> data/processed/*.parquet, all or nothing."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .._version import __version__
from .atomic import staged
from ..models.export import fingerprint

META_VERSION = b"stances.version"
META_FINGERPRINT = b"stances.schema_fingerprint"
META_TABLE = b"stances.table"


def to_arrow(name: str, frame: pd.DataFrame, version: str = __version__) -> pa.Table:
    """Dates become Parquet DATE columns, so that every reader sees a date."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(i, field.name,
                                     table.column(i).cast(pa.date32()))
    meta = {**(table.schema.metadata or {}), META_TABLE: name.encode(),
            META_VERSION: version.encode(),
            META_FINGERPRINT: fingerprint(name).encode()}
    return table.replace_schema_metadata(meta)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write every table into a fresh directory beside `out_dir`, then swap
    it in, so that a failure at any point leaves `out_dir` as it was."""
    out_dir = Path(out_dir)
    with staged(out_dir) as staging:
        for name, frame in tables.items():
            pq.write_table(to_arrow(name, frame), staging / f"{name}.parquet",
                           compression="zstd")
    return sorted(out_dir.glob("*.parquet"))
