"""Validation rules of the directory (plain Python)."""

from datetime import date

import pytest

from app.actors.rules import (
    check_departement,
    check_postal_code,
    check_rna,
    check_scheme_ranges,
    check_siret,
    luhn_ok,
    parse_amount,
    parse_date,
    parse_rate,
)


def codes(violations):
    return [v.code for v in violations]


@pytest.mark.parametrize("rna", ["W751234567", "W911000123"])
def test_valid_rna(rna):
    assert check_rna(rna) == []


@pytest.mark.parametrize("rna", ["751234567", "W75123456", "W7512345678", "X751234567", "w75123456a"])
def test_invalid_rna(rna):
    assert codes(check_rna(rna)) == ["rna_invalid"]


def test_siret_checks_format_and_luhn_key():
    assert check_siret("73282932000074") == []  # a valid Luhn key
    assert codes(check_siret("73282932000075")) == ["siret_checksum"]
    assert codes(check_siret("7328293200007")) == ["siret_format"]
    assert codes(check_siret("7328293200007A")) == ["siret_format"]


def test_la_poste_sirets_follow_their_own_rule():
    # Digit sum a multiple of 5, Luhn key wrong: valid for La Poste only.
    assert not luhn_ok("35600000010000")
    assert check_siret("35600000010000") == []
    assert check_siret("35600000010001")[0].code == "siret_checksum"


def test_departement_must_be_in_ile_de_france():
    assert check_departement("93") == []
    violation = check_departement("13")[0]
    assert violation.code == "departement_unknown" and "95" in violation.params["allowed"]


def test_postal_code_must_match_the_departement():
    assert check_postal_code("93000", "93") == []
    assert codes(check_postal_code("91000", "93")) == ["postal_code_departement"]
    assert codes(check_postal_code("9300", "93")) == ["postal_code_invalid"]


@pytest.mark.parametrize(("typed", "cents"), [
    ("12000", 1_200_000), ("12 000", 1_200_000), ("12 000 €", 1_200_000), ("1 500,50", 150_050),
    ("1.500,50", 150_050), ("12000.5", 1_200_050), ("0", 0), ("30 000", 3_000_000),
])
def test_amounts_as_french_people_write_them(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed", ["-5", "douze", "1,2,3", "", "12.345.6", "1e5"])
def test_bad_amounts_are_refused(typed):
    with pytest.raises(ValueError):
        parse_amount(typed)


def test_rates_and_dates():
    assert parse_rate("80 %") == 80
    for bad in ("0", "101", "50,5", "x"):
        with pytest.raises(ValueError):
            parse_rate(bad)
    assert parse_date("31/12/2026") == date(2026, 12, 31)
    assert parse_date("2026-12-31") == date(2026, 12, 31)
    for bad in ("31/02/2026", "2026/12/31", "demain"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_scheme_ranges():
    assert codes(check_scheme_ranges(500, 100, None, None)) == ["amount_range"]
    assert codes(check_scheme_ranges(None, None, date(2026, 5, 1), date(2026, 4, 1))) == ["date_range"]
    assert codes(check_scheme_ranges(None, None, None, None, 25, 18)) == ["age_range"]
    assert check_scheme_ranges(100, 500, date(2026, 1, 1), date(2026, 2, 1), 18, 25) == []


NOT_NUMBERS = ["NaN", "nan", "sNaN", "-sNaN", "inf", "-inf", "Infinity", "-Infinity", "1e999999",
               "1E2", "1e-999999", "8_0", "+80", "0x50"]


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_rates_are_plain_numbers(typed):
    with pytest.raises(ValueError):
        parse_rate(typed)


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_amounts_are_plain_numbers(typed):
    with pytest.raises(ValueError):
        parse_amount(typed)


@pytest.mark.parametrize("typed", ["NaN", "inf", "1e999999", "9" * 5000])
def test_dates_are_plain_dates(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_amounts_stay_within_what_the_database_holds():
    assert parse_amount("1 000 000 000 000") == 100_000_000_000_000  # a thousand billion euros
    for huge in ("1 000 000 000 000,01", "99999999999999999999", "9" * 5000, "9" * 1_000_001):
        with pytest.raises(ValueError):
            parse_amount(huge)


def test_rates_accept_trailing_zeros_only():
    assert parse_rate("100,00 %") == 100
    assert parse_rate("070") == 70
    for bad in ("9" * 5000, "50." + "0" * 5000 + "1", ".5", "5."):
        with pytest.raises(ValueError):
            parse_rate(bad)
