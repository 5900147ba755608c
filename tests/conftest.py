import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_FILES = ["actors.csv", "resolutions.csv", "unga_votes.csv", "vote_mapping.csv"]
ROLLCALL_SOURCES = ("source_id", "tally_source_id")


@pytest.fixture
def raw_dir(tmp_path):
    """A raw directory with tiny sources and observations of the tests' own,
    and the real actors and roll calls (rules that need every UN member)."""
    return make_raw_dir(tmp_path)


def make_raw_dir(base: Path) -> Path:
    """The fixture raw directory, made under `base` (for fixtures of a wider
    scope than one test)."""
    raw = base / "raw"
    shutil.copytree(FIXTURES / "raw", raw)
    for name in REAL_FILES:
        shutil.copy(REPO / "data" / "raw" / name, raw / name)
    _add_rollcall_sources(raw)
    return raw


def _add_rollcall_sources(raw: Path) -> None:
    """The real roll calls cite real sources: add those the fixture lacks."""
    real = REPO / "data" / "raw"
    with open(real / "resolutions.csv", newline="", encoding="utf-8") as f:
        cited = {r[c] for r in csv.DictReader(f) for c in ROLLCALL_SOURCES}
    with open(raw / "sources.csv", newline="", encoding="utf-8") as f:
        have = {r["source_id"] for r in csv.DictReader(f)}
    with open(real / "sources.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["source_id"] in cited - have]
    with open(raw / "sources.csv", "a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(r.values() for r in rows)


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_row(path: Path, row: str) -> int:
    """Append a row; return its line number."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


def run_cli(*args, cwd=REPO, fresh_process=False):
    """The command line, in this process (fast), as `main([...])` run from
    `cwd`: its exit code and what it printed. fresh_process=True runs it as
    `python -m stances.cli` instead, for the tests that need a second
    process (two builds contending for the lock) or the real entry point."""
    if fresh_process:
        return subprocess.run([sys.executable, "-m", "stances.cli", *args],
                              capture_output=True, text=True, cwd=cwd)
    import contextlib
    import io
    import os

    from stances.cli import main
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exit_:  # argparse: --help, --version, usage errors
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def modules_loaded_by(code: str) -> set[str]:
    """The stances modules a fresh interpreter has loaded after `code`: for
    the tests that one part of the package never imports another."""
    script = (code + "; import sys; "
              "print(' '.join(m for m in sys.modules if m.startswith('stances')))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True,
                         text=True, check=True).stdout
    return set(out.split())
