"""Observations -> the panel (state x month x issue) and state_month, under
the rules in `stances.models.panel.RULES` (each tested on its own).

The grid is held as 2-D arrays, one row per (state, issue) and one column
per month; each cell of a "pointer" array is the position of an observation
in the sorted evidence frame, or -1. Carrying evidence forward is a running
maximum along the months, so no step loops over rows.
"""

from functools import cached_property

import numpy as np
import pandas as pd
from pyarrow import array as pa_array

from ..models.actors import un_members
from ..models.panel import PANEL_START, StateMonth, month_number
from ..models.vocab import ISSUE_ORDER

NONE = -1


# The columns the rules read. The string ones are read only where a pointer
# lands (ids in the output, the few `ends`), never copied whole.
PANEL_INPUTS = ["observation_id", "actor_id", "issue", "date", "stance", "score",
                "evidence_type", "confidence", "durable", "bundled", "ends", "expires"]
SORTED_INPUTS = ["date", "stance", "score", "evidence_type", "durable", "bundled",
                 "expires"]


def _state_rows(actor_id: pd.Series, actors: pd.DataFrame, states: pd.Index) -> np.ndarray:
    """For each observation, the position in `states` of the state it is
    attributed to: its actor if a state, the state a person speaks for, else
    -1. Worked out once per distinct actor, then spread to the rows."""
    by_id = actors.set_index("actor_id")
    speaks = by_id.speaks_for_state.fillna(False).astype(bool)
    state_of = by_id.index.to_series().where(by_id.kind == "state",
                                            by_id.state_id.where(speaks))
    codes, uniques = pd.factorize(actor_id)
    per_actor = states.get_indexer(pd.Index(uniques).map(state_of)).astype("int32")
    return np.append(per_actor, np.int32(NONE))[codes]  # code -1 (no actor) -> NONE


def _sort_order(cell, etype, confidence, day, row) -> np.ndarray:
    """The order of rule 2: by cell, then the stronger evidence type, the
    higher confidence, the later day, and input order (observation_id), as
    one integer key (a single argsort) when the fields fit in 63 bits."""
    fields = [(cell, False), (etype, True), (confidence, True), (day, True), (row, False)]
    widths = [max(int(v.max()) if len(v) else 0, 1).bit_length() for v, _ in fields]
    if sum(widths) > 63:
        return np.lexsort([(v.max() - v) if desc else v for v, desc in reversed(fields)])
    # built in place: one int64 key and one scratch column, whatever the rows
    key, scratch = np.zeros(len(cell), dtype="int64"), np.empty(len(cell), dtype="int64")
    for (values, descending), width in zip(fields, widths):
        np.copyto(scratch, values, casting="unsafe")
        if descending and len(values):
            np.subtract(scratch.max(), scratch, out=scratch)
        np.left_shift(key, width, out=key)
        np.bitwise_or(key, scratch, out=key)
    del scratch
    return np.argsort(key)


class Grid:
    """States x issues x months, with the evidence sorted so that within a
    cell the prevailing observation (rule 2) comes first. Only the rows of
    known states up to the last month are kept; `src` maps each sorted row
    back to its row in the observations."""

    def __init__(self, obs: pd.DataFrame, row_state: np.ndarray, states: pd.Index,
                 first: int, last: int):
        self.states, self.first, self.obs = states, first, obs
        self.n_months = last - first + 1
        self.shape = (len(states) * len(ISSUE_ORDER), self.n_months)
        # 32-bit positions and codes: 10M rows stay within a few hundred MB
        month = month_number(obs.date).to_numpy().astype("int32")
        rows = np.flatnonzero((row_state >= 0) & (month <= last)).astype("int32")
        col = (month[rows] - first).clip(min=0).astype("int32")
        del month
        cell = ((row_state[rows] * len(ISSUE_ORDER)
                 + obs.issue.cat.codes.to_numpy()[rows]) * self.n_months + col).astype("int32")
        day = obs.date.to_numpy()[rows].astype("datetime64[D]").astype("int32")
        order = _sort_order(cell, obs.evidence_type.cat.codes.to_numpy()[rows],
                            obs.confidence.cat.codes.to_numpy()[rows],
                            day - (day.min() if len(day) else 0), rows)
        del day
        # the sorted positions first, so that only they are alive while the
        # evidence columns are copied in that order
        order = order.astype("int32")
        self.src, self.cell, self.col = rows[order], cell[order], col[order]
        del rows, cell, col, order
        self.ev = obs[SORTED_INPUTS].take(self.src).reset_index(drop=True)
        self.score = self.ev.score.to_numpy(dtype="float32", na_value=np.nan)
        self.date = self.ev.date.to_numpy()

    def ids(self, ptr: np.ndarray) -> np.ndarray:
        """The observation_id at each pointer; missing where NONE."""
        rows = _take(self.src, ptr, fill=NONE).astype("int64")
        return _text_at(self.obs.observation_id, rows)

    @cached_property
    def _where(self) -> np.ndarray:
        where = np.full(len(self.obs), NONE, dtype="int32")
        where[self.src] = np.arange(len(self.src), dtype="int32")
        return where

    def sorted_rows(self, rows: np.ndarray) -> np.ndarray:
        """Where rows of the observations sit in the sorted evidence (NONE if
        they were not kept)."""
        return self._where[rows]

    def latest(self, mask) -> np.ndarray:
        """For each cell, the prevailing observation among `mask` in the
        latest month with one, carried forward; NONE before any."""
        rows = np.flatnonzero(mask)
        cell = self.cell[rows]  # sorted already: the evidence is in cell order
        first = np.flatnonzero(np.diff(cell, prepend=np.int32(-1)) != 0)
        ptr = np.full(self.shape, NONE).ravel()
        ptr[cell[first]] = rows[first]
        return carry_forward(ptr.reshape(self.shape))

    def months(self) -> np.ndarray:
        return np.broadcast_to(np.arange(self.n_months), self.shape)

    def counts(self) -> np.ndarray:
        return np.bincount(self.cell, minlength=self.shape[0] * self.shape[1])


def _text_at(values: pd.Series, rows: np.ndarray) -> np.ndarray:
    """values.reindex(rows).to_numpy(): the value at each position, missing
    where NONE. Text kept in Arrow is taken chunk by chunk, because a take
    across the chunks of a string column first joins them all into one copy
    (about 450 MB for 10M ids, for a few thousand values wanted)."""
    arrow = isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow"
    if not arrow or not len(values):
        return values.reindex(rows).to_numpy()
    out = np.full(len(rows), values.dtype.na_value, dtype=object)
    data = pa_array(values.array)  # the column's own buffers, no copy
    chunks = getattr(data, "chunks", [data])
    ends = np.cumsum([len(c) for c in chunks])
    starts = np.concatenate([[0], ends[:-1]])
    wanted = np.flatnonzero(rows != NONE)
    chunk = np.searchsorted(ends, rows[wanted], side="right")
    local = rows[wanted] - starts[chunk]
    for k in np.unique(chunk):
        mine = chunk == k
        out[wanted[mine]] = chunks[k].take(local[mine]).to_numpy(zero_copy_only=False)
    return out


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


ACT_ENDINGS = np.array(["in_force", "ended", "expired", "contradicted", ""])


def _durable_ends(g: Grid, durable: np.ndarray, bundled: np.ndarray):
    """For every durable observation: the month column from which it is no
    longer in force, and why (ended, expired, contradicted). The reasons are
    taken in that order, a later one only where it comes strictly earlier, so
    a tie goes to the first; one array of months and one of reasons over the
    rows (32 and 8 bits), whatever their number."""
    ev, inf = g.ev, np.int32(g.n_months + 1)
    ends = np.full(len(ev), inf, dtype="int32")
    why = np.zeros(len(ev), dtype="int8")  # 0 in force, 1 ended, 2 expired, 3 contradicted

    def earlier(rows, months, reason):
        sooner = months < ends[rows]
        ends[rows[sooner]], why[rows[sooner]] = months[sooner], reason

    ends_rows = np.flatnonzero(g.obs.ends.notna().to_numpy())  # few rows end another
    enders = g.sorted_rows(ends_rows)
    kept = enders != NONE
    if kept.any():
        wanted = g.obs.ends.iloc[ends_rows[kept]]
        target = g.sorted_rows(_positions(g.obs.observation_id, wanted))
        found = target != NONE
        ended = np.full(len(ev), inf, dtype="int32")  # the earliest ender of each
        np.minimum.at(ended, target[found], g.col[enders[kept]][found])
        hit = np.flatnonzero(ended < inf)
        earlier(hit, ended[hit], 1)
        del ended
    has_expiry = np.flatnonzero(ev.expires.notna().to_numpy())
    earlier(has_expiry, (month_number(ev.expires.iloc[has_expiry]).to_numpy()
                         - g.first).clip(min=0).astype("int32"), 2)
    signs = np.sign(g.score)
    for sign in (1, -1):
        targets = np.flatnonzero(durable & (signs == sign))
        against = np.flatnonzero(~bundled & (signs == -sign))
        earlier(targets, _first_after(g, targets, against, inf).astype("int32"), 3)
    return ends, why


def _positions(ids: pd.Series, wanted: pd.Series) -> np.ndarray:
    """The row of each wanted id in `ids` (-1 if absent), hashing only the
    few rows that can match rather than every id."""
    candidates = np.flatnonzero(ids.isin(wanted.unique()).to_numpy())
    if not len(candidates):
        return np.full(len(wanted), NONE)
    found = pd.Index(ids.iloc[candidates]).get_indexer(wanted)
    return np.where(found >= 0, candidates[found.clip(min=0)], NONE)


def _first_after(g: Grid, targets, against, inf) -> np.ndarray:
    """For each target row, the month column of the first `against` row of
    the same state and issue dated strictly after it; `inf` if none."""
    if not len(targets) or not len(against):
        return np.full(len(targets), inf)
    target_pair, against_pair = g.cell[targets] // g.n_months, g.cell[against] // g.n_months
    # only the pairs that hold a target matter: a much smaller right side
    near = np.isin(against_pair, np.unique(target_pair))
    against, against_pair = against[near], against_pair[near]
    left = pd.DataFrame({"pair": target_pair, "date": g.date[targets],
                         "i": np.arange(len(targets))}).sort_values("date")
    right = pd.DataFrame({"pair": against_pair, "date": g.date[against],
                          "col": g.col[against]}).sort_values("date")
    # The first opposing row after the date; ties on the date do not count.
    hit = pd.merge_asof(left, right, on="date", by="pair", direction="forward",
                        allow_exact_matches=False)
    out = np.full(len(targets), inf)
    out[hit.i.to_numpy()] = hit.col.fillna(inf).to_numpy()
    return out


def _in_force(g: Grid, durable, ends) -> np.ndarray:
    """The durable observation in force in each cell: per strength, the
    latest one still in force there (it supersedes earlier ones while it
    lasts; when it ends or expires, an earlier one still in force applies
    again); the stronger strength prevails."""
    chosen = np.full(g.shape, NONE)
    for strength in (1, 2):  # the stronger one, taken last, prevails
        live = _latest_live(g, np.flatnonzero(durable & (np.abs(g.score) == strength)), ends)
        chosen = np.where(live != NONE, live, chosen)
    return chosen


def _latest_live(g: Grid, rows: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each cell, the latest of `rows` in force there (from its month
    up to, not including, its end month), NONE if none. Per pair, a table
    best[start, end] of the prevailing row with that span, then a running
    maximum over starts up to the month and ends after it."""
    n_pairs, n_months = g.shape
    out = np.full(g.shape, NONE)
    start = g.col[rows]
    end = np.minimum(ends[rows], n_months).astype("int64")
    rows, start, end = rows[end > start], start[end > start], end[end > start]
    if not len(rows):
        return out
    # later start wins; within a month, the rule-2 order (the earlier row)
    n = len(g.src) + 1
    priority = start.astype("int64") * n + (n - 1 - rows)
    best = np.full((n_pairs, n_months, n_months + 1), -1, dtype="int64")
    np.maximum.at(best, (g.cell[rows] // n_months, start, end), priority)
    best = np.maximum.accumulate(best, axis=1)  # any start up to the month
    best = np.maximum.accumulate(best[:, :, ::-1], axis=2)[:, :, ::-1]  # any end after
    month = np.arange(n_months)
    found = best[:, month, month + 1]
    out[found >= 0] = n - 1 - found[found >= 0] % n
    return out


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
    obs = _with_flags(obs)[PANEL_INPUTS].reset_index(drop=True)
    g = Grid(obs, _state_rows(obs.actor_id, actors, states), states, first, last)

    etype = g.ev.evidence_type
    bundled = g.ev.bundled.to_numpy(dtype=bool)
    durable = g.ev.durable.to_numpy(dtype=bool) & (g.score != 0) & ~bundled
    ends, why = _durable_ends(g, durable, bundled)
    force = _in_force(g, durable, ends)
    latest = g.latest(~durable & ~bundled)
    ptr, basis = _composite(g, force, latest, g.latest(bundled))
    last_act = np.where(force != NONE, force, g.latest(durable))
    act_status = np.where(g.months() < _take(ends, last_act, fill=0), "in_force",
                          ACT_ENDINGS[_take(why, last_act, fill=4).astype("int64")])
    action = np.where(force != NONE, force,
                      g.latest(etype.isin(["policy_action", "legal_act"]).to_numpy()
                               & ~durable))
    channels = {"vote": g.latest((etype == "vote").to_numpy()),
                "statement": g.latest((etype == "official_statement").to_numpy()),
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
           ("stance", "score", "evidence_type")},
        "observation_id": g.ids(flat),
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
        panel[f"{name}_observation_id"] = g.ids(c)
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
