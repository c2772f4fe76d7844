"""Sending email over SMTP, set up by the SMTP_* settings. Nothing is sent without SMTP_HOST,
so a fresh install never tries to reach a mail server it does not have."""

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
    return bool(current_app.config.get("SMTP_HOST"))


def send_email(outgoing: Email) -> None:
    """Send one plain-text email. Raises smtplib.SMTPException or OSError when it fails."""
    config = current_app.config
    if not mail_configured():
        raise MailNotConfigured("set SMTP_HOST to send email")
    # Long links (unsubscribe) must stay one readable header, not be encoded in pieces.
    message = EmailMessage(policy=email.policy.default.clone(max_line_length=998))
    message["From"] = config["MAIL_FROM"]
    message["To"] = outgoing.to
    message["Subject"] = outgoing.subject
    for name, value in outgoing.headers.items():
        message[name] = value
    message.set_content(outgoing.body)
    smtp_class = smtplib.SMTP_SSL if config["SMTP_SSL"] else smtplib.SMTP
    with smtp_class(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        smtp.send_message(message)
