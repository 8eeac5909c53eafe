"""Recycled content and recycling under LCAC-HC/2: R1 per material line, and the Circular Footprint Formula.

Applied only under a method with a ``circular_footprint_formula`` section:

- every material line (module A1-A3, a mass) gets its recycled content R1: the line's
  ``cff.r1``, else ``1 - virgin_fraction``, else the Annex C default of its material
  (``datasets/cff/annex_c.csv``), else 0; the primary-material indicator counts ``1 - R1`` of
  its mass (cut-off or not);
- when the case chooses ``context.allocation: circular-footprint-formula``, lines change as the
  formula says (:func:`lcacompare.circular.footprint_formula.circular_footprint`), amounts and
  masses unchanged, only the kg CO2e per kg:

  ========================================= ======== =============================================
  term                                      module   line
  ========================================= ======== =============================================
  ``(1-R1) Ev + R1 (A Erec + (1-A) Ev Qsin/Qp)`` A1-A3 the material line
  ``(1-A) R2 ErecEoL``                       C        the case's line to a recycling route
  ``-(1-A) R2 Ev* Qsout/Qp``                 D        a new line beside it (reported apart)
  ``(1-B) R3 EER`` and ``(1-R2-R3) ED``      C        the case's incineration and disposal lines,
                                                      unchanged (their mass is already the share)
  ========================================= ======== =============================================

  R2 is the mass the case's module C lines send to a recycling route of the material (specific
  data rank before the Annex C default R2). The energy-recovery credit is not applied: no lower
  heating values, recovery efficiencies or substituted heat and electricity are shipped.

The CFF lines get their kg CO2e per kg from the shipped dataset rows (their unit impact is fixed
at compile time, like a case's own factors, so it is not sampled in Monte Carlo).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lcacompare.circular.footprint_formula import circular_footprint
from lcacompare.compile.own_factors import PUBLISHED_PREFIX
from lcacompare.compile.references import LineInfo, is_mass_unit
from lcacompare.datasets import CREDIT, Datasets, Factor, datasets_dir, file_version, read_csv_rows
from lcacompare.errors import CaseError, Problem
from lcacompare.method.spec import MethodSpec
from lcacompare.model.case import Case
from lcacompare.model.circular import CIRCULAR_FOOTPRINT_FORMULA

__all__ = [
    "SECTION",
    "AnnexRow",
    "LineDecision",
    "annex_c",
    "check_allocation",
    "check_overrides",
    "decisions",
    "circular_lines",
]

SECTION = "circular_footprint_formula"
"""The method section that carries this rule."""
_COLUMNS = (
    "material",
    "activities",
    "virgin_activity",
    "recycled_activity",
    "recycling_activities",
    "a",
    "r1",
    "r2",
    "qsin_qp",
    "qsout_qp",
    "year",
    "geography",
    "pedigree",
    "second_hand",
    "source",
    "source_row",
    "assumption",
)


@dataclass(frozen=True)
class AnnexRow:
    """One material of ``datasets/cff/annex_c.csv``: its Annex C defaults and the dataset rows of its routes."""

    material: str
    activities: tuple[str, ...]
    virgin_activity: str | None
    recycled_activity: str | None
    recycling_activities: tuple[str, ...]
    a: float
    r1: float | None
    r2: float | None
    qsin_qp: float
    qsout_qp: float
    year: int
    geography: str
    pedigree: str
    second_hand: bool
    source: str
    source_row: str
    assumption: str


@dataclass(frozen=True)
class LineDecision:
    """What the rule decided for one line of an option (for the result and the report).

    ``role`` is ``material`` (an A1-A3 material line) or ``recycling`` (a module C line to a
    recycling route); ``r1_source`` says where R1 came from.
    """

    option_id: str
    index: int
    role: str
    activity_id: str
    material: str | None
    r1: float | None
    r1_source: str
    a: float | None
    quality: float | None  # Qsin/Qp for a material line, Qsout/Qp for a recycling line
    row: AnnexRow | None


def _ids(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _optional(text: str, file: Path, row: int, column: str) -> float | None:
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0.0 <= value <= 1.0:
        raise CaseError(
            file, [Problem(f"row {row}.{column}", f"{text!r} is not a fraction", "a number 0-1", "dataset")]
        )
    return value


@lru_cache(maxsize=8)
def _read(file: str, version: tuple[int, int]) -> Mapping[str, AnnexRow]:
    path = Path(file)
    found: dict[str, AnnexRow] = {}
    for row, rec in read_csv_rows(path, _COLUMNS):
        numbers = {c: _optional(rec[c], path, row, c) for c in ("a", "r1", "r2", "qsin_qp", "qsout_qp")}
        for column in ("a", "qsin_qp", "qsout_qp"):
            if numbers[column] is None:
                raise CaseError(path, [Problem(f"row {row}.{column}", "no value", "a number 0-1", "dataset")])
        found[rec["material"].strip()] = AnnexRow(
            material=rec["material"].strip(),
            activities=_ids(rec["activities"]),
            virgin_activity=rec["virgin_activity"].strip() or None,
            recycled_activity=rec["recycled_activity"].strip() or None,
            recycling_activities=_ids(rec["recycling_activities"]),
            a=float(numbers["a"] or 0.0),
            r1=numbers["r1"],
            r2=numbers["r2"],
            qsin_qp=float(numbers["qsin_qp"] or 0.0),
            qsout_qp=float(numbers["qsout_qp"] or 0.0),
            year=int(rec["year"]),
            geography=rec["geography"].strip(),
            pedigree=rec["pedigree"].strip(),
            second_hand=rec["second_hand"].strip().lower() == "yes",
            source=rec["source"].strip(),
            source_row=rec["source_row"].strip(),
            assumption=rec["assumption"].strip(),
        )
    return found


def annex_c(datasets: Datasets) -> Mapping[str, AnnexRow]:
    """The Annex C defaults of ``datasets`` (``cff/annex_c.csv``; empty when the folder has none).

    Examples
    --------
    >>> from lcacompare.datasets import load_datasets
    >>> row = annex_c(load_datasets())["stainless-steel"]
    >>> row.a, row.qsin_qp, row.second_hand
    (0.2, 1.0, True)
    """
    file = Path(datasets.root or datasets_dir()) / "cff" / "annex_c.csv"
    if not file.is_file():
        return {}
    return _read(str(file), file_version(file))


def check_allocation(case: Case, method: MethodSpec) -> list[Problem]:
    """Rule cff-method: the Circular Footprint Formula (allocation or line figures) only under a method with it."""
    if method.section(SECTION) is not None:
        return []
    found = []
    if case.context.allocation == CIRCULAR_FOOTPRINT_FORMULA:
        found.append(("context.allocation", case.line_of("context", "allocation")))
    for i, option in enumerate(case.options):
        for j, line in enumerate(option.inventory):
            if line.cff is not None:
                found.append((f"options[{i}].inventory[{j}].cff", case.line_of("options", i, "inventory", j, "cff")))
    return [
        Problem(
            where,
            f"{method.id} has no circular_footprint_formula rule (cut-off only)",
            "allocation: cut-off (or no allocation and no cff on lines), or method: LCAC-HC/2",
            "cff-method",
            line,
        )
        for where, line in found
    ]


def check_overrides(
    case: Case, table: Mapping[str, AnnexRow], lines: Mapping[str, Sequence[LineInfo]] | None = None
) -> list[Problem]:
    """Rule cff-override: ``cff`` only on a material or end-of-life line, its ``material`` a row of Annex C.

    The Circular Footprint Formula changes material lines (module A1-A3, dataset category
    ``material``, in kg) and end-of-life lines (module C, in kg); ``cff:`` on any other line
    (grid electricity, transport, a use-stage line) would be silently ignored, so it is refused.
    Lines that did not resolve (``lines`` lacks them) are reported by their own rule.
    """
    problems = []
    for i, option in enumerate(case.options):
        for info in (lines or {}).get(option.id, ()):
            if info.line.cff is not None and not (_is_material(info) or _is_end_of_life(info)):
                problems.append(
                    Problem(
                        f"options[{i}].inventory[{info.index}].cff",
                        f"a cff override on a module {info.module} line of {info.activity_id!r} "
                        f"({info.category}, per {info.activity_unit}): the Circular Footprint Formula applies only "
                        "to material lines and end-of-life lines",
                        "cff only on a material line (module A1-A3, category material, in kg) or an end-of-life "
                        "line (module C, in kg); remove it from this line",
                        "cff-override",
                        case.line_of("options", i, "inventory", info.index, "cff"),
                    )
                )
        for j, line in enumerate(option.inventory):
            if line.cff is not None and line.cff.material is not None and line.cff.material not in table:
                problems.append(
                    Problem(
                        f"options[{i}].inventory[{j}].cff.material",
                        f"no material {line.cff.material!r} in datasets/cff/annex_c.csv",
                        "one of: " + ", ".join(table),
                        "cff-override",
                        case.line_of("options", i, "inventory", j, "cff", "material"),
                    )
                )
    return problems


def _row_of(info: LineInfo, table: Mapping[str, AnnexRow]) -> AnnexRow | None:
    named = info.line.cff.material if info.line.cff is not None else None
    if named is not None:
        return table.get(named)
    return next((row for row in table.values() if info.activity_id in row.activities), None)


def _is_material(info: LineInfo) -> bool:
    return info.module == "A1-A3" and info.category == "material" and is_mass_unit(info.activity_unit)


def _is_end_of_life(info: LineInfo) -> bool:
    return info.module == "C" and is_mass_unit(info.activity_unit)


def decisions(case: Case, table: Mapping[str, AnnexRow], lines: Sequence[LineInfo]) -> list[LineDecision]:
    """R1 of every material line and the material of every recycling line of one option.

    Parameters
    ----------
    case : Case
        The case.
    table : mapping of str to AnnexRow
        From :func:`annex_c`.
    lines : sequence of LineInfo
        The option's lines (module D lines are skipped, so the compiled lines give the same).

    Returns
    -------
    list of LineDecision
        In line order.
    """
    found: list[LineDecision] = []
    used = [row.material for info in lines if _is_material(info) and (row := _row_of(info, table)) is not None]
    for info in lines:
        override = info.line.cff
        if _is_material(info):
            row = _row_of(info, table)
            if override is not None and override.r1 is not None:
                r1, where = override.r1, f"the line's cff.r1 ({override.source})"
            elif info.line.virgin_fraction is not None:
                r1, where = 1.0 - info.line.virgin_fraction, "the line's virgin_fraction (R1 = 1 - virgin_fraction)"
            elif row is not None and row.r1 is not None:
                r1, where = row.r1, f"Annex C default for {row.material} ({row.source_row})"
            else:
                r1, where = 0.0, "none given and no Annex C default: R1 = 0 (all virgin)"
            a = override.a if override is not None and override.a is not None else (row.a if row else None)
            q = override.qsin_qp if override is not None and override.qsin_qp is not None else None
            q = q if q is not None else (row.qsin_qp if row else None)
            found.append(
                LineDecision(
                    info.option_id,
                    info.index,
                    "material",
                    info.activity_id,
                    row.material if row is not None else None,
                    r1,
                    where,
                    a,
                    q,
                    row,
                )
            )
        elif _is_end_of_life(info):
            named = override.material if override is not None else None
            candidates = [table[named]] if named is not None and named in table else []
            if named is None:
                recycling = [row for row in table.values() if info.activity_id in row.recycling_activities]
                candidates = [row for row in recycling if row.material in used]
            if not candidates:
                continue
            row = candidates[0]
            a = override.a if override is not None and override.a is not None else row.a
            q = override.qsout_qp if override is not None and override.qsout_qp is not None else row.qsout_qp
            found.append(
                LineDecision(
                    info.option_id, info.index, "recycling", info.activity_id, row.material, None, "", a, q, row
                )
            )
    return found


def _factor(datasets: Datasets, activity: str | None, fallback: Factor | None, case: Case) -> Factor | None:
    if activity is None:
        return fallback
    return datasets.factor(activity, case.context.country) or fallback


def circular_lines(
    case: Case,
    datasets: Datasets,
    method: MethodSpec,
    lines: Mapping[str, list[LineInfo]],
    problems: list[Problem],
) -> tuple[dict[str, list[LineInfo]], dict[str, float]]:
    """The lines of every option under this rule, and the kg CO2e per unit of the lines it changed.

    Parameters
    ----------
    case : Case
        The case.
    datasets : Datasets
        The datasets (factor rows and ``cff/annex_c.csv``).
    method : MethodSpec
        Without a ``circular_footprint_formula`` section the lines are returned as they are.
    lines : mapping of option id to list of LineInfo
        The resolved lines.
    problems : list of Problem
        Problems of rules cff-method and cff-override are appended.

    Returns
    -------
    lines : dict of option id to list of LineInfo
        Material lines with their R1 (``virgin_fraction = 1 - R1``); under the formula, the
        changed lines with their own activity keys and a module D credit line after each
        recycling line.
    impacts : dict of str to float
        Kg CO2e per kg of each changed line, by its activity key.
    """
    problems += check_allocation(case, method)
    if method.section(SECTION) is None:
        return dict(lines), {}
    table = annex_c(datasets)
    problems += check_overrides(case, table, lines)
    formula = case.context.allocation == CIRCULAR_FOOTPRINT_FORMULA
    characterisation = method.characterisation.factors
    impacts: dict[str, float] = {}
    out: dict[str, list[LineInfo]] = {}
    for option_id, option_lines in lines.items():
        chosen = {(d.index, d.role): d for d in decisions(case, table, option_lines)}
        material_factor = {
            d.material: info.factor
            for info in option_lines
            if (d := chosen.get((info.index, "material"))) is not None and d.material is not None
        }
        changed: list[LineInfo] = []
        for info in option_lines:
            mine = chosen.get((info.index, "material"))
            recycled = chosen.get((info.index, "recycling"))
            if mine is not None and mine.r1 is not None:
                info = dataclasses.replace(info, virgin_fraction=1.0 - mine.r1)
            if formula and mine is not None and mine.row is not None and info.factor is not None:
                virgin = _factor(datasets, mine.row.virgin_activity, info.factor, case)
                recycled_route = _factor(datasets, mine.row.recycled_activity, virgin, case)
                assert virgin is not None and recycled_route is not None
                terms = circular_footprint(
                    r1=mine.r1,
                    a=mine.a,
                    ev=virgin.kg_co2e(characterisation),
                    erec=recycled_route.kg_co2e(characterisation),
                    qsin_qp=mine.quality,
                )
                key = f"{PUBLISHED_PREFIX}{option_id}|{info.index}|cff-material"
                impacts[key] = float(terms.virgin + terms.recycled_content)
                info = dataclasses.replace(
                    info, activity_key=key, activity_name=f"{info.activity_name} (Circular Footprint Formula)"
                )
            changed.append(info)
            if formula and recycled is not None and recycled.row is not None and info.factor is not None:
                row = recycled.row
                substituted = _factor(datasets, row.virgin_activity, material_factor.get(row.material), case)
                if substituted is None:
                    continue
                a, quality = float(recycled.a or 0.0), float(recycled.quality or 0.0)
                terms = circular_footprint(
                    r1=0.0,
                    a=a,
                    ev=0.0,
                    erec=0.0,
                    r2=1.0,
                    erec_eol=info.factor.kg_co2e(characterisation),
                    ev_star=substituted.kg_co2e(characterisation),
                    qsout_qp=quality,
                )
                burden = f"{PUBLISHED_PREFIX}{option_id}|{info.index}|cff-recycling"
                credit = f"{PUBLISHED_PREFIX}{option_id}|{info.index}|cff-credit"
                impacts[burden] = float(terms.recycling_burden)
                impacts[credit] = float(terms.recycling_credit)
                changed[-1] = dataclasses.replace(
                    info, activity_key=burden, activity_name=f"{info.activity_name} (Circular Footprint Formula)"
                )
                changed.append(
                    dataclasses.replace(
                        info,
                        module="D",
                        activity_id=substituted.id,
                        activity_key=credit,
                        activity_name=f"avoided {substituted.name} (Circular Footprint Formula credit)",
                        category=CREDIT,
                        geography=substituted.geography,
                        stream=None,
                        virgin_fraction=0.0,
                        factor=substituted,
                    )
                )
        out[option_id] = changed
    return out, impacts
