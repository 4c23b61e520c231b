"""The command line: `python -m pipeline build --source PDF --out DIR` and friends.

Every failure a user can cause ends in one line on stderr and a documented exit
code (README, "Errors and exit codes"); a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import PipelineError

INTERNAL_ERROR = 1
INTERRUPTED = 130
# Libraries that log what they repair in a damaged PDF ("Could not get FontBBox ...") to
# stderr through logging's last-resort handler: one line per glyph, burying the one-line
# error or summary. Shown with --debug.
CHATTY_LIBRARIES = ("pdfminer", "pdfplumber")
CLEAR_LINE = "\r\x1b[K"  # back to the line's start, erase to its end (ANSI)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Turn the NCB 'Safeguarding Early Adopters' PDF into a validated open dataset.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="parse a PDF edition and publish the tables into a folder",
        description="Parse one edition of the publication, validate every table and publish "
        "CSV, Parquet, datapackage.json and the data dictionary into --out. On any failure "
        "the folder is left exactly as it was.",
    )
    build.add_argument("--source", required=True, type=Path, help="the publication's PDF")
    build.add_argument("--out", required=True, type=Path, help="the folder to publish into")
    _add_reading_options(build)
    build.add_argument(
        "--allow-unplaced",
        action="store_true",
        help="publish even where words on the site pages are placed in no record (a caption, "
        "a note), once `qa` has shown them to be no part of one; by default they stop the "
        "build",
    )
    _add_common(build)

    accept = commands.add_parser(
        "accept-edition",
        help="record a deliberate new edition's bytes and sha256 in the manifest",
        description="Record the bytes, page count and sha256 of --source in --manifest, so "
        "that builds accept it. Review the data diff before committing both.",
    )
    accept.add_argument("--source", required=True, type=Path, help="the new edition's PDF")
    accept.add_argument("--manifest", required=True, type=Path, help="raw/manifest.json")
    _add_common(accept)

    qa = commands.add_parser(
        "qa",
        help="draw every site page with the boxes read from it, beside its records",
        description="Read --source as build does (extract, structure, normalise) and write "
        "into --out one PNG per site page, each approach's box labelled with its approach_id "
        "and the themes, section headings and site header boxed in colours of their own, and "
        "index.html showing the pages in order beside their records. --out is replaced.",
    )
    qa.add_argument("--source", required=True, type=Path, help="the publication's PDF")
    qa.add_argument(
        "--out", required=True, type=Path, help="the folder for the pictures (e.g. output/qa)"
    )
    _add_reading_options(qa)
    _add_common(qa)

    figures = commands.add_parser(
        "figures",
        help="draw the summary figure (themes by region) from a published folder",
        description="Read the Parquet files of a folder that build published and draw which "
        "canonical themes the sites of each region test, as themes-by-region.png and .svg.",
    )
    figures.add_argument(
        "--data", required=True, type=Path, help="a folder build published (e.g. output)"
    )
    figures.add_argument(
        "--out", type=Path, help="the folder for the figure files (default: DATA/figures)"
    )
    _add_common(figures)
    _add_publishing_commands(commands)
    return parser


def _add_reading_options(command: argparse.ArgumentParser) -> None:
    """How a command that parses the PDF (build, qa) checks and reads --source."""
    command.add_argument(
        "--manifest",
        type=Path,
        help="refuse a PDF whose sha256 differs from this manifest (raw/manifest.json)",
    )
    command.add_argument(
        "--max-pages",
        type=_positive_int,
        default=None,
        help="refuse PDFs with more pages than this (default 2000), to bound time and memory",
    )
    command.add_argument(
        "--max-stream-mb",
        type=_positive_int,
        default=None,
        help="refuse PDFs with a compressed stream that inflates to more megabytes than this "
        "(default 128), to bound memory",
    )
    command.add_argument(
        "--max-document-mb",
        type=_positive_int,
        default=None,
        help="refuse PDFs larger than this, or whose compressed streams inflate to more "
        "megabytes than this in all (default 512), to bound time and memory",
    )
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="parse the PDF afresh, neither reading nor writing the layout cache "
        "($PIPELINE_CACHE_DIR, default .cache/layout)",
    )


def _reading(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of build() and qa() that _add_reading_options sets."""
    from pipeline.read.cache import default_cache_dir
    from pipeline.read.pdf import ReadLimits
    from pipeline.read.snapshot import MEGABYTE
    from pipeline.run import DEFAULT_MAX_PAGES

    defaults = ReadLimits()
    limits = ReadLimits(
        max_pages=args.max_pages if args.max_pages is not None else DEFAULT_MAX_PAGES,
        max_stream_bytes=args.max_stream_mb * MEGABYTE
        if args.max_stream_mb is not None
        else defaults.max_stream_bytes,
        max_document_bytes=args.max_document_mb * MEGABYTE
        if args.max_document_mb is not None
        else defaults.max_document_bytes,
    )
    return {
        "manifest": args.manifest,
        "limits": limits,
        "cache_dir": None if args.no_cache else default_cache_dir(),
    }


def _version(text: str) -> str:
    """argparse type of a release version; pipeline.outputs.release is imported only when needed."""
    from pipeline.outputs.release import version_argument

    return version_argument(text)


def _release_date(text: str) -> object:
    """argparse type of a release date (YYYY-MM-DD or SOURCE_DATE_EPOCH seconds)."""
    from pipeline.outputs.release import date_argument

    return date_argument(text)


def _add_publishing_commands(commands: argparse._SubParsersAction) -> None:
    """release, diff and serve: what a publisher runs on a folder that build published."""
    release = commands.add_parser(
        "release",
        help="write a published folder as a portal-ready release, with CKAN and DCAT records",
        description="Write DEST/VERSION/ from the folder --out: the files datapackage.json "
        "lists (CSV, Parquet, data dictionary, ...), datapackage.json, CHANGELOG.md, a dataset "
        "card (README.md), ATTRIBUTION.md, a CKAN package_create payload (ckan_package.json), "
        "a DCAT-AP 3 record (dcat.jsonld), SHA256SUMS and a zip of them all. Who publishes, "
        "where and under which licence is read from --config. A release is never "
        "overwritten: the same VERSION with the same bytes is left as it is, with other "
        "bytes it is refused. The date appears only in release metadata.",
    )
    release.add_argument("version", type=_version, metavar="VERSION", help="e.g. 0.1.0")
    release.add_argument("--out", required=True, type=Path, help="the folder build published")
    release.add_argument(
        "--config",
        type=Path,
        help="the release configuration (default: release.toml; release.example.toml shows "
        "every key)",
    )
    release.add_argument(
        "--dest", type=Path, help="the folder of releases (default: releases, beside output)"
    )
    release.add_argument(
        "--date",
        type=_release_date,
        default=os.environ.get("SOURCE_DATE_EPOCH"),
        help="the release date, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today)",
    )
    release.add_argument(
        "--changelog",
        type=Path,
        help="the changelog, which must have a '## VERSION' entry (default: CHANGELOG.md)",
    )
    release.add_argument(
        "--manifest",
        type=Path,
        help="the source manifest, for the card's provenance (default: raw/manifest.json)",
    )
    _add_common(release)

    publish = commands.add_parser(
        "publish",
        help="publish a release to a CKAN portal, creating or updating the dataset",
        description="Upload every file of a release (default: the newest under releases/) "
        "to the CKAN portal at --ckan, into the organisation --org (default: the release's "
        "owner_org): the dataset is created on the first release and updated on later ones. "
        "New files are uploaded beside the previous ones, downloaded back and compared by "
        "SHA-256, and only then swapped in, so a failure part way leaves the previous version "
        "visible. Publishing the same release again changes nothing. The API token is read "
        "from $CKAN_API_TOKEN only.",
    )
    publish.add_argument(
        "--ckan", required=True, metavar="URL", help="the portal, e.g. https://data.example.org"
    )
    publish.add_argument(
        "--org", help="the portal organisation's name (default: the release's owner_org)"
    )
    publish.add_argument(
        "--release",
        type=Path,
        metavar="DIR",
        help="the release folder (default: the highest version under releases/)",
    )
    _add_common(publish)

    diff = commands.add_parser(
        "diff",
        help="list the rows each table gained, lost or changed between two published folders",
        description="Compare two folders that build published, table by table, by stable id "
        "(the primary key; a composite key's values joined by '/', e.g. tameside/2). JSON is "
        '{"<table>": {"added": [ids], "removed": [ids], "changed": [ids]}}; markdown is a '
        "summary for the next CHANGELOG entry.",
    )
    diff.add_argument("old", type=Path, metavar="OLD_DIR", help="the previous edition's folder")
    diff.add_argument("new", type=Path, metavar="NEW_DIR", help="the new edition's folder")
    diff.add_argument(
        "--format", choices=("json", "markdown"), default="json", help="default: json"
    )
    _add_common(diff)

    serve = commands.add_parser(
        "serve",
        help="preview a published folder in Datasette, on this machine only by default",
        description="Serve the published SQLite database with Datasette until Ctrl-C: the "
        "registry's titles and column descriptions, facets, full-text search and the printed "
        "order.",
    )
    serve.add_argument("--out", required=True, type=Path, help="the folder build published")
    serve.add_argument(
        "--portal-dir",
        type=Path,
        help="the folder for Datasette's metadata.json (default: OUT/portal)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1 (loopback)")
    serve.add_argument("--port", type=int, default=8001, help="default: 8001")
    _add_common(serve)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return value


def _add_common(command: argparse.ArgumentParser) -> None:
    loudness = command.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    loudness.add_argument("-v", "--verbose", action="store_true", help="print each stage")
    command.add_argument("--debug", action="store_true", help="show tracebacks on failure")


def _say(args: argparse.Namespace, message: str, *, verbose_only: bool = False) -> None:
    if args.quiet or (verbose_only and not args.verbose):
        return
    print(message, file=sys.stderr)


def _progress(args: argparse.Namespace, doing: str) -> Callable[[int, int], None]:
    """A page counter ("reading page 5/21") on one stderr line that rewrites itself, for
    someone watching a long run: only on a terminal and never with --quiet, so that logs
    and pipes get the summary alone. The line is cleared when the last page is done."""
    if args.quiet or not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        if done < total:
            print(f"\r{doing} page {done}/{total}", end="", file=sys.stderr, flush=True)
        else:
            _clear_progress()

    return show


def _clear_progress() -> None:
    """Erase a page counter left on the terminal line, so a message starts the line."""
    if sys.stderr.isatty():
        print(CLEAR_LINE, end="", file=sys.stderr, flush=True)


def _run_build(args: argparse.Namespace) -> int:
    from pipeline.run import build, words_in_no_record

    result = build(
        args.source,
        args.out,
        **_reading(args),
        allow_unplaced=args.allow_unplaced,
        on_stage=lambda name: _say(args, f"{name}…", verbose_only=True),
        on_page=_progress(args, "reading"),
    )
    if result.unplaced:
        pages = sorted({word.page for word in result.unplaced})
        _say(
            args,
            f"warning: {words_in_no_record(len(result.unplaced))} "
            f"(page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))}): published "
            "without them (--allow-unplaced)",
        )
    if result.blank_pages:
        _say(
            args,
            f"note: page{'s' if len(result.blank_pages) > 1 else ''} "
            f"{', '.join(map(str, result.blank_pages))}: blank (nothing drawn but, at most, "
            "its page number or running text), between two sites; skipped",
        )
    # Only now: publish loads pandas and pyarrow, which build() loads while pages are parsed.
    from pipeline.outputs.publish import DATAPACKAGE, DICTIONARY_CSV, DICTIONARY_MD
    from pipeline.outputs.sqlite import DATABASE
    from pipeline.outputs.xlsx import WORKBOOK

    counts = ", ".join(f"{name} {n}" for name, n in result.row_counts.items())
    _say(args, f"published {result.out}: {counts} rows from {result.page_count} pages")
    _say(
        args,
        f"files: {result.out}/csv/<table>.csv, {result.out}/parquet/<table>.parquet, "
        f"{result.out}/{DATAPACKAGE}, {result.out}/{DICTIONARY_MD}, "
        f"{result.out}/{DICTIONARY_CSV}, {result.out}/{DATABASE}, {result.out}/{WORKBOOK}",
    )
    if args.verbose:
        timings = ", ".join(f"{name} {s:.2f}s" for name, s in result.stage_seconds.items())
        _say(args, f"timings: {timings}")
    return 0


def _run_accept(args: argparse.Namespace) -> int:
    from pipeline.read.source import accept_edition

    entry = accept_edition(args.source, args.manifest)
    _say(args, f"recorded {entry['file']} ({entry['bytes']} bytes, sha256 {entry['sha256']})")
    return 0


def _run_qa(args: argparse.Namespace) -> int:
    from pipeline.outputs.qa import INDEX
    from pipeline.run import qa

    result = qa(
        args.source,
        args.out,
        **_reading(args),
        on_stage=lambda name: _say(args, f"{name}…", verbose_only=True),
        on_page=_progress(args, "reading"),
        on_drawn=_progress(args, "drawing"),
    )
    _say(args, f"drew {len(result.pages)} site pages into {result.out}: open {result.out / INDEX}")
    return 0


def _run_figures(args: argparse.Namespace) -> int:
    from pipeline.outputs.figures import write_figures

    out = args.out if args.out is not None else args.data / "figures"
    written = write_figures(args.data, out)
    _say(args, f"drew the figure from {args.data}: {', '.join(map(str, written))}")
    return 0


def _run_release(args: argparse.Namespace) -> int:
    import datetime

    from pipeline.outputs.release import (
        DEFAULT_CHANGELOG,
        DEFAULT_MANIFEST,
        DEFAULT_RELEASES,
        ReleaseOptions,
        write_release,
    )
    from pipeline.outputs.release_config import DEFAULT_CONFIG, read_release_config

    options = ReleaseOptions(
        version=args.version,
        date=args.date or datetime.date.today(),
        config=read_release_config(args.config or DEFAULT_CONFIG),
    )
    written = write_release(
        args.out,
        options,
        args.dest if args.dest is not None else DEFAULT_RELEASES,
        changelog=args.changelog or DEFAULT_CHANGELOG,
        manifest=args.manifest or DEFAULT_MANIFEST,
    )
    if written.unchanged:
        _say(args, f"{written.folder}: release {options.version} is already there, unchanged")
    else:
        _say(args, f"released {written.folder} ({options.version}, {options.date.isoformat()})")
    return 0


def _run_publish(args: argparse.Namespace) -> int:
    from pipeline.outputs.portal import newest_release, publish_release, token_from_environment

    folder = args.release if args.release is not None else newest_release()
    result = publish_release(
        folder,
        args.ckan,
        token_from_environment(),
        organisation=args.org,
        on_step=lambda message: _say(args, message, verbose_only=True),
    )
    _say(args, result.summary)
    return 0


def _run_diff(args: argparse.Namespace) -> int:
    from pipeline.outputs.diff import as_json, as_markdown, diff_editions

    diffs = diff_editions(args.old, args.new)
    print(as_json(diffs) if args.format == "json" else as_markdown(diffs), end="")
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from pipeline.outputs.serve import (
        check_listenable,
        database_name,
        exec_datasette,
        is_loopback,
        write_portal,
    )

    check_listenable(args.host, args.port)
    folder = args.portal_dir if args.portal_dir is not None else args.out / "portal"
    database, metadata = write_portal(args.out, folder)
    if not is_loopback(args.host):
        _say(args, f"warning: listening on {args.host}: other machines can reach the preview")
    _say(args, f"serving http://{args.host}:{args.port}/{database_name()} (Ctrl-C to stop)")
    exec_datasette(database, metadata, args.host, args.port)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.debug:
        for name in CHATTY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.ERROR)
    commands = {
        "build": _run_build,
        "accept-edition": _run_accept,
        "qa": _run_qa,
        "figures": _run_figures,
        "release": _run_release,
        "publish": _run_publish,
        "diff": _run_diff,
        "serve": _run_serve,
    }
    try:
        return commands[args.command](args)
    except PipelineError as exc:
        _clear_progress()
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as interrupt:
        _clear_progress()
        from pipeline.io.atomic import InterruptedAfterSwap

        if isinstance(interrupt, InterruptedAfterSwap):
            print(
                f"error: interrupted after publishing: {interrupt.out} holds the new output, "
                "complete; the previous one, partly removed beside it, is removed by the next "
                "build",
                file=sys.stderr,
            )
        else:
            print("error: interrupted; the output folder was left as it was", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:
        _clear_progress()
        if args.debug:
            traceback.print_exc()
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); this is a bug: re-run with "
            "--debug and report the traceback",
            file=sys.stderr,
        )
        return INTERNAL_ERROR
