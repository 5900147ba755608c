"""Loading: dtypes restored, validated, and never importing the build."""

import pandas as pd
import pyarrow.parquet as pq
import pytest

import stances
from conftest import modules_loaded_by
from stances.errors import StancesValidationError
from stances.pipeline import build


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
        "vote_mapping", "un_names", "memberships", "instruments", "instrument_mapping",
        "instrument_participants", "third_party_findings", "panel", "state_month"]


def test_validate_a_users_frame(processed):
    obs = stances.load("observations", directory=processed)
    obs.loc[0, "score"] = 1 if obs.loc[0, "score"] != 1 else -1  # not its label's
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
    loaded = modules_loaded_by("import stances; stances.load('observations')")
    assert "stances.reading" in loaded
    assert not [m for m in loaded if m.startswith("stances.pipeline")]


def _rewrite(path, change):
    """Rewrite a built Parquet file with `change` applied, keeping its metadata."""
    import pyarrow as pa
    table = pq.read_table(path)
    frame = change(table.to_pandas())
    new = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(new.replace_schema_metadata(table.schema.metadata), path)


@pytest.mark.parametrize("name, change, rule", [
    ("observations", lambda f: f.assign(score=f.score.astype("float").where(
        f.index != 0, 7)), "must be <= 2"),
    ("observations", lambda f: f.assign(actor_id=f.actor_id.where(f.index != 1)),
     "1 empty cells in a required column"),
    ("observations", lambda f: f.assign(issue=f.issue.astype("str").where(
        f.index != 0, "peace")), "1 values outside the allowed categories"),
    ("sources", lambda f: f.drop(columns="language"), "are not the expected"),
])
def test_fast_loading_refuses_a_damaged_file(processed, name, change, rule):
    _rewrite(processed / f"{name}.parquet", change)
    with pytest.raises(StancesValidationError, match=rule) as info:
        stances.load(name, directory=processed)
    assert f"{name}.parquet" in str(info.value) and "rebuild" in str(info.value)


def test_full_validation_finds_what_only_the_build_checks(processed):
    _rewrite(processed / "observations.parquet",
             lambda f: f.assign(observation_id=f.observation_id.iloc[0]))
    stances.load("observations", directory=processed)  # structure is intact
    with pytest.raises(StancesValidationError, match="duplicate value"):
        stances.load("observations", directory=processed, validate="full")


def test_truncated_file_is_refused(processed):
    path = processed / "actors.parquet"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ValueError, match="actors.parquet: cannot be read as Parquet"):
        stances.load("actors", directory=processed)


def test_a_file_that_would_expand_out_of_all_proportion_is_refused(processed, monkeypatch):
    import importlib

    import numpy as np
    import pyarrow as pa
    loading = importlib.import_module("stances.reading")
    monkeypatch.setattr(loading, "EXPANSION_FLOOR_BYTES", 1_000_000)
    path = processed / "actors.parquet"
    pq.write_table(pa.table({"x": np.zeros(1_000_000, dtype="int64")}), path,
                   compression="zstd", use_dictionary=False,
                   column_encoding={"x": "PLAIN"})  # 8 MB that squeeze to a few kB
    with pytest.raises(ValueError, match=r"would expand from .* \(more than 100 times\)"):
        stances.load("actors", directory=processed)


def test_load_reads_only_the_columns_asked_for_in_the_tables_order():
    import stances
    full = stances.load("observations")
    some = stances.load("observations", columns=["date", "actor_id", "issue"])
    assert list(some.columns) == ["actor_id", "issue", "date"]
    pd.testing.assert_frame_equal(some, full[["actor_id", "issue", "date"]])
    with pytest.raises(ValueError, match="no column 'nope'; its columns are observation_id"):
        stances.load("observations", columns=["nope"])
    with pytest.raises(ValueError, match="validate='full' runs rules across all the columns"):
        stances.load("observations", columns=["date"], validate="full")


def test_the_panel_from_only_its_columns_is_the_panel_from_all():
    import stances
    from stances.pipeline.panel import PANEL_INPUTS, derive_panel
    actors, last = stances.load("actors"), pd.Timestamp("2026-11-30")
    full = derive_panel(stances.load("observations"), actors, last)
    lean = derive_panel(stances.load("observations", columns=PANEL_INPUTS), actors, last)
    pd.testing.assert_frame_equal(full, lean)
    assert full.stance.notna().sum() > 10_000


def test_loading_needs_neither_pandera_nor_the_download_code():
    """import stances; stances.load(...) costs little more than pandas and
    pyarrow: the models (pandera) come in only for the full rules, and pooch
    and requests only for a download."""
    loaded = modules_loaded_by("import stances; stances.load('panel')",
                               ("stances", "pandera", "pooch", "requests"))
    assert not loaded & {"pandera", "pooch", "requests", "stances.models", "stances.fetch"}
    assert "stances.catalog" in loaded
    full = modules_loaded_by("import stances; stances.load('actors', validate='full')",
                             ("pandera", "stances.models"))
    assert {"pandera", "stances.models"} <= full


def test_the_catalog_is_what_the_models_say():
    from stances import catalog
    from stances.models import TABLES
    from stances.models.export import fingerprint, table_spec
    assert catalog.table_names() == list(TABLES)
    for name in TABLES:
        assert catalog.entry(name)["columns"] == table_spec(name)["columns"]
        assert catalog.fingerprint(name) == fingerprint(name)
