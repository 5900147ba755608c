"""Processed tables -> data/processed/*.parquet, all or nothing."""

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from ..arrow import to_arrow
from ..atomic import staged

def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write every table into a fresh directory beside `out_dir`, then swap
    it in, so that a failure at any point leaves `out_dir` as it was."""
    out_dir = Path(out_dir)
    with staged(out_dir) as staging:
        for name, frame in tables.items():
            pq.write_table(to_arrow(name, frame), staging / f"{name}.parquet",
                           compression="zstd")
    return sorted(out_dir.glob("*.parquet"))
