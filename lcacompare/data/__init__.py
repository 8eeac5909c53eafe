"""The data shipped inside the package: open datasets, example cases and the case template.

``datasets/`` holds the emission factors, prices and price index, ``cases/`` the shipped product
cases and ``templates/`` the case template of ``lcacompare init``. They are package resources
(:mod:`importlib.resources`), so an installed wheel finds them wherever it is installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["shipped_datasets_dir", "shipped_case_names", "shipped_case", "case_template"]


def _resource(*parts: str) -> Traversable:
    return files(__name__).joinpath(*parts)


def shipped_datasets_dir() -> Path:
    """The folder of the shipped datasets (``factors/``, ``prices/``, ``indices/``).

    Returns
    -------
    Path
        A folder on disk: CSV files are read and hashed from it, and Brightway caches are keyed
        by their content.

    Raises
    ------
    RuntimeError
        When the package is imported from an archive rather than installed as files; point
        ``--datasets`` or ``$LCACOMPARE_DATASETS`` at a copy of the datasets then.
    """
    folder = _resource("datasets")
    if not isinstance(folder, Path):
        raise RuntimeError(
            "lcacompare is imported from an archive; its datasets folder cannot be read in place "
            "(use --datasets DIR or $LCACOMPARE_DATASETS)"
        )
    return folder


def shipped_case_names() -> list[str]:
    """Sorted names of the shipped cases (the file names without ``.yaml``).

    Returns
    -------
    list of str
    """
    return sorted(p.name.removesuffix(".yaml") for p in _resource("cases").iterdir() if p.name.endswith(".yaml"))


@contextmanager
def shipped_case(name: str) -> Iterator[Path | None]:
    """The file of the shipped case ``name`` while the context lasts, or None if there is none.

    Parameters
    ----------
    name : str
        A shipped case name such as ``"kocher-clamp"``.

    Yields
    ------
    Path or None
    """
    resource = _resource("cases", f"{name}.yaml")
    if not resource.is_file():
        yield None
        return
    with as_file(resource) as path:
        yield path


def case_template() -> str:
    """The commented case template that ``lcacompare init`` fills in.

    Returns
    -------
    str
    """
    return _resource("templates", "case-template.yaml").read_text(encoding="utf-8")
