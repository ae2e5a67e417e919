"""Business-rule violations: codes with parameters, never translated text.

Domain code (plain Python, no Flask) returns or raises these; the edge (a form, the
importer, an API answer) turns each code into the sentence a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as _field


@dataclass(frozen=True)
class Violation:
    code: str
    field: str = ""
    params: dict = _field(default_factory=dict)


class RuleViolations(Exception):
    """Raised by a service when an action breaks one or more rules; nothing was changed."""

    def __init__(self, violations: Iterable[Violation]):
        self.violations = list(violations)
        super().__init__(", ".join(v.code for v in self.violations))

    @property
    def codes(self) -> list[str]:
        return [v.code for v in self.violations]
