"""The one wrapper around Brightway's global state.

``bw2data`` reads ``BRIGHTWAY2_DIR`` at import and keeps a current-project singleton. Nothing else
in lcacompare imports bw2data or bw2calc: they ask this module, which sets the directory before
the first import, silences Brightway's chatter at one place, and switches projects explicitly.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["brightway", "use_project", "quiet_progress"]


@contextlib.contextmanager
def quiet_progress() -> Iterator[None]:
    """Hide the tqdm bars Brightway prints to stderr while writing databases."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


class _Session:
    """Holds the imported Brightway modules and the directory they point at."""

    def __init__(self) -> None:
        self.modules: tuple[ModuleType, ModuleType] | None = None
        self.base_dir: Path | None = None

    def load(self, base_dir: Path) -> tuple[ModuleType, ModuleType]:
        base_dir.mkdir(parents=True, exist_ok=True)
        if self.modules is None:
            os.environ["BRIGHTWAY2_DIR"] = str(base_dir)
            # SuperLU is used when pypardiso/umfpack are missing; the warning says so, and that
            # is expected here.
            warnings.filterwarnings("ignore", message=".*pypardiso.*")
            warnings.filterwarnings("ignore", message=".*UMFPACK.*", category=UserWarning)
            warnings.filterwarnings("ignore", message=".*umfpack.*", category=UserWarning)
            with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), quiet_progress():
                warnings.simplefilter("ignore")
                import bw2calc
                import bw2data
            _quiet()
            self.modules = (bw2data, bw2calc)
            self.base_dir = base_dir
        elif self.base_dir != base_dir:
            bw2data = self.modules[0]
            bw2data.projects.change_base_directories(base_dir=base_dir, update=False)
            self.base_dir = base_dir
        return self.modules


def _quiet() -> None:
    """Silence Brightway's info logging and progress bars (they go to the user's terminal)."""
    for name in ("bw2data", "bw2calc", "bw2io", "bw_processing", "peewee"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        import structlog

        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    except ImportError:  # pragma: no cover - structlog comes with bw2data
        pass


_SESSION = _Session()


def brightway(base_dir: Path) -> tuple[Any, Any]:
    """Return ``(bw2data, bw2calc)`` pointed at ``base_dir``."""
    return _SESSION.load(Path(base_dir))


def use_project(base_dir: Path, name: str) -> tuple[Any, Any]:
    """Point Brightway at ``base_dir`` and make ``name`` the current project."""
    bd, bc = brightway(base_dir)
    bd.projects.set_current(name)
    return bd, bc
