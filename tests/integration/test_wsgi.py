"""The production entry point gunicorn loads (README: ``gunicorn app.wsgi:app``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_gunicorn_finds_the_app_with_its_long_lived_objects_frozen(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.db'}",
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "SECRET_KEY": "test"}
    code = "import gc, app.wsgi as w; print(type(w.app).__name__, gc.get_freeze_count() > 1000)"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["Flask", "True"]
