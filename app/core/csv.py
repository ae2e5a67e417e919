"""CSV files the portal writes (exports, open data): safe to open in a spreadsheet.

Values are stored as people typed them (``=SOMME(A1)``, ``-5 °C``, ``@collectif``); a
spreadsheet would run the first as a formula, and a crafted one can fetch a URL or
start a program. Following the OWASP advice on CSV injection, every cell written goes
through :func:`neutralise`, and :func:`write_rows` quotes every cell so that a
separator or a quote inside a value cannot start a new cell. Files are UTF-8 with a
BOM and ``;``-separated, as French Excel expects.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import TextIO

BOM = "\ufeff"
DELIMITER = ";"
# What makes a spreadsheet read a cell as a formula (OWASP), and their full-width forms.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise(value: object) -> str:
    """One cell as written: text that a spreadsheet could take for a formula gets a
    leading apostrophe (``=1+1`` -> ``'=1+1``); numbers are written as they are; None is
    an empty cell. Leading spaces do not hide a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS) or text.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_rows(out: TextIO, rows: Iterable[Iterable[object]]) -> None:
    """Write rows (the header first, if any) to ``out``: cells neutralised, every cell
    quoted, ``;``-separated, CRLF line ends. ``out`` is opened with ``newline=""``."""
    writer = csv.writer(out, delimiter=DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """A whole file, UTF-8 with BOM, ready to send or save."""
    out = io.StringIO(newline="")
    out.write(BOM)
    write_rows(out, rows)
    return out.getvalue().encode("utf-8")
