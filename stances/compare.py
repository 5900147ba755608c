"""Row-level differences between two versions of the data, by primary key."""

from pathlib import Path

import pandas as pd

from ._version import is_version
from .errors import InvalidInput
from . import catalog
from .reading import load

CHANGES = ["added", "removed", "changed"]


def _load(which, name: str) -> pd.DataFrame:
    """`which`: a version ("0.1.0"), "installed", or a directory of Parquet files."""
    if which == "installed":
        return load(name)
    if Path(str(which)).is_dir():
        return load(name, directory=which)
    return load(name, version=str(which))


def _check(which) -> None:
    """Each side names something that can exist, before anything is fetched."""
    if which == "installed" or Path(str(which)).is_dir() or is_version(str(which)):
        return
    raise InvalidInput(f"{which!r} is neither a folder that exists nor a version of "
                     "the form MAJOR.MINOR.PATCH (nor 'installed')")


def _text(series: pd.Series) -> pd.Series:
    """Values as text, so that old and new share a column; dates as dates."""
    if series.dtype.kind == "M":
        return series.dt.strftime("%Y-%m-%d").astype("object")
    return series.astype("object").map(lambda v: None if pd.isna(v) else str(v))


def _keys(index: pd.Index) -> list[str]:
    """A row's primary key as one text, parts joined by '|', dates as dates."""
    frame = index.to_frame(index=False)
    if not len(frame):
        return []
    return frame.apply(_text).astype("str").agg("|".join, axis=1).tolist()


def diff_table(old: pd.DataFrame, new: pd.DataFrame, name: str) -> pd.DataFrame:
    """One row per added or removed row, and per changed cell."""
    key = catalog.key(name)
    old_t, new_t = (f.set_index(key).apply(_text) for f in (old, new))
    both = old_t.index.intersection(new_t.index)
    a, b = old_t.loc[both], new_t.loc[both, old_t.columns]
    differs = ((a != b) & ~(a.isna() & b.isna())).stack()
    cells = differs[differs].index
    changed = pd.DataFrame({"key": _keys(cells.droplevel(-1)), "change": "changed",
                            "column": cells.get_level_values(-1),
                            "old": a.stack().reindex(cells).to_numpy(),
                            "new": b.stack().reindex(cells).to_numpy()})
    out = pd.concat([
        pd.DataFrame({"key": _keys(new_t.index.difference(old_t.index)), "change": "added"}),
        pd.DataFrame({"key": _keys(old_t.index.difference(new_t.index)), "change": "removed"}),
        changed], ignore_index=True).assign(table=name)
    if "issue" in new.columns:
        rows = pd.concat([old, new]).drop_duplicates(key, keep="last")
        out["issue"] = out.key.map(dict(zip(_keys(rows.set_index(key).index),
                                            rows.issue.astype("str"))))
    return out.reindex(columns=["table", "key", "issue", "change", "column", "old", "new"])


def diff(a, b, table: str | None = None) -> pd.DataFrame:
    """Rows added, removed and changed from `a` to `b` (versions, "installed",
    or directories), for one table or all; changed cells with old and new."""
    names = [catalog.entry(table)["table"]] if table else catalog.table_names()
    _check(a)
    _check(b)
    return pd.concat([diff_table(_load(a, n), _load(b, n), n) for n in names],
                     ignore_index=True)


def summary(changes: pd.DataFrame) -> pd.DataFrame:
    """Counts of added, removed and changed rows per table and issue."""
    rows = changes.drop_duplicates(["table", "key", "change"]).assign(
        issue=lambda d: d.issue.fillna("-"))
    counts = rows.groupby(["table", "issue", "change"]).size().unstack(fill_value=0)
    return counts.reindex(columns=CHANGES, fill_value=0).reset_index().rename_axis(
        columns=None)
