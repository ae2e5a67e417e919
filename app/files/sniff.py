"""What a file really is, read from its bytes: the name an applicant gave it proves nothing.

The first bytes are matched by ``puremagic`` (pure Python, no libmagic to install). An
office document is a zip: it is opened and must hold the parts of the kind it claims
(``mimetype`` + ``content.xml`` for OpenDocument, ``[Content_Types].xml`` + the main part
for Office Open XML), and nothing active (macros, executables). Plain Python, no Flask:
violations are codes (``app.files.messages`` says them in French).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import puremagic

from app.core.rules import RuleViolations, Violation


@dataclass(frozen=True)
class Kind:
    name: str  # the label in messages: "PDF", "DOCX"...
    mime_type: str
    extensions: tuple[str, ...]  # the first is the usual one


PDF = Kind("PDF", "application/pdf", ("pdf",))
JPEG = Kind("JPEG", "image/jpeg", ("jpg", "jpeg"))
PNG = Kind("PNG", "image/png", ("png",))
ODT = Kind("ODT", "application/vnd.oasis.opendocument.text", ("odt",))
ODS = Kind("ODS", "application/vnd.oasis.opendocument.spreadsheet", ("ods",))
DOCX = Kind("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
XLSX = Kind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
KINDS = (PDF, JPEG, PNG, ODT, ODS, DOCX, XLSX)
EXTENSIONS = {ext: kind for kind in KINDS for ext in kind.extensions}
ALLOWED_LABEL = ", ".join(k.name for k in KINDS)
# For a form's <input type="file" accept="...">: a hint to the browser, checked here anyway.
ACCEPT = ",".join([f".{ext}" for ext in EXTENSIONS] + [k.mime_type for k in KINDS])

_ODF = {ODT.mime_type: ODT, ODS.mime_type: ODS}
_OOXML_MAIN = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}
# Main parts of macro-enabled documents (.docm, .xlsm...) declared in [Content_Types].xml.
_MACRO_CONTENT_TYPE = re.compile(rb"macroEnabled", re.IGNORECASE)
# Active content inside an office zip: VBA projects, ActiveX controls, ODF Basic/scripts.
_ACTIVE_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|(^|/)activeX/|^Basic/|^Scripts/",
                          re.IGNORECASE)
_EXECUTABLE_NAME = re.compile(
    r"\.(exe|dll|com|scr|pif|bat|cmd|msi|msp|jar|js|jse|vbs|vbe|wsf|wsh|ps1|hta|lnk|sh|elf|app)$",
    re.IGNORECASE)
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
# A zip is read, never fully inflated: these bound what a crafted one (a zip bomb) claims.
MAX_ZIP_ENTRIES = 5000
MAX_ZIP_EXPANSION = 200 * 1024 * 1024
HEAD_BYTES = 8192

MAX_NAME_LENGTH = 200


def clean_filename(name: str | None) -> str:
    """The upload's name, safe to show and to offer back: no folders, no control or
    direction-changing characters (``facture\u202efdp.exe``), no leading dots, at most
    :data:`MAX_NAME_LENGTH` characters, extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                   for c in name if unicodedata.category(c) not in ("Cf", "Co", "Cs", "Cn"))
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH].rstrip(" .")
    return name


def extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def check_extension(name: str, field: str = "file") -> Kind:
    """The kind the name claims; refused before a byte is read when no allowed kind has it."""
    ext = extension(name)
    kind = EXTENSIONS.get(ext)
    if kind is None:
        raise RuleViolations([Violation("file_extension_not_allowed", field,
                                        {"name": name, "ext": ext, "allowed": ALLOWED_LABEL})])
    return kind


def sniff(path: Path, name: str, field: str = "file") -> Kind:
    """The kind of the file at ``path`` (uploaded as ``name``), or :class:`RuleViolations`
    saying why it is refused."""
    claimed = check_extension(name, field)
    with open(path, "rb") as stream:
        head = stream.read(HEAD_BYTES)
    params = {"name": name, "ext": extension(name), "claimed": claimed.name, "allowed": ALLOWED_LABEL}
    if not head:
        raise RuleViolations([Violation("file_empty", field, params)])
    found = _by_magic(head)
    if found == "zip":
        found = _office_kind(path, params, field)
    if found is None:
        raise RuleViolations([Violation("file_content_not_allowed", field, params)])
    if found is not claimed:
        raise RuleViolations([Violation("file_type_mismatch", field, {**params, "detected": found.name})])
    return found


def _by_magic(head: bytes) -> Kind | str | None:
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return None
    for match in matches:
        if match.offset != 0:
            continue
        if match.byte_match.startswith(b"PK\x03\x04"):
            return "zip"
        for kind in (PDF, JPEG, PNG):
            if match.mime_type == kind.mime_type:
                return kind
    return None


def _office_kind(path: Path, params: dict, field: str) -> Kind | None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_ZIP_EXPANSION:
                raise RuleViolations([Violation("file_damaged", field, params)])
            names = {e.filename for e in entries}
            for entry in entries:
                if _ACTIVE_PART.search(entry.filename):
                    raise RuleViolations([Violation("file_macro_refused", field, params)])
                if _EXECUTABLE_NAME.search(entry.filename) or _starts_like_program(archive, entry):
                    raise RuleViolations([Violation("file_executable_refused", field, params)])
            if entries and entries[0].filename == "mimetype" and "content.xml" in names:
                declared = _read(archive, "mimetype", 100).decode("ascii", "replace").strip()
                return _ODF.get(declared)
            if "[Content_Types].xml" in names:
                types = _read(archive, "[Content_Types].xml", 1024 * 1024)
                if _MACRO_CONTENT_TYPE.search(types):
                    raise RuleViolations([Violation("file_macro_refused", field, params)])
                found = [kind for part, kind in _OOXML_MAIN.items() if part in names]
                return found[0] if len(found) == 1 else None
            return None  # a plain zip
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError) as exc:
        # RuntimeError: an encrypted entry; NotImplementedError: an unknown compression.
        raise RuleViolations([Violation("file_damaged", field, params)]) from exc


def _read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of an entry: a crafted one may claim any size."""
    with archive.open(name) as member:
        return member.read(limit)


def _starts_like_program(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    if entry.is_dir() or entry.file_size < 2:
        return False
    with archive.open(entry) as member:
        start = member.read(4)
    return start.startswith(_EXECUTABLE_MAGIC)
