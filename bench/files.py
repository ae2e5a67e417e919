"""Attachments benchmark: storing uploads (copy, sha256, sniffing, atomic rename, row) and
downloading them, at the sizes a dossier holds.

    .venv/bin/python bench/files.py --rounds 30
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/files.py

Prints JSON: for each sample (a 100 Ko PDF, a 10 Mo PDF at the cap, a DOCX of 300 parts),
p50/p95/max milliseconds of ``store`` + commit, and of a download through ``send_stored``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import figures  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.files.models import StoredFile  # noqa: E402
from app.files.serving import send_stored  # noqa: E402
from app.files.storage import store  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(size: int) -> bytes:
    return PDF + b"%" * (size - len(PDF))


def docx(parts: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>" * 2000)
        for n in range(parts):
            archive.writestr(f"word/media/image{n}.png", os.urandom(2000))
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-files-"))
    url = os.environ.get("DATABASE_URL", f"sqlite:///{work / 'files.db'}")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(work / "index"),
                      "SECRET_KEY": "bench", "FILES_DIR": str(work / "files"), "CLAMD_SOCKET": ""})

    @app.get("/bench/fichier/<int:file_id>")
    def _download(file_id):
        return send_stored(db.session.get(StoredFile, file_id), allowed=True)

    import flask_migrate

    report: dict = {"database": url.split(":")[0], "rounds": args.rounds}
    samples = {"pdf_100k": (pdf(100 * 1024), "budget.pdf"),
               "pdf_10M": (pdf(10 * 1024 * 1024), "rapport.pdf"),
               "docx_300_parts": (docx(300), "rapport.docx")}
    with app.app_context():
        flask_migrate.upgrade()
        client = app.test_client()
        for label, (data, name) in samples.items():
            stores, downloads = [], []
            for _ in range(args.rounds):
                started = time.perf_counter()
                stored = store(db.session, data, name)
                db.session.commit()
                stores.append(time.perf_counter() - started)
                started = time.perf_counter()
                response = client.get(f"/bench/fichier/{stored.id}")
                assert response.status_code == 200 and len(response.data) == len(data)
                downloads.append(time.perf_counter() - started)
            report[label] = {
                "bytes": len(data),
                "store_ms": figures(stores),
                "download_ms": figures(downloads),
                "store_mb_per_s": round(len(data) / statistics.median(stores) / 1024 / 1024),
            }
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(work)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
