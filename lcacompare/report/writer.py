"""Write report files atomically: everything is rendered first, then moved into place.

A run that fails while rendering leaves the previous reports untouched; each file is written to a
temporary file in the target folder and renamed over the old one (``os.replace`` is atomic on
one file system).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from lcacompare.errors import OutputError

__all__ = ["write_atomically"]


def write_atomically(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name to content) into ``folder``, each atomically.

    Parameters
    ----------
    folder : Path
        Target folder; created if missing.
    files : mapping of str to bytes
        File names and their full content, all rendered before this call.

    Returns
    -------
    list of Path
        The written files.

    Raises
    ------
    OutputError
        If the folder cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"{folder}: is a file, not a folder (expected: an output folder)") from None
    except PermissionError:
        raise OutputError(f"{folder}: cannot create the folder (permission denied)") from None
    temps: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            temps.append((Path(temp), folder / name))
    except PermissionError:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise OutputError(f"{folder}: cannot write there (permission denied; expected: a writable folder)") from None
    except OSError as exc:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise OutputError(f"{folder}: cannot write reports ({exc.strerror})") from None
    written = []
    for temp, target in temps:
        os.replace(temp, target)
        written.append(target)
    return written
