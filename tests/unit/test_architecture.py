"""The house rules that keep the code readable as it grows (README, "Layout").

The layers themselves are import-linter contracts (pyproject.toml), run by `make test`.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
# Data, not logic: the demo's facts from the network's documents.
LONG_FILES_ALLOWED = {APP / "demo" / "data.py"}


def _modules():
    for path in sorted(APP.rglob("*.py")):
        yield path, ".".join(path.relative_to(APP.parent).with_suffix("").parts)


def _package(module: str) -> str:
    """``app.agenda.views`` -> ``app.agenda``; ``app.models`` -> ``app.models``."""
    return ".".join(module.split(".")[:2])


def private_imports(source: str, module: str) -> list[str]:
    """``from app.other.module import _name`` lines of ``module`` (another package's privates)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
            if _package(node.module) == _package(module):
                continue
            private = [a.name for a in node.names if a.name.startswith("_")]
            if private:
                found.append(f"{module}: from {node.module} import {', '.join(private)}")
    return found


def test_no_module_imports_another_packages_private_names():
    found = [line for path, module in _modules() for line in private_imports(path.read_text(), module)]
    assert not found, "private names used across packages:\n" + "\n".join(found)


def test_a_private_import_across_packages_is_caught():
    planted = "from app.actors.views import _unless_conflict, value_labels\nfrom app.agenda.queries import _x"
    assert private_imports(planted, "app.agenda.views") == [
        "app.agenda.views: from app.actors.views import _unless_conflict"]


def test_no_file_in_app_is_over_500_lines():
    long = {str(path.relative_to(APP.parent)): n for path, _ in _modules()
            if path not in LONG_FILES_ALLOWED and (n := len(path.read_text().splitlines())) > 500}
    assert not long, f"split these by responsibility: {long}"
