"""Commands an operator runs: the first staff account, backups, restoring, moving databases.

Commands have no request, so each commits its own work (see portal/transactions.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.extensions import db


def _check_new_password(password: str) -> None:
    from portal.accounts.passwords import is_common_password

    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise click.ClickException(f"Use a password of {minimum} letters or more.")
    if is_common_password(password):
        raise click.ClickException("Many people use this password. Choose another one.")


mail_cli = AppGroup("mail", help="Sign-in links queued in Redis (when REDIS_URL is set).")


@mail_cli.command("run")
@click.option("--once", is_flag=True, help="Send what is queued now, then stop.")
def run_mail(once: bool) -> None:
    """Send queued sign-in links as they come (deploy/systemd/common-ground-mail.service)."""
    from portal.signin.mail_queue import drain

    if not current_app.config["REDIS_URL"]:
        raise click.ClickException("REDIS_URL is not set: sign-in links are sent at once.")
    # Links in emails are built as if for a request to the portal's own address.
    with current_app.test_request_context(base_url=current_app.config["PORTAL_URL"]):
        if once:
            click.echo(f"Sign-in links sent: {drain()}")
            return
        click.echo("Sending sign-in links as they are asked for. Stop with Ctrl+C.")
        drain(wait_seconds=5)


def register_admin_commands(app: Flask) -> None:
    app.cli.add_command(mail_cli)

    @app.cli.command("create-staff")
    @click.option("--username", required=True, help="2 to 40 small letters or numbers.")
    @click.option("--name", "display_name", required=True, help="The name people see.")
    @click.option("--email", default=None, help="For sign-in links (optional).")
    @click.option("--language", type=click.Choice(["en", "cy"]), default="en")
    @click.password_option(help="Asked for twice when not given (never put it in a script).")
    def create_staff(
        username: str, display_name: str, email: str | None, language: str, password: str
    ) -> None:
        """Make a staff account: the first one on a new portal, or one more."""
        from portal.accounts.models import Role, User
        from portal.people.forms import USERNAME_PATTERN
        from portal.people.services import create_person

        username = username.strip().lower()
        if not USERNAME_PATTERN.match(username):
            raise click.ClickException("Use 2 to 40 small letters or numbers, a dot or a dash.")
        if db.session.scalar(sa.select(User.id).where(User.username == username)):
            raise click.ClickException(f"Someone already has the username {username}.")
        _check_new_password(password)
        create_person(
            display_name=display_name.strip(),
            username=username,
            role=Role.STAFF,
            language=language,
            password=password,
            email=(email or "").strip() or None,
        )
        db.session.commit()  # no request commits for a command: it saves its own work
        click.echo(f"Made the staff account {username}. Sign in and add a passkey.")

    @app.cli.command("backup")
    @click.option(
        "--to",
        "folder",
        type=click.Path(file_okay=False, path_type=Path),
        help="A folder for the backup file; without it the backup goes to standard output.",
    )
    @click.option("--keep-daily", default=7, show_default=True, help="Days to keep one of.")
    @click.option("--keep-weekly", default=8, show_default=True, help="Weeks to keep one of.")
    def backup(folder: Path | None, keep_daily: int, keep_weekly: int) -> None:
        """Write a consistent backup of the database, with its schema version."""
        from portal import backups

        if folder is None:
            backups.backup_to_stream(db.engine, sys.stdout.buffer)
            return
        path = backups.backup_to_folder(db.engine, folder)
        click.echo(f"Backup written: {path}", err=True)
        for old in backups.prune(folder, keep_daily=keep_daily, keep_weekly=keep_weekly):
            click.echo(f"Old backup removed: {old}", err=True)

    @app.cli.command("restore")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--replace", is_flag=True, help="Throw away what the database holds now.")
    def restore(file: Path, replace: bool) -> None:
        """Put a backup back into this portal's database (it must be empty, or --replace)."""
        from portal import backups

        try:
            version = backups.restore(db.engine, file, replace=replace)
        except backups.RestoreRefused as refusal:
            raise click.ClickException(str(refusal)) from None
        click.echo(f"Restored {file.name} (schema version {version}).")
        click.echo("Now run: flask db upgrade (it brings an older backup up to date).")

    @app.cli.command("move-data")
    @click.option(
        "--to",
        "target",
        required=True,
        envvar="MOVE_DATA_TO",
        help="The database URL to copy into (or MOVE_DATA_TO, for a URL with a password).",
    )
    def move_data(target: str) -> None:
        """Copy every row of this portal's database into another, empty one (any kind)."""
        import sqlalchemy as sa

        from portal import move_data as mover

        try:
            password = sa.engine.make_url(target).password
        except (sa.exc.ArgumentError, ValueError):
            # Never echoed back: it may hold a password.
            raise click.ClickException(
                "That is not a database URL. It looks like postgresql://user@host/database"
                " or sqlite:////path/to/portal.sqlite3."
            ) from None
        source = click.get_current_context().get_parameter_source("target")
        if password and source == click.core.ParameterSource.COMMANDLINE:
            # Anyone on the machine can read a command line (ps): say so, and go on.
            click.echo(
                "That URL has a password in it, which others on this machine can see while"
                " this runs. Next time, put the URL in MOVE_DATA_TO instead of --to.",
                err=True,
            )
        try:
            counts = mover.copy_everything(current_app._get_current_object(), target)
        except mover.MoveRefused as refusal:
            raise click.ClickException(str(refusal)) from None
        click.echo(f"Copied {sum(counts.values())} rows in {len(counts)} tables.")
        click.echo("Point DATABASE_URL at the new database and restart the portal.")
