"""The command line: `python -m pipeline build --source PDF --out DIR` and friends.

Every failure a user can cause ends in one line on stderr and a documented exit
code (README, "Errors and exit codes"); a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from pipeline import __version__
from pipeline.errors import PipelineError

INTERNAL_ERROR = 1
INTERRUPTED = 130
# Libraries that log what they repair in a damaged PDF ("Could not get FontBBox ...") to
# stderr through logging's last-resort handler: one line per glyph, burying the one-line
# error or summary. Shown with --debug.
CHATTY_LIBRARIES = ("pdfminer", "pdfplumber")


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
    build.add_argument(
        "--manifest",
        type=Path,
        help="refuse a PDF whose sha256 differs from this manifest (raw/manifest.json)",
    )
    build.add_argument(
        "--max-pages",
        type=int,
        default=None,
        help="refuse PDFs with more pages than this (default 2000), to bound time and memory",
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
    return parser


def _add_common(command: argparse.ArgumentParser) -> None:
    loudness = command.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    loudness.add_argument("-v", "--verbose", action="store_true", help="print each stage")
    command.add_argument("--debug", action="store_true", help="show tracebacks on failure")


def _say(args: argparse.Namespace, message: str, *, verbose_only: bool = False) -> None:
    if args.quiet or (verbose_only and not args.verbose):
        return
    print(message, file=sys.stderr)


def _run_build(args: argparse.Namespace) -> int:
    from pipeline.build import DEFAULT_MAX_PAGES, build

    result = build(
        args.source,
        args.out,
        manifest=args.manifest,
        max_pages=args.max_pages if args.max_pages is not None else DEFAULT_MAX_PAGES,
        on_stage=lambda name: _say(args, f"{name}…", verbose_only=True),
    )
    if result.unplaced:
        pages = sorted({word.page for word in result.unplaced})
        _say(
            args,
            f"warning: {len(result.unplaced)} words on site pages were not placed in any "
            f"record (pages {', '.join(map(str, pages))}); check them before publishing",
        )
    counts = ", ".join(f"{name} {n}" for name, n in result.row_counts.items())
    _say(args, f"published {result.out}: {counts} rows from {result.page_count} pages")
    if args.verbose:
        timings = ", ".join(f"{name} {s:.2f}s" for name, s in result.stage_seconds.items())
        _say(args, f"timings: {timings}")
    return 0


def _run_accept(args: argparse.Namespace) -> int:
    from pipeline.source import accept_edition

    entry = accept_edition(args.source, args.manifest)
    _say(args, f"recorded {entry['file']} ({entry['bytes']} bytes, sha256 {entry['sha256']})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.debug:
        for name in CHATTY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.ERROR)
    commands = {"build": _run_build, "accept-edition": _run_accept}
    try:
        return commands[args.command](args)
    except PipelineError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted; the output folder was left as it was", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); this is a bug: re-run with "
            "--debug and report the traceback",
            file=sys.stderr,
        )
        return INTERNAL_ERROR
