"""The overlap rule's precision and recall on the table of training-title pairs.

    .venv/bin/python bench/overlap.py

Prints JSON: the counts, precision, recall and the pairs the rule gets wrong.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.agenda.overlap import alike  # noqa: E402
from tests.unit.overlap_pairs import scores  # noqa: E402


def main() -> None:
    result = scores(alike)
    result["wrong"] = [{"a": a, "b": b, "expected": expected} for a, b, expected in result["wrong"]]
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
