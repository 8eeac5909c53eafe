"""Where lcacompare keeps its caches: ``$LCACOMPARE_HOME`` or the user cache dir.

Every cache under the home (Brightway projects, unit impacts, Monte Carlo draws, unit
definitions) can be rebuilt, so a damaged one is rebuilt; a home that cannot be used at all (a
file, not writable, a full disk) is a :class:`HomeError` naming the path, which the command line
reports with exit code 2.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lcacompare.errors import OutputError

__all__ = ["HOME_VARIABLE", "HomeError", "default_home", "usable_home", "writing_home"]

HOME_VARIABLE = "LCACOMPARE_HOME"
_EXPECTED = "a writable folder with free space; choose one with --home or $LCACOMPARE_HOME"


class HomeError(OutputError):
    """lcacompare's home cannot hold its caches (a file, not writable, disk full)."""


def default_home() -> Path:
    """Lcacompare's data home: ``$LCACOMPARE_HOME`` or the user cache dir.

    Returns
    -------
    Path
        The folder (not created here).
    """
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("lcacompare"))


def usable_home(home: Path) -> Path:
    """Create ``home`` if it is missing and check that caches can be written in it.

    Parameters
    ----------
    home : Path
        lcacompare's home.

    Returns
    -------
    Path
        ``home``, now an existing folder.

    Raises
    ------
    HomeError
        Naming the path when it is a file (or lies under one), cannot be created or is not
        writable.
    """
    home = Path(home)
    blocker = next((p for p in (home, *home.parents) if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise HomeError(f"{blocker}: is a file, not a folder (expected: {_EXPECTED})")
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HomeError(
            f"{home}: cannot create lcacompare's home ({exc.strerror or exc}; expected: {_EXPECTED})"
        ) from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise HomeError(f"{home}: cannot write lcacompare's home (permission denied; expected: {_EXPECTED})")
    return home


@contextmanager
def writing_home(home: Path) -> Iterator[None]:
    """Turn an operating-system error while writing a cache under ``home`` into a :class:`HomeError`.

    The message names the file the system named (else ``home``) and the system's reason, e.g.
    ``No space left on device``. A lock that could not be acquired in time is not a write error
    and passes through.

    Parameters
    ----------
    home : Path
        lcacompare's home.
    """
    from filelock import Timeout

    try:
        yield
    except (HomeError, Timeout):
        raise
    except OSError as exc:
        where = exc.filename2 or exc.filename or home
        raise HomeError(
            f"{where}: cannot write lcacompare's cache ({exc.strerror or exc}; expected: {_EXPECTED})"
        ) from None
