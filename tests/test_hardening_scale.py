"""Scale and ties (issue 15): a memory budget checked before sampling, cases with hundreds of
options or thousands of lines evaluated in time proportional to their size, and ties reported as
ties ("equal"), never as "lower from the first use".

No timings are asserted here (see tests/benchmarks/test_bench_scale.py); the tests count
operations and check behaviour.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.test_bad_inputs import run_cli as shared_run_cli

TESTS = Path(__file__).resolve().parent
DATASETS = TESTS / "data" / "datasets"
BASE = yaml.safe_load((TESTS / "data" / "clamp.yaml").read_text(encoding="utf-8"))


def many_options(count: int) -> dict:
    """The test clamp case with ``count`` options: the single-use one and reusable variants."""
    case = copy.deepcopy(BASE)
    single, reusable = case["options"]
    variants = []
    for k in range(count - 1):
        variant = copy.deepcopy(reusable)
        variant["id"] = f"reusable-{k}"
        variant["uses_per_life"] = 100 + 10 * k
        variants.append(variant)
    case["options"] = [single, *variants]
    case["id"] = f"test-clamp-{count}"
    return case


def many_lines(count: int) -> dict:
    """The test clamp case with ``count`` more literal inventory lines in its single-use option."""
    case = copy.deepcopy(BASE)
    extra = [
        {"module": "A1-A3", "activity": "polypropylene", "amount": f"{0.001 * (1 + k % 7):g} g", "per": "use"}
        for k in range(count)
    ]
    for line in extra:
        line["source"] = "test"
    case["options"][0]["inventory"] += extra
    case["id"] = f"test-clamp-lines-{count}"
    return case


def tied_case() -> dict:
    """Two identical single-use options and a reusable one equal to them at every N.

    Every amount refers to shared parameters, so a draw moves all three alike: the paired
    differences are zero in every draw.
    """
    case = copy.deepcopy(BASE)
    case["parameters"]["pp_mass"] = {
        "value": "30 g",
        "source": "test",
        "distribution": {"type": "lognormal", "gsd": 1.2},
    }
    case["parameters"]["clamp_price"] = {
        "value": "0.95 EUR",
        "source": "test",
        "distribution": {"type": "lognormal", "gsd": 1.1},
    }
    single = case["options"][0]
    single["inventory"] = [
        {"module": "A1-A3", "activity": "polypropylene", "amount": "pp_mass", "per": "use", "source": "test"},
        {"module": "A4", "activity": "hgv", "amount": "pp_mass * 200 km", "per": "use", "source": "test"},
        {
            "module": "C",
            "activity": "incineration-plastics",
            "amount": "pp_mass",
            "per": "use",
            "stream": "risk-bearing",
            "source": "test",
        },
    ]
    single["costs"] = [
        {"category": "acquisition", "amount": "clamp_price", "per": "use", "source": "test"},
        {"category": "waste", "amount": "pp_mass * price('waste-risk-bearing')", "per": "use", "source": "test"},
    ]
    twin = copy.deepcopy(single)
    twin["id"] = "single-use-twin"
    reusable = copy.deepcopy(single)
    reusable.update(id="reusable-twin", kind="reusable", uses_per_life=500, loss_rate=0.0)
    reusable["zero_modules"] = {"B": "nothing between uses", "D": "no credits"}
    case["options"] = [single, twin, reusable]
    case["id"] = "test-clamp-ties"
    return case


def write_case(folder: Path, case: dict) -> Path:
    path = folder / f"{case['id']}.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    return path


def run_cli(*args: str) -> tuple[int, str, str]:
    """The shared in-process CLI runner (``tests.test_bad_inputs.run_cli``): exit code, stdout, stderr."""
    outcome = shared_run_cli(*args)
    return outcome.code, outcome.stdout, outcome.stderr


@pytest.fixture(autouse=True)
def _test_datasets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")
    monkeypatch.setenv("LCACOMPARE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LCACOMPARE_MEMORY_BUDGET_MIB", raising=False)


def _model(case: dict, tmp_path: Path):
    from lcacompare import load_case, prepare
    from lcacompare.datasets import load_datasets
    from lcacompare.uncertainty import build_model

    path = write_case(tmp_path, case)
    return build_model(prepare(load_case(path), datasets=load_datasets(DATASETS), home=tmp_path / "home"))


# -- 1. memory budget -----------------------------------------------------------------------------
def test_run_over_the_memory_budget_is_refused_before_any_sample_is_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lcacompare.uncertainty.model import UncertaintyModel

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("sampled although the run is over the memory budget")

    monkeypatch.setattr(UncertaintyModel, "sample", never)
    monkeypatch.setenv("LCACOMPARE_MEMORY_BUDGET_MIB", "4")
    path = write_case(tmp_path, copy.deepcopy(BASE))
    code, _out, err = run_cli("run", str(path), "-n", "200000", "-o", str(tmp_path / "out"))
    assert code == 2, err
    text = " ".join(err.split())
    assert "Traceback" not in err
    assert "memory budget of 4 MiB" in text
    assert "need about" in text and "MiB" in text
    assert "at most" in text and "samples within the budget" in text
    assert "LCACOMPARE_MEMORY_BUDGET_MIB" in text
    assert not (tmp_path / "out").exists()


def test_samples_said_to_fit_the_memory_budget_do_fit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from lcacompare.errors import CaseError
    from lcacompare.uncertainty.budget import check_memory_budget, memory_budget_bytes, monte_carlo_bytes

    monkeypatch.setenv("LCACOMPARE_MEMORY_BUDGET_MIB", "4")
    model = _model(copy.deepcopy(BASE), tmp_path)
    with pytest.raises(CaseError) as caught:
        check_memory_budget(model, 200_000, 2000)
    fit = int(re.search(r"--samples (\d+)", str(caught.value)).group(1))
    assert monte_carlo_bytes(model, fit, 2000) <= memory_budget_bytes() < monte_carlo_bytes(model, fit + 1, 2000)
    check_memory_budget(model, fit, 2000)  # no error


def test_a_memory_budget_that_is_not_a_number_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LCACOMPARE_MEMORY_BUDGET_MIB", "lots")
    path = write_case(tmp_path, copy.deepcopy(BASE))
    code, _out, err = run_cli("run", str(path), "-n", "100", "-o", str(tmp_path / "out"))
    assert code == 2, err
    assert "LCACOMPARE_MEMORY_BUDGET_MIB" in err and "whole number of MiB" in " ".join(err.split())


# -- 2. time proportional to size -----------------------------------------------------------------
def test_a_300_option_case_runs_building_only_the_tornado_entries_it_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lcacompare.uncertainty.sensitivity import SensitivityResult

    built: list[int] = []
    to_dict = SensitivityResult.to_dict

    def counting(self: SensitivityResult) -> dict:
        built.append(sum(len(entries) for outputs in self.tornado.values() for entries in outputs.values()))
        return to_dict(self)

    monkeypatch.setattr(SensitivityResult, "to_dict", counting)
    path = write_case(tmp_path, many_options(300))
    code, _out, err = run_cli("run", str(path), "-n", "50", "-r", "json", "-o", str(tmp_path / "out"))
    assert code == 0, err
    doc = json.loads((tmp_path / "out" / "test-clamp-300" / "result.json").read_text())
    assert len(doc["uncertainty"]["differences"]) == 299  # each against the baseline, not all pairs
    assert all(len(entries) <= 10 for outputs in doc["sensitivity"]["tornado"].values() for entries in outputs.values())
    targets = len(doc["sensitivity"]["tornado"])  # 300 options and 299 differences
    assert built == [targets * 2 * 10]  # top 10 per target and output, not every input (~1,200)


def test_html_report_charts_at_most_the_capped_number_of_alternatives(tmp_path: Path) -> None:
    from lcacompare.report.html import CHARTED_ALTERNATIVES

    path = write_case(tmp_path, many_options(CHARTED_ALTERNATIVES + 6))
    code, _out, err = run_cli("run", str(path), "-n", "50", "-r", "html", "-o", str(tmp_path / "out"))
    assert code == 0, err
    html = (tmp_path / "out" / path.stem / "report.html").read_text()
    assert html.count('id="chart-tornado-') == CHARTED_ALTERNATIVES
    assert f"first {CHARTED_ALTERNATIVES} of {CHARTED_ALTERNATIVES + 5} alternatives" in html


def test_tornado_top_entries_and_chunks_give_the_full_tornado(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lcacompare.uncertainty import sensitivity

    model = _model(many_options(5), tmp_path)
    full = sensitivity.tornado(model)
    top = sensitivity.tornado(model, top=3)
    assert top == {t: {o: entries[:3] for o, entries in outputs.items()} for t, outputs in full.items()}
    monkeypatch.setattr(sensitivity, "TORNADO_CHUNK_BYTES", 1)  # one input per pass
    assert sensitivity.tornado(model) == full


def test_evaluating_many_scenarios_does_not_reparse_parameter_free_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lcacompare.compile import CompiledCase

    model = _model(many_lines(2000), tmp_path)
    calls = []
    original = CompiledCase.amount

    def counted(self: CompiledCase, text: object, values: object) -> object:
        calls.append(text)
        return original(self, text, values)

    monkeypatch.setattr(CompiledCase, "amount", counted)
    model.evaluate(model.sample(20, 1), 20)
    inventory = [c for c in calls if c in {line.line.amount for line in model.compiled.lines["single-use"]}]
    assert len(inventory) < 10  # only lines that use parameters, not the 2,000 literal ones


# -- 3. ties are ties ----------------------------------------------------------------------------
def test_identical_options_are_equal_in_json_table_and_html(tmp_path: Path) -> None:
    path = write_case(tmp_path, tied_case())
    code, out, err = run_cli("run", str(path), "-n", "1000", "-o", str(tmp_path / "out"))
    assert code == 0, err
    folder = tmp_path / "out" / "test-clamp-ties"
    doc = json.loads((folder / "result.json").read_text())
    for key in ("single-use-twin-vs-single-use", "reusable-twin-vs-single-use"):
        diff = doc["uncertainty"]["differences"][key]
        assert (diff["verdict_co2e"], diff["verdict_cost"]) == ("equal", "equal")
    breakeven = doc["breakeven"]["reusable-twin"]
    assert (breakeven["status_cost"], breakeven["status_co2e"]) == ("equal", "equal")
    table = " ".join(out.split())
    assert "equal / equal" in table
    assert "the same CO2e in every draw" in table and "the same cost in every draw" in table
    assert "always" not in table and "from the first use" not in table
    html = (folder / "report.html").read_text()
    lines = " ".join(re.findall(r'<li class="buyer-line"[^>]*>(.*?)</li>', html, flags=re.S))
    assert "from the first use" not in lines
    assert "cost break-even equal at any number of uses, CO2e equal at any number of uses" in lines


def test_breakeven_of_a_curve_equal_to_the_target_is_equal_not_always() -> None:
    from lcacompare.breakeven import solve_breakeven

    assert solve_breakeven(lambda n: 0.5 + 0.0 * n, 0.5).status == "equal"
    assert solve_breakeven(lambda n: 0.4 + 0.0 * n, 0.5).status == "always"
    met = solve_breakeven(lambda n: 0.5 - 0.1 * (1.0 - 1.0 / n), 0.5)  # equal at N = 1, lower after
    assert (met.status, met.uses_per_life) == ("breaks-even", 1.0)


def test_result_schema_accepts_the_equal_status_and_verdict(tmp_path: Path) -> None:
    schema = json.loads((TESTS.parent / "lcacompare" / "schemas" / "result.schema.json").read_text())
    text = json.dumps(schema)
    assert '"always", "equal"' in text
    assert '"no significant difference", "equal"' in text
