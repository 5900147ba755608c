"""Multi-state evidence: organisations' memberships, and instruments (a
communique, a coalition, a register) that name many states on a date."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .fields import SOURCE_ID, actor_ref, category, date, field
from .stance import StanceRules
from .vocab import (CONFIDENCE, EVIDENCE_TYPES, ISSUES, PARTICIPATION, SPECIFICITY,
                    STANCES)

INSTRUMENT_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"


class Memberships(pa.DataFrameModel):
    """Which states belong to an organisation, and when: an organisation's
    legal acts are attributed to its members of the day."""

    org_id: Series[str] = actor_ref("Organisation (see actors)")
    actor_id: Series[str] = actor_ref("Member state (see actors)")
    joined: Series[pa.DateTime] = date("Day the state became a member")
    left: Series[pa.DateTime] = date("Day the state ceased to be a member, "
                                     "if it did", nullable=True)
    source_id: Series[str] = field("Source listing the membership (see sources)",
                                  str_matches=SOURCE_ID)
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["org_id", "actor_id", "joined"]

    @pa.dataframe_check(error="left: earlier than joined")
    def left_after_joined(cls, df):
        return ~(df.left < df.joined).fillna(False)


class Instruments(pa.DataFrameModel):
    """One row per multi-state instrument: a text signed or endorsed by many
    states, or a coalition, register or agreement they joined."""

    instrument_id: Series[str] = field("Identifier: lower-case words joined "
                                      "by '-'", unique=True,
                                      str_matches=INSTRUMENT_ID)
    title: Series[str] = field("Title of the instrument as published")
    date: Series[pa.DateTime] = date("Day it was adopted, signed or launched")
    evidence_type: Series[pd.CategoricalDtype] = category(
        EVIDENCE_TYPES, "Evidence type of each participant's observation")
    durable: Series[pd.BooleanDtype] = field(
        "true if taking part stays in force (membership of a register or a "
        "coalition); false for a one-day text")
    source_id: Series[str] = field("Source of the text and its list of "
                                  "participants (see sources)",
                                  str_matches=SOURCE_ID)
    confidence: Series[pd.CategoricalDtype] = category(
        CONFIDENCE, "Confidence in the list of participants: high for an "
        "official list, medium for one reliable report of it")
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True


class InstrumentMapping(StanceRules):
    """How taking part in an instrument maps to a stance on an issue, with
    the reason read from its text."""

    instrument_id: Series[str] = field("Instrument (see instruments)",
                                      str_matches=INSTRUMENT_ID)
    participation: Series[pd.CategoricalDtype] = category(
        PARTICIPATION, "Way of taking part")
    issue: Series[pd.CategoricalDtype] = category(ISSUES, "Issue")
    stance: Series[pd.CategoricalDtype] = category(STANCES, "Stance it shows")
    score: Series[pd.Int8Dtype] = field("Score of the stance", ge=-2, le=2)
    rationale: Series[str] = field("Why it shows this stance, in the coder's "
                                  "words")
    specificity: Series[pd.CategoricalDtype] = category(
        SPECIFICITY, "How specific the text is to the issue: taking part in a "
        "text that bundles it with many others (a G20 declaration) never "
        "displaces other evidence in the panel")

    class Config:
        strict = True
        coerce = True
        unique = ["instrument_id", "participation", "issue"]


class InstrumentParticipants(pa.DataFrameModel):
    """One row per state and instrument: how the state took part."""

    instrument_id: Series[str] = field("Instrument (see instruments)",
                                      str_matches=INSTRUMENT_ID)
    actor_id: Series[str] = actor_ref("State or organisation (see actors)")
    participation: Series[pd.CategoricalDtype] = category(
        PARTICIPATION, "Way of taking part")
    date: Series[pa.DateTime] = date(
        "The state's own date (a later accession); empty: the instrument's",
        nullable=True)
    source_id: Series[str] = field(
        "Source of this state's participation, if not the instrument's",
        nullable=True, str_matches=SOURCE_ID)
    locator: Series[str] = field("Where in the source the state is listed",
                                nullable=True)
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True
        unique = ["instrument_id", "actor_id", "participation"]
