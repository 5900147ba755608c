"""Reading raw CSV: file-level problems, each with its own message."""

from stances.pipeline.read import read_csv
from stances.errors import Failure
from stances.models import TABLES

COLUMNS = TABLES["sources"].columns
HEADER = ",".join(COLUMNS)
ROW = "s-1,https://example.org,T,P,2022-01-01,news_report,en,"


def write(tmp_path, data: bytes):
    path = tmp_path / "sources.csv"
    path.write_bytes(data)
    return path


def test_reads_rows_with_their_line_numbers(tmp_path):
    path = write(tmp_path, f'{HEADER}\n{ROW}\ns-2,,"two\nlines",P,,research,en,n\n'.encode())
    frame, failures = read_csv(path, COLUMNS)
    assert failures == []
    assert list(frame.index) == [2, 3]
    assert frame.loc[3, "title"] == "two\nlines"
    assert frame.loc[3, "url"] != frame.loc[3, "url"]  # empty cell is missing


def test_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + f"{HEADER}\r\n{ROW}\r\n".encode())
    frame, failures = read_csv(path, COLUMNS)
    assert failures == []
    assert list(frame.columns) == COLUMNS
    assert frame.loc[2, "note"] != frame.loc[2, "note"]


def test_wrong_encoding(tmp_path):
    path = write(tmp_path, f"{HEADER}\n".encode() + "s-1,,Caf\xe9".encode("latin-1"))
    frame, failures = read_csv(path, COLUMNS)
    assert frame is None
    assert failures == [Failure(str(path), 2, None, None,
                                "not UTF-8 text (byte 0xe9); save the file as UTF-8")]


def test_empty_file(tmp_path):
    path = write(tmp_path, b"")
    frame, failures = read_csv(path, COLUMNS)
    assert frame is None
    assert failures[0].rule.startswith("empty file: expected the header")


def test_header_only_file_has_no_rows(tmp_path):
    frame, failures = read_csv(write(tmp_path, f"{HEADER}\n".encode()), COLUMNS)
    assert failures == [] and len(frame) == 0


def test_duplicated_missing_and_unknown_columns(tmp_path):
    header = HEADER.replace("publisher", "title").replace("note", "notes")
    path = write(tmp_path, f"{header}\n{ROW}\n".encode())
    frame, failures = read_csv(path, COLUMNS)
    assert frame is None
    rules = {(f.column, f.rule.split(";")[0]) for f in failures}
    assert rules == {("title", "duplicated column"), ("notes", "unknown column"),
                     ("publisher", "required column is missing"),
                     ("note", "required column is missing")}


def test_stray_delimiter(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{ROW}\n{ROW},extra\n".encode())
    frame, failures = read_csv(path, COLUMNS)
    assert list(frame.index) == [2]
    assert failures == [Failure(str(path), 3, None, None,
                                "9 fields where the header has 8 (a stray comma? "
                                "quote cells that contain commas)")]


def test_binary_file_is_not_csv(tmp_path):
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    frame, failures = read_csv(path, COLUMNS)
    assert frame is None and len(failures) == 1


def test_missing_file(tmp_path):
    frame, failures = read_csv(tmp_path / "nope.csv", COLUMNS)
    assert frame is None
    assert failures[0].rule == "file not found: every raw table needs its file"
