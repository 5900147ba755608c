"""The wheel ships the data: installed into a fresh virtual environment, it
loads every table offline, from inside the package."""

import site
import subprocess
import sys
import venv

import pytest

from conftest import REPO
from stances.models import TABLES

pytest.importorskip("hatchling")


def test_wheel_installs_and_loads_every_table(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("stances-*.whl"))
    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    site_dir = next(env.glob("lib/python*/site-packages"))
    # The dependencies come from this interpreter's site-packages, appended by
    # a .pth file (whose own .pth files, this checkout's editable install
    # among them, are not processed), so that the test stays offline.
    (site_dir / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                    "-q", "--target", str(site_dir), str(wheel)],
                   check=True, capture_output=True)
    python = env / "bin" / "python"
    code = ("import stances; from stances.reading import data_dir; "
            "print(data_dir()); "
            f"print(sum(len(stances.load(n)) > 0 for n in {list(TABLES)!r}))")
    out = subprocess.run([python, "-c", code], check=True, capture_output=True,
                         text=True, cwd=tmp_path).stdout.split()
    assert out[0].startswith(str(env)) and out[0].endswith("stances/_data")
    assert out[1] == str(len(TABLES))
