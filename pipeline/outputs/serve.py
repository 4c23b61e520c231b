"""Portal preview: the published tables in SQLite, served by Datasette on this machine.

Before uploading a release, a publisher wants to browse the tables the way a portal's
visitors will: filter, sort, follow a foreign key, read what a column means. Datasette
gives that from one SQLite file and a metadata.json; both are generated here from the
published CSVs and the registry, so the preview shows exactly what was published, with
the data dictionary's descriptions on every column. Datasette listens on loopback unless
told otherwise, and fetches nothing: its pages use only its own bundled assets.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any, NoReturn

from pipeline.errors import PublishError, ServeError, SourceError
from pipeline.io.atomic import write_file, write_with
from pipeline.metadata.registry import Column, Table, table_registry
from pipeline.outputs.published import REBUILD, read_csv, read_datapackage, verified_files

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8001
MAX_PORT = 65535
METADATA = "metadata.json"
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL"}


def database_name() -> str:
    """The database's name in Datasette's URLs (/<name>/<table>): the dataset's name."""
    return str(table_registry().package["name"])


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(_quoted(name) for name in names)


def create_table_sql(table: Table) -> str:
    """CREATE TABLE for a registry table: its types, NOT NULL, primary and foreign keys,
    so that Datasette links rows to the tables their keys name."""
    parts = [
        f"{_quoted(column.name)} {SQL_TYPES[column.type]}"
        + ("" if column.nullable else " NOT NULL")
        for column in table.columns
    ]
    parts.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    parts += [
        f"FOREIGN KEY ({_names(key.fields)}) REFERENCES {_quoted(key.table)} "
        f"({_names(key.reference_fields)})"
        for key in table.foreign_keys
    ]
    return f"CREATE TABLE {_quoted(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def _value(column: Column, text: str) -> str | int | float | None:
    if text == "" and column.nullable:
        return None
    if column.type == "integer":
        return int(text)
    if column.type == "number":
        return float(text)
    return text


def _rows(out: Path, table: Table) -> list[tuple[str | int | float | None, ...]]:
    path = out / "csv" / f"{table.name}.csv"
    header, rows = read_csv(out, table.name)
    if header != table.column_names:
        raise SourceError(f"{path}: its columns are not the registry's; {REBUILD}")
    try:
        return [tuple(_value(column, row[column.name]) for column in table.columns) for row in rows]
    except ValueError as exc:
        raise SourceError(f"{path}: a value does not fit its column ({exc}); {REBUILD}") from exc


def write_database(out: Path, database: Path) -> None:
    """Load every published table of out into a new SQLite file at database, in published
    row order; the file is built beside its name and renamed into place."""
    registry = table_registry()
    tables = {table.name: _rows(out, table) for table in registry.tables}

    def fill(path: Path) -> None:
        with closing(sqlite3.connect(path)) as connection:
            for table in registry.tables:
                connection.execute(create_table_sql(table))
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"INSERT INTO {_quoted(table.name)} VALUES ({marks})",  # noqa: S608 - registry names
                    tables[table.name],
                )
            connection.commit()

    write_with(database, fill)


def datasette_metadata(out: Path) -> dict[str, Any]:
    """Datasette's metadata.json: the dataset's title, source and licences, and for each
    table its title, description and every column's description from the registry."""
    registry = table_registry()
    package = registry.package
    _, documents = read_csv(out, "documents")
    return {
        "title": package["title"],
        "description": package["description"],
        "license": " ".join(licence["title"] for licence in package["licenses"]),
        "source": "; ".join(
            f"{document['title']} ({document['publisher']}), {document['source_file']}"
            for document in documents
        ),
        "databases": {
            database_name(): {
                "tables": {
                    table.name: {
                        "title": table.title,
                        "description": table.description,
                        "columns": {column.name: column.description for column in table.columns},
                    }
                    for table in registry.tables
                }
            }
        },
    }


def write_portal(out: Path, folder: Path) -> tuple[Path, Path]:
    """The SQLite file and metadata.json for out's tables, written into folder."""
    verified_files(out, read_datapackage(out))  # every file as built, before a byte is written
    database = folder / f"{database_name()}.db"
    metadata = folder / METADATA
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_database(out, database)
        text = json.dumps(datasette_metadata(out), indent=2, ensure_ascii=False) + "\n"
        write_file(metadata, text.encode("utf-8"))
    except (OSError, sqlite3.Error) as exc:
        raise PublishError(f"cannot write the portal preview into {folder}: {exc}") from exc
    return database, metadata


def check_listenable(host: str, port: int) -> None:
    """ServeError (one line, its own exit code) unless Datasette could listen on host:port:
    checked before anything is written, so a port in use or out of range is not reported by
    the server's own log after the preview was built."""
    if not 1 <= port <= MAX_PORT:
        raise ServeError(f"--port {port}: not a port (1-{MAX_PORT}); choose another with --port")
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ServeError(
            f"cannot listen on {host}:{port} ({os.strerror(exc.errno) if exc.errno else exc}); "
            "stop what uses the port "
            "or choose another with --port (or --host)"
        ) from exc


def is_loopback(host: str) -> bool:
    """Whether host is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def datasette_command(database: Path, metadata: Path, host: str, port: int) -> list[str]:
    """The Datasette command line: the database immutable (read-only, counted once)."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(database),
        "--metadata",
        str(metadata),
        "--host",
        host,
        "--port",
        str(port),
    ]


def exec_datasette(database: Path, metadata: Path, host: str, port: int) -> NoReturn:
    """Replace this process with Datasette: Ctrl-C and signals then reach the server
    directly, and no child is left running when it stops."""
    sys.stdout.flush()
    sys.stderr.flush()
    command = datasette_command(database, metadata, host, port)
    os.execv(command[0], command)  # noqa: S606 - datasette from this venv, fixed arguments
