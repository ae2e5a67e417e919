"""Where mails go: an SMTP server (``MAIL_SERVER`` set), else the console (``make run``).

Messages are built with the standard library (``email.message.EmailMessage``): plain text
and HTML as ``multipart/alternative``, the portal's name as the sender's display name,
``Content-Language`` set to the recipient's language.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
import sys
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Protocol

from app.core.db import utcnow
from app.mail.render import Rendered

PORTAL_NAME = "Réseau Île-de-France International"


class Backend(Protocol):
    # True when no mail leaves the portal: the outbox then keeps what it "sent" for
    # the coordinator to read (a real mail's personal links are not kept).
    keeps_content: bool

    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


def backend_from_config(config) -> Backend:
    if config.get("MAIL_SERVER"):
        return SMTPBackend(
            config["MAIL_SERVER"], config["MAIL_PORT"], use_tls=config["MAIL_USE_TLS"],
            use_ssl=config["MAIL_USE_SSL"], username=config["MAIL_USERNAME"],
            password=config["MAIL_PASSWORD"], timeout=config["MAIL_TIMEOUT"],
        )
    return ConsoleBackend()


def sender(config) -> Address:
    """``MAIL_DEFAULT_SENDER`` (``addr`` or ``Name <addr>``), named after the portal when it
    gives no name."""
    name, address = parseaddr(config["MAIL_DEFAULT_SENDER"])
    if "@" not in address:
        raise ValueError(f"MAIL_DEFAULT_SENDER is not a mail address: {config['MAIL_DEFAULT_SENDER']!r}")
    return Address(display_name=name or PORTAL_NAME, addr_spec=address)


def build_message(*, mail_id: int, dedupe_key: str, recipient: str, lang: str, rendered: Rendered,
                  config) -> EmailMessage:
    from_ = sender(config)
    message = EmailMessage()
    message["Subject"] = rendered.subject
    message["From"] = from_
    message["To"] = recipient
    message["Date"] = format_datetime(utcnow())
    # The same for every attempt: a mail sent twice after a crash is recognisable as one.
    digest = hashlib.sha256(dedupe_key.encode()).hexdigest()[:16]
    message["Message-ID"] = f"<outbox.{mail_id}.{digest}@{from_.domain or 'localhost'}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to it
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    # After the parts: making the message multipart moves Content-* headers into its first part.
    message["Content-Language"] = lang
    return message


class SMTPBackend:
    keeps_content = False

    def __init__(self, host: str, port: int, *, use_tls: bool = False, use_ssl: bool = False,
                 username: str = "", password: str = "", timeout: float = 30) -> None:
        self.host, self.port = host, port
        self.use_tls, self.use_ssl = use_tls, use_ssl
        self.username, self.password = username, password
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None
        # A server that could not be reached is not tried again for every mail of the
        # same drain: they all fail at once with its error, and wait for the next drain.
        self._unreachable: Exception | None = None

    def _open(self) -> smtplib.SMTP:
        context = ssl.create_default_context()  # certificates checked (smtplib's default is not)
        if self.use_ssl:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.use_tls and not self.use_ssl:
                smtp.starttls(context=context)
            if self.username:
                smtp.login(self.username, self.password)
        except Exception:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> None:
        if self._unreachable is not None:
            raise self._unreachable
        if self._smtp is None:
            try:
                self._smtp = self._open()
            except (OSError, smtplib.SMTPException) as exc:
                self._unreachable = exc
                raise
        try:
            self._smtp.send_message(message)
        except (OSError, smtplib.SMTPServerDisconnected):
            self.close()  # the next mail opens a new connection
            raise

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None


class ConsoleBackend:
    """Prints each mail (headers and plain text) instead of sending it: no SMTP server needed."""

    keeps_content = True

    def __init__(self, stream=None) -> None:
        self.stream = stream

    def send(self, message: EmailMessage) -> None:
        stream = self.stream or sys.stdout  # looked up now: pytest may have replaced it
        text = message.get_body(("plain",)).get_content()
        rule = "-" * 72
        stream.write(
            f"{rule}\nCourriel (non envoyé : MAIL_SERVER n'est pas défini)\n"
            f"De : {message['From']}\nÀ : {message['To']}\nObjet : {message['Subject']}\n"
            f"Langue : {message['Content-Language']}\n\n{text.rstrip()}\n{rule}\n"
        )
        stream.flush()

    def close(self) -> None:
        pass


def is_permanent(exc: Exception) -> bool:
    """The server refused the recipient for good (5xx): trying again would change nothing."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(code >= 500 for code, _ in exc.recipients.values())
    return False
