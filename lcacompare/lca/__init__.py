"""Backgrounds: the :class:`Background` protocol, the open datasets' Brightway project, linked projects.

Brightway itself is reached only through :mod:`lcacompare.lca.session`.
"""

from lcacompare.lca.backend import BrightwayBackend, default_home
from lcacompare.lca.background import Background

__all__ = ["Background", "BrightwayBackend", "default_home"]
