"""Observations -> the panel (state x month x issue) and state_month, under
the rules in `stances.models.panel.RULES` (each tested on its own)."""

import pandas as pd

from ..models.panel import PANEL_START
from ..models.vocab import ISSUE_ORDER

CARRIED = ["stance", "score", "observation_id", "evidence_type", "evidence_date"]


def _month_number(dates: pd.Series) -> pd.Series:
    return dates.dt.year * 12 + dates.dt.month - 1


def _state_evidence(obs: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Observations attributed to a state: its own, and those of persons who
    speak for it."""
    by_id = actors.set_index("actor_id")
    speaks = by_id.speaks_for_state.fillna(False).astype(bool)
    spokesperson_state = by_id.state_id.where(speaks)
    state = obs.actor_id.where(obs.actor_id.map(by_id.kind) == "state",
                               obs.actor_id.map(spokesperson_state))
    return obs.assign(actor_id=state).dropna(subset=["actor_id"])


def derive_panel(obs: pd.DataFrame, actors: pd.DataFrame, last_month,
                 non_voting: pd.DataFrame | None = None) -> pd.DataFrame:
    """The full grid of states x months x issues with the prevailing stance.
    `non_voting` (actor_id, issue, date) lists the roll calls on an issue
    where a state was recorded as not voting, for `missing_reason`."""
    states = actors.loc[actors.kind == "state", "actor_id"].sort_values()
    first, last = _month_number(pd.Series([PANEL_START, pd.Timestamp(last_month)]))
    ev = _state_evidence(obs, actors)
    ev = ev[ev.actor_id.isin(states) & (_month_number(ev.date) <= last)]
    ev = ev.assign(m=_month_number(ev.date).clip(lower=first),
                   type_rank=ev.evidence_type.cat.codes,
                   conf_rank=ev.confidence.cat.codes)
    ev = ev.sort_values(["actor_id", "issue", "m", "type_rank", "conf_rank", "date",
                         "observation_id"],
                        ascending=[True, True, True, False, False, False, True])
    keys = ["actor_id", "issue", "m"]
    counts = ev.groupby(keys, observed=True).size().rename("n_observations")
    best = ev.drop_duplicates(keys).set_index(keys)[
        ["stance", "score", "observation_id", "evidence_type", "date"]
    ].rename(columns={"date": "evidence_date"})

    grid = pd.MultiIndex.from_product(
        [states, pd.Categorical(ISSUE_ORDER, categories=ISSUE_ORDER, ordered=True),
         range(first, last + 1)], names=keys)
    panel = best.join(counts).join(_legal_acts(ev, keys)).join(
        _signs(ev, keys)).reindex(grid).reset_index()
    panel = _carry_forward(panel)
    panel["n_observations"] = panel.n_observations.fillna(0)
    panel["months_since"] = panel.m - _month_number(panel.evidence_date).clip(lower=first)
    panel["month"] = pd.to_datetime(
        {"year": panel.m // 12, "month": panel.m % 12 + 1, "day": 1})
    panel["missing_reason"] = _missing_reason(panel, actors, non_voting)
    return panel.drop(columns="m").sort_values(
        ["actor_id", "month", "issue"]).reset_index(drop=True)


def _missing_reason(panel, actors, non_voting) -> pd.Series:
    members = set(actors.loc[actors.un_status == "member", "actor_id"])
    reason = pd.Series("no_evidence", index=panel.index, dtype="object")
    if non_voting is not None and len(non_voting):
        first = (non_voting.assign(m=_month_number(non_voting.date))
                 .groupby(["actor_id", "issue"], observed=True).m.min()
                 .rename("first_non_voting").reset_index())
        since = panel[["actor_id", "issue"]].merge(first, how="left",
                                                   on=["actor_id", "issue"])
        reason[(panel.m.to_numpy() >= since.first_non_voting.to_numpy())] = "non_voting"
    reason[~panel.actor_id.isin(members)] = "not_un_member"
    return reason.where(panel.stance.isna())


def _legal_acts(ev, keys) -> pd.DataFrame:
    """Each month's strongest legal act, kept apart: it stays in force."""
    acts = ev[ev.evidence_type == "legal_act"].drop_duplicates(keys).set_index(keys)
    return acts[["stance", "score", "observation_id", "evidence_type", "date"]].rename(
        columns=lambda c: "act_" + ("evidence_date" if c == "date" else c))


def _signs(ev, keys) -> pd.DataFrame:
    """Whether any evidence in the month points each way."""
    return pd.DataFrame({"pos": ev.score > 0, "neg": ev.score < 0}).set_axis(
        pd.MultiIndex.from_frame(ev[keys]), axis=0).groupby(level=keys, observed=True).any()


def _carry_forward(panel: pd.DataFrame) -> pd.DataFrame:
    """Latest evidence, carried forward; a legal act in force prevails until a
    later legal act, or later evidence of the opposite sign, displaces it."""
    group = panel.groupby(["actor_id", "issue"], observed=True)
    acts = ["act_" + c for c in CARRIED]
    panel[CARRIED] = group[CARRIED].ffill()
    panel[acts] = group[acts].ffill()
    for sign in ("pos", "neg"):
        panel["c" + sign] = panel[sign].fillna(False).astype(int).groupby(
            [panel.actor_id, panel.issue], observed=True).cumsum()
        at_act = panel["c" + sign].where(panel.act_observation_id.notna()
                                         & panel.evidence_type.eq("legal_act")
                                         & panel.observation_id.eq(panel.act_observation_id))
        panel["act_c" + sign] = at_act.groupby([panel.actor_id, panel.issue],
                                               observed=True).ffill()
    score = panel.act_score.astype("float64")
    displaced = ((score > 0) & (panel.cneg > panel.act_cneg)) | (
        (score < 0) & (panel.cpos > panel.act_cpos))
    keep = panel.act_observation_id.notna() & (score != 0) & ~displaced
    for column in CARRIED:
        panel[column] = panel["act_" + column].where(keep, panel[column])
    return panel.drop(columns=acts + ["pos", "neg", "cpos", "cneg", "act_cpos", "act_cneg"])


def derive_state_month(panel: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The panel wide: one row per state and month, score and stance per issue."""
    wide = panel.pivot(index=["actor_id", "month"], columns="issue",
                       values=["score", "stance"])
    wide.columns = [f"{issue}_{what}" for what, issue in wide.columns]
    codes = actors.set_index("actor_id")[["iso3", "cow_code", "gw_code"]]
    wide = wide.reset_index().join(codes, on="actor_id")
    order = ["actor_id", "month", "iso3", "cow_code", "gw_code"] + [
        f"{issue}_{what}" for issue in ISSUE_ORDER for what in ("score", "stance")]
    for issue in ISSUE_ORDER:  # each issue's stance on its own scale
        wide[f"{issue}_stance"] = wide[f"{issue}_stance"].astype("str").where(
            wide[f"{issue}_stance"].notna())
    return wide[order]
