"""Run in the CKAN venv by tests/portal/ckan_portal.py: the site's database and a sysadmin with an
API token, in one process (each `ckan` command would load CKAN again, seconds apiece).

    python setup_site.py CKAN_INI USER EMAIL PASSWORD  ->  prints the API token
"""

import contextlib
import io
import sys

from ckan.cli.cli import ckan


def run(config: str, *arguments: str) -> str:
    """One `ckan -c CONFIG ARGUMENTS` command, as the command line runs it; its output."""
    output = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # click wants a byte stream too
    with contextlib.redirect_stdout(output):
        ckan.main(["-c", config, *arguments], prog_name="ckan", standalone_mode=False)
    output.seek(0)
    return output.read()


def main() -> None:
    config, user, email, password = sys.argv[1:]
    run(config, "db", "init")
    run(config, "user", "add", user, f"email={email}", f"password={password}")
    run(config, "sysadmin", "add", user)
    printed = run(config, "user", "token", "add", user, "publishing-tests")
    print(printed.strip().splitlines()[-1].strip())


if __name__ == "__main__":
    main()
