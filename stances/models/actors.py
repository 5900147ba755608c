"""The `actors` table: states, contested entities, organisations, persons."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import ISO3, actor_ref, category, date, field
from .vocab import ACTOR_KINDS, UN_STATUS

# What must hold for the table as a whole; a change here needs a reason.
UN_MEMBERS = 193
UN_OBSERVERS = 2


def un_members(actors: pd.DataFrame) -> set[str]:
    """The UN member states among the actors: the one definition of the set."""
    return set(actors.loc[actors.un_status == "member", "actor_id"])


class Actors(pa.DataFrameModel):
    """One row per actor whose stance, or whose words, the dataset records."""

    actor_id: Series[str] = actor_ref(
        "Identifier: ISO 3166-1 alpha-3 code for a state (Kosovo: XKX), "
        "else 'entity:', 'org:' or 'person:' and a slug", unique=True)
    name: Series[str] = field("Common English name")
    kind: Series[pd.CategoricalDtype] = category(ACTOR_KINDS, "Kind of actor")
    iso3: Series[str] = field(
        "ISO 3166-1 alpha-3 code (XKX for Kosovo by convention); states only",
        nullable=True, str_matches=ISO3)
    cow_code: Series[pd.Int16Dtype] = field(
        "Correlates of War state number (ccode); empty where COW has none",
        nullable=True, ge=2, le=999)
    gw_code: Series[pd.Int16Dtype] = field(
        "Gleditsch-Ward state number; empty where Gleditsch-Ward has none",
        nullable=True, ge=2, le=999)
    un_status: Series[pd.CategoricalDtype] = category(
        UN_STATUS, "UN membership status in 2022 onward; states only",
        nullable=True)
    un_region: Series[str] = field(
        "UN M49 region of a state (Africa, Americas, Asia, Europe, Oceania)",
        nullable=True,
        isin=["Africa", "Americas", "Asia", "Europe", "Oceania"])
    state_id: Series[str] = actor_ref(
        "For a person: the state they belong to", nullable=True)
    role: Series[str] = field("For a person: their office or role", nullable=True)
    speaks_for_state: Series[pd.BooleanDtype] = field(
        "For a person: true if they speak for their state (head of state or "
        "government, foreign ministry, official spokesperson); false if only "
        "for themselves (a legislator, a regional leader)", nullable=True)
    exists_from: Series[pa.DateTime] = date(
        "First day the actor existed, where it matters for the coded period",
        nullable=True)
    exists_to: Series[pa.DateTime] = date(
        "Last day the actor existed, if it ceased to exist", nullable=True)
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(error="iso3: two actors share this code")
    def iso3_unique(cls, df):
        return ~(df.iso3.notna() & df.iso3.duplicated(keep=False))

    @pa.dataframe_check(error="actor_id: a state's id must be its iso3 code")
    def state_id_is_iso3(cls, df):
        return (df.kind != "state") | (df.actor_id == df.iso3)

    @pa.dataframe_check(error="un_status: required for a state, empty otherwise")
    def un_status_for_states(cls, df):
        return (df.kind == "state") == df.un_status.notna()

    @pa.dataframe_check(error="state_id: a person needs state_id, role and "
                        "speaks_for_state; other actors have none of them")
    def person_fields(cls, df):
        is_person = df.kind == "person"
        filled = [df[c].notna() for c in ("state_id", "role", "speaks_for_state")]
        return (is_person & filled[0] & filled[1] & filled[2]) | (
            ~is_person & ~filled[0] & ~filled[1] & ~filled[2])

    @pa.dataframe_check(error="exists_to: earlier than exists_from")
    def exists_in_order(cls, df):
        return ~(df.exists_to < df.exists_from).fillna(False)

    @pa.dataframe_check(error=f"un_status: the table must hold exactly "
                        f"{UN_MEMBERS} UN members and {UN_OBSERVERS} observer states")
    def un_counts(cls, df):
        counts = df.un_status.value_counts()
        return bool(counts.get("member", 0) == UN_MEMBERS
                    and counts.get("observer", 0) == UN_OBSERVERS)
