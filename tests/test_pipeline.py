"""A run is an ordered pipeline of named steps with typed progress events; report formats live in one registry."""

from __future__ import annotations

import ast
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest

from lcacompare.analysis.steps import INPUTS, AnalysisOptions, analysis_pipeline, analysis_steps
from lcacompare.pipeline import (
    EventStream,
    Pipeline,
    ProgressEvent,
    Step,
    StepDone,
    StepFraction,
    StepStarted,
    event_data,
    server_sent_event,
)
from lcacompare.report import formats
from lcacompare.run import analyse, run_case

PACKAGE = Path(__file__).resolve().parent.parent / "lcacompare"
FULL_ORDER = [
    "prepare",
    "compare",
    "cost",
    "uncertainty",
    "sensitivity",
    "inputs",
    "supply",
    "data_quality",
    "study",
    "circular",
    "circularity",
    "sterilisation",
    "electricity",
    "iso_reporting",
    "transparency",
]
EXPECTED_SECTIONS = {
    "prepare": ("method_spec", "context", "datasets_sha256"),
    "compare": ("schema", "lcacompare_version", "case", "method", "baseline", "options"),
    "cost": ("breakeven", "annual", "cash_flows", "conventions", "monetised"),
    "uncertainty": ("uncertainty",),
    "sensitivity": ("sensitivity",),
    "inputs": ("inputs",),
    "supply": ("supply",),
    "data_quality": ("data_quality",),
    "study": ("study", "cross_checks"),
    "circular": ("circular_footprint",),
    "circularity": ("circularity", "reuse_identity"),
    "sterilisation": ("sterilisation",),
    "electricity": ("electricity",),
    "iso_reporting": ("iso_reporting",),
    "transparency": ("transparency",),
}


def _recording(steps: list[Step], made: dict[str, list[str]]) -> list[Step]:
    """The steps, each noting the sections it really returned."""

    def wrap(step: Step) -> Step:
        def run(artefacts: Any, sections: Any, fraction: Any) -> Any:
            out = step.run(artefacts, sections, fraction)
            made[step.name] = sorted(key for key in out if key in step.sections)
            return out

        return dataclasses.replace(step, run=run)

    return [wrap(step) for step in steps]


# -- the steps -------------------------------------------------------------------------------------
def test_the_analysis_runs_its_steps_in_order_each_producing_its_sections(clamp_case, test_datasets, home) -> None:
    settings = AnalysisOptions(samples=64, seed=3, datasets=test_datasets, home=home)
    pipeline = analysis_pipeline(settings)
    assert pipeline.names == FULL_ORDER
    assert pipeline.sections() == EXPECTED_SECTIONS
    made: dict[str, list[str]] = {}
    recorded = Pipeline(tuple(_recording(list(pipeline.steps), made)), INPUTS)
    outcome = recorded.run({"case": clamp_case, "settings": settings})
    assert list(made) == FULL_ORDER
    for name, sections in made.items():
        assert set(sections) <= set(EXPECTED_SECTIONS[name]), name
    # monetised (only with a carbon price), study (only when the case states study figures),
    # cross_checks (only when it states cross-checks) and the LCAC-HC/2 sections (only under a method
    # with their rules) are optional; every other declared section is produced
    optional = {"monetised", "study", "cross_checks", "data_quality", "circular_footprint", "sterilisation"}
    optional |= {"circularity", "reuse_identity", "electricity", "iso_reporting"}
    assert {s for ss in made.values() for s in ss} | optional == {s for ss in EXPECTED_SECTIONS.values() for s in ss}
    result = outcome.artefacts["result"]
    assert set(result.to_dict()) == set(outcome.sections)


def test_the_result_of_the_pipeline_is_the_result_of_analyse(clamp_case, test_datasets, home) -> None:
    settings = AnalysisOptions(samples=64, seed=3, datasets=test_datasets, home=home)
    outcome = analysis_pipeline(settings).run({"case": clamp_case, "settings": settings})
    analysis = analyse(clamp_case, samples=64, seed=3, datasets=test_datasets, home=home)
    assert outcome.artefacts["result"].to_json() == analysis.result.to_json()


@pytest.mark.parametrize(
    ("options", "order"),
    [
        ({"samples": 0}, [step for step in FULL_ORDER if step not in ("uncertainty", "sensitivity")]),
        ({"samples": 100, "sensitivity": False}, [step for step in FULL_ORDER if step != "sensitivity"]),
        ({"samples": 100, "sensitivity": False, "sobol": True}, FULL_ORDER),
        ({}, FULL_ORDER),
    ],
)
def test_optional_steps_are_in_the_plan_only_when_asked_for(options: dict[str, Any], order: list[str]) -> None:
    assert [step.name for step in analysis_steps(AnalysisOptions(**options))] == order


def test_the_sensitivity_label_names_sobol_only_when_asked_for() -> None:
    labels = {s.name: s.label for s in analysis_steps(AnalysisOptions(sobol=True))}
    assert "Sobol" in labels["sensitivity"]
    assert "Sobol" not in {s.name: s.label for s in analysis_steps(AnalysisOptions())}["sensitivity"]


def _step(name: str, needs: tuple[str, ...] = (), gives: tuple[str, ...] = (), sections: tuple[str, ...] = ()) -> Step:
    return Step(name, name, needs, gives, sections, lambda a, s, f: {key: name for key in gives + sections})


def test_a_pipeline_refuses_a_step_that_needs_what_no_earlier_step_makes() -> None:
    with pytest.raises(ValueError, match="'b' needs"):
        Pipeline((_step("a", gives=("x",)), _step("b", needs=("y",))))
    with pytest.raises(ValueError, match="'b' needs"):
        Pipeline((_step("b", needs=("x",)), _step("a", gives=("x",))))
    with pytest.raises(ValueError, match="section"):
        Pipeline((dataclasses.replace(_step("t"), reads=("options",)),))
    Pipeline((_step("a", gives=("x",)), _step("b", needs=("x", "case"))), inputs=("case",))


def test_a_pipeline_refuses_a_step_that_would_overwrite_an_input_or_an_earlier_section() -> None:
    with pytest.raises(ValueError, match="already"):
        Pipeline((_step("a", gives=("case",)),), inputs=("case",))
    with pytest.raises(ValueError, match="already"):
        Pipeline((_step("a", sections=("options",)), _step("b", sections=("options",))))
    with pytest.raises(ValueError, match="two steps"):
        Pipeline((_step("a"), _step("a")))
    # an artefact and a section may share a name: they are kept apart
    outcome = Pipeline((_step("a", sections=("case",)),), inputs=("case",)).run({"case": "file"})
    assert outcome.artefacts["case"] == "file" and outcome.sections["case"] == "a"


def test_a_step_that_returns_what_it_did_not_declare_is_an_error() -> None:
    rogue = Step("rogue", "rogue", (), (), ("options",), lambda a, s, f: {"options": 1, "extra": 2})
    with pytest.raises(ValueError, match="extra"):
        Pipeline((rogue,)).run({})


def test_a_missing_input_is_named() -> None:
    with pytest.raises(ValueError, match="settings"):
        Pipeline((), inputs=("case", "settings")).run({"case": 1})


# -- the events ------------------------------------------------------------------------------------
def _check_order(events: list[ProgressEvent], long_steps: set[str]) -> list[str]:
    """Started, fractions (non-decreasing, in [0, 1], ending at 1 for long steps), done; per step."""
    done: list[str] = []
    current: str | None = None
    fractions: list[float] = []
    for event in events:
        if isinstance(event, StepStarted):
            assert current is None, f"{event.step} started inside {current}"
            assert event.index == len(done) and event.total == events[0].total  # type: ignore[union-attr]
            current, fractions = event.step, []
        elif isinstance(event, StepFraction):
            assert event.step == current
            assert 0.0 <= event.fraction <= 1.0
            assert not fractions or event.fraction >= fractions[-1]
            fractions.append(event.fraction)
        else:
            assert isinstance(event, StepDone) and event.step == current
            assert event.seconds >= 0.0
            if current in long_steps:
                assert fractions and fractions[-1] == 1.0, current
            done.append(event.step)
            current = None
    assert current is None
    return done


def test_events_arrive_in_order_with_fractions_in_0_1_ending_at_1_for_the_long_steps(
    clamp_case, test_datasets, home
) -> None:
    events: list[ProgressEvent] = []
    analyse(clamp_case, samples=256, seed=1, sobol=True, datasets=test_datasets, home=home, on_event=events.append)
    assert _check_order(events, {"uncertainty", "sensitivity"}) == FULL_ORDER
    inner = {e.step: [] for e in events if isinstance(e, StepFraction)}
    for event in events:
        if isinstance(event, StepFraction):
            inner[event.step].append(event.fraction)
    # the long steps report fractions along the way, not only the final 1
    assert any(0.0 < x < 1.0 for x in inner["uncertainty"]) and any(0.0 < x < 1.0 for x in inner["sensitivity"])
    assert all(e.total == len(FULL_ORDER) for e in events if isinstance(e, StepStarted | StepDone))


def test_reporting_progress_leaves_the_numbers_unchanged(clamp_case, test_datasets, home) -> None:
    options: dict[str, Any] = {"samples": 256, "seed": 1, "sobol": True, "datasets": test_datasets, "home": home}
    quiet = analyse(clamp_case, **options)
    watched = analyse(clamp_case, **options, on_event=lambda event: None)
    assert quiet.result.to_json() == watched.result.to_json()


def test_a_fraction_outside_0_1_is_refused_and_one_going_back_is_an_error() -> None:
    with pytest.raises(ValueError, match="outside"):
        StepFraction("x", 1.5)
    with pytest.raises(ValueError, match="outside"):
        StepFraction("x", float("nan"))
    back = Step("back", "back", (), (), (), lambda a, s, f: (f(0.5), f(0.2), {})[-1], reports_fraction=True)
    with pytest.raises(ValueError, match="went back"):
        Pipeline((back,)).run({})


def test_a_long_step_that_stops_short_still_ends_at_fraction_1() -> None:
    short = Step("short", "short", (), (), (), lambda a, s, f: (f(0.4), {})[-1], reports_fraction=True)
    events: list[ProgressEvent] = []
    Pipeline((short,)).run({}, events.append)
    assert [e.fraction for e in events if isinstance(e, StepFraction)] == [0.4, 1.0]


def test_the_older_text_progress_still_gets_each_step_label(clamp_case, test_datasets, home) -> None:
    texts: list[str] = []
    analyse(clamp_case, samples=0, datasets=test_datasets, home=home, progress=texts.append)
    assert texts == [step.label for step in analysis_steps(AnalysisOptions(samples=0))]
    assert texts[0] == "preparing the Brightway background"


def test_an_event_stream_yields_the_events_in_order_then_the_result(clamp_case, test_datasets, home) -> None:
    stream = EventStream(
        lambda on_event: analyse(clamp_case, samples=64, seed=3, datasets=test_datasets, home=home, on_event=on_event)
    )
    with pytest.raises(RuntimeError):
        _ = stream.result
    events = list(stream)
    assert _check_order(events, {"uncertainty", "sensitivity"}) == FULL_ORDER
    assert stream.result.result.uncertainty is not None


def test_an_event_stream_raises_the_jobs_exception_from_result() -> None:
    def job(on_event: Any) -> None:
        on_event(StepStarted("a", "a", 0, 1))
        raise KeyError("broken")

    stream = EventStream(job)
    assert [e.step for e in stream] == ["a"]
    with pytest.raises(KeyError, match="broken"):
        _ = stream.result


def test_an_event_becomes_one_server_sent_event_with_json_data() -> None:
    event = StepDone("uncertainty", "paired Monte Carlo", 3, 7, 0.25)
    text = server_sent_event(event)
    assert text.endswith("\n\n")
    lines = text.strip().split("\n")
    assert lines[0] == "event: step-done"
    data = json.loads(lines[1].removeprefix("data: "))
    assert (
        data
        == event_data(event)
        == {
            "event": "step-done",
            "step": "uncertainty",
            "label": "paired Monte Carlo",
            "index": 3,
            "total": 7,
            "seconds": 0.25,
        }
    )


# -- the command line ------------------------------------------------------------------------------
def test_the_cli_shows_each_step_of_the_run(tmp_path, home, monkeypatch) -> None:
    from rich.console import Console
    from typer.testing import CliRunner

    from lcacompare import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "_err", Console(file=screen, force_terminal=True, width=160))
    out = CliRunner().invoke(
        cli.app, ["run", "kocher-clamp", "--samples", "200", "--output", str(tmp_path), "--home", str(home)]
    )
    assert out.exit_code == 0, out.output
    shown = screen.getvalue()
    plan = analysis_steps(AnalysisOptions(samples=200))
    for label in [step.label for step in plan] + ["rendering reports", "writing reports"]:
        assert label in shown
    assert f"1/{len(plan) + 2}" in shown and " s" in shown


def test_the_cli_report_choices_and_help_come_from_the_registry() -> None:
    from lcacompare import cli

    assert [member.value for member in cli.ReportFormat] == list(formats.REPORT_FORMATS)
    from typer.testing import CliRunner

    text = " ".join(CliRunner().invoke(cli.app, ["run", "--help"], terminal_width=400).output.split())
    for fmt in formats.report_formats():
        assert fmt.file_name in text


# -- the registry ----------------------------------------------------------------------------------
def test_a_format_added_to_the_registry_is_rendered_and_written(
    clamp_case, test_datasets, home, tmp_path, monkeypatch
) -> None:
    dummy = formats.ReportFormat(
        "txt", "summary.txt", "text/plain", "a one-line summary", lambda result, samples, lang: result.baseline.encode()
    )
    monkeypatch.setattr(formats, "REPORT_FORMATS", {**formats.REPORT_FORMATS, dummy.name: dummy})
    analysis = run_case(clamp_case, tmp_path, formats=["txt", "json"], samples=0, datasets=test_datasets, home=home)
    folder = tmp_path / clamp_case.id
    assert sorted(p.name for p in analysis.files) == ["result.json", "summary.txt"]
    assert (folder / "summary.txt").read_text() == analysis.result.baseline
    again = run_case(clamp_case, tmp_path, formats=["json"], samples=0, datasets=test_datasets, home=home)
    assert [p.name for p in again.stale] == ["summary.txt"]
    everything = run_case(clamp_case, tmp_path, samples=0, datasets=test_datasets, home=home)
    assert sorted(p.name for p in everything.files) == ["report.html", "report.xlsx", "result.json", "summary.txt"]


def test_an_unknown_format_is_refused_before_any_work(clamp_case, tmp_path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        run_case(clamp_case, tmp_path, formats=["pdf"], datasets=object())
    assert not (tmp_path / clamp_case.id).exists()
    from lcacompare.report.render import render_reports

    with pytest.raises(ValueError, match="pdf"):
        render_reports({}, formats=["pdf"])


def test_every_format_has_a_distinct_file_name_and_a_media_type() -> None:
    names = [fmt.file_name for fmt in formats.report_formats()]
    assert len(set(names)) == len(names)
    assert all("/" in fmt.media_type for fmt in formats.report_formats())


def _constants(tree: ast.AST) -> list[tuple[int, Any]]:
    """Every literal of a module except its docstrings, with its line."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and id(node) not in docstrings
    ]


def test_the_registry_is_the_only_module_that_names_the_report_files_or_lists_the_formats() -> None:
    files = {fmt.file_name for fmt in formats.report_formats()}
    names = set(formats.REPORT_FORMATS)
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "report" / "formats.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.name}:{line} {value!r}" for line, value in _constants(tree) if value in files]
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(values) > 1 and values <= names and len(values) == len(node.elts):
                    found.append(f"{path.name}:{node.lineno} a list of format names {sorted(values)}")
    assert not found, found


def test_the_registry_test_would_catch_a_file_name_in_another_module() -> None:
    tree = ast.parse('"""Writes result.json."""\nFILES = {"json": "result.json"}\n')
    assert [value for _, value in _constants(tree) if value == "result.json"] == ["result.json"]
