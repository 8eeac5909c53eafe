"""Brightway 2.5 backend: project cache, background database, method registration, solving."""

from lcacompare.lca.backend import BrightwayBackend, default_home

__all__ = ["BrightwayBackend", "default_home"]
