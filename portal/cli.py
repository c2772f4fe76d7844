"""Commands for the `flask` command line."""

from __future__ import annotations

import click
from flask import Flask

from portal.extensions import db


def register_commands(app: Flask) -> None:
    @app.cli.command("demo-data")
    def demo_data() -> None:
        """Load demo people when the database is empty; print the accounts to sign in with."""
        from portal.demo import DEMO_ACCOUNTS, load_demo_data

        if load_demo_data():
            db.session.commit()
            click.echo("Loaded the demo data.")
        else:
            click.echo("The database has data already: no demo data loaded.")
        click.echo("Demo accounts (role, username, password):")
        for role, username, password, _name, _language in DEMO_ACCOUNTS:
            click.echo(f"  {role.value:<11} {username:<8} {password}")
