"""The calls' domain stays plain Python: no Flask, no SQLAlchemy, no models."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "calls" / "domain"
ALLOWED = {"app.core.rules", "app.core.money"}  # money: the bound on amounts


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(DOMAIN.glob("*.py")), ids=lambda p: p.name)
def test_the_domain_imports_only_the_standard_library_and_the_core_rules(path):
    foreign = {name for name in imported(path)
               if name.split(".")[0] not in sys.stdlib_module_names and name != "__future__"
               and name not in ALLOWED and not name.startswith("app.calls.domain")}
    assert not foreign, f"{path.name} imports {foreign}"


def test_the_package_says_what_it_is():
    assert (DOMAIN / "__init__.py").read_text() == '"""The call\'s rules in plain Python: no Flask, no database."""\n'
