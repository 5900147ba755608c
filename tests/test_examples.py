"""The example scripts draw their pictures from the shipped data."""

import runpy

import pytest

from conftest import REPO

pytest.importorskip("matplotlib")


@pytest.mark.parametrize("script, args", [
    ("plot_stance_shares.py", []), ("plot_state.py", ["KAZ"])])
def test_example_writes_a_png(script, args, tmp_path):
    out = tmp_path / "out.png"
    module = runpy.run_path(str(REPO / "examples" / script))
    module["main"](*args, str(out)) if args else module["main"](str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
