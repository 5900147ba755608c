import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The real actors (every UN member, for the rules that need the whole
# membership); the roll calls are the tests' own (see FIXTURE_ROLLCALLS).
REAL_FILES = ["actors.csv"]


@pytest.fixture
def raw_dir(tmp_path):
    """A raw directory with tiny sources and observations of the tests' own,
    their own roll calls, and the real actors."""
    return make_raw_dir(tmp_path)


def make_raw_dir(base: Path) -> Path:
    """The fixture raw directory, made under `base` (for fixtures of a wider
    scope than one test)."""
    raw = base / "raw"
    shutil.copytree(FIXTURES / "raw", raw)
    for name in REAL_FILES:
        shutil.copy(REPO / "data" / "raw" / name, raw / name)
    write_rollcalls(raw)
    return raw


# Two made-up General Assembly roll calls of a session that does not exist
# (99): every UN member votes yes unless named here. Tallies follow from them.
FIXTURE_ROLLCALLS = {
    "99/1": ("2022-03-02", {"no": ["BLR", "ERI", "PRK", "RUS", "SYR"],
                            "abstain": ["CHN", "IND", "KAZ"], "non_voting": ["VEN"]}),
    "99/2": ("2022-04-07", {"no": ["BLR", "KAZ", "RUS"], "abstain": ["CHN", "IND"],
                            "non_voting": ["AFG", "VEN"]}),
}
FIXTURE_MAPPING = [  # resolution, issue, specificity
    ("99/1", "war", "specific"), ("99/1", "recognition", "bundled"),
    ("99/2", "war", "specific")]
STANCE_OF_VOTE = {"war": {"yes": ("condemns", 1), "abstain": ("neutral", 0),
                          "no": ("sympathetic", -1)},
                  "recognition": {"yes": ("rejects", 1), "abstain": ("neutral", 0),
                                  "no": ("sympathetic", -1)}}


def write_rollcalls(raw: Path) -> None:
    """resolutions.csv, unga_votes.csv and vote_mapping.csv from
    FIXTURE_ROLLCALLS, for the UN members in raw/actors.csv."""
    with open(raw / "actors.csv", newline="", encoding="utf-8") as f:
        members = sorted(r["actor_id"] for r in csv.DictReader(f)
                         if r["un_status"] == "member")
    resolutions, votes = [], []
    for res, (date, named) in FIXTURE_ROLLCALLS.items():
        vote_of = {state: vote for vote, states in named.items() for state in states}
        cast = [(res, state, vote_of.get(state, "yes")) for state in members]
        votes += cast
        tally = [sum(v == option for _, _, v in cast)
                 for option in ("yes", "no", "abstain", "non_voting")]
        resolutions.append([res, f"A/RES/{res}", "general_assembly", "true", date,
                            f"Fixture resolution {res}", "", "", *tally,
                            "fixture-rollcall", "fixture-tally", "made up for the tests"])
    mapping = [[res, vote, issue, *STANCE_OF_VOTE[issue][vote],
                f"Fixture mapping: {vote} on {issue}.", specificity]
               for res, issue, specificity in FIXTURE_MAPPING
               for vote in ("yes", "abstain", "no")]
    _write_csv(raw / "resolutions.csv", RESOLUTION_COLUMNS, resolutions)
    _write_csv(raw / "unga_votes.csv", ["resolution_id", "actor_id", "vote"], votes)
    _write_csv(raw / "vote_mapping.csv", ["resolution_id", "vote", "issue", "stance",
                                          "score", "rationale", "specificity"], mapping)


RESOLUTION_COLUMNS = ["resolution_id", "symbol", "body", "adopted", "date", "title",
                      "draft", "meeting_record", "yes", "no", "abstain", "non_voting",
                      "source_id", "tally_source_id", "note"]


def _write_csv(path: Path, header: list[str], rows: list) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


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


def modules_loaded_by(code: str, prefixes=("stances",)) -> set[str]:
    """The modules (by default the stances ones) a fresh interpreter has
    loaded after `code`: for the tests that one part of the package never
    imports another."""
    script = (code + "; import sys; "
              f"print(' '.join(m for m in sys.modules if m.startswith({tuple(prefixes)!r})))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True,
                         text=True, check=True).stdout
    return set(out.split())
