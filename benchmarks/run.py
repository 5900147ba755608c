"""Benchmarks: how fast stances builds, loads and validates, and how that
grows with the data. Prints a table and writes the same figures as JSON.

    python benchmarks/run.py [--sizes 100000,1000000,10000000] [--out FILE]

Each measurement runs in a fresh Python process, so that its peak memory
(the process's maximum resident set size) is its own. Times are the best of
a few repeats. Nothing here is asserted: the README reports the figures.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
TARGETS = {"load vs pyarrow": 2.0, "validate vs read": 1.5,
           "panel seconds (10M)": 10.0, "panel peak GiB (10M)": 2.0,
           "build seconds": 5.0}

# Each task runs alone in a subprocess and prints {"seconds", "peak_mib"}.
TASKS = {
    # writes the data in its own process, so that the runner stays small and
    # the peaks below are each task's own (a child inherits its parent's peak)
    "make": "import synthetic, pyarrow.parquet as pq; from stances.arrow import to_arrow; "
            "kind, n, path = ARG.split(','); "
            "make = synthetic.observations if kind == 'synthetic' else synthetic.resampled_observations; "
            "pq.write_table(to_arrow('observations', make(int(n))), path, compression='zstd'); "
            "done(0)",
    "import": "t = clock(); import stances; done(clock() - t)",
    "import_reference": "t = clock(); import pandas, pyarrow.parquet; done(clock() - t)",
    "load": "import stances; stances.load(ARG); t = clock(); "
            "[stances.load(ARG) for _ in range(R)]; done((clock() - t) / R)",
    "pyarrow": "import pyarrow.parquet as pq; from stances.reading import data_dir; "
               "p = data_dir() / f'{ARG}.parquet'; pq.read_table(p).to_pandas(); "
               "t = clock(); [pq.read_table(p).to_pandas() for _ in range(R)]; "
               "done((clock() - t) / R)",
    "read_csv": "import pandas as pd; pd.read_csv(ARG); t = clock(); "
                "[pd.read_csv(ARG) for _ in range(R)]; done((clock() - t) / R)",
    "read": "import pandas as pd; t = clock(); pd.read_parquet(ARG); done(clock() - t)",
    # the first call pays for importing pandera and building the schemas
    # (about half a second, whatever the size); the second is the rules alone
    "validate": "import pandas as pd, stances; df = pd.read_parquet(ARG); "
                "t = clock(); stances.validate('observations', df); first = clock() - t; "
                "t = clock(); stances.validate('observations', df); "
                "done(first, second_s=clock() - t)",
    "load_fast": "import stances, pathlib; p = pathlib.Path(ARG); t = clock(); "
                 "stances.load('observations', directory=p.parent); done(clock() - t)",
    # the panel reads only the columns its rules need (PANEL_INPUTS), as a
    # user with a large table would; `read_peak_mib` is the peak after that read
    "panel": "import pandas as pd, pathlib, stances, synthetic; "
             "from stances.pipeline.panel import derive_panel, PANEL_INPUTS; "
             "kind, path = ARG.split(','); "
             "obs = stances.load('observations', directory=pathlib.Path(path).parent, "
             "columns=PANEL_INPUTS); read_peak = peak_mib(); "
             "actors = synthetic.actors_table() if kind == 'synthetic' else stances.load('actors'); "
             "t = clock(); derive_panel(obs, actors, pd.Timestamp('2026-11-30')); "
             "done(clock() - t, read_peak_mib=read_peak)",
}
PRELUDE = (
    "import json, resource, sys, time\n"
    "clock = time.perf_counter\n"
    "ARG, R = sys.argv[1], int(sys.argv[2])\n"
    "def peak_mib():\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "def done(seconds, **more):\n"
    "    print(json.dumps({'seconds': seconds, 'peak_mib': peak_mib(), **more}))\n"
)


def run(task: str, arg: str = "", repeat: int = 1, tries: int = 3) -> dict:
    """Best of `tries` fresh processes (time), with that run's peak memory."""
    env = {**os.environ, "PYTHONPATH": f"{HERE}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    best = None
    for _ in range(tries):
        out = subprocess.run([sys.executable, "-c", PRELUDE + TASKS[task], arg, str(repeat)],
                             capture_output=True, text=True, cwd=ROOT, env=env)
        if out.returncode:
            raise RuntimeError(f"benchmark task {task} failed:\n{out.stderr}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    return best


def real_data(tmp: Path) -> dict:
    import stances
    from stances.models import TABLES
    out = {"import_seconds": run("import", tries=5)["seconds"],
           "import_reference_seconds": run("import_reference", tries=5)["seconds"],
           "tables": {}}
    for name in TABLES:
        csv = tmp / f"{name}.csv"
        stances.load(name).to_csv(csv, index=False)
        load = run("load", name, repeat=20)
        arrow = run("pyarrow", name, repeat=20)
        read_csv = run("read_csv", str(csv), repeat=20)
        out["tables"][name] = {
            "rows": len(stances.load(name)), "load_ms": load["seconds"] * 1e3,
            "pyarrow_ms": arrow["seconds"] * 1e3, "read_csv_ms": read_csv["seconds"] * 1e3,
            "load_vs_pyarrow": load["seconds"] / arrow["seconds"],
            "load_vs_read_csv": load["seconds"] / read_csv["seconds"]}
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stances", "build", "--out", str(tmp / "b")],
                       check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    out["build_seconds"] = min(times)
    return out


def synthetic_data(sizes, tmp: Path, kind: str = "synthetic") -> dict:
    """Read, validate, load and the panel on n observations: synthetic ones,
    or (kind "resampled") the real ones drawn to n rows."""
    out = {}
    for n in sizes:
        folder = tmp / f"{kind}{n}"
        folder.mkdir()
        path = folder / "observations.parquet"
        run("make", f"{kind},{n},{path}", tries=1)
        tries = 3 if n <= 1_000_000 else 1
        read, valid = run("read", str(path), tries=tries), run("validate", str(path), tries=tries)
        fast, panel = run("load_fast", str(path), tries=tries), run("panel", f"{kind},{path}", tries=tries)
        out[n] = {"read_s": read["seconds"], "read_peak_mib": read["peak_mib"],
                  "validate_s": valid["seconds"], "validate_peak_mib": valid["peak_mib"],
                  "validate_vs_read": valid["seconds"] / read["seconds"],
                  "validate_second_s": valid["second_s"],
                  "validate_second_vs_read": valid["second_s"] / read["seconds"],
                  "load_fast_s": fast["seconds"], "load_fast_vs_read": fast["seconds"] / read["seconds"],
                  "panel_s": panel["seconds"], "panel_peak_mib": panel["peak_mib"],
                  "panel_read_peak_mib": panel["read_peak_mib"]}
        path.unlink()
    return out


def machine() -> dict:
    import pandas
    import pandera
    import pyarrow
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "memory_gib": round(
                os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "pandas": pandas.__version__, "pyarrow": pyarrow.__version__,
            "pandera": pandera.__version__}


def report(results: dict) -> str:
    nan = float("nan")
    lines = [f"Machine: {results['machine']['cpus']} CPUs, "
             f"{results['machine']['memory_gib']} GiB; Python {results['machine']['python']}, "
             f"pandas {results['machine']['pandas']}, pyarrow {results['machine']['pyarrow']}, "
             f"pandera {results['machine']['pandera']}", "",
             f"import stances: {results['real']['import_seconds']:.2f} s, "
             f"{results['real']['import_seconds'] / results['real']['import_reference_seconds']:.2f}x "
             f"import pandas, pyarrow.parquet; "
             f"stances build (real data): {results['real']['build_seconds']:.2f} s "
             f"(target < {TARGETS['build seconds']:.0f} s)", "",
             f"{'table':<14}{'rows':>8}{'load ms':>10}{'pyarrow ms':>12}{'ratio':>7}"
             f"{'read_csv ms':>13}{'ratio':>7}"]
    for name, r in results["real"]["tables"].items():
        lines.append(f"{name:<14}{r['rows']:>8}{r['load_ms']:>10.1f}{r['pyarrow_ms']:>12.1f}"
                     f"{r['load_vs_pyarrow']:>7.2f}{r['read_csv_ms']:>13.1f}"
                     f"{r['load_vs_read_csv']:>7.2f}")
    lines += ["", f"(load target: within {TARGETS['load vs pyarrow']:.0f}x of pyarrow "
              "read_table + to_pandas)", "",
              f"{'synthetic rows':>14}{'read s':>8}{'validate s':>11}{'ratio':>7}{'2nd s':>7}{'ratio':>7}"
              f"{'peak MiB':>10}{'load s':>8}{'ratio':>7}{'panel s':>9}{'peak MiB':>10}{'of read':>9}"]
    for n, r in results["synthetic"].items():
        lines.append(f"{int(n):>14,}{r['read_s']:>8.2f}{r['validate_s']:>11.2f}"
                     f"{r['validate_vs_read']:>7.2f}{r.get('validate_second_s', nan):>7.2f}"
                     f"{r.get('validate_second_vs_read', nan):>7.2f}{r['validate_peak_mib']:>10.0f}"
                     f"{r['load_fast_s']:>8.2f}{r['load_fast_vs_read']:>7.2f}"
                     f"{r['panel_s']:>9.2f}{r['panel_peak_mib']:>10.0f}"
                     f"{r.get('panel_read_peak_mib', nan):>9.0f}")
    lines += ["", f"{'resampled rows':>14}{'read s':>8}{'validate s':>11}{'ratio':>7}{'2nd s':>7}{'ratio':>7}"
              f"{'peak MiB':>10}{'load s':>8}{'ratio':>7}{'panel s':>9}{'peak MiB':>10}{'of read':>9}"]
    for n, r in results.get("resampled", {}).items():
        lines.append(f"{int(n):>14,}{r['read_s']:>8.2f}{r['validate_s']:>11.2f}"
                     f"{r['validate_vs_read']:>7.2f}{r.get('validate_second_s', nan):>7.2f}"
                     f"{r.get('validate_second_vs_read', nan):>7.2f}{r['validate_peak_mib']:>10.0f}"
                     f"{r['load_fast_s']:>8.2f}{r['load_fast_vs_read']:>7.2f}"
                     f"{r['panel_s']:>9.2f}{r['panel_peak_mib']:>10.0f}"
                     f"{r.get('panel_read_peak_mib', nan):>9.0f}")
    lines += ["", "resampled: the real observations drawn to n rows, ids made unique; "
              "validate: every rule of the observations schema (pandera), against "
              "pandas.read_parquet, in a fresh process (2nd: a second call in the same "
              "process, without the one-off import of pandera and building of the "
              "schemas); load: stances.load's structural checks with the read "
              "included; panel: derive_panel on the same observations, read with "
              "only the columns its rules use (peak MiB: the whole process, the "
              "read included) "
              f"(targets: validate within {TARGETS['validate vs read']:g}x of read, "
              f"panel < {TARGETS['panel seconds (10M)']:.0f} s and "
              f"< {TARGETS['panel peak GiB (10M)']:.0f} GiB at 10M rows)"]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        results = {"machine": machine(), "real": real_data(Path(tmp)),
                   "synthetic": synthetic_data(sizes, Path(tmp)),
                   "resampled": synthetic_data(sizes, Path(tmp), "resampled")}
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
