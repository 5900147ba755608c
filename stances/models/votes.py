"""The UN roll calls (General Assembly and Security Council): resolutions,
votes, and the documented mapping from a vote to a stance."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .actors import UN_MEMBERS
from .fields import ISO3, SOURCE_ID, category, date, field
from .stance import StanceRules
from .vocab import BODIES, ISSUES, SPECIFICITY, STANCES, VOTES

# ES-11/1 and 78/221 (General Assembly), S/RES/2623 (an adopted Security
# Council resolution), S/2022/155 (a Security Council draft that failed), or
# HRC/52/32 and HRC/S-34/1 (Human Rights Council, regular or special session).
RESOLUTION_ID = r"^(?:ES-\d+/\d+|\d+/\d+|S/RES/\d+|S/\d{4}/\d+|HRC/(?:S-)?\d+/\d+)\Z"
SYMBOL = (r"^(?:A/RES/(?:ES-\d+/\d+|\d+/\d+)|S/RES/\d+ \(\d{4}\)|S/\d{4}/\d+"
          r"|A/HRC/RES/(?:S-)?\d+/\d+)\Z")
# Who may vote in each body: every UN member, or the members of the day.
SEATS = {"general_assembly": UN_MEMBERS, "security_council": 15,
         "human_rights_council": 47}
# How a vote observation's id names the body that voted.
BODY_PREFIX = {"general_assembly": "unga", "security_council": "unsc",
               "human_rights_council": "unhrc"}


def resolution_slug(resolution_id: str) -> str:
    """The resolution's id as one path segment ("ES-11/1" -> "es-11-1"): in
    the ids of vote observations and in the explorer's page names."""
    return resolution_id.lower().replace("/", "-")


class ResolutionRecords(pa.DataFrameModel):
    """resolutions.csv: one row per recorded vote, with its official tally."""

    resolution_id: Series[str] = field(
        "Session and number (ES-11/1, 78/221), or the Security Council "
        "resolution (S/RES/2623) or failed draft (S/2022/155)", unique=True,
        str_matches=RESOLUTION_ID)
    symbol: Series[str] = field("UN document symbol, e.g. A/RES/ES-11/1",
                               unique=True, str_matches=SYMBOL)
    body: Series[pd.CategoricalDtype] = category(BODIES, "Body that voted")
    adopted: Series[pd.BooleanDtype] = field(
        "true if adopted; false for a draft that failed (a veto, too few votes)")
    date: Series[pa.DateTime] = date("Date of the vote")
    title: Series[str] = field("Title of the resolution as adopted")
    draft: Series[str] = field("Symbol of the draft voted on", nullable=True)
    meeting_record: Series[str] = field(
        "Symbol of the verbatim record of the meeting", nullable=True)
    yes: Series[pd.Int16Dtype] = field("Official tally: in favour", ge=0)
    no: Series[pd.Int16Dtype] = field("Official tally: against", ge=0)
    abstain: Series[pd.Int16Dtype] = field("Official tally: abstentions", ge=0)
    non_voting: Series[pd.Int16Dtype] = field(
        "Official tally: members recorded as not voting", ge=0)
    source_id: Series[str] = field(
        "Source the per-country votes were read from (see sources)",
        str_matches=SOURCE_ID)
    tally_source_id: Series[str] = field(
        "UN text that gives the official tally (see sources)",
        str_matches=SOURCE_ID)
    note: Series[str] = field("Coder's note", nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(error="non_voting: yes + no + abstain + non_voting "
                        "must equal the body's seats (" + ", ".join(
                            f"{body} {n}" for body, n in SEATS.items()) + ")")
    def tally_covers_members(cls, df):
        seats = df.body.map(SEATS).astype("Int16")
        return (df.yes + df.no + df.abstain + df.non_voting) == seats


class Resolutions(ResolutionRecords):
    """The resolutions table: the records plus the issues they bear on."""

    issues: Series[str] = field(
        "Issues the vote is coded on, from the vote-to-stance mapping, "
        "separated by '; '")


class VoteRecords(pa.DataFrameModel):
    """unga_votes.csv: one row per voting state per resolution: every UN
    member in the General Assembly, the 15 members in the Security Council."""

    resolution_id: Series[str] = field("Resolution (see resolutions)",
                                      str_matches=RESOLUTION_ID)
    actor_id: Series[str] = field("Member state's ISO3 code (see actors)",
                                 str_matches=ISO3)
    vote: Series[pd.CategoricalDtype] = category(
        VOTES, "Recorded vote, in the order the official record lists them")

    class Config:
        strict = True
        coerce = True
        unique = ["resolution_id", "actor_id"]


class UngaVotes(VoteRecords):
    """The unga_votes table: the records plus the date of the vote."""

    date: Series[pa.DateTime] = date("Date of the vote")


class VoteMapping(StanceRules):
    """How a recorded vote on a resolution maps to a stance on an issue."""

    resolution_id: Series[str] = field("Resolution (see resolutions)",
                                      str_matches=RESOLUTION_ID)
    vote: Series[pd.CategoricalDtype] = category(
        VOTES, "Recorded vote (never non_voting: no vote, no observation)")
    issue: Series[pd.CategoricalDtype] = category(ISSUES, "Issue")
    stance: Series[pd.CategoricalDtype] = category(STANCES, "Stance the vote shows")
    score: Series[pd.Int8Dtype] = field("Score of the stance", ge=-2, le=2)
    rationale: Series[str] = field("Why the vote shows this stance, in the "
                                  "coder's words")
    specificity: Series[pd.CategoricalDtype] = category(
        SPECIFICITY, "How specific the text is to the issue: a vote on a "
        "bundled text never displaces other evidence in the panel")

    class Config:
        strict = True
        coerce = True
        unique = ["resolution_id", "vote", "issue"]

    @pa.dataframe_check(error="vote: non_voting yields no observation; do not map it")
    def no_mapping_for_non_voting(cls, df):
        return df.vote != "non_voting"


class UnNames(pa.DataFrameModel):
    """How the UN's records spell each member state: the checked table that
    turns a name in a UN record into an actor id."""

    un_name: Series[str] = field("A state's name as spelled in a UN record",
                                unique=True)
    actor_id: Series[str] = field("The member state (see actors)", str_matches=ISO3)

    class Config:
        strict = True
        coerce = True
