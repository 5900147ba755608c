"""The real pipeline on the real data/raw/, and the committed outputs."""

import subprocess

import pandas as pd
import pytest

import stances
from conftest import REPO
from stances.pipeline import build
from stances.models import TABLES


def _committed(name, tmp_path):
    """The table as committed in git (HEAD), else as on disk."""
    path = REPO / "data" / "processed" / f"{name}.parquet"
    shown = subprocess.run(["git", "show", f"HEAD:data/processed/{name}.parquet"],
                           cwd=REPO, capture_output=True)
    if shown.returncode == 0:
        path = tmp_path / f"{name}.parquet"
        path.write_bytes(shown.stdout)
    return path


@pytest.fixture(scope="module")
def committed(tmp_path_factory):
    return tmp_path_factory.mktemp("committed")


@pytest.fixture(scope="module")
def built(tmp_path_factory, committed):
    """The real data built as of the committed panel's last month, so that a
    rebuild can be compared with what is committed."""
    panel = _committed("panel", committed)
    as_of = None
    if panel.is_file():
        last = pd.read_parquet(panel, columns=["month"]).month.max()
        as_of = (pd.Timestamp(last) + pd.offsets.MonthEnd(0)).date()
    out = tmp_path_factory.mktemp("processed")
    build(REPO / "data" / "raw", out, today=as_of)
    return out


def test_actors_cover_the_un_and_the_others(built):
    actors = stances.load("actors", directory=built)
    states = actors[actors.kind == "state"]
    assert (states.un_status == "member").sum() == 193
    assert set(states.loc[states.un_status == "observer", "actor_id"]) == {"VAT", "PSE"}
    assert {"XKX", "TWN"} <= set(states.actor_id)
    assert {"entity:dpr", "entity:lpr", "entity:abkhazia", "entity:south-ossetia",
            "entity:transnistria"} <= set(actors.actor_id)
    assert states.iso3.notna().all() and states.cow_code.notna().sum() >= 190


def test_kazakhstan_and_russia_evidence_with_sources(built):
    obs = stances.load("observations", directory=built).set_index("observation_id")
    sources = stances.load("sources", directory=built).set_index("source_id")
    seed = {"kaz-2022-06-17-recognition": ("KAZ", "rejects", "2022-06-17"),
            "kaz-2022-06-15-sanctions": ("KAZ", "complies", "2022-06-15"),
            "rus-2022-02-21-recognition": ("RUS", "recognizes", "2022-02-21")}
    for oid, (actor, stance, date) in seed.items():
        row = obs.loc[oid]
        assert (row.actor_id, row.stance, row.date) == (actor, stance, pd.Timestamp(date))
    assert obs.loc["kaz-2022-06-17-recognition", "source_id"] == "rferl-toqaev-fault-lines"
    cited = sources.loc[obs.source_id]
    assert cited.publisher.notna().all()
    assert (cited.url.notna() | cited.note.notna()).all()


def test_persons_who_do_not_speak_for_the_state_are_coded_on_themselves(built):
    obs = stances.load("observations", directory=built)
    actors = stances.load("actors", directory=built).set_index("actor_id")
    persons = obs[obs.actor_id.str.startswith("person:")]
    assert len(persons) >= 1
    assert not actors.loc[persons.actor_id, "speaks_for_state"].any()
    assert (persons.evidence_type == "non_official_statement").all()


@pytest.mark.parametrize("name", list(TABLES))
def test_rebuild_matches_the_committed_outputs(name, built, committed):
    committed = _committed(name, committed)
    pd.testing.assert_frame_equal(
        stances.load(name, directory=committed.parent),
        stances.load(name, directory=built))


def test_every_roll_call_is_complete_and_matches_its_tally(built):
    votes = stances.load("unga_votes", directory=built)
    resolutions = stances.load("resolutions", directory=built).set_index("resolution_id")
    assert {f"ES-11/{n}" for n in range(1, 10)} <= set(resolutions.index)
    assert {"S/2022/155", "S/RES/2774", "79/184", "80/223"} <= set(resolutions.index)
    seats = resolutions.body.astype("str").map({"general_assembly": 193,
                                                "security_council": 15,
                                                "human_rights_council": 47})
    assert (votes.groupby("resolution_id").actor_id.nunique() == seats).all()
    assert len(votes) == seats.sum()
    counts = votes.groupby(["resolution_id", "vote"], observed=False).size().unstack()
    for option in ("yes", "no", "abstain", "non_voting"):
        assert (counts[option] == resolutions[option].astype(int)).all(), option
    assert (votes.date == votes.resolution_id.map(resolutions.date)).all()


def test_panel_shows_kazakhstan_and_russia_and_leaves_no_evidence_missing(built):
    panel = stances.load("panel", directory=built).set_index(
        ["actor_id", "issue", "month"]).sort_index()
    kaz = panel.loc[("KAZ", "recognition", pd.Timestamp("2022-06-01"))]
    assert (kaz.stance, kaz.observation_id) == ("rejects", "kaz-2022-06-17-recognition")
    rus = panel.loc[("RUS", "recognition")]
    assert (rus.loc["2022-02-01":"2022-12-01"].stance == "recognizes").all()
    assert panel.loc[("TWN", "war")].stance.isna().all()  # no evidence coded yet
    wide = stances.load("state_month", directory=built)
    assert len(wide) * 3 == len(panel)


def test_war_evidence_beyond_votes_and_a_change_after_2023(built):
    obs = stances.load("observations", directory=built)
    actors = stances.load("actors", directory=built)
    members = set(actors.loc[actors.un_status == "member", "actor_id"])
    war = obs[(obs.issue == "war") & (obs.evidence_type != "vote")]
    assert war.loc[war.actor_id.isin(members), "actor_id"].nunique() >= 100
    panel = stances.load("panel", directory=built)
    later = panel[(panel.issue == "war") & (panel.month >= "2024-01-01")]
    moved = later.groupby("actor_id").score.nunique()
    assert (moved > 1).any()
    usa = panel[(panel.actor_id == "USA") & (panel.issue == "war")].set_index("month")
    assert usa.loc["2025-02-01", "score"] < usa.loc["2025-01-01", "score"]
    assert obs.set_index("observation_id").loc[usa.loc["2025-02-01", "observation_id"],
                                                "actor_id"] == "USA"


def _scores(built, state, issue):
    p = stances.load("panel", directory=built)
    rows = p[(p.actor_id == state) & (p.issue == issue)].set_index("month")
    return rows


def test_recognitions_stay_in_force_from_their_acts(built):
    for state, since in [("PRK", "2022-07-01"), ("SYR", "2022-06-01")]:
        rows = _scores(built, state, "recognition").loc[since:]
        withdrawn = rows.act_status.isin(["ended", "contradicted"])
        assert (rows.stance[~withdrawn] == "recognizes").all(), state
        assert not withdrawn.any() or rows.observation_id[withdrawn].notna().all()


def test_kazakhstan_keeps_its_non_recognition_against_a_bundled_abstention(built):
    rows = _scores(built, "KAZ", "recognition").loc["2022-06-01":]
    assert (rows.stance == "rejects").all()
    assert rows.loc["2022-10-01"].vote_score == 0  # its abstention on ES-11/4, bundled
    assert (rows.vote_score != 1).any()  # later votes differ; none displaces it


def test_belarus_is_at_the_bottom_of_the_war_scale_from_february_2022(built):
    rows = _scores(built, "BLR", "war")
    assert (rows.score == -2).all()


def test_a_military_donor_stays_at_plus_two_through_its_yes_votes(built):
    rows = _scores(built, "DEU", "war")
    voted_yes = rows.vote_score == 1
    assert voted_yes.sum() > 12
    assert (rows.score[voted_yes] == 2).all()
    assert (rows.basis[voted_yes] == "in_force").all()


def test_the_united_states_war_score_drops_at_february_2025(built):
    rows = _scores(built, "USA", "war")
    assert rows.loc["2025-01-01"].score == 2
    assert rows.loc["2025-02-01"].score < 0
    assert rows.loc["2025-02-01"].act_status == "contradicted"


def test_eu_acts_are_coded_once_and_attributed_to_members(built):
    obs = stances.load("observations", directory=built)
    raw = pd.read_csv(REPO / "data" / "raw" / "observations.csv")
    eu_acts = raw[(raw.actor_id == "org:eu") & (raw.evidence_type == "legal_act")]
    members = stances.load("memberships", directory=built)
    copies = raw[raw.source_id.isin(eu_acts.source_id) & (raw.actor_id != "org:eu")]
    assert copies.empty, "an EU act is copied onto a member by hand"
    derived = obs[obs.derived_from.isin(eu_acts.observation_id)]
    current = members[(members.org_id == "org:eu") & members.left.isna()]
    assert len(derived) == len(eu_acts) * len(current)
    assert set(derived.actor_id) == set(current.actor_id)
    assert "GBR" not in set(derived.actor_id)  # left before 2022
