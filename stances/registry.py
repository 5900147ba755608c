"""Which versions of the data exist: the one installed, the releases the
package knows of, and the ones in the download cache."""

import json

import pandas as pd
import pyarrow.parquet as pq

from ._version import RELEASE_DATE, __version__
from .catalog import table_names
from .reading import data_dir
from .trust import known_releases


def manifest_rows(manifest: dict) -> dict[str, int]:
    """Each table's row count, as a release manifest gives it."""
    return {f["table"]: f["rows"] for f in manifest["files"]
            if f.get("format") == "parquet"}


def _installed_rows() -> dict:
    directory = data_dir()
    return {name: pq.ParquetFile(directory / f"{name}.parquet").metadata.num_rows
            for name in table_names() if (directory / f"{name}.parquet").is_file()}


def _cached() -> list[dict]:
    found = []
    from .fetch import cache_dir  # downloading code, only when asked
    for path in sorted(cache_dir().glob("v*/manifest.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        rows = manifest_rows(manifest)
        found.append({"version": manifest["version"], "date": manifest["build_date"],
                      "where": "cache", "rows": rows})
    return found


def versions() -> pd.DataFrame:
    """One row per version: its date, where it is (installed, release, cache),
    whether load() serves it by default, and each table's row count."""
    entries = [{"version": __version__, "date": RELEASE_DATE, "where": "installed",
                "rows": _installed_rows()}]
    entries += [{**r, "where": "release"} for r in known_releases()]
    entries += _cached()
    frame = pd.DataFrame([{"version": e["version"], "date": e["date"],
                           "where": e["where"],
                           "default": e["where"] == "installed",
                           **{t: e["rows"].get(t) for t in table_names()}} for e in entries])
    return frame.astype({t: "Int64" for t in table_names()}).astype({"date": "datetime64[s]"})
