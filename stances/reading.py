"""Parquet -> typed, validated DataFrame. Imports the models, never the pipeline."""

from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import catalog
from .conform import conform
from .errors import InvalidInput, NotFound, StancesValidationError

_REPO_PROCESSED = Path(__file__).resolve().parent.parent / "data" / "processed"


def data_dir() -> Path:
    """Where the installed package keeps its Parquet files: inside the package
    when installed from a wheel, data/processed/ in a source checkout."""
    shipped = Path(str(resources.files("stances") / "_data"))
    for candidate in (shipped, _REPO_PROCESSED):
        if (candidate / "observations.parquet").is_file():
            return candidate
    raise NotFound(
        f"no processed data found in {shipped} or {_REPO_PROCESSED}; in a "
        "source checkout, run 'stances build' first")


def tables() -> pd.DataFrame:
    """The tables that `load` serves, with a one-line description each."""
    return pd.DataFrame(
        [(name, catalog.entry(name)["description"]) for name in catalog.table_names()],
        columns=["table", "description"])


# A real table expands about 1-5 times from its Parquet file; a file that
# would expand far more, to something large, is refused before it is read.
MAX_EXPANSION = 100
EXPANSION_FLOOR_BYTES = 64 * 2**20


def _refuse_bombs(path: Path) -> None:
    """Read the file's metadata first: refuse one whose uncompressed size is
    out of all proportion to its size on disk (a decompression bomb)."""
    try:
        meta = pq.ParquetFile(path).metadata
    except (pa.ArrowException, OSError):
        return  # the read below reports an unreadable file
    expanded = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    on_disk = max(path.stat().st_size, 1)
    if expanded > EXPANSION_FLOOR_BYTES and expanded > MAX_EXPANSION * on_disk:
        raise InvalidInput(f"{path}: would expand from {on_disk:,} to {expanded:,} bytes "
                         f"(more than {MAX_EXPANSION} times); refusing to read it. "
                         "Download the release again from its official location.")


def load(name: str, version: str | None = None, *, directory=None,
         validate: str = "fast", columns: list[str] | None = None) -> pd.DataFrame:
    """Load a table with its dtypes (ordered categoricals, dates, nullable
    integers), checked against its schema: the data shipped with the
    package, or, with `version`, that release (downloaded once, verified
    against its manifest, then read from the cache offline).

    validate="fast" (the default) checks the file's structure: columns,
    required cells, ranges, categories and dtypes (see stances.conform);
    validate="full" also re-runs every rule the build ran.
    columns reads only those columns (in the table's order), which is what
    keeps memory low on large tables; the fast checks then cover them only.

    >>> obs = load("observations")
    >>> panel = load("panel", version="0.1.0")
    """
    if validate not in ("fast", "full"):
        raise InvalidInput(f"validate must be 'fast' or 'full', not {validate!r}")
    columns = _columns(name, columns, validate)  # an unknown name never reaches a path
    if version is not None:
        from .fetch import fetch
        path = fetch(version, f"{name}.parquet")
    else:
        if directory is not None and not Path(directory).is_dir():
            raise NotFound(f"{directory}: no such folder; pass the folder "
                                    "that holds the Parquet files (a build's --out, "
                                    "or a release folder)")
        path = Path(directory or data_dir()) / f"{name}.parquet"
    _refuse_bombs(path)
    try:
        table = pq.read_table(path, columns=columns)
    except (pa.ArrowException, OSError) as err:
        raise InvalidInput(f"{path}: cannot be read as Parquet ({err}). Rebuild it "
                         "with 'stances build', reinstall the package, or "
                         "download the release again.") from None
    meta = table.schema.metadata or {}
    found = meta.get(catalog.META_FINGERPRINT, b"").decode()
    if found != catalog.fingerprint(name):
        raise InvalidInput(
            f"{path}: schema fingerprint {found or '(none)'} does not match "
            f"this version of stances ({catalog.fingerprint(name)}); rebuild it with "
            "'stances build' or reinstall the package")
    advice = ("The file is damaged or stale: rebuild it with 'stances build', "
              "reinstall the package, or download the release again.")
    large = table.nbytes > 2**26
    frame, failures = conform(name, table, str(path), columns)
    del table
    if large:  # Arrow's allocator keeps what a big read used and freed: hand
        # it back, so that work on the frame does not start with that peak
        # held (on small tables the call costs more than it returns)
        pa.default_memory_pool().release_unused()
    if failures:
        raise StancesValidationError(failures, advice)
    if validate == "full":
        frame = _validate(name, frame, file=str(path), advice=advice)
    frame.attrs["stances_version"] = meta.get(catalog.META_VERSION, b"").decode()
    return frame


def _columns(name: str, columns, validate: str) -> list[str] | None:
    """The requested columns in the table's order, or None for all."""
    every = catalog.columns(name)  # an unknown table is refused here
    if columns is None:
        return None
    unknown = [c for c in columns if c not in every]
    if unknown:
        raise InvalidInput(f"{name} has no column {', '.join(map(repr, unknown))}; "
                           f"its columns are {', '.join(every)}")
    if validate == "full":
        raise InvalidInput("validate='full' runs rules across all the columns: "
                           "load every column for it, or use validate='fast'")
    return [c for c in every if c in columns]


def _validate(name: str, frame: pd.DataFrame, *, file=None,
              advice="Fix the rows above.") -> pd.DataFrame:
    """Validate (and coerce) a frame against the schema of table `name`:
    every rule of the table's own schema, not the rules across tables (an
    unknown actor or source), which need the other tables and run in the
    build; raises StancesValidationError listing every failure, by row."""
    from .fullcheck import validate_full  # pandera, only for the full rules
    return validate_full(name, frame, file or name, advice)


validate = _validate  # public name: stances.validate(name, frame)
