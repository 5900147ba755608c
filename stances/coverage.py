"""How much of the world the evidence covers, per issue."""

import pandas as pd


def coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per issue, how many states have sourced evidence: any, and beyond votes."""
    actors, obs = tables["actors"], tables["observations"]
    states = set(actors.loc[actors.kind == "state", "actor_id"])
    obs = obs[obs.actor_id.isin(states)]
    rows = []
    for issue in obs.issue.cat.categories:
        mine = obs[obs.issue == issue]
        rows.append((issue, mine.actor_id.nunique(),
                     mine.loc[mine.evidence_type != "vote", "actor_id"].nunique()))
    return pd.DataFrame(rows, columns=["issue", "states_with_evidence",
                                       "states_with_evidence_beyond_votes"])
