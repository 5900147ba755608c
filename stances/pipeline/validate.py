"""Raw text frames -> typed, validated frames, and the rules across tables."""

import datetime as dt
import re

import pandas as pd
import pandera.pandas as pa

from ..errors import Failure, from_schema_errors
from ..models import TABLES
from ..models.actors import un_members
from ..models.raw import raw_schema
from .read import RAW_FILES
from .rollcalls import check_instruments, check_rollcalls


def validate_frames(frames: dict[str, pd.DataFrame], raw_dir, today=None):
    """Typed frames and every failure: format, table rules, cross-table rules."""
    typed, failures = {}, []
    for name, frame in frames.items():
        table, problems = _validate_table(name, frame, _file(raw_dir, name))
        failures += problems
        if table is not None:
            typed[name] = table
    if len(frames) == len(RAW_FILES):
        failed = {(f.file, f.row, f.column) for f in failures}
        found = cross_table(frames, typed, raw_dir, today or dt.date.today())
        failures += [f for f in found if (f.file, f.row, f.column) not in failed]
    return typed, failures


def _file(raw_dir, name) -> str:
    return f"{raw_dir}/{RAW_FILES[name]}"


def _validate_table(name, frame, shown):
    """Check the text, then the types and rules on the rows whose text is
    well-formed, so that one bad cell is reported once, not twice."""
    failures = []
    try:
        raw_schema(name).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        failures += from_schema_errors(err, shown, raw_schema(name))
    bad_rows = {f.row for f in failures} - {None}
    model = TABLES[name].raw
    well_formed = _booleans(frame.drop(index=list(bad_rows)), model)
    try:
        table = model.validate(well_formed, lazy=True)
    except pa.errors.SchemaErrors as err:
        failures += from_schema_errors(err, shown, model.to_schema())
        table = None
    return table, failures


def _booleans(frame, model):
    """'true' and 'false' as booleans: pandas reads any non-empty text as true."""
    for name, column in model.to_schema().columns.items():
        if str(column.dtype) == "boolean":
            frame = frame.assign(**{name: frame[name].map(
                {"true": True, "false": False}).astype("boolean")})
    return frame


def cross_table(raw, typed, raw_dir, today) -> list[Failure]:
    """Rules that need more than one table. References are checked on the raw
    text of every row, so a row with another problem is still checked."""
    actors = raw["actors"].set_index("actor_id", drop=False)
    kind = actors.kind[~actors.index.duplicated()]
    obs = raw["observations"]
    failures = []

    def flag(name, frame, mask, column, rule):
        failures.extend(Failure(_file(raw_dir, name), int(i), column, _shown(v), rule)
                        for i, v in frame.loc[mask, column].items())

    for name, column in [("observations", "actor_id"),
                         ("memberships", "org_id"), ("memberships", "actor_id"),
                         ("instrument_participants", "actor_id"),
                         ("third_party_findings", "authority"),
                         ("third_party_findings", "country")]:
        frame = raw[name]
        flag(name, frame, ~frame[column].isin(actors.index), column,
             "unknown actor: add it to actors.csv first")
    sources = raw["sources"].source_id
    for name, column in [("observations", "source_id"),
                         ("resolutions", "source_id"),
                         ("resolutions", "tally_source_id"),
                         ("memberships", "source_id"),
                         ("instruments", "source_id"),
                         ("instrument_participants", "source_id"),
                         ("third_party_findings", "source_id")]:
        frame = raw[name]
        flag(name, frame, frame[column].notna() & ~frame[column].isin(sources),
             column, "unknown source: add it to sources.csv first")
    flag("sources", raw["sources"], ~raw["sources"].source_id.isin(_cited(raw)),
         "source_id", "cited by nothing: name it in a source_id column or a "
         "note, or remove it")
    un = raw["un_names"]
    flag("un_names", un, ~un.actor_id.isin(un_members(raw["actors"])),
        "actor_id", "must be a UN member state in actors.csv")
    members = raw["memberships"]
    flag("memberships", members, members.org_id.map(kind) != "organisation",
         "org_id", "must be an organisation in actors.csv")
    _ends(obs, flag)
    failures += check_instruments(raw, lambda name: _file(raw_dir, name))
    speaker_kind = obs.speaker_id.map(kind)
    flag("observations", obs, obs.speaker_id.notna() & (speaker_kind != "person"),
         "speaker_id", "speaker must be a person in actors.csv")
    state_kind = raw["actors"].state_id.map(kind)
    flag("actors", raw["actors"], raw["actors"].state_id.notna() & (state_kind != "state"),
         "state_id", "a person's state must be a state in actors.csv")
    if "actors" in typed and "observations" in typed:
        _dates(typed["actors"], typed["observations"], flag, today)
    failures += check_rollcalls(raw, lambda name: _file(raw_dir, name))
    return failures


# What a note can name a source by: an identifier, as the models spell it.
_ID = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


def _cited(raw) -> set:
    """Every source id named in a source_id column or in a note of any
    table (a row's second source is usually named in its note)."""
    cited = set()
    for name, frame in raw.items():
        for column in frame.columns:
            if column.endswith("source_id") and name != "sources":
                cited.update(frame[column].dropna())
            elif column == "note":
                cited.update(_ID.findall(" ".join(frame[column].dropna())))
    return cited


def _ends(obs, flag):
    """`ends` names an earlier (or same-day) durable observation of the same
    actor and issue."""
    by_id = obs.drop_duplicates("observation_id").set_index("observation_id")
    target = obs.ends.dropna()
    rows = obs.loc[target.index]
    known = target.isin(by_id.index)
    flag("observations", obs, obs.index.isin(target.index[~known]), "ends",
         "ends an observation that does not exist")
    t = by_id.reindex(target[known])
    t.index = target.index[known]
    r = rows.loc[t.index]
    bad = ((t.actor_id != r.actor_id) | (t.issue != r.issue)
           | (t.durable.fillna("") != "true") | (t.date > r.date))
    flag("observations", obs, obs.index.isin(bad.index[bad]), "ends",
         "must name a durable observation of the same actor and issue, "
         "dated no later than this one")


def _dates(actors, obs, flag, today):
    actors = actors.drop_duplicates("actor_id").set_index("actor_id")
    begins = obs.actor_id.map(actors.exists_from)
    ends = obs.actor_id.map(actors.exists_to)
    flag("observations", obs, (obs.date < begins).fillna(False), "date",
         "dated before the actor existed (see its exists_from)")
    flag("observations", obs, (obs.date > ends).fillna(False), "date",
         "dated after the actor ceased to exist (see its exists_to)")
    flag("observations", obs, obs.date > pd.Timestamp(today), "date",
         f"in the future (after the build date, {today})")


def _shown(value):
    """A value as the contributor wrote it: dates as YYYY-MM-DD."""
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else value
