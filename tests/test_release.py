"""Release bundles: complete, described, reproducible."""

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import REPO
from stances.models import TABLES
from stances.release import make_release

DAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return make_release("1.2.3", tmp_path_factory.mktemp("rel") / "v1.2.3", today=DAY)


def test_bundle_holds_every_table_and_the_documents(release):
    names = {p.name for p in release.iterdir()}
    for table in TABLES:
        assert {f"{table}.parquet", f"{table}.csv"} <= names
    assert {"manifest.json", "datapackage.json", "CITATION.cff", "codebook.md"} <= names


def test_manifest_lists_every_file_with_its_checksum(release):
    manifest = json.loads((release / "manifest.json").read_text())
    assert (manifest["version"], manifest["build_date"]) == ("1.2.3", "2026-11-25")
    listed = {f["name"] for f in manifest["files"]}
    assert listed == {p.name for p in release.iterdir()} - {"manifest.json"}
    import hashlib
    for f in manifest["files"]:
        data = (release / f["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"]
        assert len(data) == f["bytes"]
    panel = next(f for f in manifest["files"] if f["name"] == "panel.parquet")
    assert panel["rows"] == len(pd.read_parquet(release / "panel.parquet"))


def test_parquet_carries_the_release_version(release):
    import pyarrow.parquet as pq
    meta = pq.read_schema(release / "observations.parquet").metadata
    assert meta[b"stances.version"] == b"1.2.3"


def test_datapackage_describes_every_table_and_field(release):
    package = json.loads((release / "datapackage.json").read_text())
    csv = {r["name"]: r for r in package["resources"] if r["format"] == "csv"}
    assert set(csv) == {f"{t}-csv" for t in TABLES}
    fields = [f["name"] for f in csv["observations-csv"]["schema"]["fields"]]
    assert fields == TABLES["observations"].columns
    issue = next(f for f in csv["observations-csv"]["schema"]["fields"] if f["name"] == "issue")
    assert issue["constraints"]["enum"] == ["war", "recognition", "sanctions"]


def test_same_data_gives_the_same_checksums(release, tmp_path):
    again = make_release("1.2.3", tmp_path / "again", today=dt.date(2026, 12, 1))
    first, second = (json.loads((d / "manifest.json").read_text())["files"]
                     for d in (release, again))
    tables = lambda files: {f["name"]: (f["sha256"], f["content_sha256"])  # noqa: E731
                            for f in files if "table" in f}
    assert tables(first) == tables(second)


def test_citation_file_is_valid_cff(release):
    pytest.importorskip("cffconvert")
    for path in (release / "CITATION.cff", REPO / "CITATION.cff"):
        result = subprocess.run([sys.executable, "-m", "cffconvert.cli.cli",
                                 "--validate", "-i", str(path)],
                                capture_output=True, text=True)
        if result.returncode and "No module named" in result.stderr:
            result = subprocess.run(["cffconvert", "--validate", "-i", str(path)],
                                    capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    assert 'version: "1.2.3"' in (release / "CITATION.cff").read_text()


def test_bad_version_is_refused(tmp_path):
    with pytest.raises(ValueError, match="MAJOR.MINOR.PATCH"):
        make_release("../1", tmp_path / "x")


def test_csv_cells_that_would_run_as_formulas_are_neutralised(raw_dir, tmp_path):
    from conftest import replace_line
    from stances.build import build
    from stances.release import spreadsheet_safe
    replace_line(raw_dir / "observations.csv", "The president said his state",
                 '=HYPERLINK(""http://example.org"") The president said his state')
    build(raw_dir, tmp_path / "p1", today=DAY)
    first = make_release("1.0.0", tmp_path / "v1", tmp_path / "p1", today=DAY)
    replace_line(raw_dir / "observations.csv", "A regional leader rebuked",
                 "@SUM(1) A regional leader rebuked")
    build(raw_dir, tmp_path / "p2", today=DAY)
    second = make_release("1.0.1", tmp_path / "v2", tmp_path / "p2", today=DAY,
                          previous=first)
    obs = pd.read_csv(first / "observations.csv")
    assert obs.summary.str.startswith("'=HYPERLINK").sum() == 1
    assert (pd.read_csv(first / "observations.csv").score < 0).any()  # numbers stay
    changed = pd.read_csv(second / "diff.csv", dtype=str)
    assert "'@SUM(1) A regional leader rebuked allies for not backing the invasion." in set(
        changed.new)
    assert not pd.read_parquet(first / "observations.parquet").summary.str.startswith(
        "'").any()  # the Parquet files keep the values as coded
    cells = pd.DataFrame({"a": ["-2", "+1.5", "-x", "=1", "\tx", None, "ok"]})
    safe = spreadsheet_safe(cells).a
    assert safe.isna().tolist() == [False] * 5 + [True, False]
    assert safe.dropna().tolist() == ["-2", "+1.5", "'-x", "'=1", "'\tx", "ok"]


def test_a_second_release_into_the_same_folder_at_once_is_refused(tmp_path):
    from stances.build.atomic import BuildLocked, output_lock
    out = tmp_path / "v1.2.4"
    with output_lock(out):
        with pytest.raises(BuildLocked, match="another build is writing"):
            make_release("1.2.4", out, today=DAY)
    assert not out.exists()
