"""Run a portfolio: partitions of rows evaluated in this process or on a Dask cluster.

Partitions of ``partition_rows`` rows are the unit of work. The same functions run in both
cases and the driver joins their results in partition order, so a Dask run (a ``LocalCluster``
of ``workers`` processes, or an existing scheduler) is bit for bit the single-process run: the
seeds of the draws are derived per row, never per worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.portfolios.evaluate import CaseBundle, bundle, evaluate_partition
from lcacompare.portfolios.load import LoadedPortfolio
from lcacompare.portfolios.model import Portfolio, Row
from lcacompare.portfolios.rollup import rollup, totals
from lcacompare.portfolios.scenarios import Candidates, CheapestSet, candidates, cheapest_set, mac_curve
from lcacompare.portfolios.table import PortfolioTable, build_table, current_mix
from lcacompare.portfolios.targets import TargetStatus, measure_target
from lcacompare.portfolios.uncertain import PartitionDraws, combine_totals, draw_partition

__all__ = ["PortfolioResult", "run_portfolio", "partitions"]

MapPartitions = Callable[..., list[Any]]


@dataclass
class PortfolioResult:
    """Everything a portfolio run found.

    Attributes
    ----------
    portfolio : Portfolio
    table : PortfolioTable
        Per row and option slot, the per-use figures.
    candidates : Candidates
        Every candidate switch.
    mac : ndarray
        Indices into the candidates of the MAC curve's bars, in order.
    cheapest : list of CheapestSet
        Per target, the cheapest set of switches reaching it.
    mixes : dict of str to ndarray
        ``current`` and one scenario per target (``cheapest:<target id>``).
    status : dict of str to list of TargetStatus
        Every target measured on every mix.
    summaries : dict of str to ndarray
        Per row and slot summaries of the draws (empty without draws).
    totals_draws : dict of str to ndarray
        Per mix (rows in the order of ``mixes``), per-draw totals a year (empty without draws).
    p_meets : dict of str to dict of str to float
        Per mix and target, the share of draws meeting it (empty without draws).
    timings : dict of str to float
        Seconds per step.
    """

    portfolio: Portfolio
    table: PortfolioTable
    candidates: Candidates
    mac: np.ndarray
    cheapest: list[CheapestSet]
    mixes: dict[str, np.ndarray]
    status: dict[str, list[TargetStatus]]
    summaries: dict[str, np.ndarray] = field(default_factory=dict)
    totals_draws: dict[str, np.ndarray] = field(default_factory=dict)
    p_meets: dict[str, dict[str, float]] = field(default_factory=dict)
    samples: int = 0
    workers: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def rollup(self, mix: str = "current") -> Any:
        """Totals a year by product group of a mix (pandas DataFrame)."""
        return rollup(self.table, self.mixes[mix])

    def totals(self, mix: str = "current") -> dict[str, float]:
        """Portfolio totals a year of a mix."""
        return totals(self.table, self.mixes[mix])

    def rows_frame(self, mix: str = "current") -> Any:
        """Per row and option, per use and a year (pandas DataFrame), with the draws' summaries."""
        frame = self.table.rows_frame(self.mixes[mix])
        if self.summaries:
            row_index, slot_index = np.nonzero(self.table.options != "")
            for name, values in self.summaries.items():
                frame[name] = values[row_index, slot_index]
        return frame


def partitions(rows: Sequence[Row], size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of each partition of ``size`` rows."""
    return [(start, min(start + size, len(rows))) for start in range(0, len(rows), size)] or [(0, 0)]


def _in_process(function: Callable[..., Any], arguments: Sequence[tuple[Any, ...]], shared: Any) -> list[Any]:
    return [function(*args, shared) for args in arguments]


def _start_worker() -> None:
    """Build the package's unit registry in a worker before anything is unpickled there."""
    from lcacompare.units import registry

    registry()


SCHEDULER_TIMEOUT_S = 10
"""Seconds to wait for an existing Dask scheduler before refusing its address."""


@contextmanager
def _executor(workers: int | None, scheduler: str | None) -> Iterator[MapPartitions]:
    """A ``map(function, arguments, shared)`` running in this process, or on Dask distributed."""
    if not workers and not scheduler:
        yield _in_process
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # the optional dependency group
        from lcacompare.errors import CaseError, Problem

        problem = Problem(
            "--workers" if workers else "--scheduler",
            "running on Dask needs the optional dask group, which is not installed",
            'pip install "lcacompare[dask]", or leave out --workers and --scheduler',
            "portfolio-workers",
        )
        raise CaseError("command line", [problem]) from None
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S) if scheduler else Client(cluster)
    except (ValueError, OSError, TimeoutError) as exc:  # a malformed address, or nobody answering there
        from lcacompare.errors import CaseError, Problem

        problem = Problem(
            "--scheduler",
            f"cannot reach a Dask scheduler at {scheduler!r} ({type(exc).__name__}: {str(exc)[:120]})",
            "the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786",
            "portfolio-workers",
        )
        raise CaseError("command line", [problem]) from None
    try:
        client.run(_start_worker)

        scattered: dict[int, Any] = {}

        def on_dask(function: Callable[..., Any], arguments: Sequence[tuple[Any, ...]], shared: Any) -> list[Any]:
            if id(shared) not in scattered:  # the rows and cases go to every worker once per run
                scattered.clear()
                scattered[id(shared)] = client.scatter(shared, broadcast=True)
            future = scattered[id(shared)]
            futures = [client.submit(function, *args, future, pure=False) for args in arguments]
            return list(client.gather(futures))

        yield on_dask
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass(frozen=True)
class _Shared:
    """What every partition task reads: sent to each worker once, not with every task."""

    rows: tuple[Row, ...]
    bundles: Mapping[str, CaseBundle]


def _deterministic_task(start: int, stop: int, shared: _Shared) -> Any:
    return evaluate_partition(shared.rows[start:stop], shared.bundles)


def _draws_task(
    start: int, stop: int, mixes: np.ndarray, reusable: np.ndarray, seed: int, samples: int, shared: _Shared
) -> PartitionDraws:
    return draw_partition(shared.rows[start:stop], shared.bundles, mixes, reusable, seed, samples)


def _p_meets(result: PortfolioResult, names: list[str]) -> dict[str, dict[str, float]]:
    """Per mix and target, the share of draws meeting the target (deterministic ones: 0 or 1)."""
    from lcacompare.portfolios.model import ReductionTarget, ReusableShareTarget

    settings = result.portfolio.settings
    out: dict[str, dict[str, float]] = {}
    for m, name in enumerate(names):
        probabilities = {}
        for target, status in zip(settings.targets, result.status[name], strict=True):
            if isinstance(target, ReusableShareTarget) and target.measure == "spend":
                share = result.totals_draws["reusable_eur"][m] / result.totals_draws["eur"][m]
                probabilities[target.id] = float(np.mean(share >= target.share))
            elif isinstance(target, ReductionTarget) and target.kind == "co2e-reduction":
                baseline = settings.baselines.get(target.baseline_year)
                if baseline is None or not baseline.kg_co2e:
                    probabilities[target.id] = float("nan")
                    continue
                limit = (1.0 - target.reduction) * baseline.kg_co2e
                probabilities[target.id] = float(np.mean(result.totals_draws["kg_co2e"][m] <= limit))
            else:  # counted from kinds and volumes, or primary material: not sampled
                probabilities[target.id] = 1.0 if status.met else 0.0
        out[name] = probabilities
    return out


def run_portfolio(
    loaded: LoadedPortfolio,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    samples: int | None = None,
    seed: int | None = None,
) -> PortfolioResult:
    """Evaluate a portfolio, its targets, switching scenarios and (with draws) their probabilities.

    Parameters
    ----------
    loaded : LoadedPortfolio
        From :func:`~lcacompare.portfolios.load.load_portfolio`.
    workers : int, optional
        Run on a Dask ``LocalCluster`` of this many worker processes (None: in this process).
    scheduler : str, optional
        Address of an existing Dask scheduler (instead of a local cluster).
    samples, seed : int, optional
        Paired draws per row and their seed (default: the settings').

    Returns
    -------
    PortfolioResult
    """
    portfolio = loaded.portfolio
    settings = portfolio.settings
    samples = settings.samples if samples is None else samples
    seed = settings.seed if seed is None else seed
    rows = portfolio.rows
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    bundles = {name: bundle(name, prepared, with_model=samples > 0) for name, prepared in loaded.prepared.items()}
    timings["bundle"] = time.perf_counter() - clock
    spans = partitions(rows, settings.partition_rows)
    with _executor(workers, scheduler) as map_partitions:
        clock = time.perf_counter()
        shared = _Shared(tuple(rows), bundles)
        parts = map_partitions(_deterministic_task, spans, shared)
        table = build_table(rows, parts, bundles, settings)
        timings["evaluate"] = time.perf_counter() - clock
        clock = time.perf_counter()
        found = candidates(table)
        cheapest = [cheapest_set(target, table, found, settings.baselines) for target in settings.targets]
        mixes = {"current": current_mix(table)}
        mixes.update({f"cheapest:{chosen.target_id}": chosen.mix for chosen in cheapest})
        status = {
            name: [measure_target(target, table, mix, settings.baselines) for target in settings.targets]
            for name, mix in mixes.items()
        }
        result = PortfolioResult(portfolio, table, found, mac_curve(found), cheapest, mixes, status)
        timings["scenarios"] = time.perf_counter() - clock
        if samples > 0:
            clock = time.perf_counter()
            names = list(mixes)
            matrix = np.column_stack([mixes[name] for name in names])
            arguments = [(a, b, matrix[a:b], table.reusable[a:b], seed, samples) for a, b in spans]
            drawn = map_partitions(_draws_task, arguments, shared)
            slots = table.options.shape[1]
            result.summaries = {
                name: np.vstack(
                    [
                        np.hstack(
                            [
                                p.summaries[name],
                                np.full((p.summaries[name].shape[0], slots - p.summaries[name].shape[1]), np.nan),
                            ]
                        )
                        for p in drawn
                    ]
                )
                for name in drawn[0].summaries
            }
            result.totals_draws = combine_totals(drawn)
            result.samples = samples
            result.p_meets = _p_meets(result, names)
            timings["draws"] = time.perf_counter() - clock
    result.workers = workers or 0
    result.timings = timings
    return result
