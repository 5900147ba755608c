"""Outputs are never half-written: one build at a time per output directory
(a lock), files written into a staging directory, then swapped in at once.

The swap is two plain renames (os.replace), on every system: a build that
finds the output missing but its previous copy beside it (a process killed
between the renames) puts that copy back first."""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import StancesError


class BuildLocked(StancesError, RuntimeError):
    """Another build is writing the same output directory."""


@contextmanager
def output_lock(out_dir: Path):
    """Hold an exclusive lock on `out_dir` for the length of a build (the
    filelock library's, released by the system if the process dies); the
    holder's process id is kept beside it for the message a second build
    gets."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    path = out_dir.with_name(f".{out_dir.name}.lock")
    holder_file = path.with_name(path.name + ".pid")
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        holder = (holder_file.read_text().strip() if holder_file.is_file()
                  else "") or "another process"
        raise BuildLocked(
            f"another build is writing {out_dir} (lock {path} held by "
            f"{holder}); wait for it to finish, then build again") from None
    try:
        holder_file.write_text(f"pid {os.getpid()}")
        _recover(out_dir)
        yield
    finally:
        holder_file.unlink(missing_ok=True)
        lock.release()


@contextmanager
def staged(out_dir: Path):
    """A fresh folder beside `out_dir` to write into: swapped in whole when
    the block ends without error, removed in every case. The one staging
    code of builds and releases (the caller holds the output lock)."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the outputs are not
    try:
        yield staging
        swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _recover(out_dir: Path) -> None:
    """Undo what a killed build left: restore a missing output from its
    previous copy, and remove stale staging directories."""
    leftovers = sorted(out_dir.parent.glob(f".{out_dir.name}.*-*"))
    olds = [p for p in leftovers if ".old-" in p.name]
    if not out_dir.exists() and olds:
        os.replace(olds[-1], out_dir)
    for path in out_dir.parent.glob(f".{out_dir.name}.*-*"):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace `out_dir` with `staging` by two renames; the old contents end
    up deleted. A process killed between the renames leaves the old copy
    beside the missing output, and the next build's _recover puts it back."""
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def write_text_atomic(path: Path, text: str | bytes) -> None:
    """Write a file (text as UTF-8, or bytes) whole or not at all: into a
    temporary file beside it, flushed to disk, then renamed over it (one
    rename is atomic)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
