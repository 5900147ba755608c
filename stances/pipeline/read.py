"""Read the hand-coded CSV files of data/raw/ into frames of text.

The csv module rather than pandas, so that every record keeps the line it
starts on (quoted newlines included) and every malformed line is reported.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from ..errors import Failure
from ..models import TABLES

RAW_FILES = {name: f"{name}.csv" for name, t in TABLES.items() if t.from_raw}


def read_raw(raw_dir: Path) -> tuple[dict[str, pd.DataFrame], list[Failure]]:
    """Every raw table as text, indexed by the line each row starts on."""
    if not Path(raw_dir).is_dir():
        return {}, [Failure(str(raw_dir), None, None, None,
                            "no such folder: pass --raw the folder that holds the "
                            "raw CSV files (data/raw)")]
    frames, failures = {}, []
    for name, file_name in RAW_FILES.items():
        path = Path(raw_dir) / file_name
        frame, problems = read_csv(path, TABLES[name].raw_columns)
        failures += problems
        if frame is not None:
            frames[name] = frame
    return frames, failures


def read_csv(path: Path, columns: list[str]):
    """One CSV file; (None, failures) when it cannot be read as a table."""
    shown = str(path)
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        return None, [Failure(shown, None, None, None,
                              "a symbolic link to a file outside the raw folder; "
                              "copy the file in instead")]
    if not path.is_file():
        return None, [Failure(shown, None, None, None,
                              "file not found: every raw table needs its file")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is tolerated
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return None, [Failure(shown, line, None, None,
                              f"not UTF-8 text (byte 0x{data[e.start]:02x}); "
                              "save the file as UTF-8")]
    if "\x00" in text:
        return None, [Failure(shown, None, None, None,
                              "binary content: not a CSV text file")]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return None, [Failure(shown, None, None, None, "empty file: "
                                  "expected the header " + ",".join(columns))]
        problems = _check_header(shown, header, columns)
        if problems:
            return None, problems
        return _records(shown, reader, header)
    except csv.Error as e:
        return None, [Failure(shown, reader.line_num, None, None,
                              f"malformed CSV: {e}")]


def _check_header(shown, header, columns) -> list[Failure]:
    failures = []
    seen = set()
    for name in header:
        if name in seen:
            failures.append(Failure(shown, 1, name, None, "duplicated column"))
        seen.add(name)
        if name not in columns:
            failures.append(Failure(shown, 1, name, None, "unknown column; "
                                    "expected: " + ",".join(columns)))
    for name in columns:
        if name not in seen:
            failures.append(Failure(shown, 1, name, None,
                                    "required column is missing"))
    return failures


def _records(shown, reader, header):
    rows, lines, failures = [], [], []
    start = reader.line_num + 1
    for record in reader:
        if record and len(record) != len(header):
            failures.append(Failure(
                shown, start, None, None,
                f"{len(record)} fields where the header has {len(header)} "
                "(a stray comma? quote cells that contain commas)"))
        elif record:
            rows.append(record)
            lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"),
                         dtype="str")
    frame = frame.where(frame != "")  # an empty cell means missing
    return frame, failures
