"""Cash flows of one option over the contract period, by cost category.

Every cost line of an option becomes a row of flows in EUR of the case's price year (real
terms), one value per booking time of :func:`lcacompare.cost.discount.period_grid`:

========================  ====================================================================
``per``                   flows (``U`` annual uses, ``len_k`` period length in years)
========================  ====================================================================
``use``                   ``amount * U * len_k`` at the end of each period
``cycle``                 ``amount * s * U * len_k`` (``s`` the option's cycle share per use)
``year``                  ``amount * len_k``
``contract``              ``amount`` once at ``t = 0`` (a ``residual`` line: at ``t = H``)
``life`` (reusable)       stock capital: ``S * amount`` at ``t = 0`` (initial stock of ``S``
                          items), replacements ``amount * U * len_k / E`` at the end of each
                          period, and the residual value ``-S * amount`` at ``t = H``
``life`` (single-use)     as ``use`` (one item per use)
``fleet`` (option)        ``items * price`` at the start of contract year ``bought``
                          (``t = bought - 1``), then ``replacements_per_year * price * len_k``
                          in every later period, as ``capital``
========================  ====================================================================

Replacement convention: an item retired after ``N`` uses and lost with probability ``l`` at each
use serves on average ``E = (1 - (1 - l)**N) / l`` uses, so each use wears out ``1 / E`` of an
item and ``U / E`` items a year are bought back (the renewal rate). Valuing an item straight-line
by its remaining expected uses, replacements keep the stock at the value of the initial stock,
so the residual value of the stock at the horizon is ``S * amount``. Over the horizon, and
without discounting, the stock therefore costs exactly ``amount / E`` per use, whatever ``S``.

``residual`` lines override the computed stock residual: when an option has any, the computed
one is dropped. A ``residual`` line counts as a negative cost whatever the sign of its amount;
``per: life`` means value per stock item at ``t = H``, ``per: contract`` a lump sum at
``t = H``, other bases are credits on their usual schedule.

Prices whose provenance ``year`` differs from ``context.price_year`` are indexed with the HICP
(:mod:`lcacompare.cost.indexation`).

Everything is vectorised: parameter values and ``uses_per_life`` may be numpy arrays of samples;
flows then have shape ``(K + 1, samples)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.compile import BasisFactors, CompiledCase, CostInfo, Evaluation
from lcacompare.cost.discount import discount_factors, npv, period_grid
from lcacompare.cost.indexation import Indexation, index_file_for, load_price_index
from lcacompare.errors import CaseError, Problem
from lcacompare.model.case import Option

__all__ = [
    "CATEGORIES",
    "DEFAULT_STOCK_DAYS",
    "CashFlows",
    "CostLines",
    "LineIndexation",
    "cost_lines",
    "option_cash_flows",
    "stock_items",
    "line_indexations",
]

CATEGORIES: tuple[str, ...] = (
    "acquisition",
    "reprocessing",
    "consumables",
    "logistics",
    "waste",
    "capital",
    "residual",
)
DEFAULT_STOCK_DAYS = 7.0
"""Default stock of a reusable option: this many days of uses in circulation (in use, in
reprocessing and on the shelf), ``S = ceil(U * 7 / 365)``, at least one item."""


@dataclass(frozen=True)
class LineIndexation:
    """Indexation applied to one cost line."""

    line: int
    indexation: Indexation


@dataclass
class CashFlows:
    """Flows of one option in EUR (price-year money), one row per booking time.

    Attributes
    ----------
    times : ndarray, shape (K + 1,)
        Booking times in years, ``times[0] = 0``.
    lengths : ndarray, shape (K + 1,)
        Period lengths in years (``lengths[0] = 0``).
    uses : ndarray, shape (K + 1,)
        Uses in each period (none at ``t = 0``).
    by_category : dict of str to ndarray
        EUR flows per cost category, shape ``(K + 1,)`` or ``(K + 1, samples)``; costs
        positive, residual value negative.
    rate : float
        Real discount rate per year.
    stock_items : float or ndarray
        S, the initial stock of a reusable option (0 for single-use).
    stock_basis : str
        Where S comes from: ``given`` or the default rule.
    indexations : list of LineIndexation
        Price-year indexation applied, per cost line.
    """

    option_id: str
    times: np.ndarray
    lengths: np.ndarray
    uses: np.ndarray
    by_category: dict[str, Any]
    rate: float
    stock_items: Any = 0.0
    stock_basis: str = ""
    indexations: list[LineIndexation] = field(default_factory=list)

    @property
    def discount(self) -> np.ndarray:
        """``(1 + r) ** -t`` per booking time."""
        return discount_factors(self.rate, self.times)

    @property
    def total(self) -> Any:
        """EUR flows of all categories, per booking time."""
        if not self.by_category:
            return np.zeros_like(self.times)
        total: Any = 0.0
        for flows in self.by_category.values():
            total = _add(total, flows)
        return total

    def npv_by_category(self) -> dict[str, Any]:
        """Present value in EUR per category."""
        return {cat: npv(self.rate, flows, self.times) for cat, flows in self.by_category.items()}

    @property
    def npv_eur(self) -> Any:
        """NPV of all costs, EUR (residual value counted as negative)."""
        return npv(self.rate, self.total, self.times)

    @property
    def npv_uses(self) -> float:
        """Present value of the uses (uses discounted like money)."""
        return float(npv(self.rate, self.uses, self.times))

    @property
    def undiscounted_eur(self) -> Any:
        """Sum of all EUR flows without discounting."""
        return npv(0.0, self.total, self.times)


def _add(total: Any, term: Any) -> Any:
    """``total + term``, written into ``total`` when it is a writeable array of the sum's shape.

    The same rounding as ``total + term`` (element by element), without a new array for every
    term of a running sum. ``total`` must be an array the caller owns: a running sum that
    started from the number 0.
    """
    if (
        isinstance(total, np.ndarray)
        and total.flags.writeable
        and total.shape == np.broadcast_shapes(total.shape, np.shape(term))
    ):
        return np.add(total, term, out=total)
    return total + term


def _broadcast(flows: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``flows`` as they are if of ``shape``, else a read-only view repeating them to it."""
    return flows if flows.shape == shape else np.broadcast_to(flows, shape)


def stock_items(compiled: CompiledCase, option: Option, values: Evaluation | Any) -> tuple[Any, str]:
    """Initial stock S of a reusable option: ``stock_items`` if given, else the default rule.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option : Option
        A reusable option.
    values : Evaluation or mapping
        Parameter values (arrays allowed), or their evaluation.

    Returns
    -------
    stock : float or ndarray
        Number of items bought at ``t = 0``.
    basis : str
        ``"given"`` or a sentence stating the default.

    Raises
    ------
    CaseError
        If a given ``stock_items`` is not a positive number.
    """
    if option.stock_items is not None:
        stock = compiled.evaluation(values).stock_items[option.id]
        if isinstance(stock, Exception):
            raise stock
        if not np.all(np.asarray(stock) > 0):
            i = compiled.case.options.index(option)
            raise CaseError(
                compiled.case.path,
                [
                    Problem(
                        f"options[{i}].stock_items",
                        f"stock_items is {stock}",
                        "a positive number of items",
                        "stock-items",
                        compiled.case.line_of("options", i, "stock_items"),
                    )
                ],
            )
        return stock, "given"
    annual = compiled.case.context.annual_uses
    stock = float(max(1, math.ceil(annual * DEFAULT_STOCK_DAYS / 365.0)))
    return stock, (
        f"default: {DEFAULT_STOCK_DAYS:g} days of uses in circulation, ceil(annual_uses * "
        f"{DEFAULT_STOCK_DAYS:g} / 365) = {stock:g} items"
    )


def line_indexations(compiled: CompiledCase, option_id: str) -> dict[int, Indexation]:
    """Indexation of every cost line of an option whose price year differs from the case's.

    Raises
    ------
    CaseError
        Naming ``options[i].costs[j].year`` when the index table does not cover the year.
    """
    case = compiled.case
    target = case.context.price_year
    i = compiled.option_ids.index(option_id)
    found: dict[int, Indexation] = {}
    problems: list[Problem] = []
    lines: list[CostInfo] = [info for info in compiled.costs[option_id] if info.price_year not in (None, target)]
    if not lines:
        return found
    table = load_price_index(index_file_for(compiled.datasets.root))
    for info in lines:
        year = int(info.price_year)  # type: ignore[arg-type]
        indexation = table.indexation(year, target, case.context.country)
        if indexation is None:
            covered = table.years(case.context.country) or table.years("EA")
            span = f"{covered[0]}-{covered[-1]}" if covered else "none"
            problems.append(
                Problem(
                    f"options[{i}].costs[{info.index}].year",
                    f"no HICP index to bring a {year} price to {target} for {case.context.country}",
                    f"a year covered by datasets/indices/hicp.csv ({span}), or the price in {target} money",
                    "price-index",
                    case.line_of("options", i, "costs", info.index, "year"),
                )
            )
            continue
        found[info.index] = indexation
    if problems:
        raise CaseError(case.path, problems)
    return found


@dataclass(frozen=True)
class CostLines:
    """An option's cost lines evaluated once, to be booked as cash flows for any uses per life.

    Of everything in an option's cash flows only the replacement rate ``1 / E`` depends on N, so
    break-even curves and samples evaluate the amounts once (:func:`cost_lines`) and book them
    for many N (:meth:`cash_flows`).

    Attributes
    ----------
    option : Option
        The option.
    amounts : list of (CostInfo, ndarray)
        EUR per line on its own basis, indexed to the case's price year (residual lines positive).
    factors : BasisFactors
        The option's basis factors (:meth:`~lcacompare.compile.CompiledCase.basis_factors`).
    stock : float or ndarray
        S, the initial stock (0 without per-life costs).
    stock_basis : str
        Where S comes from.
    indexations : dict of int to Indexation
        Price-year indexation per cost line index.
    horizon_years, annual_uses, rate : float
        The case's contract period, uses per year and real discount rate.
    """

    option: Option
    amounts: list[tuple[CostInfo, np.ndarray]]
    factors: BasisFactors
    stock: Any
    stock_basis: str
    indexations: dict[int, Indexation]
    horizon_years: float
    annual_uses: float
    rate: float
    fleet_eur_per_item: Any = None

    def cash_flows(self, uses_per_life: Any = None) -> CashFlows:
        """Cash flows of the option with N replaced by ``uses_per_life`` (None: as evaluated).

        Parameters
        ----------
        uses_per_life : float or ndarray, optional
            N; arrays broadcast against the sampled amounts (numpy rules).

        Returns
        -------
        CashFlows
            See the module docstring for the rules.
        """
        option, amounts, stock, factors = self.option, self.amounts, self.stock, self.factors
        reusable = option.kind == "reusable"
        times, lengths = period_grid(self.horizon_years)
        period_uses = self.annual_uses * lengths
        at_start = np.zeros_like(times)
        at_start[0] = 1.0
        at_end = np.zeros_like(times)
        at_end[-1] = 1.0
        # N enters the flows only through 1 / E (1 for single-use) of the per-life lines: it is
        # computed only if there are any. Its shape, N and l broadcast, shapes the flows anyway.
        uses = uses_per_life if uses_per_life is not None and reusable else factors.uses
        life_shape = np.broadcast_shapes(np.shape(uses), np.shape(factors.loss_rate))
        per_life = any(info.basis == "life" for info, _ in amounts)
        per_item_use = factors.at_uses(uses_per_life).life if per_life else None
        shape = np.broadcast_shapes(
            *(eur.shape for _, eur in amounts), life_shape, np.shape(factors.cycle), np.shape(stock)
        )

        def flow(schedule: np.ndarray, coefficient: Any) -> np.ndarray:
            """``schedule`` times ``coefficient``, one row per booking time.

            The coefficient keeps its own shape (lifted to the rank of ``shape``): a line that
            does not depend on N is not repeated along the N axis of a break-even search; the
            flows are broadcast to their full shape when booked, with the same values.
            """
            value = np.asarray(coefficient, dtype=float)
            return np.multiply.outer(schedule, value.reshape((1,) * (len(shape) - value.ndim) + value.shape))

        by_category: dict[str, Any] = {}

        def book(category: str, flows: np.ndarray, sign: float = 1.0) -> None:
            """Add ``sign * flows`` (a new array, changed in place) to a category's flows."""
            if sign != 1.0:
                np.multiply(flows, sign, out=flows)
            held = by_category.get(category)
            # The first term is ``0.0 + flows``, as in a running sum that starts at 0: it turns -0.0
            # into 0.0, so the flows are bit for bit those of summing from zero.
            by_category[category] = np.add(flows, 0.0, out=flows) if held is None else _add(held, flows)

        overrides_residual = any(info.category == "residual" for info, _ in amounts)
        for info, eur in amounts:
            sign = -1.0 if info.category == "residual" else 1.0
            if info.basis == "use":
                book(info.category, flow(period_uses, eur), sign)
            elif info.basis == "cycle":
                book(info.category, flow(period_uses, eur * factors.cycle), sign)
            elif info.basis == "year":
                book(info.category, flow(lengths, eur), sign)
            elif info.basis == "contract":
                book(info.category, flow(at_end if sign < 0 else at_start, eur), sign)
            elif not reusable:  # per life of a single-use item: once per use
                book(info.category, flow(period_uses, eur * per_item_use), sign)
            elif info.category == "residual":
                book("residual", flow(at_end, eur * stock), -1.0)
            else:
                book(info.category, flow(at_start, eur * stock) + flow(period_uses, eur * per_item_use))
                if not overrides_residual:
                    book("residual", flow(at_end, eur * stock), -1.0)
        if option.fleet is not None and self.fleet_eur_per_item is not None:
            fleet = option.fleet
            # The fleet is bought at the start of contract year ``bought`` (t = bought - 1) and
            # topped up by ``replacements_per_year`` items in every later period.
            bought = np.zeros_like(times)
            if fleet.bought - 1 < len(times):
                bought[fleet.bought - 1] = 1.0
            book("capital", flow(bought, fleet.items * self.fleet_eur_per_item))
            if fleet.replacements_per_year:
                later = lengths * (np.arange(len(times)) >= fleet.bought)
                book("capital", flow(later, fleet.replacements_per_year * self.fleet_eur_per_item))
        full = times.shape + shape
        return CashFlows(
            option_id=option.id,
            times=times,
            lengths=lengths,
            uses=period_uses,
            by_category={cat: _broadcast(by_category[cat], full) for cat in CATEGORIES if cat in by_category},
            rate=self.rate,
            stock_items=stock,
            stock_basis=self.stock_basis,
            indexations=[LineIndexation(j, ix) for j, ix in sorted(self.indexations.items())],
        )


def cost_lines(compiled: CompiledCase, option_id: str, values: Any = None, uses_per_life: Any = None) -> CostLines:
    """Evaluate the cost lines, stock and basis factors of one option (every amount once).

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        Which option.
    values : Evaluation or mapping, optional
        Parameter values (numpy arrays of samples allowed), or their
        :meth:`~lcacompare.compile.CompiledCase.evaluate`; default the case's values.
    uses_per_life : float or ndarray, optional
        Overrides the option's N.

    Returns
    -------
    CostLines

    Raises
    ------
    CaseError
        If a price year cannot be indexed or ``stock_items`` is not positive.
    """
    evaluation = compiled.evaluation(values)
    context = compiled.case.context
    option = compiled.case.option(option_id)
    factors = evaluation.factors[option_id].at_uses(uses_per_life)
    indexations = line_indexations(compiled, option_id)
    amounts: list[tuple[CostInfo, np.ndarray]] = []
    eur_of = evaluation.cost_eur[option_id]
    for info in compiled.costs[option_id]:
        eur = np.asarray(eur_of[info.index], dtype=float)
        if info.index in indexations:
            eur = eur * indexations[info.index].factor
        if info.category == "residual":
            eur = np.abs(eur)
        amounts.append((info, eur))
    if option.kind != "reusable":
        stock, stock_basis = 0.0, "single-use: no stock"
    elif any(info.basis == "life" for info, _ in amounts):
        stock, stock_basis = stock_items(compiled, option, evaluation)
    else:
        stock, stock_basis = 0.0, "no per-life costs (e.g. rental): no stock capital"
    from lcacompare.cost.waste_fees import default_fee_lines

    amounts += default_fee_lines(compiled, option_id, evaluation)
    fleet_price = None
    if option.fleet is not None:
        from lcacompare.compile.amounts import strip_quantity
        from lcacompare.units import ureg

        price = compiled.amount(option.fleet.eur_per_item, evaluation)
        fleet_price = np.asarray(strip_quantity(price, ureg.Unit("EUR")), dtype=float)
    return CostLines(
        option,
        amounts,
        factors,
        stock,
        stock_basis,
        indexations,
        context.horizon_years,
        context.annual_uses,
        context.discount_rate,
        fleet_price,
    )


def option_cash_flows(
    compiled: CompiledCase, option_id: str, values: Any = None, uses_per_life: Any = None
) -> CashFlows:
    """Cash flows of one option over ``context.horizon_years``.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        Which option.
    values : mapping, optional
        Parameter values (numpy arrays of samples allowed); default the case's values.
    uses_per_life : float or ndarray, optional
        Overrides the option's N (break-even curves, sampling).

    Returns
    -------
    CashFlows
        EUR flows by category in the case's price year (see the module docstring for the rules).

    Raises
    ------
    CaseError
        If a price year cannot be indexed or ``stock_items`` is not positive.
    """
    return cost_lines(compiled, option_id, values, uses_per_life).cash_flows()
