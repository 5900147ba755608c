"""Observations the build derives: organisations' acts for their members,
instruments for their participants; and a build as of a past date."""

import pandas as pd
import pytest

from conftest import append_row, make_raw_dir
from stances.pipeline import build, validate_raw
from stances.errors import StancesValidationError


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixtures built once for the tests that only read the output."""
    base = tmp_path_factory.mktemp("derive")
    return build(make_raw_dir(base), base / "out")


def test_an_organisations_act_is_attributed_to_its_members_of_the_day(built):
    obs = built["observations"].set_index("observation_id")
    derived = obs[obs.derived_from == "fix-eu-sanctions"]
    assert sorted(derived.actor_id) == ["DEU", "FRA"]  # GBR left in 2020
    row = derived.loc["fix-eu-sanctions:deu"]
    assert (row.stance, row.evidence_type, row.durable) == ("imposes", "legal_act", True)
    assert obs.loc["fix-eu-sanctions"].derived_from is None or pd.isna(
        obs.loc["fix-eu-sanctions"].derived_from)


def test_an_instrument_yields_one_observation_per_participant_and_issue(built):
    obs = built["observations"]
    rows = obs[obs.observation_id.str.startswith("instrument:fixture-communique:")]
    got = rows.set_index("actor_id")[["stance", "date", "source_id"]]
    assert got.loc["DEU"].tolist() == ["condemns", pd.Timestamp("2024-06-16"), "fixture-news"]
    assert got.loc["IND"].stance == "neutral"
    assert got.loc["MDA"].tolist() == ["condemns", pd.Timestamp("2024-07-02"),
                                       "fixture-decree"]


def test_a_build_as_of_a_past_date_uses_only_what_was_known_then(raw_dir, tmp_path):
    tables = build(raw_dir, tmp_path / "out", as_of=pd.Timestamp("2024-06-30").date())
    obs, panel = tables["observations"], tables["panel"]
    assert obs.date.max() <= pd.Timestamp("2024-06-30")
    assert "instrument:fixture-communique:mda:war" not in set(obs.observation_id)
    assert "instrument:fixture-communique:deu:war" in set(obs.observation_id)
    assert panel.month.max() == pd.Timestamp("2024-06-01")


def test_a_participant_without_a_mapping_is_refused(raw_dir):
    line = append_row(raw_dir / "instrument_participants.csv",
                      "fixture-communique,FRA,withdrew,,,,")
    with pytest.raises(StancesValidationError) as info:
        validate_raw(raw_dir)
    assert [(f.row, f.column, f.rule) for f in info.value.failures] == [
        (line, "participation", "fixture-communique: no mapping for this way of "
         "taking part (see instrument_mapping.csv)")]


@pytest.mark.parametrize("ends, rule", [
    ("no-such-row", "ends an observation that does not exist"),
    ("fix-kaz-recognition", "must name a durable observation of the same actor "
     "and issue, dated no later than this one"),
])
def test_ends_must_name_an_earlier_durable_row_of_the_same_actor(raw_dir, ends, rule):
    line = append_row(raw_dir / "observations.csv",
                      "fix-rus-end,RUS,recognition,2022-03-01,neutral,0,"
                      "official_statement,high,fixture-news,paragraph 8,"
                      f"A fixture statement ending an earlier act.,,,,,{ends},")
    with pytest.raises(StancesValidationError) as info:
        validate_raw(raw_dir)
    assert [(f.row, f.column, f.rule) for f in info.value.failures] == [
        (line, "ends", rule)]


def test_a_title_too_long_for_a_summary_is_cut_at_a_word(raw_dir, tmp_path):
    """Official titles can run past the 300 characters of a summary: the
    derived summary keeps as much of the title as fits, ending in an ellipsis."""
    from conftest import replace_line
    title = "Statement on the alignment of certain countries " + "concerning measures " * 15
    replace_line(raw_dir / "instruments.csv", "A fixture communique", title.strip())
    obs = build(raw_dir, tmp_path / "out")["observations"]
    summary = obs.set_index("observation_id").loc[
        "instrument:fixture-communique:deu:war", "summary"]
    assert len(title) > 300 >= len(summary)
    assert summary.startswith("Signed 'Statement on the alignment") and summary.endswith("measures…'.")
