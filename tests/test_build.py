"""The build: Parquet with metadata, atomic writes, and the command line."""

import re

import pyarrow.parquet as pq
import pytest

from conftest import REPO, replace_line, run_cli
from stances.pipeline import build
from stances.arrow import META_FINGERPRINT, META_VERSION
from stances.models import TABLES
from stances.models.export import fingerprint


def test_build_writes_one_parquet_per_table_with_metadata(raw_dir, tmp_path):
    out = tmp_path / "processed"
    tables = build(raw_dir, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{n}.parquet" for n in TABLES)
    for name, frame in tables.items():
        parquet = pq.ParquetFile(out / f"{name}.parquet")
        meta = parquet.schema_arrow.metadata
        assert meta[META_FINGERPRINT].decode() == fingerprint(name)
        assert meta[META_VERSION]
        assert parquet.metadata.num_rows == len(frame)
        assert parquet.metadata.row_group(0).column(0).compression == "ZSTD"
    date_type = pq.read_schema(out / "observations.parquet").field("date").type
    assert str(date_type) == "date32[day]"


def test_failed_build_leaves_previous_outputs_untouched(raw_dir, tmp_path):
    out = tmp_path / "processed"
    build(raw_dir, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    replace_line(raw_dir / "observations.csv", ",KAZ,", ",KZX,")
    # end to end: the installed entry point, in a process of its own
    result = run_cli("build", "--raw", str(raw_dir), "--out", str(out), fresh_process=True)
    assert result.returncode == 1 and "KZX" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".lock") == [
        "processed", "raw"]


def test_cli_reports_every_failure_without_a_traceback(raw_dir, tmp_path):
    replace_line(raw_dir / "observations.csv", ",KAZ,", ",KZX,")
    replace_line(raw_dir / "sources.csv", "2022-06-18", "2022-13-01")
    result = run_cli("build", "--raw", str(raw_dir), "--out", str(tmp_path / "o"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{raw_dir}/observations.csv:2:actor_id: 'KZX': unknown actor" in result.stderr
    assert f"{raw_dir}/sources.csv:2:published: '2022-13-01': not a real calendar date" in result.stderr
    assert result.stderr.startswith("2 problems found:")
    assert not (tmp_path / "o").exists()


def test_cli_validate_checks_without_writing(raw_dir, tmp_path):
    result = run_cli("validate", "--raw", str(raw_dir), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{raw_dir}: valid (actors ")  # not "invalid"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_cli_build_prints_a_summary(raw_dir, tmp_path):
    result = run_cli("build", "--raw", str(raw_dir), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    tables = build(raw_dir, tmp_path / "again")
    for name, frame in tables.items():
        assert re.search(rf"^  {name} +{len(frame)}$", result.stdout, re.M), name
    rejects = ((tables["observations"].issue == "recognition")
               & (tables["observations"].stance == "rejects")).sum()
    assert re.search(rf"^  recognition +rejects +{rejects}$", result.stdout, re.M)


def test_cli_unknown_command_is_a_usage_error():
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr and "usage: stances" in result.stderr


def test_cli_runs_from_the_repository_with_defaults(tmp_path):
    # --out elsewhere, so that the committed outputs stay as they are
    result = run_cli("build", "--out", str(tmp_path / "o"), cwd=REPO)
    assert result.returncode == 0, result.stderr
    import stances
    built = stances.load("observations", directory=tmp_path / "o")
    assert len(built) == len(stances.load("observations"))  # the real raw data, read by default
    assert re.search(rf"^  observations +{len(built)}$", result.stdout, re.M)


def test_messages_point_the_right_way_for_missing_folders(tmp_path):
    import stances
    done = run_cli("build", "--raw", str(tmp_path / "nowhere"), "--out",
                   str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 1 and "no such folder" in done.stderr
    assert "Check the path given to --raw" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # no lock, no data/ left behind
    with pytest.raises(FileNotFoundError, match="no such folder"):
        stances.load("panel", directory=tmp_path / "nowhere")
    with pytest.raises(ValueError, match="neither a folder that exists nor a version"):
        stances.diff("installed", tmp_path / "nowhere")


def test_operating_system_failures_are_one_line_and_an_out_symlink_is_refused(raw_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = run_cli("build", "--raw", str(raw_dir), "--out", str(blocker / "out"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("stances build: could not write or read")
    assert len(done.stderr.strip().splitlines()) == 1
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    done = run_cli("build", "--raw", str(raw_dir), "--out", str(tmp_path / "link"))
    assert done.returncode == 1 and "is a symbolic link" in done.stderr
