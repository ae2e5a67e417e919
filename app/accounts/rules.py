"""The accounts' rules in plain Python (no Flask, no database): codes, never sentences.

- Passwords: at least 12 characters, not one of the common passwords shipped with the
  portal (``common_passwords.txt``, also with its digits and signs around it taken off:
  ``Azerty2026!`` is ``azerty``), not built on the address's local part.
- Invitations: to an active member only (a coordinator to the Région only), to an
  address without an account.
- Claims: a confirmed address, not attached yet, one request at a time, on a published
  actor that has no account and no other request waiting.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from app.core.rules import Violation

MIN_LENGTH = 12
MAX_LENGTH = 200  # what the sign-in form accepts; hashing a megabyte is an attack
COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")
_AROUND = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(_plain(line) for line in lines if line.strip() and not line.startswith("#"))


def _plain(text: str) -> str:
    """Case and accents folded: ``Été`` and ``ete`` are the same guess."""
    text = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def is_common(password: str) -> bool:
    plain = _plain(password)
    core = _AROUND.sub("", plain)
    common = common_passwords()
    # Few different characters ("aaaaaaaaaaaa", "abababababab") are guessed as fast.
    return plain in common or core in common or len(set(plain)) < 5


def check_password(password: str, *, email: str = "") -> list[Violation]:
    if len(password) < MIN_LENGTH:
        return [Violation("password_too_short", "password", {"min": MIN_LENGTH})]
    if len(password) > MAX_LENGTH:
        return [Violation("password_too_long", "password", {"max": MAX_LENGTH})]
    out = []
    if is_common(password):
        out.append(Violation("password_common", "password"))
    local = _plain(email.partition("@")[0])
    if len(local) >= 3 and local in _plain(password):
        out.append(Violation("password_has_email", "password"))
    return out


def check_invitation(*, member_active: bool | None, email_taken: bool,
                     coordinator_outside_region: bool = False) -> list[Violation]:
    """``member_active`` is None for an invitation to an actor's team;
    ``coordinator_outside_region``: the coordination's accounts are the Région's."""
    out = []
    if member_active is False:
        out.append(Violation("member_inactive", "member"))
    if coordinator_outside_region:
        out.append(Violation("coordinator_outside_region", "role"))
    if email_taken:
        out.append(Violation("email_taken", "email"))
    return out


def check_claim(*, email_confirmed: bool, attached: bool, has_pending: bool, actor_published: bool,
                actor_has_accounts: bool, actor_claimed: bool) -> list[Violation]:
    """May this person ask to act for this actor? (``actor_claimed``: someone else's
    request for it is waiting)."""
    if not email_confirmed:
        return [Violation("email_unconfirmed")]
    if attached:
        return [Violation("already_attached")]
    if has_pending:
        return [Violation("claim_pending")]
    if not actor_published:
        return [Violation("actor_unknown")]
    if actor_has_accounts:
        return [Violation("actor_has_accounts")]
    if actor_claimed:
        return [Violation("actor_claimed")]
    return []


def check_new_actor_request(*, email_confirmed: bool, attached: bool, has_pending: bool) -> list[Violation]:
    return check_claim(email_confirmed=email_confirmed, attached=attached, has_pending=has_pending,
                       actor_published=True, actor_has_accounts=False, actor_claimed=False)
