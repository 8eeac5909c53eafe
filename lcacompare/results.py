"""Result objects of a comparison, convertible to pandas DataFrames and plain dicts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from lcacompare.result.document import RESULT_SCHEMA

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["LineResult", "OptionResult", "Comparison", "RESULT_SCHEMA"]


@dataclass
class LineResult:
    """One inventory line's contribution per use."""

    option_id: str
    index: int
    module: str
    activity: str
    activity_name: str
    geography: str
    amount_per_use: float
    unit: str
    kg_co2e_per_unit: float
    kg_co2e_per_use: float
    basis: str
    stream: str | None
    source: str | None
    assumption: str | None
    pedigree: list[int] | None


@dataclass
class OptionResult:
    """Per-use results of one option."""

    id: str
    title: str
    kind: str
    kg_co2e_per_use: float
    kg_co2e_by_module: dict[str, float]
    credits_kg_co2e_per_use: float
    eur_per_use: float
    eur_by_category: dict[str, float]
    virgin_material_kg_per_use: float
    waste_kg_per_use: float
    waste_kg_by_stream: dict[str, float]
    water_m3_per_use: float
    expected_uses: float
    lines: list[LineResult] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Comparison:
    """The comparison of every option of a case under one harmonised method."""

    case_id: str
    case_title: str
    functional_unit: str
    method_id: str
    country: str
    options: list[OptionResult]
    baseline: str
    extra: dict[str, Any] = field(default_factory=dict)

    def option(self, option_id: str) -> OptionResult:
        """The result of one option."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per option; units in the column names."""
        import pandas as pd  # imported here so the CLI starts fast

        rows = []
        for option in self.options:
            row: dict[str, Any] = {
                "option": option.id,
                "kind": option.kind,
                "kg_co2e_per_use": option.kg_co2e_per_use,
                "eur_per_use": option.eur_per_use,
                "credits_kg_co2e_per_use (D, not in total)": option.credits_kg_co2e_per_use,
                "virgin_material_kg_per_use": option.virgin_material_kg_per_use,
                "waste_kg_per_use": option.waste_kg_per_use,
                "water_m3_per_use": option.water_m3_per_use,
                "expected_uses": option.expected_uses,
            }
            for module, value in option.kg_co2e_by_module.items():
                row[f"kg_co2e_per_use {module}"] = value
            for category, value in option.eur_by_category.items():
                row[f"eur_per_use {category}"] = value
            rows.append(row)
        return pd.DataFrame(rows).set_index("option")

    def lines_dataframe(self) -> pd.DataFrame:
        """One row per inventory line of every option."""
        import pandas as pd

        return pd.DataFrame([asdict(line) for option in self.options for line in option.lines])
