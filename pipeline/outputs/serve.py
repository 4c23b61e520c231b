"""Portal preview: the published SQLite database, served by Datasette on this machine.

Before uploading a release, a publisher wants to browse the tables the way a portal's
visitors will: filter, sort, search, follow a foreign key, read what a column means.
Datasette gives that from the SQLite file that `build` published (checked against the
size and SHA-256 datapackage.json records) and a metadata.json generated here from the
registry: titles, descriptions, facets, full-text search, the printed order, the labels
of linked rows, and the licence once for the whole dataset. Datasette listens on loopback
unless told otherwise, and fetches nothing: its pages use only its own bundled assets.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from pipeline.errors import PublishError
from pipeline.io.atomic import write_file
from pipeline.metadata.registry import Table, table_registry
from pipeline.outputs.published import read_csv, read_datapackage, verified_files
from pipeline.outputs.sqlite import DATABASE

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8001
METADATA = "metadata.json"


def database_name() -> str:
    """The database's name in Datasette's URLs (/<name>/<table>): its file name's stem."""
    return Path(DATABASE).stem


def _table_metadata(table: Table) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {column.name: column.description for column in table.columns},
    }
    if table.facets:
        metadata["facets"] = list(table.facets)
    if table.printed_order is not None:
        metadata["sort"] = table.printed_order
    if table.label is not None:
        metadata["label_column"] = table.label
    if table.search:
        metadata |= {"fts_table": table.search_table, "fts_pk": "rowid"}
    return metadata


def datasette_metadata(out: Path) -> dict[str, Any]:
    """Datasette's metadata.json: the dataset's title, source and licences (once, for the
    whole database), and for each table its title, description, every column's
    description, facets, default sort, label column and full-text index."""
    package = table_registry().package
    _, documents = read_csv(out, "documents")
    metadata: dict[str, Any] = {
        "title": package.title,
        "description": package.description,
        "license": " ".join(licence.title for licence in package.licenses),
        "source": "; ".join(
            f"{document['title']} ({document['publisher']}), {document['source_file']}"
            for document in documents
        ),
    }
    addresses = [document["source_url"] for document in documents if document["source_url"]]
    if addresses:
        metadata["source_url"] = addresses[0]
    metadata["databases"] = {
        database_name(): {
            "tables": {table.name: _table_metadata(table) for table in table_registry().tables}
        }
    }
    return metadata


def write_portal(out: Path, folder: Path) -> tuple[Path, Path]:
    """The published database of out, checked against datapackage.json, and the
    metadata.json for it, written into folder."""
    verified_files(out, read_datapackage(out))
    metadata = folder / METADATA
    text = json.dumps(datasette_metadata(out), indent=2, ensure_ascii=False) + "\n"
    try:
        write_file(metadata, text.encode("utf-8"))
    except OSError as exc:
        raise PublishError(f"cannot write the portal preview into {folder}: {exc}") from exc
    return out / DATABASE, metadata


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
