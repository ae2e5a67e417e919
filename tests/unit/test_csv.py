"""CSV files the portal writes open safely in a spreadsheet (app.core.csv)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from app.core.csv import csv_bytes, neutralise, write_rows


@pytest.mark.parametrize("typed", [
    "=SOMME(A1:A9)", "=HYPERLINK(\"https://evil.example\";\"Cliquez\")", "+33 1 23 45 67 89", "-2+3",
    "@SUM(1+1)", "\t=1+1", "\r=1+1", "\n=1+1", "  =1+1", "＝1+1", "-5 °C",
])
def test_what_a_spreadsheet_could_run_is_written_as_text(typed):
    assert neutralise(typed) == "'" + typed


@pytest.mark.parametrize(("value", "written"), [
    ("Via le monde", "Via le monde"),
    ("Cités = solidaires", "Cités = solidaires"),
    ("contact@example.org", "contact@example.org"),
    ("'déjà cité'", "'déjà cité'"),
    ("", ""),
    (None, ""),
    (-5, "-5"),
    (Decimal("-1500.50"), "-1500.50"),
    (0.5, "0.5"),
    (date(2026, 12, 31), "2026-12-31"),
])
def test_everything_else_is_written_as_it_is(value, written):
    assert neutralise(value) == written


def read_back(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_a_file_for_french_excel_with_every_cell_neutralised():
    data = csv_bytes([
        ["nom", "commune", "adhérents"],
        ["=1+1", "Évry-Courcouronnes", 65],
        ["Chœur ; « Vittoria »", 'Dit "le chœur"\r\nsur deux lignes', None],
        # A quote and a separator cannot close the cell and start a formula in the next one.
        ['x";"=cmd|\' /C calc\'!A0', "@A1", -3],
    ])
    assert data.count(b"\r\n") == 5  # four rows, one line break inside a cell
    assert read_back(data) == [
        ["nom", "commune", "adhérents"],
        ["'=1+1", "Évry-Courcouronnes", "65"],
        ["Chœur ; « Vittoria »", 'Dit "le chœur"\r\nsur deux lignes', ""],
        ['x";"=cmd|\' /C calc\'!A0', "'@A1", "-3"],
    ]


def test_rows_can_be_written_to_an_open_file(tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        write_rows(out, [["nom"], ["+33 1 23"]])
    assert path.read_bytes() == '\ufeff"nom"\r\n"\'+33 1 23"\r\n'.encode()
