"""Paired Monte Carlo speed against Brightway's own Monte Carlo on the same model."""

from __future__ import annotations

SAMPLES = 100_000
BRIGHTWAY_DRAWS = 100
SEED = 20261123


def test_bench_paired_monte_carlo_100k(benchmark, bench_model, timings):
    from lcacompare.uncertainty import paired_monte_carlo

    result = benchmark.pedantic(
        paired_monte_carlo, args=(bench_model, SAMPLES, SEED), kwargs={"breakeven": False}, rounds=7, warmup_rounds=1
    )
    assert result.samples == SAMPLES
    seconds = benchmark.stats.stats.min
    timings.update(
        ours_seconds=seconds, ours_per_sample=seconds / SAMPLES, samples=SAMPLES, inputs=len(bench_model.inputs)
    )


def test_bench_paired_monte_carlo_100k_with_breakeven(benchmark, bench_model):
    from lcacompare.uncertainty import paired_monte_carlo

    result = benchmark.pedantic(paired_monte_carlo, args=(bench_model, SAMPLES, SEED), rounds=3, warmup_rounds=1)
    assert result.arrays["breakeven_uses"]


def test_bench_brightway_monte_carlo(benchmark, bench_mirror, timings):
    bd, bc = bench_mirror.modules()
    demands = {oid: {node: 1.0} for oid, node in bench_mirror.activity_ids.items()}
    config = {"impact_categories": [bench_mirror.method_key]}
    lca = bc.MultiLCA(
        demands, config, bd.get_multilca_data_objs(demands, config), use_distributions=True, seed_override=SEED
    )
    lca.lci()
    lca.lcia()

    def draws() -> list:
        scores = []
        for _ in range(BRIGHTWAY_DRAWS):
            next(lca)
            scores.append(lca.scores)
        return scores

    scores = benchmark.pedantic(draws, rounds=3, warmup_rounds=1)
    assert len(scores) == BRIGHTWAY_DRAWS
    timings.update(brightway_per_sample=benchmark.stats.stats.min / BRIGHTWAY_DRAWS, brightway_draws=BRIGHTWAY_DRAWS)


def test_bench_sensitivity(benchmark, bench_model):
    from lcacompare.uncertainty import sensitivity_analysis

    result = benchmark.pedantic(sensitivity_analysis, args=(bench_model, SEED), rounds=1, warmup_rounds=0)
    assert result.sobol
