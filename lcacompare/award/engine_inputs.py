"""The one place the award reads the engine: per-bid figures and paired Monte Carlo arrays.

Each bid is an option of a case file with the supplier's price in place of the option's own
lines of that cost category. The bids of one case become extra options of one copy of that case
(ids ``bid-<bid id>``), run over the tender's contract period and annual volume, so the engine
gives each bid its whole-life cost (levelised, NPV over the contract) and CO2e per use, and one
paired Monte Carlo run of the case gives every bid of it the same draws (common random numbers).

Only the public API is used (:func:`lcacompare.load_case`, :func:`lcacompare.prepare`,
:func:`lcacompare.compare`, :func:`lcacompare.cost.levelised.option_cost`,
:func:`lcacompare.uncertainty.paired_monte_carlo`); what comes back is plain numbers and arrays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from lcacompare.award.tender import Bid, Tender
from lcacompare.errors import CaseError, Problem

__all__ = ["BidFigures", "EngineFigures", "bid_figures", "bid_option_id"]


@dataclass(frozen=True)
class BidFigures:
    """What the engine says of one bid, per use and over the contract.

    Attributes
    ----------
    npv_cost_eur : float
        NPV of the cash costs over the contract, EUR (``eur_per_use * npv_uses``).
    npv_uses : float
        The uses of the contract discounted like money, ``sum_t U_t (1+r)^-t``.
    draws_eur_per_use, draws_kg_co2e_per_use : ndarray, shape (samples,)
        The paired Monte Carlo draws (empty without uncertainty); bids of one case share draws.
    """

    bid_id: str
    case_id: str
    case_file: str
    option_id: str
    kg_co2e_per_use: float
    eur_per_use: float
    npv_cost_eur: float
    npv_uses: float
    eur_undiscounted: float
    eur_per_year: float
    kg_co2e_per_year: float
    draws_eur_per_use: np.ndarray = field(repr=False)
    draws_kg_co2e_per_use: np.ndarray = field(repr=False)


@dataclass(frozen=True)
class EngineFigures:
    """Every bid's figures and the versions they were computed under."""

    bids: dict[str, BidFigures]
    method: str
    method_sha256: str
    datasets_sha256: str
    lcacompare: str
    discount_rate: float
    samples: int
    seed: int


def bid_option_id(bid_id: str) -> str:
    """The id of a bid's option in the engine's copy of its case."""
    return f"bid-{bid_id}"


@contextmanager
def _case_path(reference: str, tender_dir: Path | None) -> Iterator[Path]:
    from lcacompare.data import shipped_case

    path = Path(reference)
    if not path.is_absolute() and tender_dir is not None and (tender_dir / path).exists():
        path = tender_dir / path
    if not path.exists() and not path.suffix:
        with shipped_case(reference) as shipped:
            if shipped is not None:
                yield shipped
                return
    yield path


def _bid_option(case: Any, bid: Bid, index: int, tender: Tender) -> Any:
    from lcacompare.model.case import CostLine

    try:
        option = case.option(bid.option)
    except KeyError:
        raise CaseError(
            tender.path,
            [
                Problem(
                    f"bids[{index}].option",
                    f"case {case.id!r} has no option {bid.option!r}",
                    ", ".join(o.id for o in case.options),
                    "bid-option",
                    tender.line_of("bids", index, "option"),
                )
            ],
        ) from None
    amount = bid.price.amount if isinstance(bid.price.amount, str) else f"{bid.price.amount} EUR"
    price = CostLine(
        category=bid.price.category,
        amount=amount,
        per=bid.price.per,
        source=f"bid {bid.id} ({bid.supplier}): offered price",
        # A firm contract price: best scores on every pedigree indicator, so the method's
        # pedigree spread does not treat the offer as an estimate.
        pedigree=[1, 1, 1, 1, 1],
    )
    costs = [line for line in option.costs if line.category != bid.price.category] + [price]
    return option.model_copy(
        deep=True, update={"id": bid_option_id(bid.id), "title": f"{bid.supplier}: {option.title}", "costs": costs}
    )


def _tender_case(tender: Tender, reference: str, bids: list[tuple[int, Bid]]) -> tuple[Any, str]:
    from lcacompare.model import load_case

    folder = tender.path.parent if tender.path else None
    with _case_path(reference, folder) as path:
        case = load_case(path)
    case = case.model_copy(deep=True)
    case.context.horizon_years = tender.contract_years
    case.context.annual_uses = tender.annual_volume
    case.options = [*case.options, *(_bid_option(case, bid, i, tender) for i, bid in bids)]
    return case, str(path)


def bid_figures(tender: Tender, *, home: str | Path | None = None, datasets: Any = None) -> EngineFigures:
    """Run every bid through the engine over the tender's contract.

    Parameters
    ----------
    tender : Tender
        A validated tender.
    home : str or Path, optional
        lcacompare's cache home.
    datasets : Datasets, optional
        Default the shipped datasets.

    Returns
    -------
    EngineFigures
        Per bid: CO2e and levelised cost per use, NPV of costs and uses over the contract, and
        ``tender.robustness.samples`` paired draws (shared by the bids of one case).

    Raises
    ------
    CaseError
        If a case cannot be read or compiled, or a bid names an option its case lacks.
    """
    from lcacompare import __version__
    from lcacompare.cost.levelised import option_cost
    from lcacompare.engine import compare, prepare

    groups: dict[str, list[tuple[int, Bid]]] = {}
    for index, bid in enumerate(tender.bids):
        groups.setdefault(bid.case, []).append((index, bid))
    samples, seed = tender.robustness.samples, tender.robustness.seed
    out: dict[str, BidFigures] = {}
    versions: dict[str, Any] = {}
    for reference, bids in groups.items():
        case, file = _tender_case(tender, reference, bids)
        prepared = prepare(case, datasets=datasets, home=home)
        comparison = compare(case, prepared=prepared)
        compiled = prepared.compiled
        versions = {
            "method": compiled.method.id,
            "method_sha256": compiled.method.digest,
            "datasets_sha256": compiled.datasets.digest,
            "discount_rate": float(case.context.discount_rate),
        }
        draws: dict[str, dict[str, np.ndarray]] = {}
        if samples:
            from lcacompare.uncertainty import build_model, paired_monte_carlo

            draws = paired_monte_carlo(build_model(prepared), samples, seed).arrays["options"]
        for _, bid in bids:
            oid = bid_option_id(bid.id)
            result = comparison.option(oid)
            cost = option_cost(compiled, oid)
            empty = np.empty(0)
            out[bid.id] = BidFigures(
                bid_id=bid.id,
                case_id=case.id,
                case_file=file,
                option_id=bid.option,
                kg_co2e_per_use=float(result.kg_co2e_per_use),
                eur_per_use=float(cost.eur_per_use),
                npv_cost_eur=float(cost.npv_eur),
                npv_uses=float(cost.npv_uses or 0.0),
                eur_undiscounted=float(cost.eur_undiscounted),
                eur_per_year=float(cost.eur_per_use) * tender.annual_volume,
                kg_co2e_per_year=float(result.kg_co2e_per_use) * tender.annual_volume,
                draws_eur_per_use=np.asarray(draws[oid]["eur_per_use"], dtype=float) if draws else empty,
                draws_kg_co2e_per_use=np.asarray(draws[oid]["kg_co2e_per_use"], dtype=float) if draws else empty,
            )
    return EngineFigures(bids=out, lcacompare=str(__version__), samples=samples, seed=seed, **versions)
