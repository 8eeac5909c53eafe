"""The uncertain inputs of a case and their distributions, with seeded, reproducible draws.

Inputs, in the order they are listed (see docs/uncertainty.md):

* a parameter with an explicit ``distribution`` (lognormal with ``gsd``, normal with ``sd``,
  triangular ``min``/``mode``/``max``, uniform ``min``/``max``; bounds in the parameter's unit);
  the distribution states the parameter's whole uncertainty, also when its value is an expression;
* a parameter given as a plain value (no reference to other parameters) without a distribution:
  lognormal with median at the value and ``sigma`` from its pedigree score
  (:func:`lcacompare.pedigree.pedigree_sigma`, basic uncertainty plus pedigree factors of
  Weidema et al. 2013, tables 10.4 and 10.5, held in the method spec ``pedigree_uncertainty``);
  ``cost`` basic variance for money, ``default`` otherwise; a parameter computed from others
  inherits their uncertainty and is not sampled again;
* an inventory or cost line whose amount refers to no parameter: a lognormal factor (median 1)
  from the line's pedigree (``transport`` basic variance for transport activities, ``cost`` for
  cost lines); lines that use parameters inherit the parameters' uncertainty;
* the background: the exchange distributions the Brightway project stores
  (:mod:`lcacompare.lca.sampling`).

A missing pedigree counts as the worst score (5) on every indicator, as in
:func:`~lcacompare.pedigree.pedigree_sigma`. Every input draws from its own generator seeded with
``(seed, crc32(input name))``: results are reproducible, and adding an input does not change the
draws of the others.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal, cast

import numpy as np

from lcacompare.compile import CompiledCase
from lcacompare.compile.amounts import strip_quantity
from lcacompare.expressions import referenced_names
from lcacompare.lca.sampling import LOGNORMAL, NORMAL, TRIANGULAR, UNIFORM, ExchangeDistributions
from lcacompare.pedigree import pedigree_sigma
from lcacompare.units import ureg

__all__ = ["Marginal", "UncertainInput", "collect_inputs", "input_generator", "PERCENTILES"]

PERCENTILES = (2.5, 97.5)
"""Percentiles (in %) used for intervals and for the one-at-a-time tornado."""

InputKind = Literal["parameter", "inventory-line", "cost-line", "background", "background-pool"]
_STATS_ARRAYS = {"lognormal": LOGNORMAL, "normal": NORMAL, "uniform": UNIFORM, "triangular": TRIANGULAR}


_STANDARD_NORMAL = NormalDist()
_standard_normal_ufunc = np.frompyfunc(_STANDARD_NORMAL.inv_cdf, 1, 1)


def standard_normal_quantile(u: Any) -> np.ndarray:
    """Inverse CDF of the standard normal at probabilities ``u`` (each in (0, 1)).

    The standard library's :meth:`statistics.NormalDist.inv_cdf` (Wichura's algorithm AS 241,
    accurate to about 1e-16), applied element by element: the tornado needs two values per input
    and a Sobol design a few tens of thousands, and importing scipy.special for them would cost
    more time than the evaluations.

    Parameters
    ----------
    u : array_like
        Probabilities strictly between 0 and 1.

    Returns
    -------
    numpy.ndarray
        Standard normal quantiles, float, the shape of ``u``.
    """
    return np.asarray(_standard_normal_ufunc(np.asarray(u, dtype=float)), dtype=float)


Family = Literal["lognormal", "normal", "triangular", "uniform"]
"""The distribution families of a :class:`Marginal`."""


@dataclass(frozen=True)
class Marginal:
    """A distribution of magnitudes in one unit.

    Attributes
    ----------
    kind : {"lognormal", "normal", "triangular", "uniform"}
        The family.
    center : float
        Median (lognormal), mean (normal) or mode (triangular); unused for uniform.
    spread : float
        ``sigma`` of ``ln(x)`` (lognormal; GSD = exp(sigma)) or standard deviation (normal).
    low, high : float
        Bounds (triangular, uniform).
    """

    kind: Family
    center: float = math.nan
    spread: float = math.nan
    low: float = math.nan
    high: float = math.nan

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` random values (in place on one buffer: no temporaries at 100,000 draws)."""
        if self.kind in ("lognormal", "normal"):
            out = rng.standard_normal(n)
            out *= self.spread
            if self.kind == "lognormal":
                np.exp(out, out=out)
                out *= self.center
            else:
                out += self.center
            return out
        if self.kind == "uniform":
            return rng.uniform(self.low, self.high, n)
        if self.high <= self.low:
            return np.full(n, self.center)
        return rng.triangular(self.low, self.center, self.high, n)

    def ppf(self, u: Any) -> np.ndarray:
        """Values at probabilities ``u`` (inverse CDF), for tornado and Sobol designs."""
        u = np.clip(np.asarray(u, dtype=float), 1e-12, 1 - 1e-12)
        if self.kind == "lognormal":
            return self.center * np.exp(self.spread * standard_normal_quantile(u))
        if self.kind == "normal":
            return self.center + self.spread * standard_normal_quantile(u)
        if self.kind == "uniform":
            return self.low + (self.high - self.low) * u
        width = self.high - self.low
        if width <= 0:
            return np.full_like(u, self.center)
        split = (self.center - self.low) / width
        left = self.low + np.sqrt(u * width * (self.center - self.low))
        right = self.high - np.sqrt((1.0 - u) * width * (self.high - self.center))
        return np.where(u < split, left, right)

    def scaled(self, factor: float) -> Marginal:
        """The distribution of ``factor * x`` (``factor > 0``)."""
        return Marginal(
            self.kind,
            self.center * factor,
            self.spread * (factor if self.kind == "normal" else 1.0),
            self.low * factor,
            self.high * factor,
        )

    def to_stats_arrays(self) -> dict[str, Any]:
        """The same distribution as Brightway exchange uncertainty fields (stats_arrays)."""
        kind = _STATS_ARRAYS[self.kind]
        if self.kind == "lognormal":
            if self.center == 0 or self.spread == 0:
                return {"uncertainty type": 1}
            return {
                "uncertainty type": kind,
                "loc": math.log(abs(self.center)),
                "scale": self.spread,
                "negative": self.center < 0,
            }
        if self.kind == "normal":
            return {"uncertainty type": kind, "loc": self.center, "scale": self.spread}
        if self.kind == "uniform":
            return {"uncertainty type": kind, "minimum": self.low, "maximum": self.high}
        return {"uncertainty type": kind, "loc": self.center, "minimum": self.low, "maximum": self.high}

    def to_dict(self) -> dict[str, float | str]:
        """JSON-ready description."""
        if self.kind == "lognormal":
            return {"type": "lognormal", "median": self.center, "gsd": math.exp(self.spread)}
        if self.kind == "normal":
            return {"type": "normal", "mean": self.center, "sd": self.spread}
        if self.kind == "uniform":
            return {"type": "uniform", "min": self.low, "max": self.high}
        return {"type": "triangular", "min": self.low, "mode": self.center, "max": self.high}


@dataclass(frozen=True)
class UncertainInput:
    """One independently sampled input of the model.

    Attributes
    ----------
    name : str
        Unique id, e.g. ``parameter:clamp_mass``, ``inventory:reusable:3``, ``cost:single-use:0``,
        ``background:steel|GLO:Carbon dioxide, fossil``.
    kind : str
        ``parameter``, ``inventory-line``, ``cost-line``, ``background`` or ``background-pool``.
    label : str
        Readable description for reports.
    marginal : Marginal
        Its distribution, in ``unit``.
    unit : str
        Unit of the magnitudes (``""`` for multiplicative factors).
    base : float
        Value used by the deterministic result.
    origin : str
        ``distribution`` (given in the case), ``pedigree`` or ``brightway`` (stored in the project).
    target : tuple
        What it acts on: ``(parameter,)``, ``(option_id, line index)`` or ``(term index,)``.
    """

    name: str
    kind: InputKind
    label: str
    marginal: Marginal
    unit: str
    base: float
    origin: str
    target: tuple[Any, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description."""
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "unit": self.unit,
            "base": self.base,
            "origin": self.origin,
            "distribution": self.marginal.to_dict(),
        }


def input_generator(seed: int, name: str) -> np.random.Generator:
    """The generator of one input: seeded by ``(seed, crc32(name))``, independent of other inputs."""
    return np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(name.encode())]))


def _quantity(text: Any, unit: Any, compiled: CompiledCase, values: dict[str, Any]) -> float:
    return float(strip_quantity(compiled.amount(text, values), unit))


def _parameter_inputs(compiled: CompiledCase) -> list[UncertainInput]:
    case = compiled.case
    values = compiled.parameter_values()
    names = set(case.parameters)
    inputs = []
    for name in compiled.parameter_order:
        param = case.parameters[name]
        value = values[name]
        unit = value.units
        base = float(value.magnitude)
        dist = param.distribution
        if dist is None:
            if isinstance(param.value, str) and referenced_names(param.value) & names:
                continue  # computed from other parameters: inherits their uncertainty
            money = value.dimensionality == ureg.EUR.dimensionality
            sigma = pedigree_sigma(param.pedigree, compiled.method, "cost" if money else "default")
            marginal = Marginal("lognormal", center=base, spread=sigma)
            origin = "pedigree"
        elif dist.type == "lognormal":
            marginal = Marginal(
                "lognormal", center=base, spread=math.log(cast(float, dist.gsd))
            )  # required for lognormal by the case model
            origin = "distribution"
        elif dist.type == "normal":
            marginal = Marginal("normal", center=base, spread=_quantity(dist.sd, unit, compiled, values))
            origin = "distribution"
        else:
            low = _quantity(dist.min, unit, compiled, values)
            high = _quantity(dist.max, unit, compiled, values)
            mode = _quantity(dist.mode, unit, compiled, values) if dist.type == "triangular" else math.nan
            marginal = Marginal(dist.type, center=mode, low=low, high=high)
            origin = "distribution"
        unit_text = "" if value.dimensionless and str(unit) == "dimensionless" else str(unit)
        inputs.append(
            UncertainInput(
                f"parameter:{name}", "parameter", f"parameter {name}", marginal, unit_text, base, origin, (name,)
            )
        )
    return inputs


def _is_literal(amount: Any, names: set[str]) -> bool:
    return not isinstance(amount, str) or not (referenced_names(amount) & names)


def _pedigree_factor(kind: InputKind, name: str, label: str, sigma: float, target: tuple[str, int]) -> UncertainInput:
    """A multiplicative lognormal factor (median 1) on one literal line, spread from its pedigree."""
    return UncertainInput(
        name, kind, label, Marginal("lognormal", center=1.0, spread=sigma), "", 1.0, "pedigree", target
    )


def _line_inputs(compiled: CompiledCase) -> list[UncertainInput]:
    case = compiled.case
    names = set(case.parameters)
    method = compiled.method
    values = compiled.parameter_values()

    def sampled(amount: Any) -> bool:
        # Lines using parameters inherit their uncertainty; zero amounts have none.
        return _is_literal(amount, names) and float(np.abs(compiled.amount(amount, values).magnitude)) != 0.0

    inputs = []
    for option in case.options:
        for info in compiled.lines[option.id]:
            if info.module not in method.total_modules or not sampled(info.line.amount):
                continue
            kind = "transport" if info.category == "transport" else "default"
            inputs.append(
                _pedigree_factor(
                    "inventory-line",
                    f"inventory:{option.id}:{info.index}",
                    f"{option.id} {info.module} {info.activity_id} amount (line {info.index})",
                    pedigree_sigma(info.line.pedigree, method, kind),
                    (option.id, info.index),
                )
            )
        for cost in compiled.costs[option.id]:
            if not sampled(cost.line.amount):
                continue
            inputs.append(
                _pedigree_factor(
                    "cost-line",
                    f"cost:{option.id}:{cost.index}",
                    f"{option.id} {cost.category} cost (line {cost.index})",
                    pedigree_sigma(cost.line.pedigree, method, "cost"),
                    (option.id, cost.index),
                )
            )
    return inputs


def _background_inputs(background: ExchangeDistributions) -> list[UncertainInput]:
    inputs = []
    kinds: dict[int, Family] = {LOGNORMAL: "lognormal", NORMAL: "normal", UNIFORM: "uniform", TRIANGULAR: "triangular"}
    for position, term in enumerate(background.terms):
        kind = kinds[term.uncertainty_type]
        if kind == "lognormal":
            marginal = Marginal(
                kind, center=math.copysign(math.exp(term.loc), -1.0 if term.negative else 1.0), spread=term.scale
            )
        elif kind == "normal":
            marginal = Marginal(kind, center=term.loc, spread=term.scale)
        else:
            marginal = Marginal(kind, center=term.loc, low=term.minimum, high=term.maximum)
        inputs.append(
            UncertainInput(
                f"background:{term.code}:{term.flow}",
                "background",
                f"background {term.code} {term.flow}",
                marginal,
                "",
                term.amount,
                "brightway",
                (position,),
            )
        )
    return inputs


def collect_inputs(compiled: CompiledCase, background: ExchangeDistributions | None) -> list[UncertainInput]:
    """Every uncertain input of a compiled case, each with its distribution.

    Parameters
    ----------
    compiled : CompiledCase
        The case.
    background : ExchangeDistributions or None
        Background exchange distributions read from Brightway, if sampled this way.

    Returns
    -------
    list of UncertainInput
        Parameters first (in evaluation order), then literal inventory and cost lines, then
        background exchanges.
    """
    inputs = _parameter_inputs(compiled) + _line_inputs(compiled)
    if background is not None:
        inputs += _background_inputs(background)
    return inputs
