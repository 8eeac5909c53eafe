"""The main job: compare a case, analyse cost, uncertainty and sensitivity, write its reports.

:func:`analyse` builds the full typed result (:class:`~lcacompare.result.Result`, schema
``lcacompare.result/2``) in memory by running the analysis pipeline
(:mod:`lcacompare.analysis.steps`); :func:`run_case` runs the same steps, then renders the
reports of the registered formats (:mod:`lcacompare.report.formats`) and writes them atomically,
so a run that fails anywhere leaves the previous reports untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lcacompare.analysis.steps import INPUTS, AnalysisOptions, analysis_pipeline, analysis_steps, report_steps
from lcacompare.method.spec import MethodSpec
from lcacompare.model.case import Case
from lcacompare.pipeline import EventSink, Pipeline, ProgressEvent, text_progress
from lcacompare.result import Result

__all__ = ["Analysis", "analyse", "apply_method", "run_case"]

Progress = Callable[[str], None]
"""The older progress callback: the label of each step as it starts."""


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


def _sink(progress: Progress | None, on_event: EventSink | None) -> EventSink | None:
    """One event sink from the event callback and/or the older text callback."""
    if progress is None:
        return on_event
    text = text_progress(progress)
    if on_event is None:
        return text

    def both(event: ProgressEvent) -> None:
        on_event(event)
        text(event)

    return both


def _options(sobol: bool, samples: int | None, **options: Any) -> AnalysisOptions:
    if sobol and samples == 0:
        raise ValueError("sobol=True needs the uncertainty model, which samples=0 skips")
    return AnalysisOptions(samples=samples, sobol=sobol, **options)


def apply_method(case: Case, method: str | MethodSpec | None) -> tuple[Case, dict[str, Any]]:
    """The case to run under ``method`` and the analysis options that record it.

    A case states its version (``method:``); another one is applied to a copy of the case
    whose ``method`` is replaced, so the method rules and the compiled case see one version.

    Parameters
    ----------
    case : Case
        As loaded.
    method : str or MethodSpec or None
        A known method id, a spec object (e.g. an intermediate one of ``lcacompare diff``), or
        None for the version the case states.

    Returns
    -------
    tuple of (Case, dict)
        The case to run, and the ``method`` and ``case_method`` options of :class:`AnalysisOptions`
        (empty when ``method`` is None).

    Raises
    ------
    CaseError
        Rule ``method-unknown`` if ``method`` is an id lcacompare does not know.
    """
    if method is None:
        return case, {}
    from lcacompare.method.rules import applied_method

    spec = applied_method(method)
    applied = case if case.method == spec.id else case.model_copy(update={"method": spec.id})
    return applied, {"method": spec, "case_method": case.method}


def analyse(
    case: Case,
    *,
    samples: int | None = None,
    seed: int | None = None,
    sensitivity: bool = True,
    sobol: bool = False,
    home: str | Path | None = None,
    datasets: Any = None,
    method: str | MethodSpec | None = None,
    progress: Progress | None = None,
    on_event: EventSink | None = None,
) -> Analysis:
    """Compare a case and build its full typed result.

    The run is the pipeline of :func:`lcacompare.analysis.steps.analysis_steps` (prepare,
    compare, cost, uncertainty, sensitivity, inputs, transparency), each step producing its
    sections of the result; see ``docs/pipeline.md``.

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
    method : str or MethodSpec, optional
        Apply this method version instead of the one the case states (``--method``); the
        result's ``method_spec`` then also records the stated one as ``case_method``.
    progress : callable, optional
        Called with the label of each step as it starts (the older, text-only progress).
    on_event : callable, optional
        Called with each typed progress event (:class:`~lcacompare.pipeline.StepStarted`,
        :class:`~lcacompare.pipeline.StepFraction` for the long steps,
        :class:`~lcacompare.pipeline.StepDone` with its duration), in order, on this thread;
        :class:`~lcacompare.pipeline.EventStream` turns it into an iterator.

    Returns
    -------
    Analysis
        ``result`` is the :class:`~lcacompare.result.Result`; ``to_dict()`` gives the plain dict.

    Examples
    --------
    >>> events = []
    >>> analysis = analyse(case, samples=1000, on_event=events.append)  # doctest: +SKIP
    >>> [e.step for e in events if e.kind == "step-done"]  # doctest: +SKIP
    ['prepare', 'compare', 'cost', 'uncertainty', 'sensitivity', 'inputs', 'supply', 'data_quality', 'study',
     'circular', 'circularity', 'sterilisation', 'electricity', 'iso_reporting', 'transparency']
    """
    case, applied = apply_method(case, method)
    chosen = _options(sobol, samples, seed=seed, sensitivity=sensitivity, home=home, datasets=datasets, **applied)
    artefacts = analysis_pipeline(chosen).run({"case": case, "settings": chosen}, _sink(progress, on_event)).artefacts
    return Analysis(artefacts["comparison"], artefacts["result"], artefacts.get("samples", {}))


def run_case(
    case: Case,
    output: str | Path = "reports",
    *,
    formats: Iterable[str] | None = None,
    folder_name: str | None = None,
    lang: str = "en",
    **options: Any,
) -> Analysis:
    """Compare a case and write ``output/<case-id>/result.json``, ``report.html``, ``report.xlsx``.

    Parameters
    ----------
    case : Case
        From :func:`lcacompare.load_case`.
    output : str or Path
        Reports folder; one sub-folder per case.
    formats : iterable of str, optional
        Names of registered report formats (:mod:`lcacompare.report.formats`: ``json``,
        ``html``, ``xlsx``, ``summary``, the buyer's page alone); default the registry's default
        formats (``json``, ``html``, ``xlsx``).
    folder_name : str, optional
        Sub-folder name; default the case id.
    lang : {"en", "nl"}
        Language of the HTML and Excel reports.
    **options
        As for :func:`analyse` (``samples``, ``seed``, ``sensitivity``, ``home``, ``method``,
        ``progress``, ``on_event``, ...); the events also cover the ``render`` and ``write`` steps.

    Returns
    -------
    Analysis
        With ``files`` the paths written and ``stale`` the other report files found in the
        folder, which this run did not update (they are left alone, never deleted).
    """
    from lcacompare.report.formats import default_formats, report_format

    # Checked first: an unknown name fails before any work.
    wanted = [fmt.name for fmt in default_formats()] if formats is None else [report_format(n).name for n in formats]
    progress, on_event = options.pop("progress", None), options.pop("on_event", None)
    case, applied = apply_method(case, options.pop("method", None))
    chosen = _options(options.pop("sobol", False), options.pop("samples", None), **options, **applied)
    folder = Path(output) / (folder_name or case.id)
    steps = (*analysis_steps(chosen), *report_steps(wanted, folder, lang))
    artefacts = Pipeline(steps, INPUTS).run({"case": case, "settings": chosen}, _sink(progress, on_event)).artefacts
    analysis = Analysis(artefacts["comparison"], artefacts["result"], artefacts.get("samples", {}))
    analysis.files, analysis.stale = artefacts["written"], artefacts["stale"]
    return analysis
