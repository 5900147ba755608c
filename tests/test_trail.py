"""Tracing rows back to their sources (stances.sources_for)."""

import pytest

import stances


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
