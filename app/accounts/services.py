"""Actions on accounts: invitations, sign-up, links sent by mail, one's own settings, the
coordinator's management. Through :mod:`app.core.records` (audited); they flush, never
commit. A broken rule raises :class:`RuleViolations` before anything changed.

Answers that must not tell whether an address has an account (sign-up, forgotten
password) take the same path and the same hashing work either way, and queue one mail
or none whatever the answer.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from app.accounts import mails, rules, tokens
from app.accounts.models import AccountToken, ActorClaim, SavedSearch, TokenPurpose
from app.auth import services as auth_services
from app.auth.models import NOTIFICATIONS, Role, User
from app.auth.services import normalise_email
from app.core import records
from app.core.audit import AuditEntry
from app.core.db import utcnow
from app.core.rules import RuleViolations, Violation
from app.extensions import db
from app.network.models import Member, MemberStatus

AUDITED = ["email", "name", "role", "member_id", "actor_id", "active", "language", *NOTIFICATIONS]


def _raise(violations: list[Violation]) -> None:
    if violations:
        raise RuleViolations(violations)


def email_taken(email: str, *, other_than: User | None = None) -> bool:
    stmt = sa.select(User.id).where(User.email == normalise_email(email))
    if other_than is not None:
        stmt = stmt.where(User.id != other_than.id)
    return db.session.scalar(stmt) is not None


def _staff_rules(email: str, role: Role, member: Member) -> list[Violation]:
    return rules.check_invitation(
        member_active=member.status == MemberStatus.ACTIVE, email_taken=email_taken(email),
        coordinator_outside_region=role == Role.COORDINATOR and not member.is_coordinator)


def _check_new_password(user_email: str, password: str) -> None:
    _raise(rules.check_password(password, email=user_email))


# -- invitations ------------------------------------------------------------------------


def invite(inviter: User | None, *, email: str, name: str, role: Role, member: Member | None = None,
           actor=None, language: str = "fr") -> User:
    """An account for someone else, without a password: they choose it from the mail's
    link (valid 7 days). Staff belong to an active member; actors' accounts to the actor."""
    email = normalise_email(email)
    _raise(_staff_rules(email, role, member) if member is not None
           else rules.check_invitation(member_active=None, email_taken=email_taken(email)))

    def apply(user: User) -> None:
        user.email, user.name, user.role, user.language = email, name.strip(), role, language
        user.member, user.actor, user.invited_by = member, actor, inviter
        user.active = True

    user = records.create(inviter, User(), apply, action="user.invite", audited=AUDITED, doc_type=None)
    _send_invitation(user, inviter)
    return user


def _send_invitation(user: User, inviter: User | None) -> None:
    secret, token = tokens.issue(user, TokenPurpose.INVITATION)
    organisation = user.member.name if user.member else user.actor.name if user.actor else ""
    mails.send(user.email, "invitation", {
        "name": user.name,
        "inviter_name": inviter.name if inviter else "",
        "organisation": organisation,
        "role": user.role.value,
        "link": mails.external_url("accounts.accept_invitation", secret=secret),
        "expires_days": tokens.LIFETIMES[TokenPurpose.INVITATION].days,
    }, lang=user.language, dedupe_key=f"token:{token.id}")


def resend_invitation(by: User, user: User) -> None:
    """A new link for an invitation not accepted yet (the old one stops working)."""
    if user.has_password:
        _raise([Violation("not_invited")])
    if not user.active:
        _raise([Violation("account_inactive")])
    records.transition(by, user, {}, action="user.reinvite", doc_type=None)
    _send_invitation(user, by)


def accept_invitation(secret: str, *, name: str, password: str) -> User:
    token = tokens.find(secret, TokenPurpose.INVITATION)
    user = token.user
    if not user.active:
        _raise([Violation("account_inactive")])
    _check_new_password(user.email, password)
    tokens.spend(token)
    now = utcnow()

    def apply(user: User) -> None:
        user.name = name.strip() or user.name
        user.set_password(password)
        user.email_confirmed_at = user.email_confirmed_at or now

    records.update(user, user, apply, version=None, action="user.accept_invitation", audited=AUDITED,
                   doc_type=None)
    return user


# -- signing up -------------------------------------------------------------------------


def sign_up(*, email: str, name: str, password: str, language: str = "fr") -> None:
    """A new registrant, asked to confirm its address. An address that has an account
    already gets a mail saying so instead: the page is the same either way."""
    email = normalise_email(email)
    _check_new_password(email, password)
    existing = db.session.scalar(sa.select(User).where(User.email == email))
    if existing is not None:
        auth_services.dummy_hashing(password)
        mails.send(existing.email, "signup_existing", {
            "name": existing.name,
            "login_link": mails.external_url("auth.login"),
            "reset_link": mails.external_url("accounts.forgot_password"),
        }, lang=existing.language)
        return

    def apply(user: User) -> None:
        user.email, user.name, user.role, user.language = email, name.strip(), Role.REGISTRANT, language
        user.active = True
        user.set_password(password)

    user = User()
    records.create(user, user, apply, action="user.sign_up", audited=AUDITED, doc_type=None)
    send_confirmation(user)


def send_confirmation(user: User) -> None:
    """(Again) the link that proves the address is the person's."""
    if user.email_confirmed:
        return
    secret, token = tokens.issue(user, TokenPurpose.SIGNUP)
    mails.send(user.email, "signup_confirmation", {
        "name": user.name,
        "link": mails.external_url("accounts.confirm_signup", secret=secret),
        "expires_days": tokens.LIFETIMES[TokenPurpose.SIGNUP].days,
    }, lang=user.language, dedupe_key=f"token:{token.id}")


def confirm_signup(secret: str) -> User:
    token = tokens.find(secret, TokenPurpose.SIGNUP)
    user = token.user
    if not user.active:
        _raise([Violation("account_inactive")])
    tokens.spend(token)
    if not user.email_confirmed:
        user.email_confirmed_at = utcnow()
        records.transition(user, user, {"email_confirmed": [False, True]}, action="user.confirm_email",
                           doc_type=None)
    return user


# -- forgotten password -----------------------------------------------------------------


def request_reset(email: str) -> None:
    """A link to choose a new password, for an active account with this address; for
    any other address, nothing, after the same work."""
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None or not user.active:
        tokens.digest(tokens.new_secret())  # what issuing a link costs
        return
    secret, token = tokens.issue(user, TokenPurpose.RESET)
    hours = int(tokens.LIFETIMES[TokenPurpose.RESET].total_seconds() // 3600)
    mails.send(user.email, "password_reset", {
        "name": user.name,
        "link": mails.external_url("accounts.reset_password", secret=secret),
        "expires_hours": hours,
    }, lang=user.language, dedupe_key=f"token:{token.id}")


def check_reset_link(secret: str) -> AccountToken:
    token = tokens.find(secret, TokenPurpose.RESET)
    if not token.user.active:
        _raise([Violation("account_inactive")])
    return token


def reset_password(secret: str, password: str) -> User:
    token = check_reset_link(secret)
    user = token.user
    _check_new_password(user.email, password)
    tokens.spend(token)
    _new_password(user, password, action="user.reset_password")
    # Whoever read the mail owns the address; an invitation not accepted is answered too.
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    tokens.supersede(user, TokenPurpose.INVITATION)
    return user


def _new_password(user: User, password: str, *, action: str) -> None:
    """set_password ends every session of the account (the view opens a new one)."""
    user.set_password(password)
    tokens.supersede(user, TokenPurpose.RESET)
    records.transition(user, user, {}, action=action, doc_type=None)


# -- one's own account ------------------------------------------------------------------


def change_password(user: User, *, current: str, new: str) -> None:
    if not user.check_password(current):
        _raise([Violation("password_wrong", "current_password")])
    _check_new_password(user.email, new)
    _new_password(user, new, action="user.change_password")


def request_email_change(user: User, *, password: str, new_email: str) -> None:
    """A link to the new address: the change happens when it is followed. Whether the
    address has another account is said only to whoever reads it (no enumeration)."""
    if not user.check_password(password):
        _raise([Violation("password_wrong", "current_password")])
    new_email = normalise_email(new_email)
    if new_email == user.email:
        _raise([Violation("email_same", "email")])
    secret, token = tokens.issue(user, TokenPurpose.EMAIL_CHANGE, email=new_email)
    mails.send(new_email, "email_change", {
        "name": user.name,
        "new_email": new_email,
        "link": mails.external_url("accounts.confirm_email_change", secret=secret),
        "expires_hours": int(tokens.LIFETIMES[TokenPurpose.EMAIL_CHANGE].total_seconds() // 3600),
    }, lang=user.language, dedupe_key=f"token:{token.id}")


def check_email_change_link(secret: str) -> AccountToken:
    token = tokens.find(secret, TokenPurpose.EMAIL_CHANGE)
    if not token.user.active:
        _raise([Violation("account_inactive")])
    if email_taken(token.email, other_than=token.user):
        _raise([Violation("email_taken", "email")])
    return token


def confirm_email_change(secret: str) -> User:
    token = check_email_change_link(secret)
    user = token.user
    tokens.spend(token)
    old = user.email

    def apply(user: User) -> None:
        user.email = token.email
        user.email_confirmed_at = utcnow()

    records.update(user, user, apply, version=None, action="user.change_email", audited=AUDITED, doc_type=None)
    # Links sent to the old address stop working; the old address is told.
    for purpose in (TokenPurpose.RESET, TokenPurpose.SIGNUP, TokenPurpose.EMAIL_CHANGE):
        tokens.supersede(user, purpose)
    mails.send(old, "email_changed", {"name": user.name, "new_email": user.email}, lang=user.language)
    return user


def update_profile(user: User, *, name: str, language: str) -> dict:
    def apply(user: User) -> None:
        user.name = name.strip()
        user.language = language if language in ("fr", "en") else user.language

    return records.update(user, user, apply, version=None, action="user.update", audited=AUDITED,
                          doc_type=None)


def update_notifications(user: User, choices: dict[str, bool]) -> dict:
    def apply(user: User) -> None:
        for name in NOTIFICATIONS:
            setattr(user, name, bool(choices.get(name)))

    return records.update(user, user, apply, version=None, action="user.update", audited=AUDITED,
                          doc_type=None)


def delete_account(user: User) -> None:
    """RGPD: the account, its links and its requests go; the audit trail keeps what was
    done, not who did it."""
    db.session.execute(sa.delete(AccountToken).where(AccountToken.user_id == user.id))
    db.session.execute(sa.update(ActorClaim).where(ActorClaim.decided_by_id == user.id).values(decided_by_id=None))
    db.session.execute(sa.delete(ActorClaim).where(ActorClaim.user_id == user.id))
    db.session.execute(sa.delete(SavedSearch).where(SavedSearch.user_id == user.id))
    db.session.execute(sa.update(User).where(User.invited_by_id == user.id).values(invited_by_id=None))
    db.session.execute(sa.update(AuditEntry).where(AuditEntry.user_id == user.id).values(user_id=None))
    db.session.delete(user)
    db.session.flush()


# -- the coordinator's management -------------------------------------------------------


def set_active(by: User, user: User, active: bool) -> dict:
    """Deactivating ends the account's sessions at once; reactivating gives them back
    nothing (the person signs in again)."""
    if user.id == by.id:
        _raise([Violation("self")])

    def apply(user: User) -> None:
        user.active = active
        if not active:
            user.end_sessions()

    return records.update(by, user, apply, version=None, action="user.activate" if active else "user.deactivate",
                          audited=AUDITED, doc_type=None)


def change_member(by: User, user: User, member: Member) -> dict:
    if user.role != Role.OFFICER:
        _raise([Violation("not_officer")])
    _raise(rules.check_invitation(member_active=member.status == MemberStatus.ACTIVE, email_taken=False))

    def apply(user: User) -> None:
        # The column too: the audit compares columns before the flush.
        user.member, user.member_id = member, member.id

    return records.update(by, user, apply, version=None, action="user.change_member", audited=AUDITED,
                          doc_type=None)


def create_with_password(*, email: str, name: str, role: Role, member: Member, password: str,
                         now: datetime | None = None) -> User:
    """An account made on the command line by whoever runs the portal (the first
    coordinator): its address is taken as confirmed."""
    email = normalise_email(email)
    _raise(_staff_rules(email, role, member))
    _check_new_password(email, password)

    def apply(user: User) -> None:
        user.email, user.name, user.role, user.member = email, name.strip(), role, member
        user.active = True
        user.set_password(password)
        user.email_confirmed_at = now or utcnow()

    return records.create(None, User(), apply, action="user.create", audited=AUDITED, doc_type=None)
