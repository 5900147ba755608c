"""Roll calls read from a UN machine-readable extract through the checked
name table: unknown spellings stop the import, named."""

import json

import pandas as pd
import pytest

from conftest import run_cli
from stances.pipeline.unextract import find_record, votes_from_record
from stances.errors import StancesValidationError

NAMES = pd.DataFrame({"un_name": ["KAZAKHSTAN", "UKRAINE", "RUSSIAN FEDERATION"],
                      "actor_id": ["KAZ", "UKR", "RUS"]})
MEMBERS = {"KAZ", "UKR", "RUS", "IND"}


def record(**lists):
    base = {"symbol": "A/RES/78/999", "MS_in_favour": [], "MS_against": [],
            "MS_abstaining": []}
    base.update(lists)
    for field, count in [("MS_in_favour", "MS_in_favour_count"),
                         ("MS_against", "MS_against_count"),
                         ("MS_abstaining", "MS_abstaining_count")]:
        base.setdefault(count, str(len(base[field])))
    return base


def test_each_member_gets_its_vote_and_absentees_are_non_voting():
    votes = votes_from_record(record(MS_in_favour=["UKRAINE"],
                                     MS_against=["RUSSIAN FEDERATION"],
                                     MS_abstaining=["KAZAKHSTAN"]),
                              "78/999", NAMES, MEMBERS)
    assert dict(zip(votes.actor_id, votes.vote)) == {
        "IND": "non_voting", "KAZ": "abstain", "RUS": "no", "UKR": "yes"}


def test_an_unknown_spelling_stops_the_import_and_is_named():
    with pytest.raises(StancesValidationError) as info:
        votes_from_record(record(MS_in_favour=["UKRAINE", "TÜRKİYE"]), "78/999",
                          NAMES, MEMBERS)
    assert [(f.column, f.value) for f in info.value.failures] == [("un_name", "TÜRKİYE")]
    assert "not in un_names.csv" in info.value.failures[0].rule


def test_counts_off_the_records_own_tally_are_reported():
    with pytest.raises(StancesValidationError, match="the record lists 1 states"):
        votes_from_record(record(MS_in_favour=["UKRAINE"], MS_in_favour_count="2"),
                          "78/999", NAMES, MEMBERS)


def test_cli_prints_rows_for_one_symbol(raw_dir, tmp_path):
    extract = tmp_path / "78.json"
    extract.write_text("\n".join(json.dumps(r) for r in [
        record(symbol="A/RES/78/1"),
        record(MS_in_favour=["UKRAINE"], MS_against=["RUSSIAN FEDERATION"])]) + "\n")
    done = run_cli("import-votes", str(extract), "--symbol", "A/RES/78/999",
                   "--id", "78/999", "--raw", str(raw_dir))
    assert done.returncode == 0, done.stderr
    rows = [line.split(",") for line in done.stdout.splitlines()]
    assert len(rows) == 193
    assert ["78/999", "UKR", "yes"] in rows and ["78/999", "KAZ", "non_voting"] in rows
    with pytest.raises(StancesValidationError, match="no resolution"):
        find_record(extract.read_text().splitlines(), "A/RES/1/1")


def test_un_names_must_name_member_states(raw_dir):
    from conftest import append_row
    from stances.pipeline import validate_raw
    line = append_row(raw_dir / "un_names.csv", "TAIWAN,TWN")
    with pytest.raises(StancesValidationError) as info:
        validate_raw(raw_dir)
    assert [(f.row, f.column, f.rule) for f in info.value.failures] == [
        (line, "actor_id", "must be a UN member state in actors.csv")]
