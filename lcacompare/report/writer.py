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

__all__ = ["write_atomically", "REPORT_FILES"]

REPORT_FILES: dict[str, str] = {"json": "result.json", "html": "report.html", "xlsx": "report.xlsx"}
"""The file each report format is written to, in a case's report folder."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
        raise OutputError(
            f"{folder}: cannot create the folder (permission denied; expected: a writable folder)"
        ) from None
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot create the folder ({exc.strerror or exc}; expected: a writable folder)"
        ) from None
    temps: list[tuple[Path, Path]] = []

    def discard_temps() -> None:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)

    try:
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
            temps.append((Path(temp), folder / name))
            # mkstemp creates 0600 files; reports are ordinary documents, so follow the umask.
            os.chmod(temp, 0o666 & ~_umask())
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
    except PermissionError:
        discard_temps()
        raise OutputError(f"{folder}: cannot write there (permission denied; expected: a writable folder)") from None
    except OSError as exc:
        discard_temps()
        raise OutputError(
            f"{folder}: cannot write reports ({exc.strerror or exc}; expected: a writable folder)"
        ) from None
    except BaseException:  # Ctrl-C while writing: leave no temporary files behind
        discard_temps()
        raise
    written: list[Path] = []
    try:
        for temp, target in temps:
            os.replace(temp, target)
            written.append(target)
    except OSError as exc:
        discard_temps()
        raise OutputError(
            f"{target}: cannot replace it ({exc.strerror or exc}; expected: a file, not a folder, that can be written)"
        ) from None
    return written
