"""The main job: compare a case, analyse cost, uncertainty and sensitivity, write its reports.

:func:`analyse` builds the full typed result (:class:`~lcacompare.result.Result`, schema
``lcacompare.result/2``) in memory; :func:`run_case` renders the JSON, HTML and Excel reports from
it and writes all three files atomically, so a run that fails anywhere leaves the previous reports
untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lcacompare.model.case import Case
from lcacompare.result import Result

__all__ = ["Analysis", "analyse", "run_case", "DEFAULT_FORMATS"]

DEFAULT_FORMATS: tuple[str, ...] = ("json", "html", "xlsx")
Progress = Callable[[str], None]


@dataclass
class Analysis:
    """Everything a run produced: the comparison, the typed result, and sampled arrays.

    ``result`` is the :class:`~lcacompare.result.Result` model; :meth:`to_dict` gives it as the
    plain JSON-ready dict of ``result.json``.
    """

    comparison: Any
    result: Result
    samples: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    """Report files in the case folder that this run did not rewrite (left from an earlier run)."""

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data, keys as in ``result.json`` (absent sections left out).

        Examples
        --------
        >>> analysis = analyse(case)  # doctest: +SKIP
        >>> plain = analysis.to_dict()  # doctest: +SKIP
        >>> plain["options"][0]["kg_co2e_per_use"] == analysis.result.options[0].kg_co2e_per_use  # doctest: +SKIP
        True
        """
        return self.result.to_dict()


def _step(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)


def analyse(
    case: Case,
    *,
    samples: int | None = None,
    seed: int | None = None,
    sensitivity: bool = True,
    sobol: bool = False,
    home: str | Path | None = None,
    datasets: Any = None,
    progress: Progress | None = None,
) -> Analysis:
    """Compare a case and build its full typed result.

    Parameters
    ----------
    case : Case
        From :func:`lcacompare.load_case`.
    samples : int, optional
        Paired Monte Carlo draws; default the method's ``uncertainty.default_samples``;
        0 skips uncertainty and sensitivity.
    seed : int, optional
        Seed; default the method's ``uncertainty.default_seed``. It is stored in the result.
    sensitivity : bool
        Also compute the one-at-a-time tornado (a few milliseconds).
    sobol : bool
        Also compute the variance-based Sobol indices with SALib (about two seconds more, most of
        it importing SALib and scipy.stats); top contributors are then ranked by them. Implies
        the tornado (it screens the inputs) and needs ``samples`` above 0.
    home : str or Path, optional
        lcacompare's cache home.
    datasets : Datasets, optional
        Defaults to the shipped ``datasets/``.
    progress : callable, optional
        Called with a short text before each step (the CLI shows it).

    Returns
    -------
    Analysis
        ``result`` is the :class:`~lcacompare.result.Result`; ``to_dict()`` gives the plain dict.
    """
    from lcacompare.analysis.document import clean, result_document
    from lcacompare.analysis.inputs import inputs_section
    from lcacompare.analysis.study import study_section
    from lcacompare.analysis.transparency import transparency_section
    from lcacompare.engine import compare, prepare
    from lcacompare.whole_life import cost_analysis

    if sobol and samples == 0:
        raise ValueError("sobol=True needs the uncertainty model, which samples=0 skips")
    _step(progress, "preparing the Brightway background")
    prepared = prepare(case, datasets=datasets, home=home)
    compiled = prepared.compiled
    method = compiled.method
    _step(progress, "comparing options")
    comparison = compare(case, prepared=prepared)
    doc = result_document(comparison)
    doc["method_spec"] = {
        "id": method.id,
        "sha256": method.digest,
        "assertion_threshold": method.assertion_threshold,
        "total_modules": list(method.total_modules),
        "reported_apart": list(method.reported_apart),
    }
    context = case.context
    doc["context"] = context.model_dump(mode="json", exclude_none=True)
    doc["datasets_sha256"] = compiled.datasets.digest
    _step(progress, "whole-life cost, break-even and annual view")
    doc.update(cost_analysis(prepared, comparison))
    arrays: dict[str, Any] = {}
    uses = method.uncertainty.get("default_samples", 10_000) if samples is None else samples
    chosen_seed = int(method.uncertainty.get("default_seed", 0) if seed is None else seed)
    if uses:
        from lcacompare.uncertainty import build_model, paired_monte_carlo, sensitivity_analysis
        from lcacompare.uncertainty.budget import check_memory_budget
        from lcacompare.uncertainty.paired import BREAKEVEN_COST_SAMPLES

        _step(progress, f"paired Monte Carlo, {uses} samples")
        model = build_model(prepared)
        check_memory_budget(model, int(uses), BREAKEVEN_COST_SAMPLES)
        sampled = paired_monte_carlo(model, int(uses), chosen_seed)
        doc["uncertainty"] = sampled.to_dict()
        arrays = sampled.arrays.get("differences", {})
        if sensitivity or sobol:
            _step(progress, "sensitivity: tornado" + (" and Sobol indices" if sobol else ""))
            doc["sensitivity"] = sensitivity_analysis(model, chosen_seed, sobol=sobol).to_dict()
    doc["inputs"] = inputs_section(compiled)
    doc.update({"study": study} if (study := study_section(compiled, comparison)) else {})
    result = Result.model_validate(clean(doc))
    transparency = transparency_section(compiled, result)
    result = Result.model_validate({**result.to_dict(), "transparency": transparency})
    return Analysis(comparison, result, arrays)


def run_case(
    case: Case,
    output: str | Path = "reports",
    *,
    formats: Iterable[str] = DEFAULT_FORMATS,
    folder_name: str | None = None,
    **options: Any,
) -> Analysis:
    """Compare a case and write ``output/<case-id>/result.json``, ``report.html``, ``report.xlsx``.

    Parameters
    ----------
    case : Case
        From :func:`lcacompare.load_case`.
    output : str or Path
        Reports folder; one sub-folder per case.
    formats : iterable of str
        Any of ``json``, ``html``, ``xlsx``.
    folder_name : str, optional
        Sub-folder name; default the case id.
    **options
        Passed to :func:`analyse` (``samples``, ``seed``, ``sensitivity``, ``home``, ...).

    Returns
    -------
    Analysis
        With ``files`` the paths written and ``stale`` the other report files found in the
        folder, which this run did not update (they are left alone, never deleted).
    """
    from lcacompare.report.json_result import render_json
    from lcacompare.report.writer import REPORT_FILES, write_atomically

    wanted = set(formats)
    unknown = wanted - set(DEFAULT_FORMATS)
    if unknown:
        raise ValueError(f"unknown report formats {sorted(unknown)}; expected {list(DEFAULT_FORMATS)}")
    analysis = analyse(case, **options)
    files: dict[str, bytes] = {}
    if wanted & {"html", "xlsx"}:
        from lcacompare.report.render import render_reports

        _step(options.get("progress"), "rendering reports")
        files.update(render_reports(analysis.result, analysis.samples, wanted))
    if "json" in wanted:
        files[REPORT_FILES["json"]] = render_json(analysis.result).encode()
    folder = Path(output) / (folder_name or case.id)
    analysis.stale = [
        folder / name for kind, name in REPORT_FILES.items() if kind not in wanted and (folder / name).exists()
    ]
    # Last step, all or none: a Ctrl-C or a failure up to here leaves the earlier reports as they were.
    analysis.files = write_atomically(folder, files)
    return analysis
