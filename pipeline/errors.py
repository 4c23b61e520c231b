"""Every failure a user can cause, each with its exit code and a message that says what to do.

The table of codes is documented in the README ("Errors and exit codes");
keep the two in step.
"""

from __future__ import annotations

# Printed text quoted in a message is cut to this many characters: enough to find it on
# the page, short enough to keep the message on one line.
QUOTED_TEXT_SHOWN = 60


def clipped(text: str) -> str:
    """Printed text as a message quotes it: cut to QUOTED_TEXT_SHOWN characters, an
    ellipsis marking the cut."""
    if len(text) <= QUOTED_TEXT_SHOWN:
        return text
    return text[: QUOTED_TEXT_SHOWN - 1].rstrip() + "…"


class PipelineError(Exception):
    """A failure with a one-line message for the user and a documented exit code."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SourceError(PipelineError):
    """The source file is missing, empty or unreadable."""

    exit_code = 3


class NotAPdfError(PipelineError):
    """The bytes are not a readable PDF: wrong file, truncated or corrupted download."""

    exit_code = 4


class EncryptedPdfError(PipelineError):
    """The PDF is password-protected."""

    exit_code = 5


class ChecksumError(PipelineError):
    """The PDF does not match the hash recorded in the manifest."""

    exit_code = 6


class LayoutError(PipelineError):
    """The PDF reads, but its pages do not hold the publication's structure."""

    exit_code = 7


class NoTextLayerError(LayoutError):
    """Pages with no text to read: a scan that needs OCR."""

    exit_code = 8


class UnplacedWordsError(LayoutError):
    """Words on the site pages that no record holds: a sign that a page was misread."""

    exit_code = 18


class ReferenceDataError(PipelineError):
    """A printed region, authority or theme that the reference data does not know."""

    exit_code = 9


class ValidationError(PipelineError):
    """The tables failed their schema or cross-table checks."""

    exit_code = 10


class PublishError(PipelineError):
    """The output folder could not be written or is locked by another build."""

    exit_code = 11


class LimitError(PipelineError):
    """The input exceeds a configured limit (pages), to keep time and memory bounded."""

    exit_code = 12


class ReleaseConfigError(PipelineError):
    """The release configuration (release.toml) is missing, unreadable or lacks a key."""

    exit_code = 13


class ReleaseExistsError(PipelineError):
    """A release of this version was written before, with other bytes: releases are kept."""

    exit_code = 14


class PortalError(PipelineError):
    """The portal could not be reached, refused a request, or served back other bytes."""

    exit_code = 15


class PortalAuthError(PortalError):
    """No API token, or the portal refused it for this organisation."""

    exit_code = 16


class ServeError(PipelineError):
    """The portal preview cannot listen where it was asked to (port in use, no such port)."""

    exit_code = 17
