"""Regenerate everything in the docs that is computed from the data, after
`stances build`: the codebook and schema files, the README's example outputs
and coverage table, and the example pictures. The tests fail until this has
been run (python tools/refresh_docs.py)."""

import re
import subprocess
import sys
from pathlib import Path

from stances.coverage import members_beyond_votes
from stances.models.actors import UN_MEMBERS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"```python\n(.*?)```\n\n```text\n(.*?)```", re.S)
COVERAGE = re.compile(r"(\| issue \| states with evidence \| beyond UN votes \|\n"
                      r"\|---\|---\|---\|\n)(?:\|.*\|\n)+")


MEMBERS = re.compile(rf"\*\*\d+ of the {UN_MEMBERS} UN member states\*\*")


def war_members(tables) -> int:
    """UN members with sourced war evidence beyond their General Assembly votes."""
    return members_beyond_votes(tables, "war")


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True,
                          text=True, check=True, cwd=ROOT).stdout


def readme() -> None:
    import stances
    from stances.coverage import coverage, coverage_by_year_markdown
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    tables = {n: stances.load(n) for n in ("actors", "observations")}
    rows = "".join(f"| {r.issue} | {r.states_with_evidence} | "
                   f"{r.states_with_evidence_beyond_votes} |\n"
                   for r in coverage(tables).itertuples())
    text = COVERAGE.sub(lambda m: m[1] + rows, text)
    text = MEMBERS.sub(f"**{war_members(tables)} of the {UN_MEMBERS} UN member states**", text)
    text = EXAMPLE.sub(lambda m: f"```python\n{m[1]}```\n\n```text\n{run(m[1])}```", text)
    text = BENCH.sub(lambda m: m[1] + benchmarks_block() + m[2], text)
    by_year = coverage_by_year_markdown(
        {n: stances.load(n) for n in ("actors", "observations", "panel")})
    text = BY_YEAR.sub(lambda m: m[1] + by_year + m[2], text)
    path.write_text(text, encoding="utf-8")


BY_YEAR = re.compile(r"(<!-- coverage-by-year -->\n).*?(<!-- /coverage-by-year -->)", re.S)
BENCH = re.compile(r"(<!-- benchmarks -->\n).*?(<!-- /benchmarks -->)", re.S)


def benchmarks_block() -> str:
    """The README's benchmark figures, rendered from benchmarks/results.json."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import json

    from run import report
    import stances
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text())
    # the timings are the run's; the row counts are the current build's, so
    # that the README never shows a stale size (a test compares them)
    for name, table in results["real"]["tables"].items():
        table["rows"] = len(stances.load(name))
    return "```text\n" + report(results) + "\n```\n"


def main() -> None:
    subprocess.run([sys.executable, "-m", "stances", "schemas"], check=True, cwd=ROOT)
    readme()
    for script, args in [("plot_stance_shares.py", ["docs/img/stance_shares.png"]),
                         ("plot_state.py", ["KAZ", "docs/img/kazakhstan.png"])]:
        subprocess.run([sys.executable, f"examples/{script}", *args], check=True,
                       cwd=ROOT)
    import screenshots
    if screenshots.available():
        screenshots.main()
    else:
        print("no chromium here: the explorer's pictures are left as they are")


if __name__ == "__main__":
    main()
