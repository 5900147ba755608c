"""Outputs are never half-written and builds do not interleave (stances.atomic),
and the package keeps away from unsafe loaders."""

import re
import signal
import subprocess
import sys

import pytest

import stances
from conftest import REPO, append_row, run_cli
from stances.pipeline import build
from stances.errors import StancesValidationError

# A build that announces each Parquet file it writes and then waits, so that
# a test can stop it at a known point in the middle of writing.
SLOW_BUILD = """
import sys, time
import stances.pipeline.write as write
real = write.pq.write_table
def slow(*args, **kwargs):
    real(*args, **kwargs)
    print("wrote", flush=True)
    time.sleep(60)
write.pq.write_table = slow
from stances.pipeline import build
build(sys.argv[1], sys.argv[2])
"""


def _start_slow_build(raw, out):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(raw), str(out)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "wrote"  # one file written, mid-build
    return proc


def _snapshot(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_a_build_killed_mid_write_leaves_the_previous_outputs_intact(raw_dir, tmp_path):
    out = tmp_path / "processed"
    build(raw_dir, out)
    before = _snapshot(out)
    append_row(raw_dir / "observations.csv",
               "fix-new,UZB,war,2022-03-01,neutral,0,official_statement,medium,"
               "fixture-news,paragraph 9,A fixture statement calling for talks.,,,,,,")
    proc = _start_slow_build(raw_dir, out)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert _snapshot(out) == before
    assert len(stances.load("observations", directory=out)) > 0
    build(raw_dir, out)  # the next build cleans up and succeeds
    assert "fix-new" in set(stances.load("observations", directory=out).observation_id)
    assert not [p for p in tmp_path.iterdir() if re.search(r"\.(new|old)-", p.name)]


def test_a_second_build_at_once_is_refused_with_a_clear_message(raw_dir, tmp_path):
    out = tmp_path / "processed"
    proc = _start_slow_build(raw_dir, out)
    try:
        second = run_cli("build", "--raw", str(raw_dir), "--out", str(out),
                         fresh_process=True)
        assert second.returncode == 1
        assert "another build is writing" in second.stderr
        assert f"pid {proc.pid}" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_observation_citing_itself_is_refused(raw_dir):
    append_row(raw_dir / "observations.csv",
               "self-cite,UZB,war,2022-03-01,neutral,0,official_statement,medium,"
               "self-cite,paragraph 9,A fixture statement calling for talks.,,,,,,")
    with pytest.raises(StancesValidationError) as info:
        stances.pipeline.validate_raw(raw_dir)
    rules = {(f.column, f.rule) for f in info.value.failures}
    assert ("source_id", "an observation cannot cite itself") in rules


def test_no_pickle_no_eval_no_unsafe_yaml_in_the_package():
    for path in (REPO / "stances").rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"\bimport pickle\b|read_pickle|\beval\(|\bexec\(", text), path
        assert not re.search(r"yaml\.load\((?!.*SafeLoader)", text), path


def test_stale_processed_files_differ_from_a_rebuild_is_caught(raw_dir, tmp_path):
    """What CI relies on: the committed outputs are compared with a rebuild."""
    out = tmp_path / "processed"
    build(raw_dir, out)
    committed = stances.load("observations", directory=out)
    append_row(raw_dir / "observations.csv",
               "fix-new,UZB,war,2022-03-01,neutral,0,official_statement,medium,"
               "fixture-news,paragraph 9,A fixture statement calling for talks.,,,,,,")
    rebuilt = build(raw_dir, tmp_path / "again")["observations"]
    from stances.compare import diff_table
    changes = diff_table(committed, rebuilt, "observations")
    assert changes[["key", "change"]].values.tolist() == [["fix-new", "added"]]


def test_a_text_write_that_fails_midway_leaves_the_old_file_whole(tmp_path, monkeypatch):
    from stances import atomic
    path = tmp_path / "releases.json"
    path.write_text("[]\n")

    def fail(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_text_atomic(path, "[{\"version\": \"9.9.9\"}]\n")
    assert path.read_text() == "[]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["releases.json"]  # no temp left
