"""From any subset of the data back to its public sources."""

import pandas as pd

from .reading import load
from .errors import InvalidInput


def sources_for(frame: pd.DataFrame, *, version=None, directory=None) -> pd.DataFrame:
    """The rows of `sources` behind a frame: through its `source_id` (and
    `tally_source_id`), or its `observation_id` (panel), or its states and
    months (state_month, through the panel), or its `resolution_id` (votes).
    For a paper's appendix."""
    kw = {"version": version, "directory": directory}
    if {"actor_id", "month"} <= set(frame) and "observation_id" not in frame:
        panel = load("panel", **kw)[["actor_id", "month", "observation_id"]]
        frame = frame[["actor_id", "month"]].merge(panel, on=["actor_id", "month"])
    ids = set()
    for column in ("source_id", "tally_source_id"):
        if column in frame:
            ids |= set(frame[column].dropna())
    if "observation_id" in frame and "source_id" not in frame:
        obs = load("observations", **kw).set_index("observation_id")
        ids |= set(obs.source_id.reindex(frame.observation_id.dropna()).dropna())
    if "resolution_id" in frame and "source_id" not in frame:
        res = load("resolutions", **kw).set_index("resolution_id")
        cited = res.reindex(frame.resolution_id.dropna().unique())
        ids |= set(cited.source_id.dropna()) | set(cited.tally_source_id.dropna())
    if not ids and not {"source_id", "observation_id", "resolution_id"} & set(frame):
        raise InvalidInput("the frame has no source_id, observation_id or "
                         "resolution_id column to trace")
    sources = load("sources", **kw)
    return sources[sources.source_id.isin(ids)].reset_index(drop=True)
