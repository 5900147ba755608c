"""The codebook as data: one row per column of every table, from the models.
The Markdown codebook is rendered from the same frame."""

from functools import lru_cache

import pandas as pd

from . import catalog


@lru_cache(maxsize=None)
def _vocabulary():
    """The labels' meanings by column (from the models' vocabulary, imported
    only when the codebook is asked for)."""
    from .models.vocab import (ACT_STATUS, ACTOR_KINDS, BASIS, BODIES, CONFIDENCE,
                               EVIDENCE_TYPES, ISSUES, MEANINGS, MISSING_REASONS,
                               PARTICIPATION, SCALE, SOURCE_KINDS, SPECIFICITY,
                               UN_STATUS, VOTES)
    by_column = {"issue": ISSUES, "evidence_type": EVIDENCE_TYPES,
                 "confidence": CONFIDENCE, "un_status": UN_STATUS, "vote": VOTES,
                 "missing_reason": MISSING_REASONS, "basis": BASIS,
                 "act_status": ACT_STATUS, "specificity": SPECIFICITY,
                 "body": BODIES, "participation": PARTICIPATION}
    by_table = {("actors", "kind"): ACTOR_KINDS, ("sources", "kind"): SOURCE_KINDS}
    return by_column, by_table, SCALE, MEANINGS


def _meanings(table: str, column: str) -> dict:
    by_column, by_table, scale, meanings = _vocabulary()
    if (table, column) in by_table:
        return by_table[(table, column)]
    if column in by_column:
        return by_column[column]
    issue = column.removesuffix("_stance")
    if column == "stance":
        return {f"{label} ({issue})": meanings[(issue, label)]
                for issue, labels in scale.items() for label in labels}
    if issue in scale:
        return {label: meanings[(issue, label)] for label in scale[issue]}
    return {}


def codebook(table: str | None = None) -> pd.DataFrame:
    """Every column of every table (or of `table`): dtype, whether required,
    description, allowed values and what each means."""
    names = [catalog.entry(table)["table"]] if table else catalog.table_names()
    rows = []
    for name in names:
        for c in catalog.entry(name)["columns"]:
            meanings = _meanings(name, c["name"])
            allowed = c.get("categories") or next(
                (sorted(ch["statistics"]["allowed_values"]) for ch in c["checks"]
                 if ch["name"] == "isin"), [])
            rows.append({
                "table": name, "column": c["name"], "dtype": c["dtype"],
                "required": not c["nullable"], "description": c["description"],
                "allowed_values": "; ".join(allowed),
                "meanings": "; ".join(f"{k}: {v}" for k, v in meanings.items()),
            })
    return pd.DataFrame(rows)


def find_var(pattern: str) -> pd.DataFrame:
    """Columns whose name, description, allowed values or meanings mention
    `pattern` (case-insensitive), e.g. find_var("sanction")."""
    book = codebook()
    text = book[["table", "column", "description", "allowed_values", "meanings"]].agg(
        " ".join, axis=1)
    return book[text.str.contains(pattern, case=False, regex=False)].reset_index(drop=True)
