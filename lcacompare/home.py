"""Where lcacompare keeps its caches: ``$LCACOMPARE_HOME`` or the user cache dir."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["HOME_VARIABLE", "default_home"]

HOME_VARIABLE = "LCACOMPARE_HOME"


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
