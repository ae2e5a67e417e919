"""Stand-in for the mail outbox of branch h-mail, replaced by the real one at merge.

The real ``queue_mail`` writes the mail to an outbox table in the caller's transaction
(sent after commit, never when it rolls back), rendered from
``mail/<template>.txt`` and ``.html`` in ``lang``. This one stores nothing: tests record
the calls by monkeypatching it.
"""

from __future__ import annotations


def queue_mail(session, *, to: str, template: str, context: dict, lang: str = "fr",
               dedupe_key: str | None = None):
    return None
