"""The codebook as Markdown, and the published schema files, from the models."""

import json
from pathlib import Path

from .models import TABLES
from .models.export import table_spec
from .models.vocab import (ACTOR_KINDS, CONFIDENCE, EVIDENCE_TYPES, ISSUES,
                           MEANINGS, SCALE, SOURCE_KINDS, UN_STATUS)

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
    for c in spec["columns"]:
        dtype = c["dtype"]
        if dtype == "category":
            dtype = "ordered category: " + " < ".join(c["categories"])
        lines.append(f"| `{c['name']}` | {dtype} | "
                     f"{'no' if c['nullable'] else 'yes'} | {c['description']} |")
    if spec["table_rules"]:
        lines += ["", "Rules checked on the whole table:", ""]
        lines += [f"- {rule}" for rule in spec["table_rules"]]
    return lines + [""]


def codebook_markdown() -> str:
    parts = [INTRO, *_scale()]
    parts += ["## Vocabularies", ""]
    for title, values in [("issue", ISSUES), ("evidence_type (weakest first)",
                          EVIDENCE_TYPES), ("confidence", CONFIDENCE),
                          ("actor kind", ACTOR_KINDS), ("un_status", UN_STATUS),
                          ("source kind", SOURCE_KINDS)]:
        parts += _vocab(title, values)
    for name in TABLES:
        parts += _table(name)
    return "\n".join(parts).rstrip() + "\n"


def generated_files(root=".") -> dict[Path, str]:
    """Every generated file with its expected content."""
    root = Path(root)
    files = {root / "docs" / "codebook.md": codebook_markdown()}
    for name in TABLES:
        files[root / "schemas" / f"{name}.schema.json"] = (
            json.dumps(table_spec(name), indent=2, ensure_ascii=False) + "\n")
    return files


def write_generated(root=".") -> list[Path]:
    written = []
    for path, text in generated_files(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
