"""Loading: dtypes restored, validated, and never importing the build."""

import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

import stances
from stances.build import build
from stances.errors import StancesValidationError


@pytest.fixture
def processed(raw_dir, tmp_path):
    out = tmp_path / "processed"
    build(raw_dir, out)
    return out


def test_load_restores_dtypes(processed):
    obs = stances.load("observations", directory=processed)
    for column in ("issue", "stance", "evidence_type", "confidence"):
        assert isinstance(obs[column].dtype, pd.CategoricalDtype)
        assert obs[column].cat.ordered
    assert list(obs.issue.cat.categories) == ["war", "recognition", "sanctions"]
    assert obs.date.dtype.kind == "M"
    assert str(obs.score.dtype) == "Int8"
    assert obs.attrs["stances_version"] == stances.__version__
    actors = stances.load("actors", directory=processed)
    assert str(actors.speaks_for_state.dtype) == "boolean"


def test_unknown_table_lists_the_tables():
    with pytest.raises(ValueError, match="the tables are: actors, sources, observations, resolutions"):
        stances.load("votes")


def test_tables_lists_every_table():
    assert list(stances.tables().table) == [
        "actors", "sources", "observations", "resolutions", "unga_votes",
        "vote_mapping", "panel", "state_month"]


def test_validate_a_users_frame(processed):
    obs = stances.load("observations", directory=processed)
    obs.loc[0, "score"] = 2
    with pytest.raises(StancesValidationError) as info:
        stances.validate("observations", obs)
    assert [(f.row, f.column, f.rule) for f in info.value.failures] == [
        (1, "score", "does not agree with the stance label")]


def test_stale_fingerprint_is_refused(processed):
    path = processed / "sources.parquet"
    table = pq.read_table(path)
    meta = {**table.schema.metadata, b"stances.schema_fingerprint": b"0000"}
    pq.write_table(table.replace_schema_metadata(meta), path)
    with pytest.raises(ValueError, match="sources.parquet: schema fingerprint 0000"):
        stances.load("sources", directory=processed)


def test_loading_never_imports_the_build():
    code = ("import sys, stances; stances.load('observations'); "
            "print(any(m.startswith('stances.build') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "False"
