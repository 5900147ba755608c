"""The panel's rules, one test each, on small frames of the tests' own."""

import pandas as pd
import pytest

from stances.pipeline.panel import derive_panel, derive_state_month
from stances.models import TABLES
from stances.models.panel import Panel, StateMonth

ACTORS = pd.DataFrame({
    "actor_id": ["AAA", "BBB", "person:aa-head", "person:aa-mp"],
    "name": ["Aland", "Bland", "A Head", "A Member"],
    "kind": ["state", "state", "person", "person"],
    "iso3": ["AAA", "BBB", None, None],
    "cow_code": [1, 2, None, None], "gw_code": [1, 2, None, None],
    "state_id": [None, None, "AAA", "AAA"],
    "speaks_for_state": [None, None, True, False],
    "un_status": ["member", "non_member", None, None],
})
N = iter(range(1000))


def ob(actor, issue, date, stance, score, etype="official_statement", conf="high",
       durable=False, bundled=False, ends=None, expires=None, oid=None):
    return {"observation_id": oid or f"o{next(N):03d}", "actor_id": actor,
            "issue": issue, "date": pd.Timestamp(date), "stance": stance,
            "score": score, "evidence_type": etype, "confidence": conf,
            "durable": durable, "bundled": bundled, "ends": ends,
            "expires": pd.Timestamp(expires) if expires else pd.NaT}


def panel(*rows, last="2022-06-30", non_voting=None):
    obs = TABLES["observations"].model.to_schema()
    frame = pd.DataFrame(list(rows), columns=["observation_id", "actor_id", "issue",
                                              "date", "stance", "score",
                                              "evidence_type", "confidence",
                                              "durable", "bundled", "ends", "expires"])
    for c in ("issue", "stance", "evidence_type", "confidence"):
        frame[c] = frame[c].astype(obs.columns[c].dtype.type)
    out = Panel.validate(derive_panel(frame, ACTORS, pd.Timestamp(last), non_voting))
    return out.set_index(["actor_id", "issue", "month"]).sort_index()


def at(p, actor, issue, month):
    return p.loc[(actor, issue, pd.Timestamp(month))]


def test_grid_is_complete_and_missing_before_evidence():
    p = panel(ob("AAA", "war", "2022-04-10", "condemns", 1))
    assert len(p) == 2 * 3 * 5  # 2 states, 3 issues, 2022-02..2022-06
    assert pd.isna(at(p, "AAA", "war", "2022-03-01").stance)
    assert pd.isna(at(p, "BBB", "war", "2022-06-01").score)
    assert at(p, "AAA", "war", "2022-04-01").stance == "condemns"


def test_latest_evidence_prevails_and_is_carried_forward_with_its_age():
    p = panel(ob("AAA", "war", "2022-02-25", "condemns", 1),
              ob("AAA", "war", "2022-04-02", "neutral", 0))
    assert at(p, "AAA", "war", "2022-03-01").stance == "condemns"
    assert at(p, "AAA", "war", "2022-03-01").months_since == 1
    row = at(p, "AAA", "war", "2022-06-01")
    assert (row.stance, row.months_since, row.n_observations) == ("neutral", 2, 0)


def test_within_a_month_the_stronger_evidence_type_prevails():
    p = panel(ob("AAA", "war", "2022-03-02", "condemns", 1, etype="vote"),
              ob("AAA", "war", "2022-03-20", "neutral", 0, etype="official_statement"))
    row = at(p, "AAA", "war", "2022-03-01")
    assert (row.stance, row.evidence_type, row.n_observations) == ("condemns", "vote", 2)


def test_within_a_month_and_type_the_higher_confidence_prevails():
    p = panel(ob("AAA", "sanctions", "2022-03-02", "complies", 1, conf="high"),
              ob("AAA", "sanctions", "2022-03-20", "opposes", -1, conf="low"))
    assert at(p, "AAA", "sanctions", "2022-03-01").stance == "complies"


def test_persons_who_speak_for_the_state_move_it_others_do_not():
    p = panel(ob("person:aa-head", "war", "2022-03-01", "condemns", 1),
              ob("person:aa-mp", "war", "2022-05-01", "supports", -2,
                 etype="non_official_statement"))
    assert at(p, "AAA", "war", "2022-03-01").stance == "condemns"
    assert at(p, "AAA", "war", "2022-05-01").stance == "condemns"
    assert "person:aa-mp" not in p.index.get_level_values("actor_id")


def test_durable_evidence_stays_in_force_against_weaker_evidence_of_the_same_sign():
    # a military donor that also votes yes
    p = panel(ob("AAA", "war", "2022-02-26", "opposes_actively", 2,
                 etype="policy_action", durable=True),
              ob("AAA", "war", "2022-03-02", "condemns", 1, etype="vote"))
    row = at(p, "AAA", "war", "2022-04-01")
    assert (row.stance, row.basis, row.act_status) == ("opposes_actively",
                                                      "in_force", "in_force")
    assert (row.vote_score, row.action_score) == (1, 2)


def test_durable_evidence_is_not_displaced_by_neutral_evidence():
    # a supplier that abstains
    p = panel(ob("AAA", "war", "2022-02-20", "supports", -2, etype="policy_action",
                 durable=True),
              ob("AAA", "war", "2022-03-02", "neutral", 0, etype="vote"))
    assert at(p, "AAA", "war", "2022-05-01").score == -2


def test_durable_evidence_is_displaced_by_evidence_of_the_opposite_sign():
    p = panel(ob("AAA", "sanctions", "2022-02-25", "imposes", 2, etype="legal_act",
                 durable=True),
              ob("AAA", "sanctions", "2022-05-05", "opposes", -1))
    assert at(p, "AAA", "sanctions", "2022-04-01").stance == "imposes"
    row = at(p, "AAA", "sanctions", "2022-05-01")
    assert (row.stance, row.basis, row.act_status) == ("opposes", "latest",
                                                      "contradicted")


def test_a_bundled_vote_never_displaces_other_evidence_but_fills_a_gap():
    p = panel(ob("AAA", "recognition", "2022-03-17", "rejects", 1),
              ob("AAA", "recognition", "2022-05-12", "neutral", 0, etype="vote",
                 bundled=True),
              ob("BBB", "recognition", "2022-05-12", "neutral", 0, etype="vote",
                 bundled=True))
    assert at(p, "AAA", "recognition", "2022-06-01").stance == "rejects"
    row = at(p, "BBB", "recognition", "2022-06-01")
    assert (row.stance, row.basis) == ("neutral", "bundled_vote")


def test_a_bundled_vote_of_the_opposite_sign_does_not_contradict_durable_evidence():
    p = panel(ob("AAA", "recognition", "2022-02-21", "recognizes", -2,
                 etype="legal_act", durable=True),
              ob("AAA", "recognition", "2022-03-02", "rejects", 1, etype="vote",
                 bundled=True))
    assert at(p, "AAA", "recognition", "2022-06-01").stance == "recognizes"


def test_an_observation_that_ends_durable_evidence_ends_it():
    p = panel(ob("AAA", "war", "2022-02-26", "opposes_actively", 2,
                 etype="policy_action", durable=True, oid="aid"),
              ob("AAA", "war", "2022-03-10", "condemns", 1),
              ob("AAA", "war", "2022-05-03", "neutral", 0, etype="policy_action",
                 ends="aid"))
    assert at(p, "AAA", "war", "2022-04-01").score == 2
    row = at(p, "AAA", "war", "2022-05-01")
    assert (row.stance, row.act_status, row.action_score) == ("neutral", "ended", 0)


def test_durable_evidence_expires_on_its_own_terms():
    p = panel(ob("AAA", "sanctions", "2022-02-25", "imposes", 2, etype="legal_act",
                 durable=True, expires="2022-04-15"),
              ob("AAA", "sanctions", "2022-02-20", "complies", 1))
    assert at(p, "AAA", "sanctions", "2022-03-01").score == 2
    row = at(p, "AAA", "sanctions", "2022-04-01")
    assert (row.stance, row.act_status) == ("complies", "expired")


def test_later_stronger_evidence_of_the_same_sign_replaces_durable_evidence():
    p = panel(ob("AAA", "war", "2022-02-26", "condemns", 1, etype="legal_act",
                 durable=True),
              ob("AAA", "war", "2022-04-03", "opposes_actively", 2))
    row = at(p, "AAA", "war", "2022-04-01")
    assert (row.score, row.basis, row.act_status) == (2, "latest", "in_force")


def test_of_two_durable_observations_in_force_the_stronger_prevails():
    p = panel(ob("AAA", "war", "2022-02-26", "opposes_actively", 2,
                 etype="policy_action", durable=True),
              ob("AAA", "war", "2022-04-03", "condemns", 1, etype="legal_act",
                 durable=True))
    assert at(p, "AAA", "war", "2022-05-01").score == 2


def test_a_later_durable_observation_supersedes_one_of_the_same_strength():
    p = panel(ob("AAA", "sanctions", "2022-02-25", "imposes", 2, etype="legal_act",
                 durable=True, oid="first"),
              ob("AAA", "sanctions", "2022-04-05", "imposes", 2, etype="legal_act",
                 durable=True, oid="second"))
    assert at(p, "AAA", "sanctions", "2022-06-01").observation_id == "second"


def test_evidence_before_the_panel_counts_from_its_first_month():
    p = panel(ob("AAA", "recognition", "2014-05-12", "rejects", 1))
    row = at(p, "AAA", "recognition", "2022-02-01")
    assert row.stance == "rejects" and row.evidence_date == pd.Timestamp("2014-05-12")


def test_evidence_after_the_last_month_is_left_out():
    p = panel(ob("AAA", "war", "2022-07-02", "condemns", 1), last="2022-06-30")
    assert p.stance.isna().all()


def test_missing_stances_say_why():
    non_voting = pd.DataFrame({"actor_id": ["AAA"], "issue": ["war"],
                               "date": [pd.Timestamp("2022-03-02")]})
    p = panel(ob("AAA", "war", "2022-05-02", "condemns", 1), non_voting=non_voting)
    reasons = p.loc[("AAA", "war")].missing_reason
    assert list(reasons.iloc[:3]) == ["no_evidence", "non_voting", "non_voting"]
    assert pd.isna(reasons.iloc[3])
    assert (p.loc[("BBB", "war")].missing_reason == "not_un_member").all()
    assert (p.loc[("AAA", "sanctions")].missing_reason == "no_evidence").all()


def test_state_month_is_the_panel_wide_with_merge_codes():
    p = panel(ob("AAA", "war", "2022-03-02", "condemns", 1)).reset_index()
    wide = StateMonth.validate(derive_state_month(p, ACTORS))
    assert len(wide) == 2 * 5
    row = wide[(wide.actor_id == "AAA") & (wide.month == "2022-03-01")].iloc[0]
    assert (row.war_score, row.war_stance, row.cow_code) == (1, "condemns", 1)
    assert (row["name"], row.war_evidence_date, row.war_months_since) == (
        "Aland", pd.Timestamp("2022-03-02"), 0)
    later = wide[(wide.actor_id == "AAA") & (wide.month == "2022-06-01")].iloc[0]
    assert later.war_months_since == 3
    assert list(wide.war_stance.cat.categories) == [
        "supports", "sympathetic", "neutral", "condemns", "opposes_actively"]


@pytest.mark.parametrize("change, rule", [
    (lambda p: p.drop(index=p.index[0]), "the grid is incomplete"),
    (lambda p: p.assign(score=p.score.where(p.stance.isna(), 2)),
     "does not agree with the stance label"),
    (lambda p: p.assign(evidence_date=p.evidence_date + pd.Timedelta(days=40)),
     "later than the month"),
])
def test_panel_schema_catches(change, rule):
    import pandera.pandas as pa
    p = panel(ob("AAA", "war", "2022-03-30", "condemns", 1)).reset_index()
    with pytest.raises(pa.errors.SchemaErrors, match=rule):
        Panel.validate(change(p), lazy=True)


def test_the_build_refuses_a_panel_citing_a_missing_observation():
    from stances.pipeline.derive import _check_references
    from stances.errors import StancesValidationError
    p = panel(ob("AAA", "war", "2022-03-02", "condemns", 1)).reset_index()
    cited = p.observation_id.dropna().iloc[0]
    obs = pd.DataFrame({"observation_id": ["another"]})
    with pytest.raises(StancesValidationError, match="does not exist") as info:
        _check_references({"panel": p, "observations": obs})
    assert {f.value for f in info.value.failures} == {cited}


def test_state_month_names_the_issue_whose_score_disagrees():
    import pandera.pandas as pa
    p = panel(ob("AAA", "sanctions", "2022-03-02", "complies", 1)).reset_index()
    wide = derive_state_month(p, ACTORS)
    wide.loc[wide.sanctions_score.notna(), "sanctions_score"] = 2
    with pytest.raises(pa.errors.SchemaErrors) as info:
        StateMonth.validate(wide, lazy=True)
    assert set(info.value.failure_cases.check.astype(str)) == {
        "sanctions_score: disagrees with sanctions_stance"}


def test_an_earlier_durable_observation_applies_again_when_a_later_one_expires():
    """A ten-year agreement outlasts a one-year package that superseded it."""
    p = panel(ob("AAA", "war", "2022-03-01", "opposes_actively", 2, etype="legal_act",
                 durable=True, oid="agreement", expires="2032-03-01"),
              ob("AAA", "war", "2022-06-01", "opposes_actively", 2,
                 etype="policy_action", durable=True, oid="package", expires="2022-12-31"),
              ob("AAA", "war", "2022-04-01", "condemns", 1, etype="policy_action",
                 durable=True, oid="register"), last="2023-03-31")
    assert at(p, "AAA", "war", "2022-07-01").observation_id == "package"
    assert at(p, "AAA", "war", "2023-02-01").observation_id == "agreement"
    assert at(p, "AAA", "war", "2023-02-01").basis == "in_force"


def test_ids_are_taken_chunk_by_chunk_as_reindex_would():
    import numpy as np
    from stances.pipeline.panel import NONE, _text_at
    parts = [pd.Series(pd.array([f"id-{i}-{j}" for j in range(n)], dtype="str"))
             for i, n in enumerate([3, 1, 4])]
    ids = pd.concat(parts, ignore_index=True)  # one Arrow chunk per part
    rows = np.array([7, NONE, 0, 3, 3, 5, NONE, 2])
    assert pd.isna(_text_at(ids, rows)[1])
    expected = ids.reindex(rows).to_numpy()
    got = _text_at(ids, rows)
    assert [None if pd.isna(v) else v for v in got] == \
        [None if pd.isna(v) else v for v in expected]
    assert list(_text_at(ids.astype(object), rows)[[0, 2]]) == ["id-2-3", "id-0-0"]
