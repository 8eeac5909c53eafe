"""Link a case's inventory lines to activities of the user's own Brightway project.

A case with ``context.background: {project, database, brightway_dir, method}`` names a project
(for example one holding a licensed ecoinvent database). Each inventory line then references an
activity by ``{database, code}`` or by ``{name, location, unit}``. :class:`LinkedBackend` opens
that project read-only, finds every activity, checks that each line's amount can be expressed in
the activity's reference unit, picks the impact method (IPCC 2021 GWP100 as registered in the
project, or ``background.method``) and computes unit impacts with bw2calc.

Problems (missing project, database, activity or method; an ambiguous name; a unit mismatch) are
a :class:`~lcacompare.errors.CaseError` naming the field, like every other input error.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pint

from lcacompare.compile import CompiledCase, LineInfo
from lcacompare.compile.own_factors import is_own_key
from lcacompare.errors import CaseError, Problem
from lcacompare.expressions import ExpressionError
from lcacompare.lca.bw_units import brightway_unit
from lcacompare.model.case import ActivityRef, Background, Case
from lcacompare.units import ureg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lcacompare.lca.sampling import ExchangeDistributions
    from lcacompare.lca.session import BrightwaySession

__all__ = ["LinkedBackend", "find_climate_method", "default_brightway_dir"]


def _same_unit(a: str, b: str) -> bool:
    """True when two unit names (Brightway's or pint's) are the same unit."""
    first, second = brightway_unit(a), brightway_unit(b)
    if first is None or second is None:
        return " ".join(a.lower().split()) == " ".join(b.lower().split())
    try:
        return bool(np.isclose(ureg.Quantity(1.0, first).m_as(second), 1.0, rtol=1e-12))
    except pint.DimensionalityError:
        return False


def default_brightway_dir() -> Path:
    """Brightway's own default data directory (``$BRIGHTWAY2_DIR`` or its platform folder)."""
    override = os.environ.get("BRIGHTWAY2_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.PlatformDirs("Brightway3", "pylca").user_data_dir)


def _is_climate_gwp100(method: tuple[str, ...], method_id: str) -> bool:
    text = " ".join(method).lower()
    squeezed = text.replace(" ", "")
    if method and method[0] == method_id:
        return True
    return "ipcc 2021" in text and "gwp100" in squeezed and "gwp1000" not in squeezed


def find_climate_method(methods: Iterable[tuple[str, ...]], method_id: str = "LCAC-HC/1") -> list[tuple[str, ...]]:
    """The registered methods that are IPCC 2021 GWP100 (the harmonised method's indicator).

    Sub-indicators (fossil, biogenic, land use) and "no LT" variants are set aside when the plain
    ``climate change`` indicator is there, so an ecoinvent project yields one method.

    Parameters
    ----------
    methods : iterable of tuple of str
        Method keys of a Brightway project (``bw2data.methods``).
    method_id : str
        The harmonised method's id; a method registered under it also counts.

    Returns
    -------
    list of tuple of str
        Candidates, best first; exactly one means the choice is clear.
    """
    candidates = sorted(tuple(m) for m in methods if _is_climate_gwp100(tuple(m), method_id))
    plain = [m for m in candidates if "climate change" in m and "no lt" not in " ".join(m).lower()]
    return plain or candidates


class LinkedBackend:
    """Unit impacts of activities in a user's own Brightway project.

    Construction opens the project and resolves every linked inventory line: :attr:`linked_lines`
    holds each line with the Brightway activity's own ``activity_unit``, ``activity_name`` and
    ``geography``, so amounts are converted to its reference unit
    (:meth:`lcacompare.compile.CompiledCase.with_lines`). The compiled case is not changed.

    Parameters
    ----------
    case : Case
        A case with ``context.background``.
    compiled : CompiledCase
        The compiled case (read only).
    home : Path, optional
        lcacompare's home, where Monte Carlo draws are cached (default
        :func:`lcacompare.lca.backend.default_home`).
    session : BrightwaySession, optional
        The Brightway session to open the project in (default the process's).

    Raises
    ------
    CaseError
        When the project, database, method or an activity is missing or ambiguous, when a line
        does not link to the project, or when an amount cannot be expressed in its activity's unit.
    """

    def __init__(
        self, case: Case, compiled: CompiledCase, home: Path | None = None, session: BrightwaySession | None = None
    ) -> None:
        from lcacompare.lca.backend import default_home
        from lcacompare.lca.session import brightway_session

        background = case.context.background
        if background is None:
            raise ValueError("LinkedBackend needs a case with context.background")
        self.case = case
        self.background: Background = background
        self.home = Path(home) if home else default_home()
        self.base_dir = self._base_dir()
        self.session = session or brightway_session()
        self._check_project()
        self.nodes: dict[str, Any] = {}
        self._impacts: dict[str, float] = {}
        with self._project() as bw:
            self._bd = bw.data
            self._check_database()
            self.method_key: tuple[str, ...] = self._method()
            databases = bw.data.databases
            self._stamps = {name: str(databases[name].get("modified", "")) for name in sorted(databases)}
            self.linked_lines: dict[str, tuple[LineInfo, ...]] = {}
            self._link_lines(compiled)
        identity = [str(self.base_dir.resolve()), background.project, self._stamps, self.method_key]
        self.identity = hashlib.sha256(json.dumps(identity, default=str).encode()).hexdigest()

    # -- opening the project -----------------------------------------------------------------
    def _error(self, field: str, message: str, expected: str, *loc: str | int) -> CaseError:
        line = self.case.line_of("context", "background", *loc)
        return CaseError(self.case.path, [Problem(field, message, expected, "background", line)])

    def _base_dir(self) -> Path:
        given = self.background.brightway_dir
        if not given:
            base = default_brightway_dir()
        else:
            base = Path(os.path.expandvars(given)).expanduser()
            if not base.is_absolute() and self.case.path is not None:
                base = self.case.path.parent / base
        if not base.is_dir():
            raise self._error(
                "context.background.brightway_dir",
                f"Brightway directory {str(base)!r} does not exist",
                "the folder Brightway keeps its projects in (BRIGHTWAY2_DIR), absolute or relative to the case",
                "brightway_dir",
            )
        return base

    def _check_project(self) -> None:
        from lcacompare.lca.session import CatalogueError, project_names

        try:
            names = project_names(self.base_dir)
        except CatalogueError as exc:
            raise self._error(
                "context.background.brightway_dir",
                f"{exc.path}: damaged Brightway projects catalogue ({exc.reason})",
                "the projects.db Brightway wrote in that folder (restore it, or point brightway_dir elsewhere)",
                "brightway_dir",
            ) from None
        if self.background.project not in names:
            known = ", ".join(sorted(names)) or "none"
            raise self._error(
                "context.background.project",
                f"no Brightway project {self.background.project!r} in {self.base_dir}",
                f"one of the projects there: {known}",
                "project",
            )

    def _check_database(self) -> None:
        database = self.background.database
        if database and database not in self._bd.databases:
            known = ", ".join(sorted(self._bd.databases)) or "none"
            raise self._error(
                "context.background.database",
                f"no database {database!r} in Brightway project {self.background.project!r}",
                f"one of its databases: {known}",
                "database",
            )

    def _method(self) -> tuple[str, ...]:
        registered = [tuple(m) for m in self._bd.methods]
        project = self.background.project
        if self.background.method:
            key = tuple(self.background.method)
            if key not in registered:
                suggestions = "; ".join(" / ".join(m) for m in find_climate_method(registered)[:5]) or "none found"
                raise self._error(
                    "context.background.method",
                    f"method {list(key)} is not registered in Brightway project {project!r}",
                    f"a registered method key as a list of names (IPCC 2021 GWP100 candidates: {suggestions})",
                    "method",
                )
            return key
        candidates = find_climate_method(registered)
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            message = f"Brightway project {project!r} has no IPCC 2021 GWP100 method registered"
        else:
            listed = "; ".join(" / ".join(m) for m in candidates[:8])
            message = f"several IPCC 2021 GWP100 methods in Brightway project {project!r}: {listed}"
        raise self._error(
            "context.background.method",
            message,
            "context.background.method naming the registered IPCC 2021 GWP100 method, e.g. "
            "[IPCC 2021, climate change, global warming potential (GWP100)]",
            "method",
        )

    # -- linking lines -----------------------------------------------------------------------
    def _find(self, ref: ActivityRef) -> tuple[Any | None, str]:
        """The node a reference names, or None and why not."""
        from lcacompare.lca.session import nodes_named

        bd = self._bd
        database = ref.database or self.background.database
        if ref.code:
            if not database:
                return None, "a code reference needs a database (on the line or in context.background)"
            if database not in bd.databases:
                return None, f"no database {database!r} in project {self.background.project!r}"
            try:
                return bd.get_node(database=database, code=ref.code), ""
            except (bd.errors.UnknownObject, bd.errors.MultipleResults):
                return None, f"no activity with code {ref.code!r} in database {database!r}"
        databases = [database] if database else sorted(bd.databases)
        matches = []
        for name in databases:
            if name not in bd.databases:
                return None, f"no database {name!r} in project {self.background.project!r}"
            for node in nodes_named(bd, name, ref.name or ""):
                if ref.location and node.get("location") != ref.location:
                    continue
                if ref.unit and not _same_unit(str(node.get("unit", "")), ref.unit):
                    continue
                matches.append(node)
        if len(matches) == 1:
            return matches[0], ""
        where = f"database {database!r}" if database else f"project {self.background.project!r}"
        wanted = f"name {ref.name!r}" + (f", location {ref.location!r}" if ref.location else "")
        wanted += f", unit {ref.unit!r}" if ref.unit else ""
        if not matches:
            return None, f"no activity with {wanted} in {where}"
        listed = "; ".join(f"{n.get('location')} {n.get('unit')} (code {n['code']})" for n in matches[:6])
        return None, f"{len(matches)} activities with {wanted} in {where}: {listed}"

    def _link_lines(self, compiled: CompiledCase) -> None:
        problems: list[Problem] = []
        values = compiled.parameter_values()
        for i, option in enumerate(self.case.options):
            linked: list[LineInfo] = []
            for info in compiled.lines[option.id]:
                linked.append(self._link_line(compiled, values, i, info, problems) or info)
            self.linked_lines[option.id] = tuple(linked)
        if problems:
            raise CaseError(self.case.path, problems)

    def _link_line(
        self, compiled: CompiledCase, values: Mapping[str, Any], i: int, info: LineInfo, problems: list[Problem]
    ) -> LineInfo | None:
        where = f"options[{i}].inventory[{info.index}]"
        loc = ("options", i, "inventory", info.index)
        ref = info.line.activity
        if is_own_key(info.activity_key):  # the case's own factor or published figure: no project needed
            return None
        if not isinstance(ref, ActivityRef):
            problems.append(
                Problem(
                    f"{where}.activity",
                    f"{ref!r} is an open-dataset activity, but the case takes its background from Brightway "
                    f"project {self.background.project!r} (the method allows one background per case)",
                    "{database: DB, code: CODE} or {name: NAME, location: LOC, unit: UNIT} of that project",
                    "background",
                    self.case.line_of(*loc, "activity"),
                )
            )
            return None
        node, why = self._find(ref)
        if node is None:
            problems.append(
                Problem(
                    f"{where}.activity",
                    why,
                    "{database, code} or {name, location, unit} of an activity in the linked project",
                    "background",
                    self.case.line_of(*loc, "activity"),
                )
            )
            return None
        unit = brightway_unit(node.get("unit", ""))
        if unit is None:
            problems.append(
                Problem(
                    f"{where}.activity",
                    f"activity {node.get('name')!r} has unit {node.get('unit')!r}, which lcacompare cannot read",
                    "an activity whose unit is a physical unit or a count ('unit')",
                    "unit",
                    self.case.line_of(*loc, "activity"),
                )
            )
            return None
        if ref.unit and not _same_unit(unit, ref.unit):
            problems.append(
                Problem(
                    f"{where}.activity.unit",
                    f"the line says {ref.unit!r} but activity {node.get('name')!r} is in {node.get('unit')!r}",
                    f"unit {node.get('unit')!r} (the activity's reference unit)",
                    "unit",
                    self.case.line_of(*loc, "activity", "unit"),
                )
            )
            return None
        try:
            compiled.amount(info.line.amount, values).m_as(unit)
        except pint.DimensionalityError:
            problems.append(
                Problem(
                    f"{where}.amount",
                    f"{info.line.amount!r} is not compatible with the activity's unit {node.get('unit')!r}",
                    f"an amount in {unit} (activity {node.get('name')!r})",
                    "unit",
                    self.case.line_of(*loc, "amount"),
                )
            )
            return None
        except (ExpressionError, pint.UndefinedUnitError):
            return None  # already reported by compile_case
        self.nodes[info.activity_key] = node
        return dataclasses.replace(
            info,
            activity_id=f"{node['database']}|{node['code']}",
            activity_name=str(node.get("name") or info.activity_name),
            activity_unit=unit,
            geography=str(node.get("location") or ""),
            bw_key=(node["database"], node["code"]),
        )

    # -- queries -----------------------------------------------------------------------------
    def _ids(self, keys: Iterable[str]) -> list[int]:
        return [int(self.nodes[key].id) for key in keys]

    def _project(self) -> Any:
        """The session block with the linked project current, read-only."""
        return self.session.project(self.base_dir, self.background.project, writable=False)

    def unit_impacts(self, keys: Iterable[str]) -> dict[str, float]:
        """Kg CO2e (the method's unit) per reference unit of each linked activity, from bw2calc.

        Parameters
        ----------
        keys : iterable of str
            ``LineInfo.activity_key`` of linked lines.

        Returns
        -------
        dict of str to float
            Impact per unit, by key.
        """
        from lcacompare.lca.calculate import unit_scores

        wanted = [key for key in dict.fromkeys(keys) if key not in self._impacts]
        if wanted:
            with self._project() as bw:
                scores = unit_scores(bw.calc, self._ids(wanted), self.method_key)
            self._impacts.update({key: float(s) for key, s in zip(wanted, scores, strict=True)})
        return {key: self._impacts[key] for key in dict.fromkeys(keys)}

    def score(self, demand: Mapping[str, float]) -> float:
        """Plain bw2calc LCA score of a demand given by activity key."""
        from lcacompare.lca.calculate import demand_score

        ids: dict[int, float] = {}
        for key, amount in demand.items():
            node = int(self.nodes[key].id)
            ids[node] = ids.get(node, 0.0) + float(amount)
        with self._project() as bw:
            return demand_score(bw.calc, ids, self.method_key)

    def sample_unit_impacts(self, keys: list[str], samples: int, seed: int) -> np.ndarray:
        """Monte Carlo draws of unit impacts with bw2calc's sampling, cached under the home.

        The cache key holds the project, its databases' modification stamps, the method, the
        activities, ``samples`` and ``seed``, so a changed project is sampled again.

        Returns
        -------
        ndarray
            Shape ``(len(keys), samples)``.
        """
        from lcacompare.lca.backend import _load_array, _save_array
        from lcacompare.lca.calculate import sampled_unit_scores

        keys = list(keys)
        ids = self._ids(keys)
        base = str(self.base_dir.resolve())
        identity = [base, self.background.project, self._stamps, self.method_key, ids, samples, seed]
        digest = hashlib.sha256(json.dumps(identity, default=str).encode()).hexdigest()[:24]
        path = self.home / "samples" / "linked" / f"{digest}.npy"
        cached = _load_array(path, (len(keys), samples))
        if cached is not None:
            return cached
        with self._project() as bw:
            draws = sampled_unit_scores(bw.calc, ids, self.method_key, samples, seed)
        _save_array(path, draws, self.home)
        return draws

    def exchange_distributions(self, keys: Sequence[str]) -> ExchangeDistributions | None:
        """None: a linked project's activities are not sampled from their exchanges.

        A user's project generally has technosphere inputs, for which only bw2calc's own Monte
        Carlo reproduces Brightway's sampling; the uncertainty analysis keeps a linked background
        deterministic (as it always has), which this states instead of leaving it to a probe.
        """
        return None

    def monte_carlo_pool(self, keys: Sequence[str], draws: int, seed: int) -> np.ndarray | None:
        """None: the paired Monte Carlo keeps a linked background deterministic (see above).

        :meth:`sample_unit_impacts` gives bw2calc's draws for a linked project when they are wanted.
        """
        return None
