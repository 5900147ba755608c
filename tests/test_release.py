"""Release bundles: complete, described, reproducible."""

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import REPO, modules_loaded_by, run_cli
from stances.models import TABLES
from stances import __version__, cite
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


CFF_REQUIRED = {"cff-version", "message", "title", "authors"}  # CFF 1.2.0


def test_citation_file_holds_the_fields_every_citation_is_written_from(release):
    import yaml
    from stances.citation import RENDER, citation_fields
    for path, version in ((release / "CITATION.cff", "1.2.3"),
                          (REPO / "CITATION.cff", None)):
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert CFF_REQUIRED <= set(cff) and cff["cff-version"] == "1.2.0"
        assert cff == citation_fields(version, cff["date-released"])
    assert cff["version"] == __version__
    # BibTeX and APA are rendered from those fields, nowhere else
    assert RENDER["apa"](cff) == cite(format="apa")
    assert RENDER["bibtex"](cff) == cite(format="bibtex")


def test_datapackage_is_a_valid_data_package_v2(release):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:10]
    package = json.loads((release / "datapackage.json").read_text())
    assert package["$schema"].endswith("/2.0/datapackage.json")


def test_datapackage_catches_a_cell_outside_its_schema(release, tmp_path):
    """The descriptor's schemas can fail: a stance that is no label is found."""
    import hashlib
    import shutil
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "rel"
    shutil.copytree(release, copy)
    path = copy / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        ",war,", ",war-ish,", 1), encoding="utf-8")
    package = json.loads((copy / "datapackage.json").read_text())
    resource = next(r for r in package["resources"] if r["name"] == "observations-csv")
    data = path.read_bytes()
    resource.update(hash="sha256:" + hashlib.sha256(data).hexdigest(), bytes=len(data))
    (copy / "datapackage.json").write_text(json.dumps(package))
    report = frictionless.validate(str(copy / "datapackage.json"))
    errors = report.flatten(["type", "cell"])
    assert ["constraint-error", "war-ish"] in errors


def test_bad_version_is_refused(tmp_path):
    with pytest.raises(ValueError, match="MAJOR.MINOR.PATCH"):
        make_release("../1", tmp_path / "x")


def test_csv_cells_that_would_run_as_formulas_are_neutralised(raw_dir, tmp_path):
    from conftest import replace_line
    from stances.pipeline import build
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
    from stances.atomic import BuildLocked, output_lock
    out = tmp_path / "v1.2.4"
    with output_lock(out):
        with pytest.raises(BuildLocked, match="another build is writing"):
            make_release("1.2.4", out, today=DAY)
    assert not out.exists()



def test_keygen_then_release_signs_the_index_only_with_a_shipped_key(tmp_path, monkeypatch):
    """The maintainers' path: a key from `stances keygen`; a release signed
    with a key the package does not ship is refused before anything is
    written; with a shipped key, the index verifies and lists the release."""
    from cryptography.hazmat.primitives import serialization

    from stances import trust
    from stances.release import register, write_signed_index
    key = tmp_path / "k.pem"
    made = run_cli("keygen", str(key))
    assert made.returncode == 0 and oct(key.stat().st_mode & 0o777) == "0o600"
    registry = tmp_path / "releases.json"
    registry.write_text("[]")
    out = tmp_path / "site" / "v9.9.9"
    refused = run_cli("release", "--version", "9.9.9", "--out", str(out),
                      "--register", str(registry), "--sign-key", str(key))
    assert refused.returncode == 1 and "not one this package ships" in refused.stderr
    assert not out.exists() and registry.read_text() == "[]"

    public = made.stdout.strip().splitlines()[-1]
    raw = serialization.load_pem_private_key(key.read_bytes(), None).public_key()
    assert trust._public_line(raw) == public  # keygen prints the line to ship
    monkeypatch.setattr(trust, "trusted_keys", lambda: [raw])
    make_release("9.9.9", out, today=dt.date(2026, 12, 1))
    register(out, registry)
    index = write_signed_index(registry, key, out.parent)
    listed = trust.verify_index(index.read_bytes(),
                                (out.parent / trust.SIGNATURE).read_bytes(), "index")
    assert listed == {"9.9.9": json.loads(registry.read_text())[0]["manifest_sha256"]}


def test_the_package_ships_a_release_key():
    from stances import trust
    assert len(trust.trusted_keys()) >= 1


def test_releasing_never_imports_the_build_pipeline():
    loaded = modules_loaded_by("import stances.release")
    assert "stances.release" in loaded
    assert not [m for m in loaded if m.startswith("stances.pipeline")]
