"""A Dask run (two local workers) equals the single-process run bit for bit; seeds are per row."""

from __future__ import annotations

import numpy as np
import pytest

from lcacompare.portfolios.document import portfolio_document
from lcacompare.portfolios.load import load_portfolio
from lcacompare.portfolios.runner import run_portfolio
from lcacompare.portfolios.synthetic import write_synthetic_portfolio

pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    path = write_synthetic_portfolio(
        folder, 60, seed=7, baselines={2016: {"primary_material_kg": 1e4}, 2018: {"kg_co2e": 1e5}}
    )
    text = path.read_text().replace("samples: 0", "samples: 40") + "partition_rows: 16\n"
    path.write_text(text)
    return load_portfolio(path)


def _same(a, b):
    for name in a.table.metrics:
        np.testing.assert_array_equal(a.table.metrics[name], b.table.metrics[name])
    for name in a.summaries:
        np.testing.assert_array_equal(a.summaries[name], b.summaries[name])
    for name in a.totals_draws:
        np.testing.assert_array_equal(a.totals_draws[name], b.totals_draws[name])
    assert portfolio_document(a) == portfolio_document(b)


def test_two_dask_workers_give_the_single_process_result_bit_for_bit(loaded):
    alone = run_portfolio(loaded)
    on_dask = run_portfolio(loaded, workers=2)
    assert alone.samples == 40 and alone.summaries
    _same(alone, on_dask)


def test_draws_do_not_depend_on_the_partition_size(loaded):
    import dataclasses

    settings = loaded.portfolio.settings.model_copy(update={"partition_rows": 7})
    other = dataclasses.replace(loaded, portfolio=dataclasses.replace(loaded.portfolio, settings=settings))
    a, b = run_portfolio(loaded), run_portfolio(other)
    for name in a.summaries:
        np.testing.assert_array_equal(a.summaries[name], b.summaries[name])
    for name in a.totals_draws:  # totals are summed in another order: equal to rounding
        np.testing.assert_allclose(a.totals_draws[name], b.totals_draws[name], rtol=1e-12)
