"""Raw -> typed: one test per rule, each asserting the failure it expects."""

import datetime as dt

import pandas as pd
import pandera.pandas as pa
import pytest

from conftest import append_row, replace_line
from stances.pipeline import validate_raw
from stances.errors import Failure, StancesValidationError
from stances.models.fields import SOURCE_ID

TODAY = dt.date(2026, 11, 25)
OBS = "fix-kaz-recognition,KAZ,recognition,2022-06-17,rejects,1,official_statement,high,fixture-news,paragraph 2,The president said his state does not recognise the two entities.,,person:kassym-jomart-tokayev,"


def failures_for(raw_dir):
    with pytest.raises(StancesValidationError) as info:
        validate_raw(raw_dir, today=TODAY)
    return info.value.failures


def obs_failure(raw_dir, column, value, rule, row=2):
    return Failure(f"{raw_dir}/observations.csv", row, column, value, rule)


def bad_obs(raw_dir, old, new):
    replace_line(raw_dir / "observations.csv", OBS, OBS.replace(old, new, 1))
    return failures_for(raw_dir)


def test_fixtures_are_valid(raw_dir):
    typed = validate_raw(raw_dir, today=TODAY)
    assert len(typed["observations"]) == 4
    assert typed["observations"].issue.cat.ordered


def test_unknown_actor(raw_dir):
    assert bad_obs(raw_dir, ",KAZ,", ",KZX,") == [obs_failure(
        raw_dir, "actor_id", "KZX", "unknown actor: add it to actors.csv first")]


def test_stance_not_on_the_issue_scale(raw_dir):
    assert bad_obs(raw_dir, "rejects,1", "imposes,2") == [obs_failure(
        raw_dir, "stance", "imposes", "not a label on this issue's scale")]


def test_stance_not_a_label_at_all(raw_dir):
    failures = bad_obs(raw_dir, "rejects,1", "refuses,1")
    assert [(f.column, f.value) for f in failures] == [("stance", "refuses")]
    assert failures[0].rule.startswith("not an allowed value; allowed: supports,")


def test_score_disagrees_with_stance(raw_dir):
    assert bad_obs(raw_dir, "rejects,1", "rejects,2") == [obs_failure(
        raw_dir, "score", 2, "does not agree with the stance label")]


def test_score_out_of_range(raw_dir):
    failures = bad_obs(raw_dir, "rejects,1", "rejects,5")
    assert obs_failure(raw_dir, "score", 5, "must be <= 2") in failures


def test_impossible_date(raw_dir):
    assert bad_obs(raw_dir, "2022-06-17", "2022-02-30") == [obs_failure(
        raw_dir, "date", "2022-02-30", "not a real calendar date")]


def test_date_in_another_format(raw_dir):
    assert bad_obs(raw_dir, "2022-06-17", "17/06/2022") == [obs_failure(
        raw_dir, "date", "17/06/2022", "not a date in the form YYYY-MM-DD")]


def test_future_date(raw_dir):
    assert bad_obs(raw_dir, "2022-06-17", "2027-01-01") == [obs_failure(
        raw_dir, "date", "2027-01-01",
        f"in the future (after the build date, {TODAY})")]


def test_missing_source(raw_dir):
    assert bad_obs(raw_dir, ",fixture-news,", ",no-such-source,") == [obs_failure(
        raw_dir, "source_id", "no-such-source",
        "unknown source: add it to sources.csv first")]


def test_duplicate_id(raw_dir):
    line = append_row(raw_dir / "observations.csv",
                      OBS.replace("2022-06-17", "2022-06-20") + ",,,")
    failures = failures_for(raw_dir)
    assert failures == [
        obs_failure(raw_dir, "observation_id", "fix-kaz-recognition",
                    "duplicate value: must be unique", row=row)
        for row in (2, line)]


def test_leading_space_in_an_id(raw_dir):
    assert bad_obs(raw_dir, ",KAZ,", ", KAZ,") == [obs_failure(
        raw_dir, "actor_id", " KAZ",
        "leading or trailing spaces (or a cell of spaces only)")]


def test_placeholder_for_missing(raw_dir):
    assert bad_obs(raw_dir, "two entities.,,", "two entities.,N/A,") == [
        obs_failure(raw_dir, "quote", "N/A",
                    "write an empty cell for missing, not a placeholder word")]


def test_required_cell_empty(raw_dir):
    assert bad_obs(raw_dir, ",paragraph 2,", ",,") == [obs_failure(
        raw_dir, "locator", None, "required: the cell is empty")]


def test_speaker_must_be_a_person(raw_dir):
    assert bad_obs(raw_dir, "person:kassym-jomart-tokayev", "KAZ") == [
        obs_failure(raw_dir, "speaker_id", "KAZ",
                    "speaker must be a person in actors.csv")]


def test_low_confidence_needs_a_note(raw_dir):
    assert bad_obs(raw_dir, ",high,", ",low,") == [obs_failure(
        raw_dir, "note", None, "low confidence needs a note saying why")]


def test_url_must_be_http(raw_dir):
    replace_line(raw_dir / "sources.csv", "https://example.org/news/1",
                 "ftp://example.org/news/1")
    failures = failures_for(raw_dir)
    assert [(f.row, f.column, f.value) for f in failures] == [
        (2, "url", "ftp://example.org/news/1")]
    assert failures[0].rule.startswith("does not match the pattern")


def test_a_source_nothing_cites(raw_dir):
    row = append_row(raw_dir / "sources.csv",
                     "fixture-unused,https://example.org/unused,An unused source,"
                     "Example News,,news_report,en,")
    assert failures_for(raw_dir) == [Failure(
        f"{raw_dir}/sources.csv", row, "source_id", "fixture-unused",
        "cited by nothing: name it in a source_id column or a note, or remove it")]
    # a row's second source is named in its note, and that is a citation
    replace_line(raw_dir / "observations.csv", OBS,
                 OBS + "Also reported by fixture-unused.")
    assert len(validate_raw(raw_dir, today=TODAY)["sources"]) == row - 1


def test_person_state_must_exist(raw_dir):
    replace_line(raw_dir / "actors.csv", ",KAZ,President of Kazakhstan",
                 ",KZX,President of Kazakhstan")
    failures = failures_for(raw_dir)
    assert [(f.column, f.value, f.rule) for f in failures] == [
        ("state_id", "KZX", "a person's state must be a state in actors.csv")]


def test_before_the_actor_existed(raw_dir):
    replace_line(raw_dir / "actors.csv", "KAZ,Kazakhstan,state,KAZ,705,705,member,Asia,,,,,",
                 "KAZ,Kazakhstan,state,KAZ,705,705,member,Asia,,,,2023-01-01,")
    assert [(f.column, f.rule) for f in failures_for(raw_dir)] == [
        ("date", "dated before the actor existed (see its exists_from)")]


def test_every_failure_is_listed_at_once(raw_dir):
    replace_line(raw_dir / "observations.csv", OBS, OBS.replace(",KAZ,", ",KZX,")
                 .replace("2022-06-17", "2022-02-30"))
    replace_line(raw_dir / "sources.csv", ",news_report,", ",newspaper,")
    failures = failures_for(raw_dir)
    columns = sorted((f.file.rsplit("/", 1)[1], f.column) for f in failures)
    assert columns == [("observations.csv", "actor_id"),
                       ("observations.csv", "date"), ("sources.csv", "kind")]


def test_a_final_newline_does_not_slip_past_a_pattern(raw_dir):
    # Python's $ matches before a final newline; the patterns end in \Z
    failures = bad_obs(raw_dir, "fix-kaz-recognition,", '"fix-kaz-recognition\n",')
    assert [(f.column, f.rule) for f in failures] == [
        ("observation_id", "leading or trailing spaces (or a cell of spaces only)")]
    schema = pa.DataFrameSchema({"id": pa.Column(str, pa.Check.str_matches(SOURCE_ID))})
    with pytest.raises(pa.errors.SchemaError):
        schema.validate(pd.DataFrame({"id": ["fixture-news\n"]}))


def test_every_pattern_in_every_model_matches_the_whole_cell():
    from stances.models import TABLES
    loose = []
    for name, table in TABLES.items():
        for column, col in table.model.to_schema().columns.items():
            for check in col.checks:
                if check.name == "str_matches":
                    pattern = check.statistics["pattern"]
                    if not pattern.endswith("\\Z"):
                        loose.append((name, column, pattern))
    assert loose == []


def test_control_characters_are_refused(raw_dir):
    failures = bad_obs(raw_dir, "The president said", "The president\x07 said")
    assert [(f.column, f.rule) for f in failures] == [
        ("summary", "an invisible control character in the cell; retype it")]


def test_look_alike_letters_in_ids_are_named_non_ascii(raw_dir):
    failures = bad_obs(raw_dir, "fix-kaz-recognition", "fix-kaz-r\u0435cognition")
    assert ("observation_id", "a non-ASCII character (a look-alike letter?); ids "
            "and codes are plain ASCII") in [(f.column, f.rule) for f in failures]


def test_a_symlink_out_of_the_raw_folder_is_refused(raw_dir, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes((raw_dir / "sources.csv").read_bytes())
    (raw_dir / "sources.csv").unlink()
    (raw_dir / "sources.csv").symlink_to(outside)
    failures = failures_for(raw_dir)
    assert Failure(f"{raw_dir}/sources.csv", None, None, None,
                   "a symbolic link to a file outside the raw folder; copy the "
                   "file in instead") in failures


def test_the_quote_word_count_is_the_regex_count():
    from stances.models.observations import word_count
    cells = pd.Series(["", " ", "  a  b ", None, "a\u00a0b", "a\tb\nc", " lead",
                       "trail ", "a \u3000 b", "one two three", "«Nous» — oui"],
                      dtype="str")
    expected = cells.str.count(r"\S+").fillna(0)
    assert word_count(cells).tolist() == expected.tolist()
