"""Tiny real files for the attachment tests, made in memory (nothing fetched, nothing shipped)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf(text: str = "Budget") -> bytes:
    body = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n")
    return body + f"% {text}\n".encode() + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack("!IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def jpeg() -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack("!H", len(app0) + 2) + app0 + b"\xff\xd9"


def _zip(entries: list[tuple[str, bytes]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(entries):
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored_first and i == 0 else None)
    return buffer.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 b'officedocument.wordprocessingml.document.main+xml"/></Types>')
MACRO_TYPES = CONTENT_TYPES.replace(b"wordprocessingml.document.main+xml",
                                    b"ms-word.document.macroEnabled.main+xml")


def docx(*extra: tuple[str, bytes], types: bytes = CONTENT_TYPES) -> bytes:
    return _zip([("[Content_Types].xml", types), ("_rels/.rels", b"<Relationships/>"),
                 ("word/document.xml", b"<w:document/>"), *extra])


def xlsx() -> bytes:
    return _zip([("[Content_Types].xml", CONTENT_TYPES.replace(b"word/document", b"xl/workbook")),
                 ("_rels/.rels", b"<Relationships/>"), ("xl/workbook.xml", b"<workbook/>")])


def odf(mimetype: str = "application/vnd.oasis.opendocument.text", *extra: tuple[str, bytes]) -> bytes:
    return _zip([("mimetype", mimetype.encode()), ("content.xml", b"<office:document-content/>"),
                 ("META-INF/manifest.xml", b"<manifest:manifest/>"), *extra], stored_first=True)


def ods() -> bytes:
    return odf("application/vnd.oasis.opendocument.spreadsheet")


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"This program cannot be run in DOS mode."


def plain_zip() -> bytes:
    return _zip([("notes.txt", b"bonjour"), ("photo.png", png())])


def html() -> bytes:
    return b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
