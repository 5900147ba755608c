"""Rules across the roll-call and instrument files: every member votes once
per General Assembly resolution, the recorded votes add up to the official
tally, the mappings are complete."""

import pandas as pd

from ..errors import Failure
from ..models.actors import un_members
from ..models.vocab import VOTES

MAPPED_VOTES = [v for v in VOTES if v != "non_voting"]


def check_rollcalls(raw: dict[str, pd.DataFrame], file_of) -> list[Failure]:
    """Failures naming the resolution, the state and the counts."""
    votes, resolutions = raw["unga_votes"], raw["resolutions"]
    actors, mapping = raw["actors"], raw["vote_mapping"]
    members = un_members(actors)
    known = set(resolutions.resolution_id)
    votes_file, failures = file_of("unga_votes"), []

    for line, row in votes[~votes.resolution_id.isin(known)].iterrows():
        failures.append(Failure(votes_file, int(line), "resolution_id",
                                row.resolution_id, "unknown resolution: add it "
                                "to resolutions.csv first"))
    for line, row in votes[~votes.actor_id.isin(members)].iterrows():
        failures.append(Failure(votes_file, int(line), "actor_id", row.actor_id,
                                f"{row.resolution_id}: not a UN member state "
                                "in actors.csv"))
    for res in resolutions.itertuples():
        cast = votes[votes.resolution_id == res.resolution_id]
        # In the two councils only the members of the day vote; the tally
        # check below still holds each of their votes to the official count.
        expected = members if res.body == "general_assembly" else set()
        for state in sorted(expected - set(cast.actor_id)):
            failures.append(Failure(votes_file, None, "actor_id", state,
                                    f"{res.resolution_id}: no vote recorded for "
                                    "this UN member (non_voting if it did not vote)"))
        failures += _tally(res, cast, votes_file)
    for line, row in mapping[~mapping.resolution_id.isin(known)].iterrows():
        failures.append(Failure(file_of("vote_mapping"), int(line), "resolution_id",
                                row.resolution_id, "unknown resolution"))
    return failures + _mapping_complete(mapping, file_of("vote_mapping"))


def _tally(res, cast, votes_file) -> list[Failure]:
    counts = cast.vote.value_counts()
    failures = []
    for vote in VOTES:  # resolutions has one tally column per vote option
        official = getattr(res, vote)
        found = int(counts.get(vote, 0))
        if pd.isna(official) or str(found) != str(official):
            failures.append(Failure(
                votes_file, None, "vote", vote,
                f"{res.resolution_id}: {found} recorded, but the official "
                f"tally is {official}"))
    return failures


def _mapping_complete(mapping, mapping_file) -> list[Failure]:
    """Each (resolution, issue) that is mapped maps every recorded vote."""
    failures = []
    for (res, issue), rows in mapping.groupby(["resolution_id", "issue"]):
        for vote in sorted(set(MAPPED_VOTES) - set(rows.vote)):
            failures.append(Failure(mapping_file, None, "vote", vote,
                                    f"{res} on {issue}: no stance for this vote"))
    return failures


def check_instruments(raw: dict[str, pd.DataFrame], file_of) -> list[Failure]:
    """Participants and mappings name a known instrument, and every way a
    state took part is mapped on each issue the instrument is mapped on."""
    known = set(raw["instruments"].instrument_id)
    failures = []
    for name in ("instrument_participants", "instrument_mapping"):
        frame = raw[name]
        for line, value in frame.instrument_id[~frame.instrument_id.isin(known)].items():
            failures.append(Failure(file_of(name), int(line), "instrument_id", value,
                                    "unknown instrument: add it to instruments.csv first"))
    mapped = set(zip(raw["instrument_mapping"].instrument_id,
                     raw["instrument_mapping"].participation))
    part = raw["instrument_participants"]
    for line, row in part.iterrows():
        if (row.instrument_id, row.participation) not in mapped:
            failures.append(Failure(file_of("instrument_participants"), int(line),
                                    "participation", row.participation,
                                    f"{row.instrument_id}: no mapping for this way "
                                    "of taking part (see instrument_mapping.csv)"))
    return failures
