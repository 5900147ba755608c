"""Validated frames -> the processed tables: each recorded vote becomes an
observation through the documented mapping, then every table is sorted."""

import datetime as dt

import pandas as pd

from ..errors import Failure, StancesValidationError
from ..models import TABLES
from .panel import derive_panel, derive_state_month

VERB = {"yes": "Voted in favour of", "no": "Voted against",
        "abstain": "Abstained on"}


def derive(typed: dict[str, pd.DataFrame], today=None) -> dict[str, pd.DataFrame]:
    """The processed tables, each sorted by its key and validated; the panel
    runs to the month of `today` (the build date)."""
    res = typed["resolutions"]
    tables = {
        **typed,
        "unga_votes": typed["unga_votes"].merge(
            res[["resolution_id", "date"]], on="resolution_id", how="left"),
        "resolutions": res.merge(_issues(typed["vote_mapping"]), on="resolution_id",
                                 how="left"),
        "observations": pd.concat(
            [typed["observations"], vote_observations(typed)], ignore_index=True),
    }
    out = {}
    for name, table in TABLES.items():
        if name == "panel":
            tables["panel"] = derive_panel(out["observations"], out["actors"],
                                           today or dt.date.today(),
                                           _non_voting(out))
        if name == "state_month":
            tables["state_month"] = derive_state_month(out["panel"], out["actors"])
        frame = tables[name].sort_values(list(table.key), kind="stable")
        out[name] = table.model.validate(frame.reset_index(drop=True)[table.columns])
    _check_references(out)
    return out


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


def vote_observations(typed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One observation per recorded vote and mapped issue; non-voting has no
    mapping, so it yields none."""
    votes = typed["unga_votes"][["resolution_id", "actor_id", "vote"]].merge(
        typed["resolutions"][["resolution_id", "symbol", "title", "date", "source_id"]],
        on="resolution_id")
    mapping = typed["vote_mapping"].astype({"vote": "str"})
    obs = votes.astype({"vote": "str"}).merge(mapping, on=["resolution_id", "vote"])
    slug = obs.resolution_id.str.lower().str.replace("/", "-")
    return pd.DataFrame({
        "observation_id": "unga:" + slug + ":" + obs.actor_id.str.lower()
        + ":" + obs.issue.astype("str"),
        "actor_id": obs.actor_id,
        "issue": obs.issue,
        "date": obs.date,
        "stance": obs.stance,
        "score": obs.score,
        "evidence_type": "vote",
        "confidence": "high",
        "source_id": obs.source_id,
        "locator": obs.symbol + ", recorded vote: " + obs.vote,
        "summary": obs.vote.map(VERB) + " " + obs.symbol + ", '" + obs.title + "'.",
        "quote": None,
        "speaker_id": None,
        "note": None,
    })
