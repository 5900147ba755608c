"""The pandera models: the single source of truth for every table's columns,
dtypes, allowed values and descriptions."""

from dataclasses import dataclass

import pandera.pandas as pa

from .actors import Actors
from .observations import Observations
from .sources import Sources


@dataclass(frozen=True)
class Table:
    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    description: str

    @property
    def columns(self) -> list[str]:
        return list(self.model.to_schema().columns)


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
              "at a date, from one source"),
    ]
}


def get_table(name: str) -> Table:
    """The table called `name`, or a ValueError that lists the valid names."""
    if name not in TABLES:
        raise ValueError(
            f"unknown table {name!r}; the tables are: {', '.join(TABLES)}")
    return TABLES[name]
