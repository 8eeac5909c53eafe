"""Synthetic hospital portfolios built from the shipped cases (for the example and the benchmarks).

Nothing here is data about a real hospital: product lines, volumes and row-level prices and
masses are drawn from plausible ranges around the shipped cases' own values, with a seeded
generator, and every file written says that it is synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["LineFamily", "FAMILIES", "synthetic_rows", "write_synthetic_portfolio", "write_example_portfolio"]


@dataclass(frozen=True)
class LineFamily:
    """A kind of product line: the shipped case it is modelled with and the ranges of its rows."""

    case: str
    product_group: str
    title: str
    current: str
    alternatives: tuple[str, ...]
    reusable_now: str | None  # the option a line already on reusables uses today
    volume_median: float  # uses a year of one product line
    overrides: tuple[tuple[str, float, float, str], ...]  # parameter, low, high, unit
    weight: float  # share of the hospital's product lines


FAMILIES: tuple[LineFamily, ...] = (
    LineFamily(
        "kocher-clamp",
        "surgical instruments",
        "haemostatic clamp",
        "single-use",
        ("reusable-cssd", "reusable-external"),
        "reusable-cssd",
        900.0,
        (("su_clamp_price", 1.5, 3.5, "EUR"), ("su_clamp_mass", 45, 75, "g"), ("reusable_clamp_price", 18, 45, "EUR")),
        0.40,
    ),
    LineFamily(
        "suture-set",
        "procedure sets",
        "suture set",
        "single-use",
        ("reusable-external",),
        "reusable-external",
        700.0,
        (("su_set_price", 4.5, 9.0, "EUR"), ("su_instruments_mass", 50, 80, "g"), ("set_uses_per_life", 200, 400, "")),
        0.25,
    ),
    LineFamily(
        "incontinence",
        "incontinence material",
        "incontinence product",
        "disposable",
        ("washable",),
        "washable",
        8000.0,
        (("pad_price", 0.3, 0.55, "EUR"), ("pad_mass", 50, 90, "g")),
        0.10,
    ),
    LineFamily(
        "replication-friedericy-sterile-packaging",
        "sterile packaging",
        "tray packaging",
        "single-use",
        ("reusable-rsc",),
        "reusable-rsc",
        2500.0,
        (("wrap_mass_per_tray", 0.08, 0.12, "kg"),),
        0.15,
    ),
    LineFamily(
        "replication-rizan-lap-chole",
        "laparoscopic instruments",
        "laparoscopic set",
        "single-use",
        ("hybrid",),
        "hybrid",
        120.0,
        (("su_plastic_mass", 0.5, 0.7, "kg"),),
        0.10,
    ),
)


def synthetic_rows(n_rows: int, seed: int = 2026, reusable_share: float = 0.12) -> list[dict[str, str]]:
    """Rows of a synthetic portfolio (the columns of a portfolio rows file).

    Parameters
    ----------
    n_rows : int
        Number of product lines.
    seed : int
        Seed of the generator (the same seed gives the same rows).
    reusable_share : float
        Share of lines already on their reusable option today.

    Returns
    -------
    list of dict
        One dict per row, keys the column names (``set:<parameter>`` for overrides).
    """
    rng = np.random.default_rng(seed)
    weights = np.array([f.weight for f in FAMILIES])
    picks = rng.choice(len(FAMILIES), size=n_rows, p=weights / weights.sum())
    columns = sorted({f"set:{name}" for f in FAMILIES for name, *_ in f.overrides})
    rows = []
    for k, pick in enumerate(picks):
        family = FAMILIES[int(pick)]
        volume = max(1.0, round(float(family.volume_median * rng.lognormal(0.0, 0.9))))
        reusable = family.reusable_now is not None and rng.random() < reusable_share
        current = family.reusable_now if reusable and family.reusable_now else family.current
        alternatives = [family.current, *family.alternatives] if reusable else list(family.alternatives)
        alternatives = [option for option in alternatives if option != current]
        row = {
            "id": f"PL-{k + 1:06d}",
            "title": f"{family.title}, variant {int(rng.integers(1, 60))} (synthetic)",
            "product_group": family.product_group,
            "annual_volume": f"{volume:g}",
            "current": f"{family.case}:{current}",
            "alternatives": ";".join(f"{family.case}:{option}" for option in alternatives),
        }
        row.update(dict.fromkeys(columns, ""))
        for name, low, high, unit in family.overrides:
            value = float(rng.uniform(low, high))
            row[f"set:{name}"] = f"{value:.4g} {unit}".strip()
        rows.append(row)
    return rows


def write_synthetic_portfolio(
    folder: str | Path,
    n_rows: int,
    seed: int = 2026,
    name: str = "synthetic-hospital",
    baselines: dict[int, dict[str, float]] | None = None,
    samples: int = 0,
) -> Path:
    """Write a synthetic portfolio (settings YAML and rows CSV) with the sector targets of NL.

    Parameters
    ----------
    folder : str or Path
        Where to write ``<name>.yaml`` and ``<name>.csv``.
    n_rows : int
        Number of product lines.
    seed : int
        Seed of the rows.
    name : str
        File stem.
    baselines : dict, optional
        Baseline-year totals (``{2016: {"primary_material_kg": ...}, 2018: {"kg_co2e": ...}}``);
        a reduction target is written only when its baseline is given (a reduction needs the total it
        reduces), so by default only the reusable-share targets are.
    samples : int
        Paired draws per row the settings ask for.

    Returns
    -------
    Path
        The settings file.
    """
    import csv

    import yaml

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = synthetic_rows(n_rows, seed)
    with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    settings = {
        "title": f"Synthetic hospital portfolio ({n_rows} product lines) - SYNTHETIC, not a real hospital",
        "synthetic": True,
        "note": (
            "Generated by lcacompare.portfolios.synthetic from the shipped cases with seed "
            f"{seed}: product lines, volumes, prices and masses are drawn from plausible ranges, "
            "not taken from any hospital."
        ),
        "rows": f"{name}.csv",
        "year": 2026,
        "seed": 1,
        "samples": samples,
        "baselines": {
            year: {**values, "source": "synthetic: the generated mix scaled up, not a measured total"}
            for year, values in (baselines or {}).items()
        },
        "targets": [
            {
                "id": "reusable-2026-lines",
                "kind": "reusable-share",
                "measure": "lines",
                "share": 0.20,
                "year": 2026,
                "source": "Green Deal Duurzame Zorg 3.0: 20 % of medical devices reusable in 2026 (by product lines)",
            },
            {
                "id": "reusable-2026-uses",
                "kind": "reusable-share",
                "measure": "uses",
                "share": 0.20,
                "year": 2026,
                "source": "Green Deal Duurzame Zorg 3.0, counted by uses",
            },
            {
                "id": "reusable-2026-spend",
                "kind": "reusable-share",
                "measure": "spend",
                "share": 0.20,
                "year": 2026,
                "source": "Green Deal Duurzame Zorg 3.0, counted by spend",
            },
            {
                "id": "primary-material-2030",
                "kind": "primary-material-reduction",
                "reduction": 0.50,
                "baseline_year": 2016,
                "year": 2030,
                "source": "Green Deal Duurzame Zorg 3.0: 50 % less primary raw material by 2030 against 2016",
            },
            {
                "id": "co2e-2026",
                "kind": "co2e-reduction",
                "reduction": 0.30,
                "baseline_year": 2018,
                "year": 2026,
                "source": "Green Deal Duurzame Zorg 3.0: CO2 -30 % by 2026 against 2018",
            },
            {
                "id": "co2e-2030",
                "kind": "co2e-reduction",
                "reduction": 0.55,
                "baseline_year": 2018,
                "year": 2030,
                "source": "Green Deal Duurzame Zorg 3.0: CO2 -55 % by 2030 against 2018",
            },
        ],
    }
    given = {(year, key) for year, values in (baselines or {}).items() for key in values}
    needs = {"primary-material-reduction": "primary_material_kg", "co2e-reduction": "kg_co2e"}
    targets: list[dict[str, Any]] = settings["targets"]  # type: ignore[assignment]
    settings["targets"] = [
        t for t in targets if t["kind"] not in needs or (t["baseline_year"], needs[t["kind"]]) in given
    ]
    target = folder / f"{name}.yaml"
    target.write_text(
        "# SYNTHETIC portfolio: not a real hospital (see note).\n" + yaml.safe_dump(settings, sort_keys=False),
        encoding="utf-8",
    )
    return target


EXAMPLE_ROWS = 2400
EXAMPLE_BASELINE_FACTORS = {2016: ("primary_material_kg", 1.15), 2018: ("kg_co2e", 1.25)}
"""Synthetic baselines of the example: the generated current mix's totals times these factors."""


def write_example_portfolio(folder: str | Path, n_rows: int = EXAMPLE_ROWS, seed: int = 2026) -> Path:
    """Write the shipped example (``example-hospital``), its baselines scaled from its own mix.

    The baseline-year totals are the current mix's totals times
    :data:`EXAMPLE_BASELINE_FACTORS` (synthetic: as if the hospital had cut primary material by
    13 % since 2016 and CO2e by 20 % since 2018).
    """
    from lcacompare.portfolios.load import load_portfolio
    from lcacompare.portfolios.runner import run_portfolio

    settings = write_synthetic_portfolio(folder, n_rows, seed, name="example-hospital")
    totals = run_portfolio(load_portfolio(settings)).totals()
    field_of = {"primary_material_kg": "primary_material_kg_per_year", "kg_co2e": "kg_co2e_per_year"}
    baselines = {
        year: {name: float(f"{totals[field_of[name]] * factor:.4g}")}
        for year, (name, factor) in EXAMPLE_BASELINE_FACTORS.items()
    }
    return write_synthetic_portfolio(folder, n_rows, seed, name="example-hospital", baselines=baselines, samples=0)
