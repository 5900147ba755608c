"""Which version you have: the installed data, the releases, the cache."""

import stances
from stances.models import TABLES


def test_versions_lists_the_installed_data_as_default():
    v = stances.versions()
    installed = v[v["where"] == "installed"].iloc[0]
    assert installed.version == stances.__version__ and installed.default
    for name in TABLES:
        assert installed[name] == len(stances.load(name))


def test_loaded_frames_carry_their_version():
    assert stances.load("sources").attrs["stances_version"] == stances.__version__
