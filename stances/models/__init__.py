"""The pandera models: the single source of truth for every table's columns,
dtypes, allowed values and descriptions."""

from dataclasses import dataclass

import pandera.pandas as pa

from ..errors import InvalidInput
from .actors import Actors
from .findings import ThirdPartyFindings
from .instruments import (InstrumentMapping, InstrumentParticipants,
                          Instruments, Memberships)
from .observations import ObservationRecords, Observations
from .panel import Panel, StateMonth
from .sources import Sources
from .votes import (ResolutionRecords, Resolutions, UngaVotes, UnNames,
                    VoteMapping, VoteRecords)


@dataclass(frozen=True)
class Table:
    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    description: str
    raw_model: type[pa.DataFrameModel] | None = None  # None: same as model
    from_raw: bool = True  # False: derived by the build, no file in data/raw/

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
              "at a date, from one source; recorded UN votes, instruments and "
              "organisations' acts attributed to members included",
              ObservationRecords),
        Table("resolutions", Resolutions, ("resolution_id",),
              "UN General Assembly and Security Council resolutions and "
              "drafts put to a recorded vote, with their official tallies",
              ResolutionRecords),
        Table("unga_votes", UngaVotes, ("resolution_id", "actor_id"),
              "Every state's recorded vote on each resolution: each UN member "
              "in the General Assembly, each Council member in the Security "
              "Council", VoteRecords),
        Table("vote_mapping", VoteMapping, ("resolution_id", "vote", "issue"),
              "How a recorded vote on a resolution maps to a stance on an issue"),
        Table("un_names", UnNames, ("un_name",),
              "How the UN's records spell each member state's name, checked "
              "against actors: the table roll calls are read through"),
        Table("memberships", Memberships, ("org_id", "actor_id", "joined"),
              "Which states belong to an organisation, and when: its legal "
              "acts are attributed to its members of the day"),
        Table("instruments", Instruments, ("instrument_id",),
              "Multi-state instruments: texts signed, and coalitions, "
              "registers or agreements joined, by many states"),
        Table("instrument_mapping", InstrumentMapping,
              ("instrument_id", "participation", "issue"),
              "How taking part in an instrument maps to a stance on an issue"),
        Table("instrument_participants", InstrumentParticipants,
              ("instrument_id", "actor_id", "participation"),
              "Each state's part in each instrument"),
        Table("third_party_findings", ThirdPartyFindings, ("finding_id",),
              "Designations by a sanctioning authority of entities in a third "
              "country for helping Russia evade sanctions: where circumvention "
              "happened, not the third country's stance"),
        Table("panel", Panel, ("actor_id", "month", "issue"),
              "State x month x issue from 2022-02 to the build month: the "
              "prevailing stance, the observation it rests on, and its age",
              from_raw=False),
        Table("state_month", StateMonth, ("actor_id", "month"),
              "The panel wide: one row per state and month, a score and a "
              "stance column per issue, with ISO3, COW and GW codes",
              from_raw=False),
    ]
}


def get_table(name: str) -> Table:
    """The table called `name`, or a ValueError that lists the valid names."""
    if name not in TABLES:
        raise InvalidInput(
            f"unknown table {name!r}; the tables are: {', '.join(TABLES)}")
    return TABLES[name]
