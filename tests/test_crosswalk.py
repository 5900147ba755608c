"""actors.csv against the countrycode crosswalk: every difference is named."""

import pandas as pd
import pytest

from conftest import REPO

countrycode = pytest.importorskip("countrycode")

# Codes added by hand where countrycode has none; each with its reason in the
# actor's note. A new difference fails this test until it is listed here.
HAND_CODED = {
    ("SRB", "cow_code"): 345,  # COW continues 345 (Yugoslavia) for Serbia
    ("YEM", "gw_code"): 678,   # Gleditsch-Ward continues 678 for unified Yemen
}


def test_codes_agree_with_countrycode():
    actors = pd.read_csv(REPO / "data" / "raw" / "actors.csv", dtype="str")
    states = actors[actors.kind == "state"]
    iso = [i for i in states.iso3 if i != "XKX"]  # Kosovo has no ISO code
    expected = {
        "cow_code": countrycode.countrycode(iso, origin="iso3c", destination="cown"),
        "gw_code": countrycode.countrycode(iso, origin="iso3c", destination="gwn"),
    }
    found = states.set_index("iso3")
    differences = {}
    for column, codes in expected.items():
        for code, want in zip(iso, codes):
            have = found.loc[code, column]
            have = None if pd.isna(have) else int(have)
            want = None if want is None or pd.isna(want) else int(want)
            if have != want:
                differences[(code, column)] = have
    assert differences == HAND_CODED
    for code, _ in HAND_CODED:
        assert "added by hand" in found.loc[code, "note"]


def test_un_members_agree_with_countrycode():
    actors = pd.read_csv(REPO / "data" / "raw" / "actors.csv", dtype="str")
    members = set(actors.loc[actors.un_status == "member", "iso3"])
    from countrycode import countrycode as cc
    names = cc(sorted(members), origin="iso3c", destination="un.name.en")
    assert len(members) == 193 and all(names)
