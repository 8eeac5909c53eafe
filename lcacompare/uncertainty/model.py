"""The case as a vectorised function of its uncertain inputs (DESIGN.md section 5).

:class:`UncertaintyModel` is built once per prepared case (inputs collected, background
distributions read from Brightway); :meth:`UncertaintyModel.evaluate` then takes one array per
input (random draws, a tornado design or a Sobol design) and evaluates every amount expression
once with arrays, for all options at once. Per use and option:

``kg_co2e = sum over lines in the total modules of amount_l * unit_impact(activity_l)``

and cost from :func:`lcacompare.cost.option_cost`, times the pedigree factor of literal cost lines.
Because every option reads the same input arrays, a parameter or background activity shared by
two options gets the same draw in both (common random numbers): differences are sampled directly.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.compile import BasisFactors, CompiledCase, Evaluation, expected_uses
from lcacompare.cost.cashflow import cost_lines
from lcacompare.cost.levelised import eur_per_use_function
from lcacompare.lca.sampling import ExchangeDistributions
from lcacompare.uncertainty.sampling import Marginal, UncertainInput, collect_inputs, input_generator
from lcacompare.units import parse_unit, ureg

__all__ = ["Outcome", "UncertaintyModel", "build_model", "POOL_INPUT"]

Draws = Mapping[str, np.ndarray]
POOL_INPUT = "background:brightway-monte-carlo-pool"
_SAMPLING_THREADS = 4


@dataclass
class Outcome:
    """Per-use results of every option for ``n`` scenarios (samples or design points).

    Attributes
    ----------
    kg_co2e_per_use, eur_per_use : dict of str to ndarray
        Per option, shape ``(n,)``.
    item_kg_co2e : dict of str to ndarray
        Reusable options: kg CO2e of the lines counted per life, per item (not yet divided by E).
    variable_kg_co2e_per_use : dict of str to ndarray
        Reusable options: kg CO2e per use of all other lines.
    loss_rate : dict of str to ndarray
        Reusable options: l per scenario.
    values : dict
        The parameter values (pint quantities, array magnitudes) the scenarios used.
    invalid : list of str
        Scenarios outside the physical range, in words (negative amounts, fewer than one use per
        life, loss rate outside [0, 1), non-positive cycle capacity); empty when all are valid.
    """

    kg_co2e_per_use: dict[str, np.ndarray]
    eur_per_use: dict[str, np.ndarray]
    item_kg_co2e: dict[str, np.ndarray] = field(default_factory=dict)
    variable_kg_co2e_per_use: dict[str, np.ndarray] = field(default_factory=dict)
    loss_rate: dict[str, np.ndarray] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    invalid: list[str] = field(default_factory=list)


def _share(mask: Any) -> str:
    return f"{100.0 * float(np.mean(mask)):.3g} % of the scenarios"


class UncertaintyModel:
    """A prepared case with its uncertain inputs, evaluated for many scenarios at once.

    Parameters
    ----------
    prepared : Prepared
        From :func:`lcacompare.prepare` (compiled case, backend, deterministic unit impacts).
    background : {"auto", "exchanges", "pool", "fixed"}
        How background unit impacts vary: ``exchanges`` draws the distributions Brightway stores
        on the exchanges (exact when the background activities have no technosphere inputs),
        ``pool`` resamples ``pool_draws`` bw2calc Monte Carlo draws, ``fixed`` keeps them
        deterministic; ``auto`` takes the first that applies.
    pool_draws : int
        Size of the bw2calc Monte Carlo pool (``pool`` only).
    pool_seed : int
        bw2calc ``seed_override`` for the pool.
    """

    def __init__(self, prepared: Any, background: str = "auto", pool_draws: int = 2000, pool_seed: int = 1) -> None:
        self.prepared = prepared
        self.compiled: CompiledCase = prepared.compiled
        compiled = self.compiled
        self.method = compiled.method
        self.option_ids = compiled.option_ids
        self.baseline = next(
            (o.id for o in compiled.case.options if o.kind == "single-use"), compiled.case.options[0].id
        )
        total = set(self.method.total_modules)
        codes = [info.activity_key for oid in self.option_ids for info in compiled.lines[oid] if info.module in total]
        self.codes: list[str] = list(dict.fromkeys(codes))
        self.position = {code: k for k, code in enumerate(self.codes)}
        self.deterministic_impacts = np.array([prepared.unit_impacts[c] for c in self.codes], dtype=float)
        self.exchanges: ExchangeDistributions | None = None
        self.pool: np.ndarray | None = None
        mode = "fixed"
        if background in ("auto", "exchanges") and self.codes:
            self.exchanges = prepared.backend.exchange_distributions(self.codes)
            mode = "exchanges" if self.exchanges is not None else "fixed"
        if mode == "fixed" and background in ("auto", "pool") and self.codes:
            self.pool = prepared.backend.monte_carlo_pool(self.codes, pool_draws, pool_seed)
            mode = "fixed" if self.pool is None else "pool"
        if background == "exchanges" and mode != "exchanges":
            raise ValueError("the background activities have technosphere inputs: use background='pool'")
        self.background_mode = mode
        inputs = collect_inputs(compiled, self.exchanges)
        if self.pool is not None:
            inputs.append(
                UncertainInput(
                    POOL_INPUT,
                    "background-pool",
                    f"background: {pool_draws} bw2calc Monte Carlo draws",
                    Marginal("uniform", low=0.0, high=1.0),
                    "",
                    0.5,
                    "brightway",
                    (),
                )
            )
        self.inputs: list[UncertainInput] = inputs
        self._by_name = {item.name: item for item in inputs}
        # Per option, its cost-line inputs with a case holding only that line (for the pedigree spread).
        self._line_cost_cases: dict[str, list[tuple[str, CompiledCase]]] = {}
        for item in inputs:
            if item.kind == "cost-line":
                oid, line = item.target[0], item.target[1]
                single = dataclasses.replace(compiled, costs={**compiled.costs, oid: [compiled.costs[oid][line]]})
                self._line_cost_cases.setdefault(oid, []).append((item.name, single))

    # -- inputs -----------------------------------------------------------------------------
    def input(self, name: str) -> UncertainInput:
        """The input with this name."""
        return self._by_name[name]

    def base_draws(self, n: int) -> dict[str, np.ndarray]:
        """Every input at its deterministic value, repeated ``n`` times."""
        return {item.name: np.full(n, item.base) for item in self.inputs if item.kind != "background-pool"}

    # -- evaluation -------------------------------------------------------------------------
    def _overrides(self, draws: Draws) -> dict[str, Any]:
        return {
            item.target[0]: ureg.Quantity(draws[item.name], parse_unit(item.unit))
            for item in self.inputs
            if item.kind == "parameter" and item.name in draws
        }

    def parameter_values(self, draws: Draws) -> dict[str, Any]:
        """Parameter values with the sampled parameters replaced by their draws."""
        return self.compiled.parameter_values(self._overrides(draws))

    def evaluation(self, draws: Draws, overrides: Mapping[str, Any] | None = None) -> Evaluation:
        """The compiled case evaluated with the sampled parameters replaced by their draws.

        ``overrides`` (parameter name to quantity) replace parameters after the draws (a
        portfolio row's own values).
        """
        return self.compiled.evaluate({**self._overrides(draws), **(overrides or {})})

    def unit_impacts(self, draws: Draws, n: int) -> np.ndarray:
        """Kg CO2e per unit of every background activity, shape ``(activities, n)`` or ``(activities, 1)``."""
        if self.pool is not None and POOL_INPUT in draws:
            index = np.minimum((np.asarray(draws[POOL_INPUT]) * self.pool.shape[1]).astype(int), self.pool.shape[1] - 1)
            return self.pool[:, index]
        if self.exchanges is not None:
            names = [f"background:{t.code}:{t.flow}" for t in self.exchanges.terms]
            if any(name in draws for name in names):
                amounts = [draws.get(name, t.amount) for name, t in zip(names, self.exchanges.terms, strict=True)]
                impacts = self.exchanges.unit_impacts(amounts)
                return np.broadcast_to(impacts, (len(self.codes), n)) if impacts.shape[1] != n else impacts
        return self.deterministic_impacts[:, None]

    def line_amounts(self, values: Evaluation | Mapping[str, Any], draws: Draws) -> dict[str, np.ndarray]:
        """Per option, amount per use of every line in its activity's unit, times its pedigree factor."""
        amounts = self.compiled.inventory_per_use(self.compiled.evaluation(values))
        for oid, rows in amounts.items():
            for k, info in enumerate(self.compiled.lines[oid]):
                noise = draws.get(f"inventory:{oid}:{info.index}")
                if noise is not None:
                    if rows.ndim == 1:
                        rows = amounts[oid] = np.repeat(rows[:, None], len(noise), axis=1)
                    rows[k] *= noise
        return amounts

    def option_eur(
        self, option_id: str, values: Evaluation | Mapping[str, Any], draws: Draws, uses_per_life: Any = None
    ) -> Any:
        """EUR per use of one option: :func:`option_cost`, plus the pedigree spread of literal cost lines."""
        return self.option_eur_function(option_id, values, draws, uses_per_life)(uses_per_life)

    def option_eur_function(
        self, option_id: str, values: Evaluation | Mapping[str, Any], draws: Draws, uses_per_life: Any = None
    ) -> Callable[[Any], Any]:
        """``N -> EUR per use`` of one option for fixed values and draws, as :meth:`option_eur` gives it.

        The cost lines are evaluated once; each call only books them at its N (break-even search).

        Parameters
        ----------
        option_id : str
            The option.
        values : Evaluation or mapping
            Parameter values (array magnitudes: one value per scenario), or their evaluation.
        draws : mapping
            Input draws (the pedigree factors of literal cost lines are read from it).
        uses_per_life : float or ndarray, optional
            An N to evaluate the cost lines with instead of the option's own; calls may pass any
            other N.

        Returns
        -------
        callable
            Takes N (None: the N the lines were evaluated with); arrays broadcast against the
            scenarios with numpy's rules.
        """
        values = self.compiled.evaluation(values)  # once, for the option and each of its literal lines
        total = eur_per_use_function(cost_lines(self.compiled, option_id, values, uses_per_life))
        spreads = [
            (draws[name] - 1.0, eur_per_use_function(cost_lines(compiled, option_id, values, uses_per_life)))
            for name, compiled in self._line_cost_cases.get(option_id, [])
            if draws.get(name) is not None
        ]

        def eur(uses: Any = None) -> Any:
            result = total(uses)
            for excess, line in spreads:
                result = result + excess * line(uses)
            return result

        return eur

    def evaluate(self, draws: Draws, n: int, overrides: Mapping[str, Any] | None = None) -> Outcome:
        """Per-use CO2e and cost of every option for ``n`` scenarios.

        Parameters
        ----------
        draws : mapping of input name to ndarray
            Magnitudes of shape ``(n,)`` in each input's unit; a missing input keeps its
            deterministic value.
        n : int
            Number of scenarios.
        overrides : mapping of str to pint.Quantity, optional
            Parameters replaced after the draws (magnitudes of shape ``(n,)`` or scalars).

        Returns
        -------
        Outcome
        """
        values = self.evaluation(draws, overrides)
        amounts = self.line_amounts(values, draws)
        impacts = self.unit_impacts(draws, n)
        total_modules = set(self.method.total_modules)
        out = Outcome({}, {}, values=dict(values.parameters))
        for option in self.compiled.case.options:
            oid = option.id
            rows = amounts[oid]
            life = np.zeros(n)
            other = np.zeros(n)
            factors = values.factors[oid]
            self._check_option(option, factors, rows, out.invalid)
            for k, info in enumerate(self.compiled.lines[oid]):
                if info.module not in total_modules:
                    continue
                target = life if info.basis == "life" else other
                target += rows[k] * impacts[self.position[info.activity_key]]
            out.kg_co2e_per_use[oid] = life + other
            out.eur_per_use[oid] = np.broadcast_to(np.asarray(self.option_eur(oid, values, draws), dtype=float), (n,))
            if option.kind == "reusable":
                uses = expected_uses(factors.uses, factors.loss_rate)
                out.item_kg_co2e[oid] = life * uses
                out.variable_kg_co2e_per_use[oid] = other
                out.loss_rate[oid] = np.broadcast_to(np.asarray(factors.loss_rate, dtype=float), (n,))
        return out

    def _check_option(self, option: Any, factors: BasisFactors, rows: np.ndarray, invalid: list[str]) -> None:
        """Record scenarios a distribution pushed outside the physical range of an option.

        ``factors`` are the option's :meth:`~lcacompare.compile.CompiledCase.basis_factors` for
        the same scenarios; ``rows`` its line amounts per use.
        """
        for k, info in enumerate(self.compiled.lines[option.id]):
            if info.module != "D" and np.any(rows[k] < 0):
                invalid.append(
                    f"option {option.id!r}, inventory[{info.index}]: negative amount in {_share(rows[k] < 0)}"
                )
        if option.kind == "reusable":
            uses, loss = np.asarray(factors.uses), np.asarray(factors.loss_rate)
            if np.any(uses < 1):
                invalid.append(f"option {option.id!r}: uses_per_life below 1 in {_share(uses < 1)}")
            if np.any((loss < 0) | (loss >= 1)):
                invalid.append(f"option {option.id!r}: loss_rate outside [0, 1) in {_share((loss < 0) | (loss >= 1))}")
        if option.cycle is not None:
            share = np.asarray(factors.cycle)
            bad = ~np.isfinite(share) | (share <= 0)
            if np.any(bad):
                invalid.append(f"option {option.id!r}: cycle capacity not positive in {_share(bad)}")

    def sample(self, samples: int, seed: int) -> dict[str, np.ndarray]:
        """Random draws of every input, one seeded generator per input.

        numpy's generators and ufuncs release the GIL on large arrays, so the inputs are drawn on
        a few threads; each input owns its generator, so the draws do not depend on scheduling.
        """

        def draw(item: UncertainInput) -> np.ndarray:
            return item.marginal.sample(input_generator(seed, item.name), samples)

        workers = min(_SAMPLING_THREADS, os.cpu_count() or 1, len(self.inputs))
        if workers <= 1 or samples < 10_000:
            return {item.name: draw(item) for item in self.inputs}
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return dict(zip((item.name for item in self.inputs), pool.map(draw, self.inputs), strict=True))


def build_model(prepared: Any, background: str = "auto") -> UncertaintyModel:
    """Build the :class:`UncertaintyModel` of a prepared case (reuse it for several runs)."""
    return UncertaintyModel(prepared, background=background)
