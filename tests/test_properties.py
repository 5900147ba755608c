"""Property-based: generated raw rows, valid and invalid. The build either
succeeds with outputs that pass every schema, or fails with the full report
and no traceback; a valid coding survives raw -> Parquet -> load unchanged."""

import csv
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import stances
from conftest import FIXTURES, REPO
from stances.pipeline import build, validate_raw
from stances.errors import StancesValidationError
from stances.models import TABLES
from stances.models.vocab import CONFIDENCE, EVIDENCE_TYPES, SCALE

TODAY = dt.date(2026, 11, 25)
COLUMNS = TABLES["observations"].raw_columns
STATES = ["KAZ", "RUS", "UKR", "IND", "BRA", "FRA"]
SOURCES = ["fixture-news", "fixture-decree"]
# Each example is a whole build: few examples, fixed seed, no slow shrinking.
SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'\"", min_size=10, max_size=60)


@st.composite
def valid_row(draw):
    issue = draw(st.sampled_from(list(SCALE)))
    stance, score = draw(st.sampled_from(list(SCALE[issue].items())))
    confidence = draw(st.sampled_from(list(CONFIDENCE)))
    summary = draw(words.map(str.strip).filter(lambda s: len(s) >= 10))
    return {
        "observation_id": draw(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}",
                                             fullmatch=True)),
        "actor_id": draw(st.sampled_from(STATES)), "issue": issue,
        "date": draw(st.dates(dt.date(2022, 2, 24), TODAY)).isoformat(),
        "stance": stance, "score": str(score),
        "evidence_type": draw(st.sampled_from(list(EVIDENCE_TYPES))),
        "confidence": confidence, "source_id": draw(st.sampled_from(SOURCES)),
        "locator": f"paragraph {draw(st.integers(1, 40))}", "summary": summary,
        "quote": "", "speaker_id": "",
        "note": "coded by judgement" if confidence == "low" else "",
    }


BAD = {
    "actor_id": ["KZX", " KAZ", "kaz", ""], "issue": ["peace", "WAR"],
    "date": ["2022-02-30", "17/06/2022", "2031-01-01", "N/A"],
    "stance": ["maybe", "recognizes"], "score": ["7", "-3", "1.5", "x"],
    "evidence_type": ["rumour"], "confidence": ["certain"],
    "source_id": ["no-such-source", "Fixture News"], "summary": ["short", "N/A"],
}


@st.composite
def maybe_bad_row(draw):
    row = draw(valid_row())
    if draw(st.booleans()):
        column = draw(st.sampled_from(sorted(BAD)))
        row[column] = draw(st.sampled_from(BAD[column]))
    return row


def _raw(tmp_path, rows):
    """A fresh folder per example: the fixture sources the rows cite (a
    source nothing cites is itself a failure), the real actors, empty roll
    calls, memberships and instruments, and the generated rows."""
    raw = Path(tempfile.mkdtemp(dir=tmp_path)) / "raw"
    raw.mkdir()
    cited = {r["source_id"] for r in rows}
    header, *lines = (FIXTURES / "raw" / "sources.csv").read_text(encoding="utf-8").splitlines()
    (raw / "sources.csv").write_text("\n".join(
        [header] + [line for line in lines if line.split(",")[0] in cited]) + "\n",
        encoding="utf-8")
    shutil.copy(REPO / "data" / "raw" / "actors.csv", raw / "actors.csv")
    for name in ("resolutions", "unga_votes", "vote_mapping", "un_names", "memberships",
                 "instruments", "instrument_mapping", "instrument_participants",
                 "third_party_findings"):
        (raw / f"{name}.csv").write_text(",".join(TABLES[name].raw_columns) + "\n")
    with open(raw / "observations.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return raw


@SETTINGS
@given(rows=st.lists(maybe_bad_row(), min_size=1, max_size=6))
def test_build_succeeds_and_validates_or_reports_every_failure(tmp_path, rows):
    raw = _raw(tmp_path, rows)
    out = raw.parent / "out"
    try:
        tables = build(raw, out, today=TODAY)
    except StancesValidationError as err:
        assert err.failures
        for failure in err.failures:
            assert failure.file.endswith(".csv") and failure.rule
            assert failure.row is None or 2 <= failure.row <= len(rows) + 1
        assert not out.exists()
        return
    for name in TABLES:
        stances.validate(name, tables[name])
        stances.load(name, directory=out, validate="full")


@SETTINGS
@given(rows=st.lists(valid_row(), min_size=1, max_size=6,
                     unique_by=(lambda r: r["observation_id"],
                                lambda r: (r["actor_id"], r["issue"], r["date"],
                                           r["source_id"], r["locator"]))))
def test_a_valid_coding_survives_the_round_trip(tmp_path, rows):
    raw = _raw(tmp_path, rows)
    build(raw, raw.parent / "out", today=TODAY)
    loaded = stances.load("observations", directory=raw.parent / "out")
    expected = validate_raw(raw, today=TODAY)["observations"]
    # an empty `durable` cell in data/raw/ means false in the built table
    expected = expected.assign(durable=expected.durable.fillna(False))
    pd.testing.assert_frame_equal(
        loaded[COLUMNS].sort_values("observation_id").reset_index(drop=True),
        expected.sort_values("observation_id").reset_index(drop=True))
    original = pd.DataFrame(rows).sort_values("observation_id").reset_index(drop=True)
    assert list(loaded.sort_values("observation_id").summary) == list(original.summary)
