"""Sending email over SMTP, configured by environment variables. Nothing is sent without
MAIL_SERVER, so a fresh install never tries to reach a mail server it does not have."""

from __future__ import annotations

import email.policy
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage

from flask import current_app


class MailNotConfigured(RuntimeError):
    pass


@dataclass
class Email:
    to: str
    subject: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send_email(outgoing: Email) -> None:
    """Send one plain-text email. Raises smtplib.SMTPException or OSError when it fails."""
    config = current_app.config
    if not mail_configured():
        raise MailNotConfigured("set MAIL_SERVER to send email")
    # Long links (unsubscribe) must stay one readable header, not be encoded in pieces.
    message = EmailMessage(policy=email.policy.default.clone(max_line_length=998))
    message["From"] = config["MAIL_FROM"]
    message["To"] = outgoing.to
    message["Subject"] = outgoing.subject
    for name, value in outgoing.headers.items():
        message[name] = value
    message.set_content(outgoing.body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
