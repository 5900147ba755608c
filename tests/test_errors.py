"""One root exception: every error raised on purpose is a StancesError (and
still the built-in class callers expect); the CLI reports those in a line
and lets anything else, a bug, keep its traceback."""

import pytest

import stances
from stances import cli
from stances.errors import DownloadFailed, InvalidInput, NotFound, StancesError


@pytest.mark.parametrize("call", [
    lambda: stances.load("no_such_table"),
    lambda: stances.load("actors", directory="/nonexistent/folder"),
    lambda: stances.load("actors", version="1.0"),
    lambda: stances.cite("99.99.99"),
])
def test_errors_raised_on_purpose_share_the_root(call):
    with pytest.raises(StancesError):
        call()


def test_each_kind_is_also_the_builtin_callers_catch():
    assert issubclass(InvalidInput, ValueError)
    assert issubclass(NotFound, FileNotFoundError)
    assert issubclass(DownloadFailed, ConnectionError)
    assert issubclass(stances.StancesValidationError, InvalidInput)


def test_the_cli_reports_ours_and_lets_a_bug_through(monkeypatch, capsys):
    def ours(args):
        raise InvalidInput("a clear message")

    def bug(args):
        raise ValueError("a bug in our code or a library")

    monkeypatch.setattr(cli, "_versions", ours)
    assert cli.main(["versions"]) == 1
    assert "stances versions: a clear message" in capsys.readouterr().err
    monkeypatch.setattr(cli, "_versions", bug)
    with pytest.raises(ValueError, match="a bug"):
        cli.main(["versions"])
