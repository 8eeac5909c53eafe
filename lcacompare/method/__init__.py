"""The harmonised method: the versioned spec and its loader."""

from lcacompare.method.spec import MethodSpec, load_method

__all__ = ["MethodSpec", "load_method"]
