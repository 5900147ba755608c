"""Citing the dataset: BibTeX, APA, the command line, the version."""

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


def test_the_cli_says_its_version(capsys):
    from stances import __version__
    from stances.cli import main
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip().startswith(f"stances {__version__} ")
