"""Carbon price sets shipped as package data, and the price a tender uses.

``lcacompare/data/datasets/carbon_prices.csv`` holds one row per published price: name, value,
unit (EUR per tonne CO2e), the year of publication, the price level (the year of the money),
the source, how the figure was seen (``read`` in the source, or ``second-hand``: quoted by
someone else) and a note on its data quality.
"""

from __future__ import annotations

import csv
import io
from functools import cache

from pydantic import BaseModel, ConfigDict

from lcacompare.errors import CaseError, Problem
from lcacompare.tender.tender import CarbonPrice

__all__ = ["CarbonPriceRow", "shipped_carbon_prices", "resolve_carbon_price"]


class CarbonPriceRow(BaseModel):
    """One carbon price with its basis, as the award uses and reports it."""

    model_config = ConfigDict(frozen=True)

    name: str
    eur_per_tonne: float
    year: int
    price_level: int
    source: str
    seen: str
    quality_note: str = ""
    range_eur_per_tonne: tuple[float, float]


@cache
def _rows() -> tuple[dict[str, str], ...]:
    from importlib.resources import files

    text = files("lcacompare.data").joinpath("datasets", "carbon_prices.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text, newline="")))


def _default_range(value: float, name: str) -> tuple[float, float]:
    family = [float(r["value"]) for r in _rows() if r["name"].rsplit("-", 1)[0] == name.rsplit("-", 1)[0]]
    return (0.0, max(300.0, 2.0 * max([value, *family])))


def shipped_carbon_prices() -> dict[str, CarbonPriceRow]:
    """The shipped carbon prices by name.

    Returns
    -------
    dict of str to CarbonPriceRow

    Examples
    --------
    >>> shipped_carbon_prices()["eu-ets-2024"].eur_per_tonne
    67.0
    """
    out = {}
    for row in _rows():
        value = float(row["value"])
        out[row["name"]] = CarbonPriceRow(
            name=row["name"],
            eur_per_tonne=value,
            year=int(row["year"]),
            price_level=int(row["price_level"]),
            source=row["source"],
            seen=row["seen"],
            quality_note=row["quality_note"],
            range_eur_per_tonne=_default_range(value, row["name"]),
        )
    return out


def resolve_carbon_price(price: CarbonPrice, file: object = None, line: int | None = None) -> CarbonPriceRow:
    """The carbon price a tender names: a shipped set, or its own with year and price level.

    Parameters
    ----------
    price : CarbonPrice
        The tender's ``carbon_price``.
    file : str or Path, optional
        The tender file, for the error message.
    line : int, optional
        The line of ``carbon_price`` in it.

    Returns
    -------
    CarbonPriceRow

    Raises
    ------
    CaseError
        If the set is not shipped (rule carbon-price-set).
    """
    if price.set is not None:
        rows = shipped_carbon_prices()
        if price.set not in rows:
            raise CaseError(
                file,  # type: ignore[arg-type]
                [
                    Problem(
                        "carbon_price.set",
                        f"no shipped carbon price {price.set!r}",
                        ", ".join(rows),
                        "carbon-price-set",
                        line,
                    )
                ],
            )
        row = rows[price.set]
        if price.range_eur_per_tonne is not None:
            row = row.model_copy(update={"range_eur_per_tonne": price.range_eur_per_tonne})
        return row
    value = float(price.eur_per_tonne or 0.0)
    return CarbonPriceRow(
        name=price.name or "user-supplied",
        eur_per_tonne=value,
        year=int(price.year or 0),
        price_level=int(price.price_level or 0),
        source=price.source or "",
        seen="user-supplied",
        quality_note="supplied in the tender file",
        range_eur_per_tonne=price.range_eur_per_tonne or (0.0, max(300.0, 2.0 * value)),
    )
