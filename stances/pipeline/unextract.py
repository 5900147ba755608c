"""A roll call from the UN's machine-readable extract of adopted General
Assembly resolutions (DGACM `data_extract/<session>.json`, one JSON record a
line, listing the states in favour, against and abstaining by name) ->
unga_votes rows. State names are matched through data/raw/un_names.csv, a
checked table: an unknown spelling stops the import, named, never dropped."""

import json

import pandas as pd

from ..errors import Failure, StancesValidationError

LISTS = {"MS_in_favour": "yes", "MS_against": "no", "MS_abstaining": "abstain"}
COUNTS = {"yes": "MS_in_favour_count", "no": "MS_against_count",
          "abstain": "MS_abstaining_count"}


def find_record(lines, symbol: str) -> dict:
    """The record of the resolution `symbol` in an extract's lines."""
    for line in lines:
        if line.strip():
            record = json.loads(line)
            if record.get("symbol") == symbol:
                return record
    raise StancesValidationError(
        [Failure("extract", None, "symbol", symbol, "no resolution with this "
                 "symbol in the extract")], "Check the symbol and the session file.")


def votes_from_record(record: dict, resolution_id: str, un_names: pd.DataFrame,
                      members: set) -> pd.DataFrame:
    """One row per UN member: its vote, or non_voting if it is in none of
    the record's lists. Every failure (an unknown spelling, a state listed
    twice, counts off the record's own tally) is reported at once."""
    to_actor = dict(zip(un_names.un_name, un_names.actor_id))
    failures, votes = [], {}
    for field, vote in LISTS.items():
        names = record.get(field, [])
        for name in names:
            actor = to_actor.get(name.strip())
            if actor is None:
                failures.append(Failure("un_names.csv", None, "un_name", name,
                                        f"{resolution_id}: a state name not in "
                                        "un_names.csv; add its spelling there"))
            elif actor in votes:
                failures.append(Failure("extract", None, field, name,
                                        f"{resolution_id}: the state is listed twice"))
            else:
                votes[actor] = vote
        stated = record.get(COUNTS[vote])
        if stated is not None and str(len(names)) != str(stated):
            failures.append(Failure("extract", None, COUNTS[vote], stated,
                                    f"{resolution_id}: the record lists "
                                    f"{len(names)} states"))
    if failures:
        raise StancesValidationError(failures, "Fix un_names.csv, then import again.")
    return pd.DataFrame({"resolution_id": resolution_id,
                         "actor_id": sorted(members),
                         "vote": [votes.get(a, "non_voting") for a in sorted(members)]})
