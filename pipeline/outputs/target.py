"""The folder a build publishes into, checked before the PDF is read: a build that cannot
publish must say so at once, not after the whole parse, and must leave nothing behind (not
even its lock file) where it was refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pipeline.errors import PublishError
from pipeline.metadata.package_name import package_name

DATAPACKAGE = "datapackage.json"


def dataset_name() -> str:
    """The dataset's name, which every datapackage.json of this pipeline carries: read
    plainly from the registry's file (no pydantic, no registry built), or, where the file
    does not give it plainly, from the registry, whose error says what is wrong."""
    name = package_name()
    if name is None:
        from pipeline.metadata.registry import table_registry

        name = table_registry().package.name
    return name


# The kernel's folders: nothing a build writes belongs there.
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def normalised(out: Path) -> Path:
    """`out` absolute, with `.` and `..` resolved as the user wrote them (output/csv/.. is
    output), so that the lock and the checks name the folder that will be replaced."""
    return Path(os.path.abspath(out))


def previous_output_problem(out: Path) -> str | None:
    """Why out must not be replaced, if it looks like anything but an earlier output."""
    if out.is_symlink():
        return f"{out} is a symbolic link; give the folder it points to"
    if not out.exists():
        return None
    if not out.is_dir():
        return f"{out} exists and is not a folder; choose another output folder"
    if not any(out.iterdir()):
        return None
    name = dataset_name()
    try:
        previous = json.loads((out / DATAPACKAGE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    if not isinstance(previous, dict) or previous.get("name") != name:
        return (
            f"refusing to replace {out}: it is not empty and has no {DATAPACKAGE} named "
            f'"{name}", so it is not an earlier output of this pipeline; choose another '
            "output folder, or empty or remove this one yourself"
        )
    return None


def unwritable_problem(out: Path) -> str | None:
    """Why nothing can be written where `out` is to be (a system folder, a file where a
    folder must be, a folder this user or a read-only file system cannot write), or None."""
    if out == out.parent or any(out.is_relative_to(folder) for folder in SYSTEM_FOLDERS):
        return f"cannot publish to {out}: it is a system folder; choose another output folder"
    ancestor = out.parent
    while not ancestor.exists() and not ancestor.is_symlink():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        return (
            f"cannot publish to {out}: {ancestor} is a file, not a folder; choose another "
            "output folder"
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return (
            f"cannot publish to {out}: {ancestor} cannot be written (permission denied or a "
            "read-only file system); choose another output folder"
        )
    return None


def checked_output_folder(out: Path) -> Path:
    """The normalised output folder, or PublishError (exit 11) when a build could not replace
    it: checked before anything is read, locked or written."""
    folder = normalised(out)
    problem = unwritable_problem(folder) or previous_output_problem(folder)
    if problem is not None:
        raise PublishError(problem)
    return folder
