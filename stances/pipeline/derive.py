"""Validated frames -> the processed tables: each recorded vote, each state's
part in an instrument and each organisation's legal act for its members
becomes an observation through its documented rule; then every table is
sorted and validated."""

import dataclasses
import datetime as dt

import pandas as pd
import pandera.pandas as pa

from ..errors import Failure, StancesValidationError, from_schema_errors
from ..models import TABLES
from ..models.observations import SUMMARY_MAX
from ..models.votes import BODY_PREFIX, resolution_slug
from .panel import derive_panel, derive_state_month

DERIVED_ADVICE = ("A derived table broke a rule. The row named above was built "
                  "from a vote, an instrument or an organisation's act: fix the "
                  "raw row it comes from. A derived row that repeats a "
                  "hand-coded one means the hand-coded copy should go.")
VERB = {"yes": "Voted in favour of", "no": "Voted against",
        "abstain": "Abstained on"}
TAKING_PART = {"signed": "Signed", "joined": "Joined",
               "attended_not_signed": "Took part in, without signing,",
               "withdrew": "Withdrew from"}


def derive(typed: dict[str, pd.DataFrame], today=None, as_of=None) -> dict[str, pd.DataFrame]:
    """The processed tables, each sorted by its key and validated; the panel
    runs to the month of `as_of` (default: `today`, the build date) and uses
    only evidence dated on or before it. One step per derived table, in the
    order each needs the one before."""
    until = pd.Timestamp(as_of or today or dt.date.today())
    typed = known_by(typed, until)
    out = {name: _validated(name, typed[name]) for name, table in TABLES.items()
           if table.from_raw and name not in ("observations", "resolutions", "unga_votes")}
    out["resolutions"] = _validated("resolutions", typed["resolutions"].merge(
        _issues(typed["vote_mapping"]), on="resolution_id", how="left"))
    out["unga_votes"] = _validated("unga_votes", typed["unga_votes"].merge(
        typed["resolutions"][["resolution_id", "date"]], on="resolution_id", how="left"))
    out["observations"] = _validated("observations", all_observations(typed))
    out["panel"] = _validated("panel", derive_panel(
        out["observations"], out["actors"], until, _non_voting(out)))
    out["state_month"] = _validated("state_month",
                                    derive_state_month(out["panel"], out["actors"]))
    _check_references(out)
    return {name: out[name] for name in TABLES}


def all_observations(typed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The hand-coded observations and those derived from organisations'
    acts, roll calls and instruments."""
    records = typed["observations"].assign(
        durable=typed["observations"].durable.fillna(False), bundled=False,
        derived_from=None)
    return pd.concat([records, member_observations(records, typed),
                      vote_observations(typed), instrument_observations(typed)],
                     ignore_index=True)


def _validated(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table sorted by its key, with its columns, validated; a failure
    names the rows by their id (a derived observation that repeats a
    hand-coded one, say)."""
    table = TABLES[name]
    frame = frame.sort_values(list(table.key), kind="stable").reset_index(drop=True)
    frame = frame[table.columns]
    try:
        return table.model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        key = frame[list(table.key)].astype("str").agg(" ".join, axis=1)
        failures = from_schema_errors(err, f"{name} (derived)", table.model.to_schema())
        failures = [dataclasses.replace(f, row=None,
                                        value=f"{key.get(f.row, '')}: {f.value}")
                    if f.row is not None else f for f in failures]
        raise StancesValidationError(failures, DERIVED_ADVICE) from None


def known_by(typed: dict[str, pd.DataFrame], until: pd.Timestamp) -> dict:
    """The frames as they stood on `until`: evidence, roll calls and
    instruments dated later are left out, so that a build as of a past date
    reproduces what was known then."""
    res = typed["resolutions"][typed["resolutions"].date <= until]
    inst = typed["instruments"][typed["instruments"].date <= until]
    part = typed["instrument_participants"]
    dates = dict(zip(typed["instruments"].instrument_id, typed["instruments"].date))
    part_date = part.date.fillna(pd.to_datetime(part.instrument_id.map(dates)))
    return {
        **typed,
        "observations": typed["observations"][typed["observations"].date <= until],
        "resolutions": res,
        "unga_votes": typed["unga_votes"][
            typed["unga_votes"].resolution_id.isin(res.resolution_id)],
        "vote_mapping": typed["vote_mapping"][
            typed["vote_mapping"].resolution_id.isin(res.resolution_id)],
        "instruments": inst,
        "instrument_mapping": typed["instrument_mapping"][
            typed["instrument_mapping"].instrument_id.isin(inst.instrument_id)],
        "instrument_participants": part[
            part.instrument_id.isin(inst.instrument_id) & (part_date <= until)],
    }


def _non_voting(out) -> pd.DataFrame:
    """(actor_id, issue, date) of every non-voting record on a mapped issue."""
    votes = out["unga_votes"][out["unga_votes"].vote == "non_voting"]
    issues = out["vote_mapping"][["resolution_id", "issue"]].drop_duplicates()
    return votes.merge(issues, on="resolution_id")[["actor_id", "issue", "date"]]


def _check_references(out):
    """The panel cites only observations that exist and fit the state."""
    cited = out["panel"].dropna(subset=["observation_id"])
    obs = out["observations"].set_index("observation_id")
    missing = ~cited.observation_id.isin(obs.index)
    failures = [Failure("panel", int(i) + 1, "observation_id", v,
                        "cites an observation that does not exist")
                for i, v in cited.observation_id[missing].items()]
    if failures:
        raise StancesValidationError(failures, "This is a bug in the build.")


def _issues(mapping: pd.DataFrame) -> pd.DataFrame:
    """Each resolution's mapped issues, in issue order, as one text."""
    pairs = mapping[["resolution_id", "issue"]].drop_duplicates()
    pairs = pairs.sort_values(["resolution_id", "issue"])
    issues = pairs.groupby("resolution_id").issue.agg(lambda s: "; ".join(map(str, s)))
    return issues.rename("issues").reset_index()


def _observations(**columns) -> pd.DataFrame:
    """Derived observations with every column of the table; what a derived
    row does not fill is empty."""
    frame = pd.DataFrame(columns)
    for column in TABLES["observations"].columns:
        if column not in frame:
            frame[column] = pd.NaT if column == "expires" else None
    return frame


def vote_observations(typed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One observation per recorded vote and mapped issue; non-voting has no
    mapping, so it yields none."""
    votes = typed["unga_votes"][["resolution_id", "actor_id", "vote"]].merge(
        typed["resolutions"][["resolution_id", "body", "symbol", "title", "date",
                              "source_id"]], on="resolution_id")
    mapping = typed["vote_mapping"].astype({"vote": "str"})
    obs = votes.astype({"vote": "str"}).merge(mapping, on=["resolution_id", "vote"])
    slug = obs.resolution_id.map(resolution_slug)
    body = obs.body.astype("str").map(BODY_PREFIX)
    return _observations(
        observation_id=body + ":" + slug + ":" + obs.actor_id.str.lower()
        + ":" + obs.issue.astype("str"),
        actor_id=obs.actor_id, issue=obs.issue, date=obs.date, stance=obs.stance,
        score=obs.score, evidence_type="vote", confidence="high",
        source_id=obs.source_id,
        locator=obs.symbol + ", recorded vote: " + obs.vote,
        summary=_quoting(obs.vote.map(VERB) + " " + obs.symbol + ", ", obs.title),
        durable=False, bundled=obs.specificity.astype("str") == "bundled")


def instrument_observations(typed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One observation per state, instrument and mapped issue, through the
    instrument's documented mapping."""
    inst = typed["instruments"]
    part = typed["instrument_participants"].astype({"participation": "str"})
    mapping = typed["instrument_mapping"].astype({"participation": "str"})
    obs = part.merge(inst, on="instrument_id", suffixes=("", "_instrument")).merge(
        mapping, on=["instrument_id", "participation"])
    return _observations(
        observation_id="instrument:" + obs.instrument_id + ":"
        + obs.actor_id.str.lower().str.replace(":", "-") + ":" + obs.issue.astype("str"),
        actor_id=obs.actor_id, issue=obs.issue,
        date=obs.date.fillna(obs.date_instrument), stance=obs.stance,
        score=obs.score, evidence_type=obs.evidence_type, confidence=obs.confidence,
        source_id=obs.source_id.fillna(obs.source_id_instrument),
        locator=obs.locator.fillna("list of participants"),
        summary=_quoting(obs.participation.map(TAKING_PART) + " ", obs.title),
        note=obs.note, durable=obs.durable,
        bundled=obs.specificity.astype("str") == "bundled")


def _quoting(lead: pd.Series, title: pd.Series) -> pd.Series:
    """lead + 'title'. within a summary's length: a long title (some official
    titles run past 300 characters) is cut at a word and ends in an ellipsis."""
    def fit(lead, title):
        room = SUMMARY_MAX - len(lead) - 3
        if len(title) > room:
            title = title[:room - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return f"{lead}'{title}'."
    return pd.Series([fit(a, b) for a, b in zip(lead, title)], index=lead.index,
                     dtype="object")


def member_observations(records: pd.DataFrame, typed) -> pd.DataFrame:
    """An organisation's legal acts, attributed to the states that were its
    members on the act's date (see memberships); each derived row names the
    organisation's observation in `derived_from`."""
    acts = records[records.actor_id.str.startswith("org:")
                   & (records.evidence_type == "legal_act")]
    members = typed["memberships"][["org_id", "actor_id", "joined", "left"]].rename(
        columns={"actor_id": "member"})
    obs = acts.merge(members, left_on="actor_id", right_on="org_id")
    obs = obs[(obs.joined <= obs.date) & ~(obs.left <= obs.date).fillna(False)]
    return obs.assign(
        observation_id=obs.observation_id + ":" + obs.member.str.lower(),
        actor_id=obs.member, derived_from=obs.observation_id,
        summary="Bound, as a member of " + obs.org_id.str.removeprefix("org:").str.upper()
        + ", by its act: " + obs.summary.str.slice(0, 200),
        speaker_id=None, ends=obs.ends + ":" + obs.member.str.lower(),
    )[records.columns]
