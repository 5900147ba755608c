"""The pandera models: the single source of truth for every table's columns,
dtypes, allowed values and descriptions."""

from dataclasses import dataclass

import pandera.pandas as pa

from .actors import Actors
from .observations import Observations
from .sources import Sources
from .votes import (ResolutionRecords, Resolutions, UngaVotes, VoteMapping,
                    VoteRecords)


@dataclass(frozen=True)
class Table:
    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    description: str
    raw_model: type[pa.DataFrameModel] | None = None  # None: same as model

    @property
    def columns(self) -> list[str]:
        return list(self.model.to_schema().columns)

    @property
    def raw(self) -> type[pa.DataFrameModel]:
        """The model of the table's file in data/raw/."""
        return self.raw_model or self.model

    @property
    def raw_columns(self) -> list[str]:
        return list(self.raw.to_schema().columns)


TABLES = {
    t.name: t
    for t in [
        Table("actors", Actors, ("actor_id",),
              "States, contested entities, organisations and persons, with "
              "ISO3, Correlates of War and Gleditsch-Ward codes"),
        Table("sources", Sources, ("source_id",),
              "Every public source cited, with URL, publisher and date"),
        Table("observations", Observations, ("observation_id",),
              "One row per piece of evidence of an actor's stance on an issue "
              "at a date, from one source; recorded UN votes included"),
        Table("resolutions", Resolutions, ("resolution_id",),
              "UN General Assembly resolutions voted on, with their official "
              "tallies", ResolutionRecords),
        Table("unga_votes", UngaVotes, ("resolution_id", "actor_id"),
              "Every UN member state's recorded vote on each resolution",
              VoteRecords),
        Table("vote_mapping", VoteMapping, ("resolution_id", "vote", "issue"),
              "How a recorded vote on a resolution maps to a stance on an issue"),
    ]
}


def get_table(name: str) -> Table:
    """The table called `name`, or a ValueError that lists the valid names."""
    if name not in TABLES:
        raise ValueError(
            f"unknown table {name!r}; the tables are: {', '.join(TABLES)}")
    return TABLES[name]
