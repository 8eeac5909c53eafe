"""Write a set of report files all or none: everything is rendered first, then moved into place.

Each file is written to a hidden temporary file in the target folder (``.<name>.*.part``) and
renamed over the old one (``os.replace`` is atomic on one file system). Before anything is written,
every target is checked: a folder, symbolic link, named pipe, device node or socket in the way is an
error naming the path, and nothing is replaced. When several files are replaced, the old ones are
kept (hard-linked, ``.<name>.*.old``) until all new ones are in place, so a failure or a Ctrl-C
while moving them puts the earlier set back; a run that fails anywhere leaves the previous reports
as they were.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from lcacompare.errors import OutputError

__all__ = ["write_atomically", "check_replaceable", "REPORT_FILES"]

REPORT_FILES: dict[str, str] = {
    "json": "result.json",
    "html": "report.html",
    "xlsx": "report.xlsx",
    "summary": "summary.html",
}
"""The file each report format is written to, in a case's report folder."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NOT_REGULAR: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_replaceable(target: Path) -> None:
    """Refuse a ``target`` that exists and is not a regular file.

    Parameters
    ----------
    target : Path
        A file about to be written; it may be missing (then it is created).

    Raises
    ------
    OutputError
        If ``target`` is a folder, symbolic link, named pipe, device node or socket (replacing it
        would destroy something that is not an earlier report), or cannot be inspected.
    """
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(
            f"{target}: cannot replace it ({exc.strerror or exc}; expected: a regular file that can be written)"
        ) from None
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
    raise OutputError(
        f"{target}: cannot replace it (it is {kind}; expected: a regular file or nothing at that path, "
        "so remove it or choose another output)"
    )


def _make_folder(folder: Path) -> None:
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


def _write_temporaries(folder: Path, files: Mapping[str, bytes]) -> list[tuple[Path, Path]]:
    """Write each file's content to a hidden temporary file beside its target; return the pairs."""
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
    return temps


def _keep_old(target: Path, backup: Path) -> None:
    """Keep the current ``target`` as ``backup`` (a hard link, or a copy where links are refused)."""
    try:
        os.link(target, backup)
    except FileExistsError:
        raise
    except OSError:
        shutil.copy2(target, backup)


def _move_into_place(temps: list[tuple[Path, Path]]) -> None:
    """Rename every temporary file over its target; on any failure put the earlier files back."""
    backups: dict[Path, Path] = {}
    moved: list[Path] = []
    target = temps[0][1] if temps else Path()
    try:
        if len(temps) > 1:  # one rename is atomic by itself; several need the old files kept
            for temp, target in temps:
                if os.path.lexists(target):
                    backup = temp.with_suffix(".old")
                    _keep_old(target, backup)
                    backups[target] = backup
        for temp, target in temps:
            check_replaceable(target)  # again: something may have appeared since the first check
            os.replace(temp, target)
            moved.append(target)
    except BaseException as exc:
        unrestored = _put_back(moved, backups)
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        for kept, backup in backups.items():
            if kept not in unrestored:
                backup.unlink(missing_ok=True)
        if not isinstance(exc, OSError | OutputError):
            raise  # Ctrl-C: the earlier set is back in place
        if isinstance(exc, OutputError):
            reason = str(exc)
        else:
            reason = f"{target}: cannot replace it ({exc.strerror or exc}; expected: a file that can be written)"
        if unrestored:
            reason += "; could not put back the earlier " + ", ".join(
                f"{p} (its old content is kept in {backups[p]})" if p in backups else str(p) for p in unrestored
            )
        elif moved:
            reason += "; the earlier reports were put back"
        raise OutputError(reason) from None
    for backup in backups.values():
        backup.unlink(missing_ok=True)


def _put_back(moved: list[Path], backups: Mapping[Path, Path]) -> list[Path]:
    """Undo the renames of ``moved``: restore each old file, or remove a file that was new."""
    unrestored: list[Path] = []
    for target in reversed(moved):
        try:
            if target in backups:
                os.replace(backups[target], target)
            else:
                target.unlink(missing_ok=True)
        except OSError:
            unrestored.append(target)
    return unrestored


def write_atomically(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name to content) into ``folder``, all or none.

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
        If the folder cannot be created or written, or a target is not a regular file (see
        :func:`check_replaceable`); no file is replaced then.
    """
    _make_folder(folder)
    targets = [folder / name for name in files]
    for target in targets:
        check_replaceable(target)
    _move_into_place(_write_temporaries(folder, files))
    return targets
