"""Product carbon footprints in the WBCSD PACT (Pathfinder) data model, version 2.3.

:func:`export_footprints` writes each option of a comparison as a PACT ``ProductFootprint``;
:func:`read_footprint` reads a supplier's footprint as a declared figure. Both validate against
the ``ProductFootprint`` schema of PACT's official OpenAPI file, shipped in
``exchange/schemas/`` with its source and commit (:data:`SCHEMA_FILE`).

Mapping of lcacompare's fields (a footprint here is *one use* of an option, cradle to grave):

==================================  ============================================================
PACT field                          lcacompare
==================================  ============================================================
declaredUnit                        ``kilogram``: the option's A1-A3 mass per use
unitaryProductAmount                that mass (kg of product and packaging per use)
pCfExcludingBiogenic                kg CO2e per use (modules in the method's total) / that mass
fossilGhgEmissions                  the same: lcacompare does not split fossil and biogenic (note)
fossil/biogenicCarbonContent        ``0`` with a note: carbon content is not modelled
characterizationFactors             ``AR6`` (the method's GWP100, IPCC AR6)
crossSectoralStandardsUsed          ``ISO Standard 14044``
boundaryProcessesDescription        the modules included, by EN 15804 name
referencePeriodStart/End            the case's price year
geographyCountry                    the case's country
allocationRulesDescription          the method's allocation rule (cut-off)
primaryDataShare                    % of CO2e from lines declared by a supplier
dqi                                 pedigree scores weighted by CO2e, mapped 1-5 -> 1-3
==================================  ============================================================

A supplier's footprint is per declared product item: ``pCfExcludingBiogenic x
unitaryProductAmount`` kg CO2e, cradle to gate (A1-A3) as the PACT Methodology defines it,
unless it is one lcacompare wrote (its product id ends in ``:per-use``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from lcacompare.errors import CaseError, Problem
from lcacompare.exchange.answers import DeclaredFootprint

__all__ = [
    "SPEC_VERSION",
    "SCHEMA_FILE",
    "schema",
    "validate_footprint",
    "export_footprints",
    "read_footprint",
    "declared_from_footprint",
]

SPEC_VERSION = "2.3.0"
"""PACT Technical Specifications version written and read."""
SCHEMA_FILE = "pact-product-footprint-2.3.0.schema.json"
"""The shipped schema: ``ProductFootprint`` of wbcsd/pact-openapi ``pact-openapi-2.3.0.yaml``."""
PER_USE_SUFFIX = ":per-use"
_NAMESPACE = uuid.UUID("4f1c3c55-0c5e-4d51-9a0e-6c6f6d706172")
_DEFAULT_CPC = "481"


@cache
def schema() -> dict[str, Any]:
    """The shipped PACT ``ProductFootprint`` JSON Schema (its ``$comment`` names source and commit)."""
    text = files("lcacompare.exchange").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    return dict(json.loads(text))


def validate_footprint(document: Any, where: str = "footprint") -> list[Problem]:
    """Problems of ``document`` against the PACT schema, one per schema error (empty if valid).

    Parameters
    ----------
    document : Any
        A parsed ``ProductFootprint``.
    where : str
        Prefix of the field paths in the problems.
    """
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(schema(), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        problems.append(Problem(f"{where}{path}", error.message[:300], "PACT ProductFootprint 2.3", "pact-schema"))
    return problems


def _decimal(value: float) -> str:
    """A PACT decimal: plain digits, no exponent (``1e-05`` -> ``0.00001``)."""
    text = format(Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _dqi(lines: list[Any], total: float) -> dict[str, float] | None:
    """Pedigree scores (1-5) of lines above 5 % of the total, CO2e-weighted, mapped to PACT's 1-3 DQR."""
    weighted = [0.0] * 5
    weight = 0.0
    for line in lines:
        share = abs(line.kg_co2e_per_use) / total if total else 0.0
        if share > 0.05 and line.pedigree:
            weight += share
            for i, score in enumerate(line.pedigree):
                weighted[i] += share * score
    if weight == 0:
        return None
    scores = [min(3.0, max(1.0, 1.0 + (w / weight - 1.0) / 2.0)) for w in weighted]
    reliability, completeness, temporal, geographical, technological = scores
    return {
        "coveragePercent": round(min(100.0, weight * 100.0), 6),
        "technologicalDQR": round(technological, 6),
        "temporalDQR": round(temporal, 6),
        "geographicalDQR": round(geographical, 6),
        "completenessDQR": round(completeness, 6),
        "reliabilityDQR": round(reliability, 6),
    }


def export_footprints(
    case: Any,
    comparison: Any,
    *,
    created: dt.datetime | None = None,
    company: str = "lcacompare harmonised calculation",
    cpc: str = _DEFAULT_CPC,
) -> list[dict[str, Any]]:
    """Each option of a comparison as a PACT ``ProductFootprint`` (per use, cradle to grave).

    Parameters
    ----------
    case : Case
        The compared case.
    comparison : Comparison
        From :func:`lcacompare.compare`.
    created : datetime, optional
        Timestamp written (default now, UTC).
    company : str
        ``companyName``: who computed the footprint.
    cpc : str
        UN CPC code of the product (default ``481``, medical and surgical equipment: check it
        for your product).

    Returns
    -------
    list of dict
        One footprint per option, each valid against the shipped schema.

    Raises
    ------
    CaseError
        For an option with no A1-A3 mass (PACT needs a physical declared unit) or a negative
        total (PACT's ``pCfExcludingBiogenic`` is at least zero).
    """
    from lcacompare.exchange.engine_inputs import method_summary

    method = method_summary(comparison.method_id)
    created = created or dt.datetime.now(dt.UTC)
    stamp = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    year = int(case.context.price_year)
    modules = list(method.total_modules)
    problems: list[Problem] = []
    out = []
    for i, option in enumerate(comparison.options):
        mass = sum(ln.amount_per_use for ln in option.lines if ln.module == "A1-A3" and ln.unit == "kg")
        total = option.kg_co2e_per_use
        if mass <= 0 or total < 0:
            why = "has no A1-A3 mass in kg (PACT needs a declared unit)" if mass <= 0 else "has a negative total"
            problems.append(Problem(f"options[{i}]", f"{option.id} {why}", "a product mass and a total >= 0", "pact"))
            continue
        supplier_kg = sum(ln.kg_co2e_per_use for ln in option.lines if (ln.source or "").startswith("supplier"))
        lines_total = sum(abs(ln.kg_co2e_per_use) for ln in option.lines) or 1.0
        pcf: dict[str, Any] = {
            "declaredUnit": "kilogram",
            "unitaryProductAmount": _decimal(mass),
            "pCfExcludingBiogenic": _decimal(total / mass),
            "fossilGhgEmissions": _decimal(total / mass),
            "fossilCarbonContent": "0",
            "biogenicCarbonContent": "0",
            "characterizationFactors": method.gwp,
            "ipccCharacterizationFactorsSources": [method.gwp],
            "crossSectoralStandardsUsed": ["ISO Standard 14044"],
            "boundaryProcessesDescription": (
                f"lcacompare modules: {', '.join(modules)}. One use of the option ({case.functional_unit}), cradle "
                f"to grave under {method.id}: "
                + "; ".join(f"{m} {option.kg_co2e_by_module.get(m, 0.0):.6g} kg CO2e" for m in modules)
                + ". Module D credits are reported apart and not included."
            ),
            "referencePeriodStart": f"{year}-01-01T00:00:00Z",
            "referencePeriodEnd": f"{year + 1}-01-01T00:00:00Z",
            "geographyCountry": case.context.country,
            "exemptedEmissionsPercent": 0,
            "exemptedEmissionsDescription": "none: every inventory line of the case is included",
            "packagingEmissionsIncluded": True,
            "allocationRulesDescription": method.allocation or "cut-off",
            "primaryDataShare": round(100.0 * max(0.0, supplier_kg) / lines_total, 6),
        }
        dqi = _dqi(option.lines, sum(abs(ln.kg_co2e_per_use) for ln in option.lines))
        if dqi is not None:
            pcf["dqi"] = dqi
        out.append(
            {
                "id": str(uuid.uuid5(_NAMESPACE, f"{case.id}/{option.id}/{comparison.method_id}/{stamp}")),
                "specVersion": SPEC_VERSION,
                "version": 1,
                "created": stamp,
                "status": "Active",
                "comment": (
                    f"Computed by lcacompare under {comparison.method_id} for case {case.id}. Per use: the product "
                    "is one use of the option and pCfExcludingBiogenic x unitaryProductAmount is kg CO2e per use. "
                    "Not mapped (no field in lcacompare): fossil/biogenic split (fossilGhgEmissions = total), "
                    "carbon content (0 = not modelled), land-use change, aircraft emissions, assurance. "
                    "dqi: pedigree scores 1-5 of lines above 5 % of the total, CO2e-weighted, mapped to 1-3."
                ),
                "companyName": company,
                "companyIds": ["urn:lcacompare:calculator"],
                "productDescription": f"{option.title}; functional unit: {case.functional_unit}",
                "productIds": [f"urn:lcacompare:case:{case.id}:option:{option.id}{PER_USE_SUFFIX}"],
                "productCategoryCpc": cpc,
                "productNameCompany": option.title,
                "pcf": pcf,
            }
        )
    if problems:
        raise CaseError(case.path, problems)
    for j, footprint in enumerate(out):
        found = validate_footprint(footprint, f"footprints[{j}]")
        if found:  # a bug here, not the user's input: say so plainly
            raise RuntimeError("exported footprint does not validate: " + "; ".join(p.message for p in found))
    return out


def declared_from_footprint(footprint: dict[str, Any]) -> DeclaredFootprint:
    """The declared figure of a (valid) PACT footprint.

    ``kg_co2e = pCfExcludingBiogenic x unitaryProductAmount`` per product item, modules A1-A3
    (cradle to gate); per use with lcacompare's modules for a footprint lcacompare exported.
    """
    pcf = footprint["pcf"]
    kg = float(Decimal(pcf["pCfExcludingBiogenic"]) * Decimal(pcf["unitaryProductAmount"]))
    ours = any(str(p).endswith(PER_USE_SUFFIX) for p in footprint.get("productIds", []))
    modules: tuple[str, ...] = ("A1-A3",)
    description = str(pcf.get("boundaryProcessesDescription", ""))
    if ours and description.startswith("lcacompare modules: "):
        listed = description.removeprefix("lcacompare modules: ").split(".", 1)[0]
        modules = tuple(m.strip() for m in listed.split(","))
    verified = pcf.get("assurance", {}).get("providerName") if isinstance(pcf.get("assurance"), dict) else None
    return DeclaredFootprint(
        kg_co2e=kg,
        per="use" if ours else "item",
        modules=modules,
        standard=", ".join(pcf.get("crossSectoralStandardsUsed", [])) or None,
        verified_by=verified,
        pact_id=str(footprint["id"]),
        evidence=f"PACT footprint {footprint['id']} (spec {footprint['specVersion']})",
        source=f"PACT footprint of {footprint['companyName']}, created {footprint['created']}",
    )


def read_footprint(path: str | Path, product: str | None = None) -> tuple[dict[str, Any], DeclaredFootprint]:
    """Read one footprint from a PACT JSON file and its declared figure.

    Parameters
    ----------
    path : str or Path
        A single ``ProductFootprint``, a list of them, or an API response ``{"data": [...]}``.
    product : str, optional
        When the file holds several footprints, pick the one whose ``productIds`` contain this
        text (e.g. ``:option:single-use:``).

    Raises
    ------
    CaseError
        If the file is not JSON, the footprint breaks the schema (every error, by field), or
        no (or more than one) footprint matches.
    """
    name = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CaseError(
            name, [Problem("<root>", f"not readable as JSON ({exc})", "a PACT footprint", "pact")]
        ) from None
    items = data.get("data", data) if isinstance(data, dict) else data
    items = items if isinstance(items, list) else [items]
    if product is not None and len(items) > 1:
        items = [f for f in items if isinstance(f, dict) and any(product in str(p) for p in f.get("productIds", []))]
    if len(items) != 1:
        raise CaseError(
            name, [Problem("<root>", f"{len(items)} footprints match", "exactly one (use --product)", "pact")]
        )
    problems = validate_footprint(items[0])
    if problems:
        raise CaseError(name, problems)
    return items[0], declared_from_footprint(items[0])
