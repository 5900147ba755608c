"""What changed between two versions: row-level differences and the
changelog a release carries."""

import datetime as dt

import pandas as pd
import pytest

import stances
from conftest import make_raw_dir, replace_line
from stances.pipeline import build
from stances.release import changelog_section, make_release, update_changelog

DAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """Release 1.0.0 of the fixtures, then 1.1.0 with one stance changed, one
    observation added and one removed; made once for the module, read only."""
    tmp_path = tmp_path_factory.mktemp("releases")
    raw_dir = make_raw_dir(tmp_path)
    build(raw_dir, tmp_path / "p1", today=DAY)
    first = make_release("1.0.0", tmp_path / "v1.0.0", tmp_path / "p1", today=DAY)
    obs = raw_dir / "observations.csv"
    replace_line(obs, "fix-kaz-recognition,KAZ,recognition,2022-06-17,rejects,1,",
                 "fix-kaz-recognition,KAZ,recognition,2022-06-17,neutral,0,")
    text = obs.read_text().splitlines()
    kept = [line for line in text if not line.startswith("fix-kadyrov-war,")]
    kept.append("fix-uzb-war,UZB,war,2022-03-01,neutral,0,official_statement,"
                "medium,fixture-news,paragraph 9,A fixture statement calling for talks.,,,,,,")
    obs.write_text("\n".join(kept) + "\n")
    build(raw_dir, tmp_path / "p2", today=DAY)
    second = make_release("1.1.0", tmp_path / "v1.1.0", tmp_path / "p2", today=DAY,
                          previous=first)
    return first, second


def test_diff_lists_exactly_the_rows_changed(two_releases):
    first, second = two_releases
    changes = stances.diff(first, second, "observations")
    assert sorted(zip(changes.change, changes.key, changes.column.fillna(""))) == [
        ("added", "fix-uzb-war", ""),
        ("changed", "fix-kaz-recognition", "score"),
        ("changed", "fix-kaz-recognition", "stance"),
        ("removed", "fix-kadyrov-war", ""),
    ]
    stance = changes[changes.column == "stance"].iloc[0]
    assert (stance.old, stance.new, stance.issue) == ("rejects", "neutral", "recognition")


def test_the_release_bundles_its_diff_and_changelog(two_releases, tmp_path):
    first, second = two_releases
    bundled = pd.read_csv(second / "diff.csv")
    assert len(bundled) == len(stances.diff(first, second))
    text = (second / "changes.md").read_text()
    assert "- observations `fix-kaz-recognition`: `stance`: rejects -> neutral" in text
    assert "| observations | war | 1 | 1 | 0 |" in text
    log = tmp_path / "CHANGELOG.md"
    log.write_text("# Changelog\n\n## 1.0.0\n\nHuman notes.\n")
    update_changelog(log, text)
    assert log.read_text().index("## 1.1.0") < log.read_text().index("Human notes.")


def test_changelog_of_no_change():
    empty = pd.DataFrame(columns=["table", "key", "issue", "change", "column", "old", "new"])
    assert "No rows changed." in changelog_section("1.0.1", "2026-01-01", "1.0.0", empty)
