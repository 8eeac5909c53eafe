"""The ``inputs`` section of the result: every number the comparison used, with its provenance.

One row per parameter, inventory line, cost line, emission factor and price, each with its value,
unit, source (or the assumption it rests on), year, geography and pedigree score. The report
tables and the Excel ``Inputs`` sheet are rendered from these rows, so a number that is not here
did not reach the result.
"""

from __future__ import annotations

import math
from typing import Any

import pint

from lcacompare.compile import CompiledCase
from lcacompare.datasets import Factor, Price
from lcacompare.datasets import Provenance as DatasetProvenance
from lcacompare.model.case import Provenance
from lcacompare.result.inputs import INPUT_KINDS

__all__ = ["INPUT_KINDS", "inputs_section"]


def _number(value: Any) -> float | None:
    """A finite float, or None for anything else (arrays never reach here: values are scalars)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _unit_text(quantity: pint.Quantity) -> str:
    # Money reads as EUR in every report (pint's short form spells the currency unit out).
    text = f"{quantity.units:~P}".replace("euro", "EUR")
    return text or "1"


def _expression(text: Any) -> str | None:
    """The amount as typed in the case, when it is more than a plain number."""
    if isinstance(text, bool | int | float):
        return None
    return str(text)


def _case_provenance(prov: Provenance) -> dict[str, Any]:
    return {
        "source": prov.source,
        "assumption": prov.assumption,
        "year": prov.year,
        "geography": prov.geography,
        "pedigree": list(prov.pedigree) if prov.pedigree is not None else None,
        "note": prov.note,
        "source_url": None,
    }


def _dataset_provenance(prov: DatasetProvenance) -> dict[str, Any]:
    return {
        "source": prov.source or None,
        "assumption": prov.assumption or None,
        "year": prov.year or None,
        "geography": prov.geography or None,
        "pedigree": list(prov.pedigree),
        "note": prov.notes or None,
        "source_url": prov.source_url or None,
    }


def _row(kind: str, option: str | None, name: str, value: float | None, unit: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": kind, "option": option, "name": name, "value": value, "unit": unit}
    row.update(extra)
    return row


_CONTEXT_UNITS = {"discount_rate": "1/year", "horizon_years": "year", "annual_uses": "use/year"}
_OPTION_UNITS = {"uses_per_life": "use", "loss_rate": "1/use", "stock_items": "item"}


def _setting(option: str | None, name: str, raw: Any, unit: str, text: str | None, value: Any) -> dict[str, Any]:
    # A setting without a `sources` entry is shown as an unstated assumption, never as sourced.
    text = text or "assumption (not stated in the case: add it under `sources`)"
    is_assumption = text.lower().startswith("assumption")
    return _row(
        "setting",
        option,
        name,
        _number(value),
        unit,
        expression=_expression(raw),
        source=None if is_assumption else text,
        assumption=text if is_assumption else None,
        year=None,
        geography=None,
        pedigree=None,
        note=None,
        source_url=None,
    )


def _settings(compiled: CompiledCase, values: Any) -> list[dict[str, Any]]:
    """Context and option numbers given inline, with the text of their ``sources`` entries."""
    case = compiled.case
    rows = [
        _setting(
            None,
            f"context.{name}",
            getattr(case.context, name),
            unit,
            case.context.sources.get(name),
            getattr(case.context, name),
        )
        for name, unit in _CONTEXT_UNITS.items()
    ]
    for option in case.options:
        fields: list[tuple[str, Any, str]] = [(n, getattr(option, n), u) for n, u in _OPTION_UNITS.items()]
        if option.cycle is not None:
            fields += [
                ("cycle.capacity", option.cycle.capacity, "per cycle"),
                ("cycle.item_size", option.cycle.item_size, ""),
                ("cycle.fill_rate", option.cycle.fill_rate, ""),
            ]
        for name, raw, unit in fields:
            if raw is None:
                continue
            quantity = compiled.amount(raw, values)
            text = option.sources.get(name) or ("from parameters" if isinstance(raw, str) else None)
            rows.append(_setting(option.id, name, raw, unit or _unit_text(quantity), text, quantity.magnitude))
    return rows


def inputs_section(compiled: CompiledCase) -> list[dict[str, Any]]:
    """Every parameter, inventory line, cost line, emission factor and price a case uses.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case (:func:`lcacompare.compile.compile_case`).

    Returns
    -------
    list of dict
        One row per input with the keys ``kind`` (one of :data:`INPUT_KINDS`), ``option`` (option
        id or None for shared inputs), ``name``, ``value`` (float at the case's default values, in
        ``unit``), ``unit``, ``expression`` (the amount as typed, when not a plain number),
        ``basis`` (``use``, ``cycle``, ``life``...; inventory and cost lines), ``module`` or
        ``category``, ``source``, ``assumption``, ``year``, ``geography``, ``pedigree`` (five
        scores 1-5, or None when not given), ``note`` and ``source_url``.

    Examples
    --------
    >>> rows = inputs_section(compiled)  # doctest: +SKIP
    >>> rows[0]["kind"], rows[0]["name"], rows[0]["unit"]  # doctest: +SKIP
    ('parameter', 'steriliser_kwh_per_cycle', 'kWh')
    """
    case = compiled.case
    values = compiled.parameter_values()
    rows: list[dict[str, Any]] = _settings(compiled, values)
    for name in case.parameters:
        param = case.parameters[name]
        quantity = values[name]
        value = _number(quantity.magnitude)
        rows.append(
            _row(
                "parameter",
                None,
                name,
                value,
                _unit_text(quantity),
                expression=_expression(param.value),
                distribution=param.distribution.model_dump(exclude_none=True) if param.distribution else None,
                **_case_provenance(param),
            )
        )
    factors: dict[tuple[str, str], Factor] = {}
    for option in case.options:
        for info in compiled.lines[option.id]:
            quantity = compiled.amount(info.line.amount, values)
            unit = info.activity_unit or _unit_text(quantity)
            value = _number(quantity.m_as(info.activity_unit) if info.activity_unit else quantity.magnitude)
            rows.append(
                _row(
                    "inventory",
                    option.id,
                    f"{info.module} {info.activity_name or info.activity_id}",
                    value,
                    f"{unit} per {info.basis}",
                    expression=_expression(info.line.amount),
                    module=info.module,
                    basis=info.basis,
                    activity=info.activity_id,
                    **_case_provenance(info.line),
                )
            )
            if info.factor is not None:
                factors[info.factor.key] = info.factor
        converted = compiled.conversions.get(option.id, {})
        for cost in compiled.costs[option.id]:
            # A line in another currency is shown as written; its rate is in the study section.
            currency = converted[cost.index].currency if cost.index in converted else "EUR"
            value = _number(compiled.amount(cost.line.amount, values).m_as(currency))
            rows.append(
                _row(
                    "cost",
                    option.id,
                    cost.category,
                    value,
                    f"{currency} per {cost.basis}",
                    expression=_expression(cost.line.amount),
                    category=cost.category,
                    basis=cost.basis,
                    **_case_provenance(cost.line),
                )
            )
    characterisation = compiled.method.characterisation.factors
    for key in sorted(factors):
        factor = factors[key]
        rows.append(
            _row(
                "factor",
                None,
                f"{factor.name} ({factor.id}, {factor.geography})",
                factor.kg_co2e(characterisation),
                f"kg CO2e/{factor.unit}",
                activity=factor.id,
                **_dataset_provenance(factor.provenance),
            )
        )
    for price_id in sorted(compiled.prices_used):
        price: Price = compiled.prices_used[price_id]
        rows.append(
            _row(
                "price",
                None,
                f"{price.name} ({price.id}, {price.geography})",
                float(price.eur_per_unit),
                f"EUR/{price.unit}",
                **_dataset_provenance(price.provenance),
            )
        )
    return rows
