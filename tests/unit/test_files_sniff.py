"""What an upload really is, from its bytes: the kinds we accept, and every disguise refused."""

from __future__ import annotations

import pytest

from app.core.rules import RuleViolations
from app.files import sniff as s
from tests import file_samples as samples


def sniffed(tmp_path, data: bytes, name: str):
    path = tmp_path / "upload"
    path.write_bytes(data)
    return s.sniff(path, name)


def refusal(tmp_path, data: bytes, name: str) -> str:
    with pytest.raises(RuleViolations) as caught:
        sniffed(tmp_path, data, name)
    [violation] = caught.value.violations
    assert violation.field == "file" and violation.params["name"] == name
    return violation.code


@pytest.mark.parametrize(("make", "name", "kind"), [
    (samples.pdf, "Statuts.pdf", s.PDF),
    (samples.png, "logo.PNG", s.PNG),
    (samples.jpeg, "photo.jpg", s.JPEG),
    (samples.jpeg, "photo.jpeg", s.JPEG),
    (samples.docx, "Rapport d'activité.docx", s.DOCX),
    (samples.xlsx, "budget.xlsx", s.XLSX),
    (samples.odf, "rapport.odt", s.ODT),
    (samples.ods, "budget.ods", s.ODS),
])
def test_the_accepted_kinds_are_recognised_from_their_content(tmp_path, make, name, kind):
    assert sniffed(tmp_path, make(), name) is kind


@pytest.mark.parametrize(("data", "name", "code"), [
    (samples.exe(), "facture.pdf", "file_content_not_allowed"),  # an .exe renamed .pdf
    (samples.html(), "statuts.pdf", "file_content_not_allowed"),  # HTML that a browser would run
    (samples.plain_zip(), "rapport.docx", "file_content_not_allowed"),  # a zip is no document
    (samples.exe(), "programme.exe", "file_extension_not_allowed"),
    (samples.pdf(), "statuts", "file_extension_not_allowed"),
    (samples.pdf(), "statuts.pdf.html", "file_extension_not_allowed"),
    (b"name,amount\nA,1\n", "budget.csv", "file_extension_not_allowed"),
    (samples.png(), "scan.pdf", "file_type_mismatch"),
    (samples.pdf(), "photo.jpg", "file_type_mismatch"),
    (samples.odf(), "rapport.docx", "file_type_mismatch"),
    (samples.docx(), "budget.xlsx", "file_type_mismatch"),
    (samples.ods(), "rapport.odt", "file_type_mismatch"),
    (samples.docx(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")), "rapport.docx", "file_macro_refused"),
    (samples.docx(types=samples.MACRO_TYPES), "rapport.docx", "file_macro_refused"),
    (samples.odf("application/vnd.oasis.opendocument.text", ("Basic/Standard/Module1.xml", b"<m/>")),
     "rapport.odt", "file_macro_refused"),
    (samples.docx(("word/activeX/activeX1.bin", b"x")), "rapport.docx", "file_macro_refused"),
    (samples.docx(("word/media/setup.exe", b"whatever")), "rapport.docx", "file_executable_refused"),
    (samples.docx(("word/media/image1.png", samples.exe())), "rapport.docx", "file_executable_refused"),
    (samples.docx()[:200], "rapport.docx", "file_damaged"),  # cut short in the upload
    (b"", "vide.pdf", "file_empty"),
])
def test_disguised_active_or_broken_files_are_refused_with_a_code(tmp_path, data, name, code):
    assert refusal(tmp_path, data, name) == code


def test_a_mismatch_says_what_the_content_really_is(tmp_path):
    with pytest.raises(RuleViolations) as caught:
        sniffed(tmp_path, samples.png(), "scan.pdf")
    params = caught.value.violations[0].params
    assert (params["ext"], params["claimed"], params["detected"]) == ("pdf", "PDF", "PNG")


def test_a_zip_claiming_an_enormous_content_is_refused_without_inflating_it(tmp_path, monkeypatch):
    monkeypatch.setattr(s, "MAX_ZIP_EXPANSION", 1000)
    assert refusal(tmp_path, samples.docx(("word/media/big.xml", b"0" * 5000)), "rapport.docx") == "file_damaged"


@pytest.mark.parametrize(("given", "kept"), [
    ("Statuts.pdf", "Statuts.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\Léa\\Budget 2027.xlsx", "Budget 2027.xlsx"),
    ("facture\u202efdp.exe", "facturefdp.exe"),  # a right-to-left override hides the real extension
    ("rap\x00port\r\n.pdf", "rap port .pdf"),
    ("  ..rapport.pdf.  ", "rapport.pdf"),
    ("Compte\u0301 rendu.odt", "Compté rendu.odt"),  # NFC
    ("", ""),
    (None, ""),
])
def test_the_uploads_name_is_cleaned_before_it_is_kept(given, kept):
    assert s.clean_filename(given) == kept


def test_a_long_name_is_capped_and_keeps_its_extension():
    name = s.clean_filename("é" * 400 + ".pdf")
    assert len(name) == s.MAX_NAME_LENGTH and name.endswith("é.pdf")
