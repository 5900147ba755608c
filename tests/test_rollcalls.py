"""Roll calls: one vote per member per resolution, tallies that add up, and
the vote-to-stance mapping."""

import datetime as dt

import pytest

from conftest import append_row, replace_line
from stances.pipeline import build, validate_raw
from stances.pipeline.derive import vote_observations
from stances.errors import Failure, StancesValidationError

TODAY = dt.date(2026, 11, 25)


def failures_for(raw_dir):
    with pytest.raises(StancesValidationError) as info:
        validate_raw(raw_dir, today=TODAY)
    return info.value.failures


def test_missing_state(raw_dir):
    replace_line(raw_dir / "unga_votes.csv", "99/1,KAZ,abstain\n", "")
    assert failures_for(raw_dir) == [
        Failure(f"{raw_dir}/unga_votes.csv", None, "actor_id", "KAZ",
                "99/1: no vote recorded for this UN member (non_voting if "
                "it did not vote)"),
        Failure(f"{raw_dir}/unga_votes.csv", None, "vote", "abstain",
                "99/1: 2 recorded, but the official tally is 3"),
    ]


def test_duplicated_state(raw_dir):
    path = raw_dir / "unga_votes.csv"
    first = path.read_text().splitlines().index("99/1,KAZ,abstain") + 1
    second = append_row(path, "99/1,KAZ,yes")
    assert failures_for(raw_dir) == [
        *[Failure(str(path), row, "actor_id", "KAZ",
                  "duplicate combination of resolution_id, actor_id")
          for row in (first, second)],
        Failure(str(path), None, "vote", "yes",
                "99/1: 185 recorded, but the official tally is 184"),
    ]


def test_wrong_tally(raw_dir):
    replace_line(raw_dir / "resolutions.csv", ",186,3,2,2,", ",185,3,2,3,")
    assert failures_for(raw_dir) == [
        Failure(f"{raw_dir}/unga_votes.csv", None, "vote", vote, rule)
        for vote, rule in [
            ("yes", "99/2: 186 recorded, but the official tally is 185"),
            ("non_voting", "99/2: 2 recorded, but the official tally is 3")]]


def test_tally_must_cover_the_membership(raw_dir):
    replace_line(raw_dir / "resolutions.csv", ",186,3,2,2,", ",186,3,2,1,")
    failures = failures_for(raw_dir)
    assert Failure(f"{raw_dir}/resolutions.csv", 3, "non_voting", 1,
                   "yes + no + abstain + non_voting must equal the body's seats "
                   "(general_assembly 193, security_council 15, "
                   "human_rights_council 47)") in failures


def add_council_vote(raw_dir, yes: int) -> list[str]:
    """A Human Rights Council roll call: the first 47 fixture members, one
    voting no, one abstaining, the rest yes; `yes` is the tally recorded."""
    text = (raw_dir / "unga_votes.csv").read_text().splitlines()
    seats = [line.split(",")[1] for line in text if line.startswith("99/1,")][:47]
    append_row(raw_dir / "resolutions.csv",
               f"HRC/99/1,A/HRC/RES/99/1,human_rights_council,true,2026-04-02,"
               f"Fixture council resolution,,,{yes},1,1,0,fixture-rollcall,"
               "fixture-tally,made up for the tests")
    for n, state in enumerate(seats):
        append_row(raw_dir / "unga_votes.csv",
                   f"HRC/99/1,{state},{'no' if n == 0 else 'abstain' if n == 1 else 'yes'}")
    for vote, stance, score in [("yes", "condemns", 1), ("abstain", "neutral", 0),
                                ("no", "sympathetic", -1)]:
        append_row(raw_dir / "vote_mapping.csv",
                   f"HRC/99/1,{vote},war,{stance},{score},Fixture: {vote}.,specific")
    return seats


def test_a_council_roll_call_holds_its_47_members(raw_dir, tmp_path):
    seats = add_council_vote(raw_dir, yes=45)
    obs = vote_observations(build(raw_dir, tmp_path / "out"))
    council = obs[obs.observation_id.str.startswith("unhrc:hrc-99-1:")]
    assert sorted(council.actor_id) == sorted(seats)
    assert council.set_index("actor_id").loc[seats[0], "stance"] == "sympathetic"


def test_a_council_tally_must_cover_its_seats(raw_dir):
    add_council_vote(raw_dir, yes=44)
    failures = failures_for(raw_dir)
    assert Failure(f"{raw_dir}/unga_votes.csv", None, "vote", "yes",
                   "HRC/99/1: 45 recorded, but the official tally is 44") in failures
    assert any(f.column == "non_voting" and f.value == 0 and "seats" in f.rule
               for f in failures)


def test_unknown_vote_code(raw_dir):
    replace_line(raw_dir / "unga_votes.csv", "99/1,KAZ,abstain", "99/1,KAZ,absent")
    failures = failures_for(raw_dir)
    votes = f"{raw_dir}/unga_votes.csv"
    bad = [f for f in failures if f.row is not None]
    assert [(f.column, f.value, f.rule) for f in bad] == [
        ("vote", "absent", "not an allowed value; allowed: yes, no, abstain, non_voting")]
    assert Failure(votes, None, "vote", "abstain",
                   "99/1: 2 recorded, but the official tally is 3") in failures


def test_vote_by_a_non_member(raw_dir):
    replace_line(raw_dir / "unga_votes.csv", "99/1,KAZ,abstain", "99/1,TWN,abstain")
    failures = failures_for(raw_dir)
    assert [(f.column, f.value, f.rule) for f in failures if f.row] == [
        ("actor_id", "TWN", "99/1: not a UN member state in actors.csv")]


def test_non_voting_is_never_mapped(raw_dir):
    append_row(raw_dir / "vote_mapping.csv",
               "99/2,non_voting,war,neutral,0,Not voting is not a position.,specific")
    failures = failures_for(raw_dir)
    assert [(f.column, f.rule) for f in failures] == [
        ("vote", "non_voting yields no observation; do not map it")]


def test_mapping_must_cover_every_vote(raw_dir):
    replace_line(raw_dir / "vote_mapping.csv", "99/2,abstain,war,neutral,0,", "99/2,abstain,war,neutral,0,x")
    text = (raw_dir / "vote_mapping.csv").read_text().splitlines()
    (raw_dir / "vote_mapping.csv").write_text(
        "\n".join(t for t in text if not t.startswith("99/2,abstain,")) + "\n")
    assert failures_for(raw_dir) == [Failure(
        f"{raw_dir}/vote_mapping.csv", None, "vote", "abstain",
        "99/2 on war: no stance for this vote")]


def test_votes_become_observations_but_non_voting_does_not(raw_dir, tmp_path):
    tables = build(raw_dir, tmp_path / "out")
    votes, obs = tables["unga_votes"], vote_observations(tables)
    issues_per_resolution = tables["vote_mapping"].groupby("resolution_id").issue.nunique()
    cast = votes[votes.vote != "non_voting"]
    assert len(obs) == cast.resolution_id.map(issues_per_resolution).sum()
    assert obs[obs.actor_id == "VEN"].empty  # non-voting on every fixture roll call
    kaz = obs[(obs.actor_id == "KAZ") & obs.locator.str.startswith("A/RES/99/2,")]
    assert list(kaz.stance) == ["sympathetic"] and list(kaz.score) == [-1]
    assert (obs.evidence_type == "vote").all() and (obs.confidence == "high").all()
