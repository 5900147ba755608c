"""Citing the dataset and tracing rows back to their sources."""

import pytest

import stances
from conftest import run_cli


def test_bibtex_names_the_version():
    text = stances.cite()
    assert text.startswith("@misc{stances_" + stances.__version__.replace(".", "_"))
    assert f"version = {{{stances.__version__}}}" in text



def test_a_registered_version_is_cited_and_an_unknown_one_refused(monkeypatch):
    import importlib
    module = importlib.import_module("stances.trust")
    monkeypatch.setattr(module, "known_releases",
                        lambda: [{"version": "2.0.0", "date": "2027-03-01"}])
    text = stances.cite("2.0.0")
    assert "version = {2.0.0}" in text and "year = {2027}" in text
    with pytest.raises(ValueError, match="unknown version '9.9.9': the versions are"):
        stances.cite("9.9.9")


def test_apa_and_unknown_format():
    assert stances.cite(format="apa").startswith("stances contributors (")
    with pytest.raises(ValueError, match="'bibtex' or 'apa'"):
        stances.cite(format="mla")


def test_cli_prints_a_citation():
    result = run_cli("cite", "--format", "apa")
    assert result.returncode == 0 and f"(Version {stances.__version__})" in result.stdout


def test_sources_for_observations_panel_and_votes():
    obs = stances.load("observations")
    kaz = obs[(obs.actor_id == "KAZ") & (obs.evidence_type != "vote")]
    cited = stances.sources_for(kaz)
    assert set(cited.source_id) == set(kaz.source_id)
    panel = stances.load("panel")
    row = panel[(panel.actor_id == "KAZ") & panel.observation_id.notna()].tail(1)
    expected = obs.set_index("observation_id").loc[row.observation_id, "source_id"]
    assert list(stances.sources_for(row).source_id) == list(expected)
    votes = stances.load("unga_votes").query("resolution_id == 'ES-11/1'").head(1)
    assert "dgacm-ga-resolutions-es-11" in set(stances.sources_for(votes).source_id)


def test_sources_for_needs_something_to_trace():
    with pytest.raises(ValueError, match="no source_id"):
        stances.sources_for(stances.load("actors"))


def test_sources_for_state_month_goes_through_the_panel():
    import stances
    sm = stances.load("state_month")
    kaz = sm[(sm.actor_id == "KAZ") & (sm.month == sm.month.max())]
    found = stances.sources_for(kaz)
    panel = stances.load("panel")
    cited = panel[(panel.actor_id == "KAZ") & (panel.month == sm.month.max())]
    obs = stances.load("observations").set_index("observation_id")
    expected = set(obs.source_id.reindex(cited.observation_id.dropna()).dropna())
    assert set(found.source_id) == expected and len(expected) >= 2


def test_the_cli_says_its_version(capsys):
    from stances import __version__
    from stances.cli import main
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip().startswith(f"stances {__version__} ")
