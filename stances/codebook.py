"""The codebook as Markdown, and the published schema files, from the models."""

import json
from pathlib import Path

from .citation import citation_cff
from .load import load
from .models import TABLES
from .models.actors import UN_MEMBERS
from .models.panel import RULES
from .models.export import frictionless_schema, pandera_yaml, table_spec
from .models.vocab import (ACTOR_KINDS, CONFIDENCE, EVIDENCE_TYPES, ISSUES,
                           MEANINGS, MISSING_REASONS, SCALE, SOURCE_KINDS,
                           UN_STATUS, VOTES)
from .variables import codebook

INTRO = """\
# Codebook

Generated from the pandera models in `stances/models/` by `stances schemas`;
do not edit by hand (a test fails when this file and the models disagree).

Every table is one Parquet file. Dates are calendar dates (Parquet DATE,
pandas `datetime64`). Categorical columns are ordered pandas categoricals.
An empty cell means missing: no evidence is not a neutral stance.
"""

SCALE_TEXT = """\
## The stance scale

One score on a common scale for all three issues: negative means with
Russia's position, positive against it. Each issue has its own labels; the
score follows from the label, and the build rejects a row where they differ.
"""


def _vocab(title: str, values: dict) -> list[str]:
    lines = [f"### {title}", "", "| value | meaning |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in values.items()]
    return lines + [""]


def _scale() -> list[str]:
    lines = [SCALE_TEXT, "| issue | score | stance | meaning |", "|---|---|---|---|"]
    for issue, labels in SCALE.items():
        for label, score in labels.items():
            shown = f"{score:+d}" if score else "0"
            lines.append(f"| {issue} | {shown} | `{label}` | "
                         f"{MEANINGS[(issue, label)]} |")
    return lines + [""]


def _table(name: str) -> list[str]:
    spec = table_spec(name)
    lines = [f"## `{name}`", "", spec["description"] + ".", "",
             f"Primary key: `{', '.join(spec['primary_key'])}`.", "",
             "| column | type | required | description |", "|---|---|---|---|"]
    for c in codebook(name).itertuples():
        dtype = c.dtype
        if dtype == "category":
            dtype = "ordered category: " + c.allowed_values.replace("; ", " < ")
        lines.append(f"| `{c.column}` | {dtype} | {'yes' if c.required else 'no'} "
                     f"| {c.description} |")
    if spec["table_rules"]:
        lines += ["", "Rules checked on the whole table:", ""]
        lines += [f"- {rule}" for rule in spec["table_rules"]]
    return lines + [""]


ROLLCALLS = """\
## Roll calls: from a recorded vote to a stance

`unga_votes` holds every UN member state's recorded vote on each resolution
of the General Assembly's eleventh emergency special session listed in
`resolutions`. They were read from the UN's machine-readable extract of those
resolutions (source `dgacm-ga-resolutions-es-11`), which lists the states in
favour, against and abstaining; a member state in none of the lists is
`non_voting` (absent, or without the right to vote). **Non-voting is not an
abstention** and yields no observation.

The build checks that, for every resolution, each of the {members} member states
has exactly one vote and the votes per option equal the official tally in
`resolutions` (which names the UN text that gives it). Each vote was also
compared with a second, independent listing where one could be read; the
`note` of each resolution says which.

Each recorded vote becomes one observation (`evidence_type` `vote`,
`confidence` `high`) on every issue the resolution is mapped to, through the
table `vote_mapping`:
"""


def _rollcalls(directory=None) -> list[str]:
    mapping = load("vote_mapping", directory=directory)
    resolutions = load("resolutions", directory=directory).set_index("resolution_id")
    lines = [ROLLCALLS.format(members=UN_MEMBERS), "| resolution | title | issue | yes | abstain | no |",
             "|---|---|---|---|---|---|"]
    for (res, issue), rows in mapping.groupby(["resolution_id", "issue"],
                                              observed=True, sort=False):
        stance = rows.set_index(rows.vote.astype("str")).stance.astype("str")
        lines.append(f"| {res} | {resolutions.loc[res, 'title']} | {issue} | "
                     + " | ".join(f"`{stance[v]}`" for v in ("yes", "abstain", "no"))
                     + " |")
    lines += ["", "Why, resolution by resolution (the `rationale` column):", ""]
    lines += [f"- {r.resolution_id}, {r.issue}, {r.vote}: {r.rationale}"
              for r in mapping.itertuples() if r.vote == "yes"]
    lines += ["", "How each roll call was checked beyond the build's own checks:", ""]
    lines += [f"- {res}: {row.note}" for res, row in resolutions.iterrows()]
    return lines + [""]


PANEL = """\
## The panel: which stance prevails in a month

`panel` has one row per state (UN members and observer states, Kosovo,
Taiwan), month (from 2022-02 to the build month) and issue. The stance in a
month is chosen from the observations dated up to the month's end:

{rules}

`observation_id`, `evidence_type` and `evidence_date` name the evidence the
stance rests on; `months_since` is its age; `n_observations` counts the
observations dated in the month itself. `state_month` is the same panel with
one row per state and month and a score and stance column per issue.
"""


def codebook_markdown(directory=None) -> str:
    """The codebook; the roll-call section reads the tables in `directory`
    (default: the data the package serves)."""
    parts = [INTRO, *_scale(), *_rollcalls(directory), PANEL.format(rules=RULES)]
    parts += ["## Vocabularies", ""]
    for title, values in [("issue", ISSUES), ("evidence_type (weakest first)",
                          EVIDENCE_TYPES), ("confidence", CONFIDENCE),
                          ("actor kind", ACTOR_KINDS), ("un_status", UN_STATUS),
                          ("source kind", SOURCE_KINDS), ("vote", VOTES),
                          ("missing_reason (panel)", MISSING_REASONS)]:
        parts += _vocab(title, values)
    for name in TABLES:
        parts += _table(name)
    return "\n".join(parts).rstrip() + "\n"


def generated_files(root=".") -> dict[Path, str]:
    """Every generated file with its expected content."""
    root = Path(root)
    files = {root / "docs" / "codebook.md": codebook_markdown()}
    for name in TABLES:
        files[root / "schemas" / f"{name}.tableschema.json"] = (
            json.dumps(frictionless_schema(name), indent=2, ensure_ascii=False) + "\n")
        files[root / "schemas" / f"{name}.pandera.yaml"] = pandera_yaml(name)
    files[root / "CITATION.cff"] = citation_cff()
    return files


def write_generated(root=".") -> list[Path]:
    written = []
    for path, text in generated_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
