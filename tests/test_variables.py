"""The codebook as data: every column, its meaning, a search."""

import stances
from stances.models import TABLES
from stances.variables import codebook, find_var


def test_codebook_frame_covers_every_column_and_drives_the_markdown():
    book = codebook()
    for name, table in TABLES.items():
        assert list(book[book.table == name].column) == table.columns
    stance = book[(book.table == "observations") & (book.column == "stance")].iloc[0]
    assert "opposes_actively (war):" in stance.meanings
    from stances.generated import codebook_markdown
    markdown = codebook_markdown()
    assert all(d in markdown for d in book.description)


def test_find_var():
    found = find_var("sanction")
    assert {"sanctions_score", "sanctions_stance"} <= set(found.column)
    assert find_var("no such words anywhere").empty


def test_missing_reasons_are_a_documented_vocabulary():
    book = codebook("panel").set_index("column")
    assert book.loc["missing_reason", "allowed_values"] == "no_evidence; non_voting; not_un_member"
    panel = stances.load("panel")
    assert (panel.stance.isna() == panel.missing_reason.notna()).all()
