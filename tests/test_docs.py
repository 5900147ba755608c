"""Generated docs match the models; the README's example prints what it shows."""

import re
import subprocess
import sys

from conftest import REPO
from stances.generated import generated_files
from stances.models import TABLES


def test_codebook_and_schema_files_are_in_sync_with_the_models():
    stale = [str(path.relative_to(REPO)) for path, text in
             generated_files(REPO).items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    assert stale == [], f"run 'stances schemas' to regenerate: {stale}"


def test_format_md_shows_each_files_exact_header():
    text = (REPO / "data" / "raw" / "FORMAT.md").read_text(encoding="utf-8")
    for name, table in TABLES.items():
        if not table.from_raw:
            continue
        block = re.search(rf"`{name}\.csv`\n```\n(.*)\n```", text)
        assert block and block[1] == ",".join(table.raw_columns), name


def test_readme_examples_print_their_output():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", text, re.S)
    assert len(examples) >= 2
    for code, shown in examples:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                             text=True, check=True, cwd=REPO).stdout
        assert out == shown


def test_readme_coverage_table_is_computed():
    import stances
    from stances.coverage import coverage
    text = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"^\| (war|recognition|sanctions) \| (\d+) \| (\d+) \|$", text, re.M)
    tables = {n: stances.load(n) for n in ("actors", "observations")}
    expected = [(r.issue, str(r.states_with_evidence), str(r.states_with_evidence_beyond_votes))
                for r in coverage(tables).itertuples()]
    assert shown == expected


def test_readme_war_members_count_is_computed():
    import stances
    from stances.coverage import members_beyond_votes
    from stances.models.actors import UN_MEMBERS
    tables = {n: stances.load(n) for n in ("actors", "observations")}
    text = (REPO / "README.md").read_text(encoding="utf-8")
    count = members_beyond_votes(tables, "war")
    assert f"**{count} of the {UN_MEMBERS} UN member states**" in text


def test_readme_coverage_by_year_is_computed():
    import stances
    from stances.coverage import coverage_by_year_markdown
    text = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- coverage-by-year -->\n(.*?)<!-- /coverage-by-year -->",
                      text, re.S)[1]
    tables = {n: stances.load(n) for n in ("actors", "observations", "panel")}
    assert shown == coverage_by_year_markdown(tables)


def test_the_public_codebook_is_not_shadowed_by_a_module():
    import subprocess
    import sys
    code = ("import stances, stances.release, stances.generated; "
            "print(len(stances.codebook('panel')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert int(out) > 10


def test_the_release_workflow_tests_builds_uploads_and_publishes():
    import yaml
    flow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text())
    assert flow[True]["push"]["tags"] == ["v*.*.*"]  # YAML reads the key "on" as True
    steps = "\n".join(str(step.get("run", step.get("uses", "")))
                      for job in flow["jobs"].values() for step in job["steps"])
    for needed in ("bash .ci/run", "stances release", "--sign-key", "stances site",
                   "SHA256SUMS", "gh release upload", "upload-pages-artifact",
                   "deploy-pages"):
        assert needed in steps, needed
