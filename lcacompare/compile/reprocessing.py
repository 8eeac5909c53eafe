"""Expansion of an option's reprocessing template into ordinary inventory lines and its cycle block.

An option's ``reprocessing: {template: steam-sterilisation, ...}`` becomes, at compile time, the
module B lines a case would otherwise write by hand, in this order: steriliser electricity, its
water and wastewater, the washer-disinfector's electricity, gas, water, wastewater and detergent
(times ``washer.cycles_per_load``), then the packaging (wrap or rigid container, module B) and its
disposal (module C). The lines go after the option's last A1-A3 or A4 line and before its other
lines. The option's cycle block is made from ``items_per_load``, ``fill_rate`` and the allocation.

The method rule (``sterilisation`` section of the method spec): without it, the steriliser
electricity per cycle is ``steriliser_kwh_per_cycle``; with it,
``base_kwh + kwh_per_kg_load x load_mass x fill_rate`` (McGain et al. 2017), the coefficients
from the case or else from the shipped ``datasets/reprocessing/steam-sterilisation.csv``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pint
from pint.facets.plain import PlainUnit

from lcacompare.compile.amounts import names_in, strip_quantity
from lcacompare.compile.electricity import is_electricity
from lcacompare.datasets import Datasets, datasets_dir
from lcacompare.datasets import Provenance as DatasetProvenance
from lcacompare.errors import CaseError, Problem
from lcacompare.expressions import ExpressionError, referenced_names
from lcacompare.method.spec import MethodSpec
from lcacompare.model.case import Amount, Case, CycleSharing, InventoryLine, Option, Provenance
from lcacompare.model.reprocessing import (
    CONTAINER_DISPOSAL_DEFAULT,
    EXPECTED,
    WATER_TREATMENT_DEFAULT,
    WRAP_DISPOSAL_DEFAULT,
    SteamSterilisation,
)
from lcacompare.reprocessing.steam import SteamDefaults, grouped, steam_defaults
from lcacompare.units import parse_unit, ureg

__all__ = ["expand_reprocessing", "steriliser_kwh_amount", "check_template_values", "SECTION"]

SECTION = "sterilisation"
"""The method section whose presence switches the steriliser electricity to the load rule."""
_PROVENANCE = ("source", "assumption", "year", "geography", "pedigree", "note")
_PLAIN, _KG, _KWH = ureg.Unit(""), ureg.Unit("kg"), ureg.Unit("kWh")
_KWH_PER_KG = ureg.Unit("kWh / kg")


def _provenance(prov: Provenance | None, default_assumption: str | None = None) -> dict[str, Any]:
    if prov is None:
        return {"assumption": default_assumption}
    return {name: getattr(prov, name) for name in _PROVENANCE}


def _times(amount: Amount, *factors: Amount | None) -> Amount:
    """``amount x factor x ...`` as one expression; factors that are a plain 1 (or None) are left out."""
    kept = [
        f for f in factors if not (f is None or (isinstance(f, int | float) and not isinstance(f, bool) and f == 1))
    ]
    if not kept:
        return amount
    return " * ".join(grouped(term) for term in (amount, *kept))


def _line(module: str, activity: str, amount: Amount, per: str, **extra: Any) -> InventoryLine:
    fields = {key: value for key, value in extra.items() if value is not None}
    return InventoryLine(module=module, activity=activity, amount=amount, per=per, **fields)  # type: ignore[arg-type]


def _dataset_fields(prov: DatasetProvenance) -> dict[str, Any]:
    return {"source": prov.source, "year": prov.year, "geography": prov.geography, "pedigree": list(prov.pedigree)}


def _worst(*pedigrees: list[int] | None) -> list[int] | None:
    given = [p for p in pedigrees if p is not None]
    return [max(scores) for scores in zip(*given, strict=True)] if given else None


def steriliser_kwh_amount(
    template: SteamSterilisation, by_load: bool, defaults: SteamDefaults | None
) -> tuple[Amount, dict[str, Any]]:
    """The steriliser electricity per cycle as an amount, with the provenance of its line.

    Parameters
    ----------
    template : SteamSterilisation
        The option's template.
    by_load : bool
        Whether the method has the ``sterilisation`` section (the load rule applies).
    defaults : SteamDefaults or None
        The shipped coefficients, used when the template gives none.

    Returns
    -------
    (amount, provenance)
        ``steriliser_kwh_per_cycle`` and its provenance without the load rule; with it,
        ``base + k x (load_mass x fill_rate)`` and a source naming McGain et al. (2017).
    """
    if not by_load:
        return template.steriliser_kwh_per_cycle.amount, _provenance(template.steriliser_kwh_per_cycle)
    load = _times(template.load_mass.amount, template.fill_rate)
    if template.base_kwh is not None and template.kwh_per_kg_load is not None:
        base, slope = template.base_kwh.amount, template.kwh_per_kg_load.amount
        base_prov, slope_prov = _provenance(template.base_kwh), _provenance(template.kwh_per_kg_load)
    else:
        assert defaults is not None  # the caller reads them whenever the template gives none
        base, slope = defaults.base_kwh, defaults.kwh_per_kg_load
        base_prov, slope_prov = _dataset_fields(defaults.base_provenance), _dataset_fields(defaults.slope_provenance)
    mass_prov = _provenance(template.load_mass)
    source = (
        "LCAC-HC/2 sterilisation rule, kWh per cycle = base + kWh per kg x load mass (McGain, Moore, Black 2017, "
        f"Aust Health Rev 41:26-32); base: {base_prov.get('source') or base_prov.get('assumption')}; "
        f"per kg: {slope_prov.get('source') or slope_prov.get('assumption')}; "
        f"load mass: {mass_prov.get('source') or mass_prov.get('assumption')}"
    )
    provenance = {
        "source": source,
        "year": base_prov.get("year"),
        "geography": base_prov.get("geography"),
        "pedigree": _worst(base_prov.get("pedigree"), slope_prov.get("pedigree"), mass_prov.get("pedigree")),
    }
    return f"{grouped(base)} + {grouped(slope)} * {grouped(load)}", provenance


def _steam_lines(template: SteamSterilisation, by_load: bool, defaults: SteamDefaults | None) -> list[InventoryLine]:
    kwh, kwh_prov = steriliser_kwh_amount(template, by_load, defaults)
    where = template.location
    lines = [_line("B", template.electricity, kwh, "cycle", location=where, **kwh_prov)]
    if template.water_per_cycle is not None:
        water = template.water_per_cycle
        lines.append(_line("B", "water-supply", water.amount, "cycle", **_provenance(water)))
        lines.append(
            _line(
                "B",
                "water-treatment",
                water.amount,
                "cycle",
                **_provenance(template.water_treatment, WATER_TREATMENT_DEFAULT),
            )
        )
    washer = template.washer
    if washer is not None:
        cycles = washer.cycles_per_load
        lines.append(
            _line(
                "B",
                template.electricity,
                _times(washer.kwh_per_cycle.amount, cycles),
                "cycle",
                location=where,
                **_provenance(washer.kwh_per_cycle),
            )
        )
        if washer.gas_per_cycle is not None:
            gas = _times(washer.gas_per_cycle.amount, washer.gas_gcv, cycles)
            lines.append(_line("B", "natural-gas", gas, "cycle", **_provenance(washer.gas_per_cycle)))
        if washer.water_per_cycle is not None:
            water_amount = _times(washer.water_per_cycle.amount, cycles)
            lines.append(_line("B", "water-supply", water_amount, "cycle", **_provenance(washer.water_per_cycle)))
            treatment = _provenance(washer.water_treatment, WATER_TREATMENT_DEFAULT)
            lines.append(_line("B", "water-treatment", water_amount, "cycle", **treatment))
        if washer.detergent_per_cycle is not None:
            detergent = _times(washer.detergent_per_cycle.amount, cycles)
            lines.append(_line("B", "detergent", detergent, "cycle", **_provenance(washer.detergent_per_cycle)))
    packaging = template.packaging
    if packaging is not None:
        per_item = f"{grouped(packaging.mass.amount)} / {grouped(packaging.items_per_set)}"
        if packaging.type == "wrap":
            material = packaging.material or "polypropylene-primary"
            disposal = packaging.disposal_activity or "incineration-pp-pe"
            stream, default_label = packaging.stream or "non-risk", WRAP_DISPOSAL_DEFAULT
        else:  # a rigid container: its mass spread over the cycles it lasts
            per_item = f"{per_item} / {grouped(packaging.container_uses)}"
            material = packaging.material or ""
            disposal = packaging.disposal_activity or "recycling-metal"
            stream, default_label = packaging.stream or "metal-recycling", CONTAINER_DISPOSAL_DEFAULT
        lines.append(_line("B", material, per_item, "use", **_provenance(packaging.mass)))
        lines.append(
            _line("C", disposal, per_item, "use", stream=stream, **_provenance(packaging.disposal, default_label))
        )
    return lines


def _cycle(template: SteamSterilisation) -> CycleSharing:
    if template.allocation == "mass":
        capacity = _times(template.load_mass.amount, template.fill_rate)
        return CycleSharing(allocation="mass", capacity=capacity, item_size=template.item_mass, fill_rate=1.0)
    return CycleSharing(allocation="count", capacity=_times(template.items_per_load, template.fill_rate), fill_rate=1.0)


def _insert_at(option: Option) -> int:
    """After the option's last A1-A3 or A4 line (0 when it has none)."""
    production = [j for j, line in enumerate(option.inventory) if line.module in ("A1-A3", "A4")]
    return production[-1] + 1 if production else 0


def _unused_names(case: Case, template: SteamSterilisation, i: int, by_load: bool) -> list[Problem]:
    """Amounts the method does not use are still checked for names that are not parameters."""
    unused: list[tuple[str, Amount]] = []
    if not by_load:
        unused.append(("load_mass.amount", template.load_mass.amount))
        for name in ("base_kwh", "kwh_per_kg_load"):
            given = getattr(template, name)
            if given is not None:
                unused.append((f"{name}.amount", given.amount))
    else:
        unused.append(("steriliser_kwh_per_cycle.amount", template.steriliser_kwh_per_cycle.amount))
    problems = []
    for field, amount in unused:
        if not isinstance(amount, str):
            continue
        try:
            names = referenced_names(amount)
        except ExpressionError as error:
            names, why = set(), str(error)
            problems.append(_problem(case, i, field, f"{amount!r} cannot be read: {why}"))
        unknown = sorted(n for n in names if n not in case.parameters and not _is_unit(n))
        if unknown:
            problems.append(_problem(case, i, field, f"{amount!r} names {', '.join(unknown)}, not parameters"))
    return problems


def _is_unit(name: str) -> bool:
    try:
        parse_unit(name)
    except (pint.PintError, ValueError, AttributeError):  # not a unit of the registry
        return False
    return True


def _problem(case: Case, i: int, field: str, message: str) -> Problem:
    return Problem(
        f"options[{i}].reprocessing.{field}",
        message,
        "the steam-sterilisation template's fields (docs/case-format.md, 'Reprocessing template')",
        "reprocessing-template",
        case.line_of("options", i, "reprocessing", *field.split(".")[:1]),
    )


def _electricity_problems(case: Case, datasets: Datasets, template: SteamSterilisation, i: int) -> list[Problem]:
    """Rule reprocessing-electricity: the template's electricity is a grid electricity row (energy, kWh).

    A shipped row must pass :func:`lcacompare.compile.electricity.is_electricity` (category
    ``energy``, unit kWh, an electricity id), as the electricity rule reads it; a case's own factor
    must be of category ``energy`` in kWh.
    """
    activity = template.electricity
    found = datasets.factor(activity, template.location or case.context.country)
    own = next((factor for factor in case.factors if factor.id == activity), None)
    if found is not None and is_electricity(found):
        return []
    if found is None and own is not None and own.category == "energy" and own.unit.strip() == "kWh":
        return []
    if found is not None:
        why = f"{activity!r} is a row of category {found.category} in {found.unit}, but not electricity"
    elif own is not None:
        why = f"the case's factor {activity!r} is {own.category} in {own.unit}, not energy in kWh"
    else:
        why = f"no activity {activity!r} in the datasets or the case's factors"
    return [
        Problem(
            f"options[{i}].reprocessing.electricity",
            why,
            "an electricity row (category energy, in kWh), e.g. electricity-grid",
            "reprocessing-electricity",
            case.line_of("options", i, "reprocessing", "electricity"),
        )
    ]


Check = tuple[str, Amount, PlainUnit, str, Callable[[Any], Any]]


def _positive(magnitude: Any) -> Any:
    return np.all(np.asarray(magnitude) > 0)


def _not_negative(magnitude: Any) -> Any:
    return np.all(np.asarray(magnitude) >= 0)


def _share(magnitude: Any) -> Any:
    value = np.asarray(magnitude)
    return np.all((value > 0) & (value <= 1))


def _checks(template: SteamSterilisation) -> list[Check]:
    """The template's amounts with the unit and range each must have (field, amount, unit, expected, test)."""
    checks: list[Check] = [
        ("items_per_load", template.items_per_load, _PLAIN, EXPECTED["items_per_load"], _positive),
        ("fill_rate", template.fill_rate, _PLAIN, EXPECTED["fill_rate"], _share),
        ("load_mass", template.load_mass.amount, _KG, "a mass (kg) > 0, the full load", _positive),
        (
            "steriliser_kwh_per_cycle",
            template.steriliser_kwh_per_cycle.amount,
            _KWH,
            "kWh per cycle, >= 0",
            _not_negative,
        ),
    ]
    if template.item_mass is not None:
        checks.append(("item_mass", template.item_mass, _KG, "a mass (kg) > 0, one item", _positive))
    if template.base_kwh is not None:
        checks.append(("base_kwh", template.base_kwh.amount, _KWH, "kWh per cycle, >= 0", _not_negative))
    if template.kwh_per_kg_load is not None:
        slope = template.kwh_per_kg_load.amount
        checks.append(("kwh_per_kg_load", slope, _KWH_PER_KG, "kWh per kg of load, >= 0", _not_negative))
    if template.washer is not None:
        kwh = template.washer.kwh_per_cycle.amount
        checks.append(("washer.kwh_per_cycle", kwh, _KWH, "kWh per washer cycle, >= 0", _not_negative))
    packaging = template.packaging
    if packaging is not None:
        checks.append(("packaging.mass", packaging.mass.amount, _KG, "a mass (kg), >= 0", _not_negative))
        checks.append(
            ("packaging.items_per_set", packaging.items_per_set, _PLAIN, EXPECTED["items_per_set"], _positive)
        )
        if packaging.container_uses is not None:
            uses = packaging.container_uses
            checks.append(("packaging.container_uses", uses, _PLAIN, EXPECTED["container_uses"], _positive))
    return checks


def _value_problem(
    case: Case, i: int, check: Check, amount_of: Callable[[Any, Mapping[str, Any]], Any], values: Mapping[str, Any]
) -> Problem | None:
    field, amount, unit, expected, test = check
    if isinstance(amount, str) and any(n in case.parameters and n not in values for n in names_in(amount)):
        return None  # a parameter it uses failed, and is reported at its own field
    try:
        value = amount_of(amount, values)
    except (ExpressionError, pint.PintError, TypeError, ValueError) as error:
        why = f"cannot be evaluated ({error})"
    else:
        try:
            magnitude = strip_quantity(value, unit)
        except pint.DimensionalityError:
            why = f"is in {value.units:~}" if str(value.units) else "has no unit"
        else:
            if test(magnitude):
                return None
            why = f"is {value:~}"
    return Problem(
        f"options[{i}].reprocessing.{field}",
        f"{amount!r} {why}",
        expected,
        "reprocessing-value",
        case.line_of("options", i, "reprocessing", *field.split(".")),
    )


def check_template_values(
    case: Case,
    amount_of: Callable[[Any, Mapping[str, Any]], Any],
    values: Mapping[str, Any],
    problems: list[Problem],
) -> None:
    """Rule reprocessing-value: the template's amounts, evaluated, have their units and ranges.

    Each amount is evaluated at the parameters' default values and must be in its unit (a load
    mass in kg, the load coefficient in kWh per kg ...) and range (counts > 0, ``0 < fill_rate
    <= 1``). An option with such a problem has the problems of its generated lines and cycle
    block dropped from ``problems``: they restate it at fields the case file does not have.

    Parameters
    ----------
    case : Case
        The case after :func:`expand_reprocessing`.
    amount_of : callable
        Evaluates one amount with the given parameter values (the compile step's).
    values : mapping of str to quantity
        The default value of every parameter that could be evaluated.
    problems : list of Problem
        Changed in place.
    """
    for i, option in enumerate(case.options):
        template = option.reprocessing
        if template is None:
            continue
        found = [p for check in _checks(template) if (p := _value_problem(case, i, check, amount_of, values))]
        if not found:
            continue
        at = _insert_at(option)
        generated = [f"options[{i}].inventory[{j}]" for j in range(at, at + len(_steam_lines(template, False, None)))]
        problems[:] = [p for p in problems if not p.field.startswith((f"options[{i}].cycle", *generated))] + found


def expand_reprocessing(case: Case, method: MethodSpec, datasets: Datasets) -> Case:
    """The case with every option's reprocessing template expanded into lines and a cycle block.

    Parameters
    ----------
    case : Case
        The case as read.
    method : MethodSpec
        The method; with a ``sterilisation`` section the steriliser electricity follows the load.
    datasets : Datasets
        For the shipped coefficients of the load rule (``reprocessing/steam-sterilisation.csv``).

    Returns
    -------
    Case
        The same case when no option states a template; else a copy whose templated options
        carry the generated lines (after their last A1-A3 or A4 line) and cycle block.

    Raises
    ------
    CaseError
        Rule ``reprocessing-template``: a template on a single-use option, beside a hand-written
        cycle block, or naming what is not a parameter.
    """
    if not any(option.reprocessing is not None for option in case.options):
        return case
    by_load = method.section(SECTION) is not None
    problems: list[Problem] = []
    options = list(case.options)
    for i, option in enumerate(case.options):
        template = option.reprocessing
        if template is None:
            continue
        if option.kind != "reusable":
            problems.append(_problem(case, i, "template", f"single-use option {option.id!r} is not reprocessed"))
            continue
        if option.cycle is not None:
            problems.append(_problem(case, i, "template", "the template makes the cycle block: remove `cycle`"))
            continue
        problems += _unused_names(case, template, i, by_load)
        problems += _electricity_problems(case, datasets, template, i)
        needs_defaults = by_load and template.base_kwh is None
        defaults = steam_defaults(datasets.root or datasets_dir()) if needs_defaults else None
        at = _insert_at(option)
        lines = [*option.inventory[:at], *_steam_lines(template, by_load, defaults), *option.inventory[at:]]
        options[i] = option.model_copy(update={"inventory": lines, "cycle": _cycle(template)})
    if problems:
        raise CaseError(case.path, problems)
    return case.model_copy(update={"options": options})
