"""Commands for the `flask` command line."""

from __future__ import annotations

from datetime import datetime

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.extensions import db

notices_cli = AppGroup("notices", help="What's new: reminders, emails and tidying up.")


@notices_cli.command("run")
@click.option(
    "--now", "now_text", help="Pretend it is this UTC time (YYYY-MM-DDTHH:MM), for tests."
)
def run_notices(now_text: str | None) -> None:
    """Make due reminders, email notices, and remove notices older than a year.

    Run it every 10 minutes from cron or a systemd timer. Two copies at once are safe.
    """
    from portal.timeutil import utcnow

    now = datetime.fromisoformat(now_text) if now_text else utcnow()
    # Links in notices and emails are built as if for a request to the portal's own address.
    with current_app.test_request_context(base_url=current_app.config["PORTAL_URL"]):
        _run_notices(now)


def _run_notices(now: datetime) -> None:
    from portal.mail import mail_configured
    from portal.notices.email import send_due_emails
    from portal.notices.reminders import make_due_reminders
    from portal.notices.services import remove_old_notices

    if current_app.config["REDIS_URL"]:
        _send_queued_links()
    reminders = make_due_reminders(now)
    db.session.commit()  # no request commits for a command; save reminders before emailing
    click.echo(f"Reminders made: {reminders}")
    if mail_configured():
        report = send_due_emails(now)
        sent = f"Emails sent: {report.sent}; daily summaries: {report.digests}"
        click.echo(f"{sent}; failed: {report.failed}")
    else:
        click.echo("SMTP_HOST is not set: no emails sent.")
    removed = remove_old_notices(now, current_app.config["NOTICE_KEEP_DAYS"])
    db.session.commit()  # no request commits for a command: it saves its own work
    click.echo(f"Old notices removed: {removed}")


def _send_queued_links() -> None:
    """Links a `flask mail run` worker has not taken (none runs, or it stopped) go now."""
    import redis

    from portal.signin.mail_queue import drain

    try:
        click.echo(f"Queued sign-in links sent: {drain()}")
    except (redis.exceptions.RedisError, OSError):
        click.echo("Redis does not answer: queued sign-in links wait for the next run.")


def register_commands(app: Flask) -> None:
    from portal.admin_cli import register_admin_commands

    app.cli.add_command(notices_cli)
    register_admin_commands(app)

    @app.cli.command("demo-data")
    @click.option(
        "--yes-in-production",
        is_flag=True,
        help="Load it even though PORTAL_ENV is not development (a demo site only).",
    )
    def demo_data(yes_in_production: bool) -> None:
        """Load demo people when the database is empty; print the accounts to sign in with."""
        from portal.demo import DEMO_ACCOUNTS, load_demo_data

        if current_app.config["PORTAL_ENV"] != "development" and not yes_in_production:
            # Demo accounts have passwords and a card code anyone can read in our code.
            raise click.ClickException(
                "Demo data is only for development. It has passwords everyone knows.\n"
                "This portal is not in development (PORTAL_ENV=development is not set).\n"
                "For a demo site only, run: flask demo-data --yes-in-production"
            )
        if load_demo_data():
            db.session.commit()  # no request commits for a command: it saves its own work
            click.echo("Loaded the demo data.")
        else:
            click.echo("The database has data already: no demo data loaded.")
        click.echo("Demo accounts (role, username, password):")
        for role, username, password, _name, _language in DEMO_ACCOUNTS:
            click.echo(f"  {role.value:<11} {username:<8} {password}")
