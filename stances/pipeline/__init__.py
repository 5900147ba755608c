"""Build the dataset: data/raw/ -> validated frames -> data/processed/."""

from pathlib import Path

from ..errors import InvalidInput, StancesValidationError
from ..atomic import output_lock
from .derive import derive
from .read import read_raw
from .validate import validate_frames
from .write import write_tables

BUILD_ADVICE = ("The build stopped; nothing was written. Fix the rows above "
                "(see data/raw/FORMAT.md) and run it again.")
CHECK_ADVICE = "Fix the rows above (see data/raw/FORMAT.md) and check again."


def validate_raw(raw_dir="data/raw", today=None, advice=CHECK_ADVICE):
    """Read and validate data/raw/; the typed frames, or every failure."""
    frames, failures = read_raw(Path(raw_dir))
    if not frames and failures and failures[0].rule.startswith("no such folder"):
        raise StancesValidationError(failures, "Check the path given to --raw; "
                                     "nothing was written.")
    typed, problems = validate_frames(frames, raw_dir, today)
    failures += problems
    if failures:
        raise StancesValidationError(failures, advice)
    return typed


def build(raw_dir="data/raw", out_dir="data/processed", today=None, as_of=None):
    """Validate data/raw/, derive the tables and write them as Parquet; one
    build at a time per output directory. `as_of` builds what was known on
    that day: evidence dated later is left out and the panel ends there."""
    if Path(out_dir).is_symlink():
        raise InvalidInput(f"--out {out_dir} is a symbolic link; give the real "
                         "folder, so that the swap replaces what you expect")
    # Validation reads only data/raw/: done before the lock, so that bad
    # input leaves nothing behind, not even a lock file.
    typed = validate_raw(raw_dir, today, advice=BUILD_ADVICE)
    with output_lock(Path(out_dir)):
        tables = derive(typed, today, as_of)
        write_tables(tables, Path(out_dir))
    return tables
