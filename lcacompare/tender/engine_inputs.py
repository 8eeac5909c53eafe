"""The one place the award reads the engine: per-bid figures and paired Monte Carlo arrays.

Each bid is an option of a case file with the supplier's price in place of the option's own
lines of that cost category. For each bid, a copy of its case has that option replaced in place
(same id, so the same input names) and is run over the tender's contract period and annual
volume: the engine gives the bid its whole-life cost (levelised, NPV over the contract) and CO2e
per use. The paired Monte Carlo seeds every input by the run's seed and the input's name, so the
runs of the bids of one case draw the same values for every input they share: parameters, the
background, and the line spreads of the option they were built from (common random numbers).

Only the public API is used (:func:`lcacompare.load_case`, :func:`lcacompare.prepare`,
:func:`lcacompare.compare`, :func:`lcacompare.cost.levelised.option_cost`,
:func:`lcacompare.uncertainty.paired_monte_carlo`); what comes back is plain numbers and arrays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from lcacompare.errors import CaseError, Problem
from lcacompare.tender.tender import Bid, Tender

__all__ = ["BidFigures", "EngineFigures", "bid_figures"]


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
    supply : dict of str to float or None
        The option's supply-security indicators over the tender's volume (yes/no as 1/0), by
        indicator id; ``None`` where the case does not state it (or it does not apply).
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
    supply: dict[str, float | None] = field(default_factory=dict)


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
    return option.model_copy(deep=True, update={"title": f"{bid.supplier}: {option.title}", "costs": costs})


def _at_the_bid(error: CaseError, case: Any, tender: Tender, index: int, bid: Bid) -> CaseError:
    """A problem with the offered price (injected into the case) named at the tender's bid.

    The price is the last cost line of the bid's option (:func:`_bid_option`); its problems are
    the bidder's, so they name ``bids[i].price.amount`` in the tender file, not the case file.
    Other problems of the case keep their own file and field.
    """
    position = next(k for k, option in enumerate(case.options) if option.id == bid.option)
    price_field = f"options[{position}].costs[{len(case.options[position].costs) - 1}].amount"
    if not any(problem.field == price_field for problem in error.problems):
        return error
    moved = [
        replace(
            problem,
            field=f"bids[{index}].price.amount",
            line=tender.line_of("bids", index, "price", "amount"),
        )
        for problem in error.problems
        if problem.field == price_field
    ]
    return CaseError(tender.path, moved)


def _bid_case(tender: Tender, index: int, bid: Bid, cases: dict[str, tuple[Any, str]]) -> tuple[Any, str]:
    """A copy of the bid's case over the tender's contract, the bid's option carrying its price."""
    from lcacompare.model import load_case

    if bid.case not in cases:
        folder = tender.path.parent if tender.path else None
        with _case_path(bid.case, folder) as path:
            if not path.is_file():
                problem = Problem(
                    f"bids[{index}].case",
                    f"no case {bid.case!r}: neither a shipped case nor a case file next to the tender",
                    "the name of a shipped case (lcacompare list) or the path of a case file",
                    "bid-option",
                    tender.line_of("bids", index, "case"),
                )
                raise CaseError(tender.path, [problem])
            cases[bid.case] = (load_case(path), str(path))
    original, file = cases[bid.case]
    case = original.model_copy(deep=True)
    case.context.horizon_years = tender.contract_years
    case.context.annual_uses = tender.annual_volume
    offered = _bid_option(case, bid, index, tender)
    case.options = [offered if o.id == offered.id else o for o in case.options]
    return case, file


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
        ``tender.robustness.samples`` paired draws (common to the bids of one case).

    Raises
    ------
    CaseError
        If a case cannot be read or compiled, or a bid names an option its case lacks.
    """
    from lcacompare import __version__
    from lcacompare.cost.levelised import option_cost
    from lcacompare.engine import compare, prepare
    from lcacompare.supply import option_values

    samples, seed = tender.robustness.samples, tender.robustness.seed
    out: dict[str, BidFigures] = {}
    versions: dict[str, Any] = {}
    cases: dict[str, tuple[Any, str]] = {}
    for index, bid in enumerate(tender.bids):
        case, file = _bid_case(tender, index, bid, cases)
        try:
            prepared = prepare(case, datasets=datasets, home=home)
        except CaseError as exc:
            raise _at_the_bid(exc, case, tender, index, bid) from None
        compiled = prepared.compiled
        versions = {
            "method": compiled.method.id,
            "method_sha256": compiled.method.digest,
            "datasets_sha256": compiled.datasets.digest,
            "discount_rate": float(case.context.discount_rate),
        }
        result = compare(case, prepared=prepared).option(bid.option)
        cost = option_cost(compiled, bid.option)
        draws = {"eur_per_use": np.empty(0), "kg_co2e_per_use": np.empty(0)}
        if samples:
            from lcacompare.uncertainty import build_model, paired_monte_carlo

            draws = paired_monte_carlo(build_model(prepared), samples, seed).arrays["options"][bid.option]
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
            draws_eur_per_use=np.asarray(draws["eur_per_use"], dtype=float),
            draws_kg_co2e_per_use=np.asarray(draws["kg_co2e_per_use"], dtype=float),
            supply={
                name: float(value.value) if value.status == "stated" and value.value is not None else None
                for name, value in option_values(case.option(bid.option), case.context.annual_uses).items()
            },
        )
    return EngineFigures(bids=out, lcacompare=str(__version__), samples=samples, seed=seed, **versions)
