"""Run in the CKAN venv by tests/portal/ckan_portal.py: the site's database, a sysadmin with
an API token, then the site itself (`ckan run`), all in one process, so that CKAN is
imported once rather than once for each `ckan` command (a second apiece).

    python run_site.py CKAN_INI USER EMAIL PASSWORD TOKEN_FILE HOST PORT

CKAN is imported first; then the process waits for a line on standard input, which
ckan_portal.py writes when PostgreSQL and Redis are up (they start meanwhile). The API
token is written to TOKEN_FILE (created, readable by this user only), and the site serves
on HOST:PORT until the process is stopped.
"""

import contextlib
import io
import os
import sys

import click
from ckan.cli.cli import ckan


def run(parent: click.Context, *arguments: str) -> str:
    """One `ckan -c CONFIG ARGUMENTS` command, run by CKAN's command line in the context
    `ckan -c CONFIG` made (its app is made once for all of them); its output."""
    output = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # click wants a byte stream too
    with contextlib.redirect_stdout(output):
        name, command, rest = ckan.resolve_command(parent, list(arguments))
        assert name is not None and command is not None
        with command.make_context(name, rest, parent=parent) as context:
            command.invoke(context)
    output.seek(0)
    return output.read()


def main() -> None:
    config, user, email, password, token_file, host, port = sys.argv[1:]
    sys.stdin.readline()  # PostgreSQL and Redis are up
    with ckan.make_context("ckan", ["-c", config, "db", "init"]) as parent:
        run(parent, "db", "init")  # the activity plugin's tables too
        run(parent, "user", "add", user, f"email={email}", f"password={password}")
        run(parent, "sysadmin", "add", user)
        printed = run(parent, "user", "token", "add", user, "publishing-tests")
    token = printed.strip().splitlines()[-1].strip()
    descriptor = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(token + "\n")
    arguments = ["run", "--host", host, "--port", port, "--disable-reloader", "--threaded"]
    ckan.main(["-c", config, *arguments], prog_name="ckan")


if __name__ == "__main__":
    main()
