"""Small portfolios written into a test's folder, and a table built from hand-worked numbers."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import yaml

from lcacompare.portfolios.model import OptionRef, Row
from lcacompare.portfolios.table import PortfolioTable

HEADER = ["id", "product_group", "annual_volume", "current", "alternatives", "set:su_clamp_price", "set:su_clamp_mass"]

SMALL_ROWS = [
    ["A-1", "instruments", "1200", "kocher-clamp:single-use",
     "kocher-clamp:reusable-cssd;kocher-clamp:reusable-external", "2.60 EUR", "55 g"],
    ["A-2", "instruments", "300", "kocher-clamp:single-use", "kocher-clamp:reusable-external", "", "0.07 kg"],
    ["A-3", "instruments", "5000", "kocher-clamp:reusable-cssd", "kocher-clamp:single-use", "1.80 EUR", ""],
    ["B-1", "sets", "800", "suture-set:single-use", "suture-set:reusable-external", "", ""],
    ["B-2", "sets", "0", "suture-set:single-use", "suture-set:reusable-external;kocher-clamp:reusable-cssd", "", ""],
    ["C-1", "packaging", "2500", "replication-friedericy-sterile-packaging:single-use",
     "replication-friedericy-sterile-packaging:reusable-rsc", "", ""],
]  # fmt: skip


def write_portfolio(folder: Path, rows=SMALL_ROWS, header=HEADER, rows_file="rows.csv", **settings) -> Path:
    """A settings YAML and rows CSV in ``folder``; ``settings`` replace the defaults."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "rows.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    data = {
        "title": "test portfolio",
        "rows": rows_file,
        "year": 2026,
        "baselines": {2018: {"kg_co2e": 20000.0}, 2016: {"primary_material_kg": 900.0}},
        "targets": [
            {"id": "lines", "kind": "reusable-share", "measure": "lines", "share": 0.5, "year": 2026},
            {"id": "co2e", "kind": "co2e-reduction", "reduction": 0.3, "baseline_year": 2018, "year": 2030},
        ],
        **settings,
    }
    path = folder / "portfolio.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def hand_table(volume, reusable, kg, eur, primary=None) -> PortfolioTable:
    """A table of hand-worked per-use figures (rows x slots; NaN: no such slot)."""
    kg = np.asarray(kg, dtype=float)
    n, slots = kg.shape
    rows = tuple(
        Row(
            k + 2,
            f"r{k}",
            "g",
            float(volume[k]),
            OptionRef("case", "o0"),
            tuple(OptionRef("case", f"o{s}") for s in range(1, slots) if not np.isnan(kg[k, s])),
        )
        for k in range(n)
    )
    options = np.array(
        [[f"case:o{s}" if not np.isnan(kg[k, s]) else "" for s in range(slots)] for k in range(n)], dtype=object
    )
    reusable = np.asarray(reusable, dtype=bool)
    metrics = {
        "kg_co2e_per_use": kg,
        "eur_per_use": np.asarray(eur, dtype=float),
        "cash_eur_per_use": np.asarray(eur, dtype=float),
        "primary_kg_per_use": np.asarray(primary if primary is not None else np.zeros_like(kg), dtype=float),
        "waste_kg_per_use": np.zeros_like(kg),
        "water_m3_per_use": np.zeros_like(kg),
    }
    rungs = np.where(reusable, "reuse", "recover").astype(object)
    return PortfolioTable(rows, np.asarray(volume, dtype=float), options, reusable, rungs, metrics, {})
