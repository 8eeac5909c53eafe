"""The steps of an analysis, in order, each producing sections of the typed result.

Each step, what it needs and the :class:`~lcacompare.result.Result` fields it produces:

- ``prepare`` (needs ``case``): ``method_spec``, ``context``, ``datasets_sha256``; gives ``prepared``.
- ``compare`` (``case``, ``prepared``): ``schema``, ``lcacompare_version``, ``case``, ``method``,
  ``baseline``, ``options``; gives ``comparison``.
- ``cost`` (``prepared``, ``comparison``): ``breakeven``, ``annual``, ``cash_flows``,
  ``conventions`` and, when the case gives a carbon price, ``monetised``.
- ``uncertainty`` (``prepared``): ``uncertainty`` (paired Monte Carlo); gives
  ``uncertainty_model`` and ``samples`` (the sampled differences, for the report charts).
- ``sensitivity`` (``uncertainty_model``): ``sensitivity`` (tornado and Sobol indices).
- ``inputs`` (``prepared``): ``inputs``.
- ``supply`` (``case``): ``supply``, the supply-security indicators of every option.
- ``data_quality`` (``prepared``, ``comparison``): ``data_quality``, the PEF data quality (DQR) of
  every option, only under a method with a ``pef_data_quality`` section.
- ``study`` (``prepared``, ``comparison``, ``settings``): ``study`` (study totals, published figures
  and ours, currency conversions, default waste fees, fleets), only when the case states any of them;
  and ``cross_checks`` (a published study's relative claims against the case, rerun after each step
  towards the study's setting), only when the case states cross-checks.
- ``circular`` (``prepared``, ``comparison``): ``circular_footprint`` (R1 per material line and the
  Circular Footprint Formula's terms by module), only under a method with that rule (LCAC-HC/2).
- ``circularity`` (``prepared``): ``circularity`` and ``reuse_identity``, each only under a method
  with that section (LCAC-HC/2).
- ``sterilisation`` (``prepared``): ``sterilisation``, each templated option's load and share, only
  under a method with the sterilisation rule.
- ``electricity`` (``prepared``): ``electricity``, both Scope 2 views of every option, only under a
  method with the ``electricity`` section (LCAC-HC/2).
- ``iso_reporting`` (``prepared`` and every section above): ``iso_reporting``, the ISO 14044
  5.2 and 5.3 reporting items, only under a method with an ``iso_reporting`` section.
- ``transparency`` (``prepared`` and every section above): ``transparency``; gives ``result``,
  the complete typed result.

``uncertainty`` and ``sensitivity`` are left out when the run asks for no samples (and
``sensitivity`` when it asks for neither the tornado nor Sobol indices). :func:`report_steps`
adds rendering and writing the report files (:func:`lcacompare.run.run_case`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lcacompare.pipeline import Fraction, Pipeline, Step
from lcacompare.result import Result

__all__ = [
    "AnalysisOptions",
    "analysis_steps",
    "report_steps",
    "analysis_pipeline",
    "assemble_result",
    "COMPARISON_SECTIONS",
    "INPUTS",
]

INPUTS = ("case", "settings")
"""What a caller gives an analysis pipeline: the ``case`` and its ``settings`` (:class:`AnalysisOptions`)."""

COMPARISON_SECTIONS = ("schema", "lcacompare_version", "case", "method", "baseline", "options")
"""The always-present fields of a result, made by the ``compare`` step."""


@dataclass(frozen=True)
class AnalysisOptions:
    """What :func:`lcacompare.run.analyse` was asked for (see its parameters)."""

    samples: int | None = None
    seed: int | None = None
    sensitivity: bool = True
    sobol: bool = False
    home: str | Path | None = None
    datasets: Any = None
    method: Any = None  # a MethodSpec applied instead of the case's own (lcacompare.run, --method)
    case_method: str | None = None  # the version the case file states, recorded when ``method`` differs


def _prepare(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.engine import prepare

    case, options = artefacts["case"], artefacts["settings"]
    prepared = prepare(case, datasets=options.datasets, home=options.home, method=options.method)
    compiled = prepared.compiled
    method = compiled.method
    stated = {"case_method": options.case_method} if options.case_method not in (None, method.id) else {}
    return {
        "prepared": prepared,
        "method_spec": {
            "id": method.id,
            "sha256": method.digest,
            "assertion_threshold": method.assertion_threshold,
            "total_modules": list(method.total_modules),
            "reported_apart": list(method.reported_apart),
            **stated,
        },
        # context.electricity is reported in its own section (``electricity``), not in the header.
        "context": case.context.model_dump(mode="json", exclude_none=True, exclude={"electricity"}),
        "datasets_sha256": compiled.datasets.digest,
    }


def _compare(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.document import result_document
    from lcacompare.engine import compare

    comparison = compare(artefacts["case"], prepared=artefacts["prepared"])
    return {"comparison": comparison, **result_document(comparison)}


def _cost(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.whole_life import cost_analysis

    return dict(cost_analysis(artefacts["prepared"], artefacts["comparison"]))


def _draws(artefacts: Mapping[str, Any]) -> tuple[int, int]:
    """Samples and seed of the run: the options', else the method's defaults."""
    options = artefacts["settings"]
    settings = artefacts["prepared"].compiled.method.uncertainty
    samples = settings.get("default_samples", 10_000) if options.samples is None else options.samples
    seed = settings.get("default_seed", 0) if options.seed is None else options.seed
    return int(samples), int(seed)


def _uncertainty(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    samples, seed = _draws(artefacts)
    if not samples:  # the method's default may be no sampling
        return {"uncertainty_model": None, "samples": {}}
    from lcacompare.uncertainty import build_model, paired_monte_carlo
    from lcacompare.uncertainty.budget import check_memory_budget
    from lcacompare.uncertainty.paired import BREAKEVEN_COST_SAMPLES

    model = build_model(artefacts["prepared"])
    check_memory_budget(model, samples, BREAKEVEN_COST_SAMPLES)
    sampled = paired_monte_carlo(model, samples, seed, on_fraction=fraction)
    return {
        "uncertainty_model": model,
        "samples": sampled.arrays.get("differences", {}),
        "uncertainty": sampled.to_dict(),
    }


def _sensitivity(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    model = artefacts["uncertainty_model"]
    if model is None:
        return {}
    from lcacompare.uncertainty import sensitivity_analysis

    _, seed = _draws(artefacts)
    result = sensitivity_analysis(model, seed, sobol=artefacts["settings"].sobol, on_fraction=fraction)
    return {"sensitivity": result.to_dict()}


def _inputs(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.inputs import inputs_section

    return {"inputs": inputs_section(artefacts["prepared"].compiled)}


def _supply(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.supply import supply_section

    return {"supply": supply_section(artefacts["case"]).to_dict()}


def _data_quality(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.quality.rollup import contributions_of, data_quality_section

    compiled = artefacts["prepared"].compiled
    section = data_quality_section(compiled, contributions_of(artefacts["comparison"], compiled.method))
    return {"data_quality": section.to_dict()} if section is not None else {}


def _study(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.crosscheck import cross_check_section
    from lcacompare.analysis.study import study_section

    study = study_section(artefacts["prepared"].compiled, artefacts["comparison"])
    options = artefacts["settings"]
    # The case as run (its method applied), so each step's rerun applies the same method.
    # The case as written (a reprocessing template not yet expanded), under the method the run applies.
    method = artefacts["prepared"].compiled.method
    checks = cross_check_section(
        artefacts["case"],
        datasets=options.datasets,
        home=options.home,
        method=method,
        stated=(artefacts["prepared"], artefacts["comparison"]),
    )
    return {**({"study": study} if study else {}), **({"cross_checks": checks} if checks else {})}


def _electricity(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.electricity import electricity_section

    section = electricity_section(artefacts["prepared"].compiled)
    return {"electricity": section.to_dict()} if section is not None else {}


def _iso_reporting(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.iso14044 import iso_reporting_section
    from lcacompare.analysis.transparency import transparency_section

    compiled = artefacts["prepared"].compiled
    if compiled.method.section("iso_reporting") is None:
        return {}
    so_far = assemble_result(sections)
    section = iso_reporting_section(compiled, so_far, transparency_section(compiled, so_far))
    return {"iso_reporting": section} if section else {}


def _sterilisation(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.sterilisation import sterilisation_section

    found = sterilisation_section(artefacts["prepared"].compiled)
    return {"sterilisation": found.to_dict()} if found is not None else {}


def _circular(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    from lcacompare.analysis.circular import circular_section

    found = circular_section(artefacts["prepared"].compiled, artefacts["comparison"])
    return {"circular_footprint": found} if found else {}


def _circularity(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    """Circularity indicators and the reuse identity, each only under a method with its section."""
    from lcacompare.circular.section import circularity_section, reuse_identity_section

    compiled = artefacts["prepared"].compiled
    circular, identity = circularity_section(compiled), reuse_identity_section(compiled)
    return {
        **({"circularity": circular.to_dict()} if circular is not None else {}),
        **({"reuse_identity": {k: v.to_dict() for k, v in identity.items()}} if identity is not None else {}),
    }


def assemble_result(sections: Mapping[str, Any]) -> Result:
    """The typed result of the sections a run has produced so far.

    Numpy scalars become floats and non-finite floats null (:func:`lcacompare.analysis.document.clean`);
    a section a step left out stays unset, so it is absent from ``result.json``.
    """
    from lcacompare.analysis.document import clean

    return Result.model_validate(clean(dict(sections)))


def _transparency(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
    """The transparency text reads the result of every earlier section; gives the complete result."""
    from lcacompare.analysis.transparency import transparency_section

    so_far = assemble_result(sections)
    transparency = transparency_section(artefacts["prepared"].compiled, so_far)
    # Validated from the earlier result's plain data, so fields a step left out stay unset.
    result = Result.model_validate({**so_far.to_dict(), "transparency": transparency})
    return {"transparency": transparency, "result": result}


def analysis_steps(options: AnalysisOptions) -> list[Step]:
    """The steps of one analysis, in the order they run.

    Parameters
    ----------
    options : AnalysisOptions
        Decide which optional steps run (no ``uncertainty`` and ``sensitivity`` for
        ``samples=0``; no ``sensitivity`` without ``sensitivity`` or ``sobol``).

    Returns
    -------
    list of Step

    Examples
    --------
    >>> [step.name for step in analysis_steps(AnalysisOptions(samples=0))]  # doctest: +NORMALIZE_WHITESPACE
    ['prepare', 'compare', 'cost', 'inputs', 'supply', 'data_quality', 'study', 'circular', 'circularity',
     'sterilisation', 'electricity', 'iso_reporting', 'transparency']
    """
    steps = [
        Step(
            "prepare",
            "preparing the Brightway background",
            ("case", "settings"),
            ("prepared",),
            ("method_spec", "context", "datasets_sha256"),
            _prepare,
        ),
        Step("compare", "comparing options", ("case", "prepared"), ("comparison",), COMPARISON_SECTIONS, _compare),
        Step(
            "cost",
            "whole-life cost, break-even and annual view",
            ("prepared", "comparison"),
            (),
            ("breakeven", "annual", "cash_flows", "conventions", "monetised"),
            _cost,
        ),
    ]
    if options.samples != 0:
        steps.append(
            Step(
                "uncertainty",
                "paired Monte Carlo" + ("" if options.samples is None else f", {options.samples} samples"),
                ("prepared", "settings"),
                ("uncertainty_model", "samples"),
                ("uncertainty",),
                _uncertainty,
                reports_fraction=True,
            )
        )
        if options.sensitivity or options.sobol:
            steps.append(
                Step(
                    "sensitivity",
                    "sensitivity: tornado" + (" and Sobol indices" if options.sobol else ""),
                    ("uncertainty_model", "prepared", "settings"),
                    (),
                    ("sensitivity",),
                    _sensitivity,
                    reports_fraction=True,
                )
            )
    steps.append(Step("inputs", "inputs and their sources", ("prepared",), (), ("inputs",), _inputs))
    steps.append(Step("supply", "supply security indicators", ("case",), (), ("supply",), _supply))
    steps.append(
        Step("data_quality", "PEF data quality (DQR)", ("prepared", "comparison"), (), ("data_quality",), _data_quality)
    )
    steps.append(
        Step(
            "study",
            "study totals, published figures and cross-checks",
            ("case", "prepared", "comparison", "settings"),
            (),
            ("study", "cross_checks"),
            _study,
        )
    )
    steps.append(
        Step(
            "circular",
            "recycled content and recycling (LCAC-HC/2)",
            ("prepared", "comparison"),
            (),
            ("circular_footprint",),
            _circular,
        )
    )
    steps.append(
        Step(
            "circularity", "circularity indicators", ("prepared",), (), ("circularity", "reuse_identity"), _circularity
        )
    )
    steps.append(Step("sterilisation", "sterilisation by load", ("prepared",), (), ("sterilisation",), _sterilisation))
    steps.append(
        Step("electricity", "electricity location- and market-based", ("prepared",), (), ("electricity",), _electricity)
    )
    done = tuple(section for step in steps for section in step.sections)
    steps.append(
        Step(
            "iso_reporting",
            "ISO 14044 5.2 and 5.3 reporting items",
            ("prepared",),
            (),
            ("iso_reporting",),
            _iso_reporting,
            reads=done,
        )
    )
    before = tuple(section for step in steps for section in step.sections)
    steps.append(
        Step(
            "transparency",
            "transparency: ISO 14044 reporting items",
            ("prepared",),
            ("result",),
            ("transparency",),
            _transparency,
            reads=before,
        )
    )
    return steps


def analysis_pipeline(options: AnalysisOptions) -> Pipeline:
    """:func:`analysis_steps` as a checked :class:`~lcacompare.pipeline.Pipeline`."""
    return Pipeline(tuple(analysis_steps(options)), INPUTS)


def report_steps(formats: Iterable[str], folder: Path, lang: str = "en") -> list[Step]:
    """Render the report files of ``formats`` (in ``lang``) and write them into ``folder``, all or none.

    The ``render`` step gives ``files`` (file name to bytes); ``write`` gives ``written`` (the
    paths) and ``stale`` (report files of other formats left from an earlier run).
    """
    wanted = tuple(dict.fromkeys(formats))

    def render(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
        from lcacompare.report import render

        samples = artefacts.get("samples", {})
        return {"files": render.render_reports(artefacts["result"], samples, wanted, lang=lang, on_fraction=fraction)}

    def write(artefacts: Mapping[str, Any], sections: Mapping[str, Any], fraction: Fraction) -> dict[str, Any]:
        from lcacompare.report.formats import report_formats
        from lcacompare.report.writer import write_atomically

        stale = [
            folder / fmt.file_name
            for fmt in report_formats()
            if fmt.name not in wanted and (folder / fmt.file_name).exists()
        ]
        # Last step, all or none: a Ctrl-C or a failure up to here leaves the earlier reports as they were.
        return {"written": write_atomically(folder, artefacts["files"]), "stale": stale}

    return [
        Step(
            "render", "rendering reports", ("result",), ("files",), (), render, reports_fraction=True, uses=("samples",)
        ),
        Step("write", "writing reports", ("files",), ("written", "stale"), (), write),
    ]
