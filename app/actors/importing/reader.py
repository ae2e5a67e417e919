"""From the bytes of a CSV file to rows with their line numbers, or a rejection.

UTF-8 (with or without BOM) or Windows-1252, ``;`` or ``,`` separated, a header row
naming the columns. The reader knows nothing of actors or schemes: the caller says
which columns exist, which are required and which hold several lines. Every cell is
cleaned by the rule the forms apply (:func:`app.core.text.clean_line`, ``clean_block``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass

from app.actors.rules import Violation
from app.core.text import clean_block, clean_line, fold


class ImportRejected(Exception):
    """Nothing is imported; ``errors`` lists (line number, violation), line 0 for the file."""

    def __init__(self, errors: list[tuple[int, Violation]]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class Row:
    line: int
    values: dict[str, str]


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise ImportRejected([(0, Violation("encoding"))]) from None


def column_name(heading: str) -> str:
    """A header cell as a column name: ``Code postal`` -> ``code_postal``."""
    return fold(clean_line(heading)).strip().replace(" ", "_").replace("-", "_")


def read_csv(data: bytes, columns: list[str], required: list[str],
             multiline: Collection[str] = ()) -> list[Row]:
    """Decode, sniff the separator, check the header, clean the cells (line breaks stay
    only in the ``multiline`` columns); raise ImportRejected on a bad file."""
    text = decode(data)
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[Row] = []
    errors: list[tuple[int, Violation]] = []
    start = 1
    for record in _records(reader):
        line = start
        start = reader.line_num + 1
        if not any(clean_line(cell) for cell in record):
            continue
        if header is None:
            header = [column_name(h) for h in record]
            missing = [c for c in required if c not in header]
            unknown = [h for h in header if h not in columns]
            if missing:
                errors.append((line, Violation("columns_missing", params={"columns": ", ".join(missing)})))
            if unknown:
                errors.append((line, Violation("columns_unknown", params={"columns": ", ".join(unknown)})))
            if errors:
                raise ImportRejected(errors)
            continue
        if len(record) != len(header):
            errors.append((line, Violation("columns_count",
                                           params={"found": len(record), "expected": len(header)})))
            continue
        rows.append(Row(line, {h: clean_block(v) if h in multiline else clean_line(v)
                               for h, v in zip(header, record, strict=True)}))
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([(0, Violation("empty_file"))])
    return rows


# The largest cell read (the csv module's default limit, which any library in the process
# may raise for everyone: csv.field_size_limit is global, so the importer checks its own).
CELL_MAX = 131_072


def _records(reader):
    """The reader's records; a line the csv module cannot read, or with a cell over
    CELL_MAX characters, rejects the file, by number."""
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise ImportRejected([(reader.line_num, Violation("unreadable_line"))]) from None
        if any(len(cell) > CELL_MAX for cell in record):
            raise ImportRejected([(reader.line_num, Violation("unreadable_line"))])
        yield record
