"""Observations -> the panel (state x month x issue) and state_month, under
the rules in `stances.models.panel.RULES` (each tested on its own).

The grid is held as 2-D arrays, one row per (state, issue) and one column
per month; each cell of a "pointer" array is the position of an observation
in the sorted evidence frame, or -1. Carrying evidence forward is a running
maximum along the months, so no step loops over rows.
"""

import numpy as np
import pandas as pd

from ..models.actors import un_members
from ..models.panel import PANEL_START, StateMonth, month_number
from ..models.vocab import ISSUE_ORDER

NONE = -1


def _state_evidence(obs: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Observations attributed to a state: its own, and those of persons who
    speak for it."""
    by_id = actors.set_index("actor_id")
    speaks = by_id.speaks_for_state.fillna(False).astype(bool)
    spokesperson_state = by_id.state_id.where(speaks)
    state = obs.actor_id.where(obs.actor_id.map(by_id.kind) == "state",
                               obs.actor_id.map(spokesperson_state))
    return obs.assign(actor_id=state).dropna(subset=["actor_id"])


class Grid:
    """States x issues x months, with the evidence sorted so that within a
    cell the prevailing observation (rule 2) comes first."""

    def __init__(self, ev: pd.DataFrame, states: pd.Index, first: int, last: int):
        self.states, self.first = states, first
        self.n_months = last - first + 1
        self.shape = (len(states) * len(ISSUE_ORDER), self.n_months)
        pair = (states.get_indexer(ev.actor_id) * len(ISSUE_ORDER)
                + ev.issue.cat.codes.to_numpy())
        col = (month_number(ev.date).to_numpy() - first).clip(min=0)
        order = np.lexsort((np.arange(len(ev)),  # input order: by observation_id
                            -ev.date.to_numpy().astype("int64"),
                            -ev.confidence.cat.codes.to_numpy(),
                            -ev.evidence_type.cat.codes.to_numpy(),
                            col, pair))
        self.ev = ev.iloc[order].reset_index(drop=True)
        self.cell = (pair * self.n_months + col)[order]
        self.col = col[order]
        self.score = self.ev.score.to_numpy(dtype="float64", na_value=np.nan)
        self.date = self.ev.date.to_numpy()

    def latest(self, mask) -> np.ndarray:
        """For each cell, the prevailing observation among `mask` in the
        latest month with one, carried forward; NONE before any."""
        rows = np.flatnonzero(mask)
        cells, first = np.unique(self.cell[rows], return_index=True)
        ptr = np.full(self.shape, NONE).ravel()
        ptr[cells] = rows[first]
        return carry_forward(ptr.reshape(self.shape))

    def months(self) -> np.ndarray:
        return np.broadcast_to(np.arange(self.n_months), self.shape)

    def counts(self) -> np.ndarray:
        return np.bincount(self.cell, minlength=self.shape[0] * self.shape[1])


def carry_forward(ptr: np.ndarray) -> np.ndarray:
    """Each cell takes the last non-NONE value at or before it in its row."""
    months = np.arange(ptr.shape[1])
    last = np.maximum.accumulate(np.where(ptr != NONE, months, -1), axis=1)
    return np.where(last >= 0, np.take_along_axis(ptr, last.clip(min=0), axis=1),
                    NONE)


def _take(values: np.ndarray, ptr: np.ndarray, fill=np.nan):
    """values[ptr], with `fill` where ptr is NONE."""
    if not len(values):
        return np.full(ptr.shape, fill)
    return np.where(ptr != NONE, values[ptr.clip(min=0)], fill)


def _durable_ends(g: Grid, durable: np.ndarray, bundled: np.ndarray):
    """For every durable observation: the month column from which it is no
    longer in force, and why (ended, expired, contradicted)."""
    ev, inf = g.ev, g.n_months + 1
    ended = np.full(len(ev), inf)
    enders = ev.ends.notna().to_numpy()
    if enders.any():
        target = pd.Index(ev.observation_id).get_indexer(ev.ends[enders])
        found = target >= 0
        np.minimum.at(ended, target[found], g.col[enders][found])
    expired = np.full(len(ev), inf)
    has_expiry = ev.expires.notna().to_numpy()
    expired[has_expiry] = (month_number(ev.expires[has_expiry]).to_numpy()
                           - g.first).clip(min=0)
    contradicted = np.full(len(ev), inf)
    for sign in (1, -1):
        targets = np.flatnonzero(durable & (np.sign(g.score) == sign))
        against = np.flatnonzero(~bundled & (np.sign(g.score) == -sign))
        contradicted[targets] = _first_after(g, targets, against, inf)
    ends = np.minimum(np.minimum(ended, expired), contradicted)
    why = np.select([ends == inf, ends == ended, ends == expired],
                    ["in_force", "ended", "expired"], "contradicted")
    return ends, why


def _first_after(g: Grid, targets, against, inf) -> np.ndarray:
    """For each target row, the month column of the first `against` row of
    the same state and issue dated strictly after it; `inf` if none."""
    if not len(targets) or not len(against):
        return np.full(len(targets), inf)
    pair = g.cell // g.n_months
    left = pd.DataFrame({"pair": pair[targets], "date": g.date[targets],
                         "i": np.arange(len(targets))}).sort_values("date")
    right = pd.DataFrame({"pair": pair[against], "date": g.date[against],
                          "col": g.col[against]}).sort_values("date")
    # The first opposing row after the date; ties on the date do not count.
    hit = pd.merge_asof(left, right, on="date", by="pair", direction="forward",
                        allow_exact_matches=False)
    out = np.full(len(targets), inf)
    out[hit.i.to_numpy()] = hit.col.fillna(inf).to_numpy()
    return out


def _in_force(g: Grid, durable, ends) -> np.ndarray:
    """The durable observation in force in each cell: per strength, the
    latest one (it supersedes earlier ones), if not yet ended; the stronger
    strength prevails."""
    months = g.months()
    chosen = np.full(g.shape, NONE)
    for strength in (1, 2):  # the stronger one, taken last, prevails
        ptr = g.latest(durable & (np.abs(g.score) == strength))
        live = (ptr != NONE) & (months < _take(ends, ptr, fill=0))
        chosen = np.where(live, ptr, chosen)
    return chosen


def _composite(g: Grid, force, latest, bundled_latest):
    """Rule 4-6: the durable evidence in force, unless later evidence of the
    same sign is stronger; else the latest; else a bundled vote."""
    s_force, s_latest = _take(g.score, force), _take(g.score, latest)
    later = _take(g.date, latest, fill=np.datetime64("NaT")) > _take(
        g.date, force, fill=np.datetime64("NaT"))
    stronger = ((np.sign(s_latest) == np.sign(s_force))
                & (np.abs(s_latest) > np.abs(s_force)) & later)
    use_force = (force != NONE) & ~stronger
    ptr = np.where(use_force, force, np.where(latest != NONE, latest, bundled_latest))
    basis = np.select([use_force, latest != NONE, bundled_latest != NONE],
                      ["in_force", "latest", "bundled_vote"], "")
    return ptr, basis


def derive_panel(obs: pd.DataFrame, actors: pd.DataFrame, last_month,
                 non_voting: pd.DataFrame | None = None) -> pd.DataFrame:
    """The full grid of states x months x issues with the prevailing stance,
    its basis, and each channel's latest value. `non_voting` (actor_id,
    issue, date) lists the roll calls on an issue where a state was recorded
    as not voting, for `missing_reason`."""
    states = pd.Index(actors.loc[actors.kind == "state", "actor_id"].sort_values())
    first, last = month_number(pd.Series([PANEL_START, pd.Timestamp(last_month)]))
    ev = _state_evidence(_with_flags(obs), actors)
    ev = ev[ev.actor_id.isin(states) & (month_number(ev.date) <= last)]
    g = Grid(ev, states, first, last)

    etype = g.ev.evidence_type.astype("str").to_numpy()
    bundled = g.ev.bundled.to_numpy(dtype=bool)
    durable = g.ev.durable.to_numpy(dtype=bool) & (g.score != 0) & ~bundled
    ends, why = _durable_ends(g, durable, bundled)
    force = _in_force(g, durable, ends)
    latest = g.latest(~durable & ~bundled)
    ptr, basis = _composite(g, force, latest, g.latest(bundled))
    last_act = np.where(force != NONE, force, g.latest(durable))
    act_status = np.where(g.months() < _take(ends, last_act, fill=0), "in_force",
                          _take(why, last_act, fill=""))
    action = np.where(force != NONE, force,
                      g.latest(np.isin(etype, ["policy_action", "legal_act"])
                               & ~durable))
    channels = {"vote": g.latest(etype == "vote"),
                "statement": g.latest(etype == "official_statement"),
                "action": action}
    return _frame(g, ptr, basis, act_status, channels, actors, non_voting)


def _with_flags(obs: pd.DataFrame) -> pd.DataFrame:
    """The panel's inputs with defaults for frames that lack the optional
    columns (a user's own observations, say)."""
    defaults = {"durable": False, "bundled": False, "ends": None, "expires": pd.NaT}
    missing = {k: v for k, v in defaults.items() if k not in obs}
    obs = obs.assign(**missing)
    return obs.assign(durable=obs.durable.fillna(False).astype(bool),
                      bundled=obs.bundled.fillna(False).astype(bool))


def _frame(g: Grid, ptr, basis, act_status, channels, actors, non_voting):
    ev, n_issues = g.ev, len(ISSUE_ORDER)
    flat = ptr.ravel()
    pair = np.repeat(np.arange(g.shape[0]), g.n_months)
    col = np.tile(np.arange(g.n_months), g.shape[0])
    months = pd.period_range(PANEL_START, periods=g.n_months, freq="M").to_timestamp()
    has = flat != NONE
    evidence_date = ev.date.reindex(flat).to_numpy()
    panel = pd.DataFrame({
        "actor_id": g.states.to_numpy()[pair // n_issues],
        "month": months[col],
        "issue": pd.Categorical.from_codes(pair % n_issues, categories=ISSUE_ORDER,
                                           ordered=True),
        # reindex by position: NONE (-1) is no row, so it gives missing
        **{c: ev[c].reindex(flat).to_numpy() for c in
           ("stance", "score", "observation_id", "evidence_type")},
        "evidence_date": evidence_date,
        "months_since": col - (month_number(pd.Series(evidence_date)).to_numpy()
                               - g.first).clip(min=0),
        "basis": np.where(has, basis.ravel(), None),
        "act_status": pd.Series(act_status.ravel()).replace("", None).to_numpy(),
        "n_observations": g.counts(),
    })
    for name, cptr in channels.items():
        c = cptr.ravel()
        panel[f"{name}_score"] = ev.score.reindex(c).to_numpy()
        panel[f"{name}_observation_id"] = ev.observation_id.reindex(c).to_numpy()
    panel["name"] = panel.actor_id.map(actors.set_index("actor_id").name)
    panel["missing_reason"] = _missing_reason(panel, col + g.first, actors, non_voting)
    return panel.sort_values(["actor_id", "month", "issue"]).reset_index(drop=True)


def _missing_reason(panel, m, actors, non_voting) -> pd.Series:
    members = un_members(actors)
    reason = pd.Series("no_evidence", index=panel.index, dtype="object")
    if non_voting is not None and len(non_voting):
        first = (non_voting.assign(m=month_number(non_voting.date))
                 .groupby(["actor_id", "issue"], observed=True).m.min()
                 .rename("first_non_voting").reset_index())
        since = panel[["actor_id", "issue"]].merge(first, how="left",
                                                   on=["actor_id", "issue"])
        reason[(m >= since.first_non_voting.to_numpy())] = "non_voting"
    reason[~panel.actor_id.isin(members)] = "not_un_member"
    return reason.where(panel.stance.isna())


def derive_state_month(panel: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The panel wide: one row per state and month; per issue its score,
    stance, evidence date and the evidence's age."""
    what = ("score", "stance", "evidence_date", "months_since")
    wide = panel.pivot(index=["actor_id", "month"], columns="issue",
                       values=list(what))
    wide.columns = [f"{issue}_{w}" for w, issue in wide.columns]
    codes = actors.set_index("actor_id")[["name", "iso3", "cow_code", "gw_code"]]
    wide = wide.reset_index().join(codes, on="actor_id")
    for issue in ISSUE_ORDER:  # each issue's stance on its own scale
        wide[f"{issue}_stance"] = wide[f"{issue}_stance"].astype("str").where(
            wide[f"{issue}_stance"].notna())
    return wide[list(StateMonth.to_schema().columns)]  # the model's order
