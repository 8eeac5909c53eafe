r"""The ``iso_reporting`` section: every reporting item of ISO 14044:2006 clauses 5.2 and 5.3.

Applied only under a method with an ``iso_reporting`` section (LCAC-HC/2). Each item is answered
from one of three places, or flagged:

- the case's ``study:`` block (:mod:`lcacompare.model.study`) for what only people know: who
  commissioned and did the study, why, for whom, and its critical review;
- the method spec and the compiled case, for the rules the study follows;
- the run's result, including the eleven texts of the ``transparency`` section
  (:func:`lcacompare.analysis.transparency.transparency_section`), reused where they answer an item.

An item nothing answers is ``not provided``, with what would provide it; it is never filled with
a default. The count of provided items is :math:`n_p = |\{i : \text{text}_i \neq \varnothing\}|`
over the :math:`n` items, and :math:`n_p + n_{np} = n`.

The item list paraphrases ISO 14044:2006 5.2 a-g and 5.3 (the standard is paywalled and was not
read; the two clauses and their scope follow Klöpffer and Grahl 2014, section 5.4, p. 339). A
comparative assertion disclosed to the public needs a critical review by a panel of interested
parties (ISO 14044:2006 6.1, 6.3; Klöpffer and Grahl 2014, p. 340: an internal or external expert
review is not enough); the method lists the accepted review kinds in
``iso_reporting.public_assertion_reviews``.

References
----------
ISO 14044:2006 Environmental management - Life cycle assessment - Requirements and guidelines,
clauses 5.2, 5.3, 6.1-6.3.
Klöpffer W., Grahl B. (2014) Life Cycle Assessment (LCA): A Guide to Best Practice. Wiley-VCH,
sections 5.4 (reporting) and 5.5 (critical review).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lcacompare.compile import CompiledCase
from lcacompare.model.study import Study
from lcacompare.report.formatting import percent, significant
from lcacompare.result import Result, as_result

__all__ = ["ItemSpec", "ITEMS", "N_", "iso_reporting_section", "review_missing"]


def N_(message: str) -> str:  # noqa: N802 -- Babel's keyword for a message marked, not translated, here
    """Mark an item title for the Babel catalogue; the reports translate it when they show it."""
    return message


@dataclass(frozen=True)
class _Facts:
    """What an item's answer may read."""

    compiled: CompiledCase
    result: Result
    texts: Mapping[str, str]
    """The transparency texts, by key of :data:`lcacompare.result.TRANSPARENCY_ITEMS`."""
    study: Study
    spec: Mapping[str, Any]
    """The method's ``iso_reporting`` section."""
    rows: list[dict[str, Any]]
    """The input rows (parameters, lines, costs, factors, prices) with their provenance."""


Answer = Callable[[_Facts], str | None]
"""An item's generator: its text, or None when nothing answers it."""


@dataclass(frozen=True)
class ItemSpec:
    """One reporting item: id, clause, English title, what would provide it, its generator."""

    id: str
    clause: str
    title: str
    provide: str
    answer: Answer


# --- answers from the case's study: block -------------------------------------------------------


def _study_field(name: str) -> Answer:
    def answer(facts: _Facts) -> str | None:
        value = getattr(facts.study, name)
        return None if value is None else str(value)

    return answer


def _iso_statement(facts: _Facts) -> str:
    method = facts.compiled.method
    return (
        f"Calculated under method {method.id} ({method.title}), whose rules follow ISO 14040:2006 and "
        "ISO 14044:2006. The report lists every reporting item of ISO 14044:2006 5.2 and 5.3 below; the study "
        "conforms to ISO 14044 only when every item is provided and, for a comparative assertion disclosed to "
        "the public, a panel of interested parties has reviewed it (ISO 14044:2006 6.1, 6.3)."
    )


def _public_assertion(facts: _Facts) -> str | None:
    stated = facts.study.public_comparative_assertion
    if stated is None:
        return None
    text = (
        "The results are intended to support a comparative assertion disclosed to the public."
        if stated
        else "The results are not intended for a comparative assertion disclosed to the public."
    )
    if facts.study.reason_public_comparative_assertion:
        text += f" {facts.study.reason_public_comparative_assertion}"
    return text


def _review(facts: _Facts) -> CriticalReviewView:
    return CriticalReviewView.of(facts.study)


@dataclass(frozen=True)
class CriticalReviewView:
    """The stated critical review, or an empty one."""

    status: str
    reviewers: list[tuple[str, str | None]]
    report: str | None
    responses: str | None
    process: str | None

    @classmethod
    def of(cls, study: Study) -> CriticalReviewView:
        review = study.critical_review
        if review is None:
            return cls("none", [], None, None, None)
        people = [(r.name, r.affiliation) for r in review.reviewers]
        return cls(review.status, people, review.report, review.responses, review.process)


def _reviewers(facts: _Facts) -> str | None:
    review = _review(facts)
    if not review.reviewers:
        return None
    names = "; ".join(f"{name} ({affiliation})" if affiliation else name for name, affiliation in review.reviewers)
    return f"Critical review ({review.status}): {names}."


def _review_report(facts: _Facts) -> str | None:
    return _review(facts).report


def _review_responses(facts: _Facts) -> str | None:
    return _review(facts).responses


def _review_process(facts: _Facts) -> str | None:
    review = _review(facts)
    if review.process is None:
        return None
    return f"Critical review ({review.status}): {review.process}"


# --- answers reused from the transparency texts -------------------------------------------------


def _text(key: str) -> Answer:
    def answer(facts: _Facts) -> str | None:
        return facts.texts.get(key)

    return answer


def _with_study_text(key: str, field: str, label: str) -> Answer:
    """A transparency text, followed by the study block's free text on the same item when given."""

    def answer(facts: _Facts) -> str | None:
        text = facts.texts.get(key)
        extra = getattr(facts.study, field)
        if extra:
            text = f"{text} {label}: {extra}" if text else f"{label}: {extra}"
        return text

    return answer


# --- answers from the method, the compiled case and the run ---------------------------------------


def _omissions(facts: _Facts) -> str:
    method = facts.compiled.method
    zeros = [
        f"{option.id} {module}: {reason}"
        for option in facts.compiled.case.options
        for module, reason in option.zero_modules.items()
    ]
    text = (
        f"Life-cycle stages omitted from the total: {', '.join(method.reported_apart)} (credits beyond the "
        "system boundary, reported apart). "
    )
    text += (
        f"Modules an option declares zero, with the reason: {'; '.join(zeros)}. "
        if zeros
        else "No option declares a module zero. "
    )
    text += (
        "Processes the case does not declare are outside the inventory; capital goods count only where a line "
        "names them. Data needs left open: inputs that rest on a labelled assumption (see data collection)."
    )
    return text


def _energy_and_material(facts: _Facts) -> str:
    parts = []
    for option in facts.result.options:
        modules = Counter(line.module for line in option.lines)
        lines = ", ".join(f"{module} {count}" for module, count in sorted(modules.items()))
        parts.append(
            f"{option.id}: {len(option.lines)} inventory lines ({lines}); virgin material "
            f"{significant(option.virgin_material_kg_per_use)} kg, waste {significant(option.waste_kg_per_use)} kg, "
            f"water {significant(option.water_m3_per_use)} m3 per use"
        )
    return (
        "Every energy and material input and output is an inventory line quantified per use in its unit "
        f"(listed in the inputs table and the line contributions). {'; '.join(parts)}."
    )


def _lcia_results(facts: _Facts) -> str:
    method = facts.compiled.method
    parts = []
    for option in facts.result.options:
        modules = ", ".join(f"{m} {significant(v)}" for m, v in option.kg_co2e_by_module.items())
        parts.append(f"{option.id}: {significant(option.kg_co2e_per_use)} kg CO2e per use ({modules})")
    return (
        f"{method.characterisation.indicator} per use, total of {' + '.join(method.total_modules)} "
        f"({', '.join(method.reported_apart)} apart): {'; '.join(parts)}. The results are relative expressions "
        "per functional unit; they do not predict impacts on category endpoints, thresholds or risks."
    )


def _lcia_limitations(facts: _Facts) -> str:
    extra = facts.compiled.method.model_extra or {}
    secondary = ", ".join(s["id"] for s in extra.get("secondary_indicators", []))
    return (
        f"One impact category is characterised ({facts.compiled.method.characterisation.indicator}). The "
        f"indicators beside it ({secondary}) are inventory totals, not characterised; toxicity, land use, "
        "resource depletion and other categories are not assessed, so the LCIA cannot show a trade-off between "
        "climate change and them."
    )


def _lci_relation(facts: _Facts) -> str:
    return (
        "Each line's CO2e per use is its amount per use times its emission factor (kg CO2e per unit of the "
        "line); an option's CO2e per use is the sum over its lines in the total modules. The line contributions "
        "in the report are the LCI results behind every LCIA figure; the characterisation of gases into CO2e is "
        "the method's GWP100 table."
    )


def _lcia_value_choices(facts: _Facts) -> str:
    text = (
        "No normalisation, grouping or weighting is applied (optional LCIA elements, ISO 14044:2006 4.4.3); "
        "with one characterised category there is nothing to weight."
    )
    shadow = facts.compiled.case.context.shadow_carbon_price
    if shadow is not None:
        text += (
            f" A monetised view values CO2e at EUR {significant(shadow.eur_per_tonne)} per tonne, a value choice "
            "reported apart from cost."
        )
    return text


def _indicator_choice(facts: _Facts) -> str | None:
    rationale = facts.spec.get("indicator_rationale")
    char = facts.compiled.method.characterisation
    if not rationale:
        return None
    return f"{char.indicator} in {char.unit} ({char.reference}). Why: {rationale}."


def _spec_text(key: str) -> Answer:
    def answer(facts: _Facts) -> str | None:
        value = facts.spec.get(key)
        return f"{value}." if value else None

    return answer


def _software_and_data(facts: _Facts) -> str:
    result = facts.result
    sources = sorted({r["source"] for r in facts.rows if r["kind"] in ("factor", "price") and r.get("source")})
    text = (
        f"lcacompare {result.lcacompare_version} (open source; Brightway 2.5 for the LCA matrices, pint for "
        f"units, SALib for sensitivity); method {facts.compiled.method.id} (spec SHA-256 "
        f"{facts.compiled.method.digest[:16]}); datasets SHA-256 {(result.datasets_sha256 or 'not recorded')[:16]}."
    )
    if sources:
        text += f" Background data: {'; '.join(sources)}."
    return text


def _data_collection(facts: _Facts) -> str:
    case_rows = [r for r in facts.rows if r["kind"] in ("parameter", "inventory", "cost")]
    sourced = [r for r in case_rows if r.get("source")]
    return (
        f"The case states {len(case_rows)} inputs (parameters, inventory and cost lines): {len(sourced)} cite a "
        f"source and {len(case_rows) - len(sourced)} rest on a labelled assumption. Emission factors and prices "
        "come from the shipped datasets, each row with its source, year and geography (inputs table)."
    )


def _unit_processes(facts: _Facts) -> str:
    parts = []
    for option in facts.result.options:
        activities = sorted({line.activity for line in option.lines})
        parts.append(f"{option.id} ({option.kind}, {len(option.lines)} lines): {', '.join(activities)}")
    return (
        "Unit processes are the case's inventory lines, each named by its activity, module, amount, unit and "
        f"basis (per use, cycle or life): {'; '.join(parts)}."
    )


def _literature(facts: _Facts) -> str | None:
    sources = sorted({r["source"] for r in facts.rows if r.get("source")})
    reference = facts.compiled.case.reference
    if reference is not None:
        sources.insert(0, reference.citation)
    if not sources:
        return None
    return f"{len(sources)} distinct sources: {'; '.join(sources)}."


def _calculation(facts: _Facts) -> str:
    extra = facts.compiled.method.model_extra or {}
    reusables = extra.get("reusables", {})
    costs = facts.compiled.method.costs
    return (
        "Amount per use: a line per use as given; per cycle times the item's share of the load "
        f"({reusables.get('per_cycle', '')}); per life divided by the expected uses ({reusables.get('rule', '')}). "
        "kg CO2e per use = sum over lines of amount per use times the emission factor. Cost per use: "
        f"{costs.get('levelised_cost', '')}; discounting {costs.get('discounting', '')}."
    )


def _validation(facts: _Facts) -> str:
    text = (
        "Before any calculation the case is checked against the method's catalogued rules (units and "
        "dimensions, value ranges, a source or an assumption for every number, known activities and "
        "geographies); a case that breaks one is refused."
    )
    study = facts.result.study
    if study is not None and study.reference:
        within = sum(1 for r in study.reference if r.within_tolerance)
        text += (
            f" Against the published study it rebuilds: {within} of {len(study.reference)} figures within the "
            "stated tolerance."
        )
    return text


def _sensitivity_boundary(facts: _Facts) -> str | None:
    if facts.result.sensitivity is None and not facts.result.breakeven:
        return None
    return facts.texts.get("sensitivity")


def _data_quality_assessment(facts: _Facts) -> str:
    scored = [r for r in facts.rows if r.get("pedigree")]
    weak = sorted({r["name"] for r in scored if max(r["pedigree"]) >= 4})
    text = (
        f"{len(scored)} of {len(facts.rows)} inputs carry pedigree scores (reliability, completeness, temporal, "
        "geographical, technological correlation, 1 best to 5 worst); inputs without one count as the worst in the "
        "uncertainty analysis."
    )
    if weak:
        text += f" Inputs with a score of 4 or 5: {', '.join(weak)}."
    return f"{text} {facts.texts.get('uncertainty', '')}".strip()


def _value_choices(facts: _Facts) -> str:
    method = facts.compiled.method
    context = facts.compiled.case.context
    text = (
        f"Value choices of the method: a comparative verdict only at a probability of at least "
        f"{percent(method.assertion_threshold)}; cut-off allocation of recycling; module D apart from the total. "
        f"Of the case: discount rate {percent(context.discount_rate)}, horizon {significant(context.horizon_years)} "
        f"years, {significant(context.annual_uses)} uses a year"
    )
    sources = context.sources or {}
    cited = [f"{key}: {value}" for key, value in sources.items()]
    text += f" ({'; '.join(cited)})." if cited else "."
    if facts.study.value_choices:
        text += f" Expert judgements stated by the practitioner: {facts.study.value_choices}"
    else:
        text += " The case states no further expert judgements (study.value_choices)."
    return text


def _flows(facts: _Facts) -> str:
    parts = []
    for option in facts.result.options:
        total = sum(abs(line.kg_co2e_per_use) for line in option.lines) or 1.0
        small = [line for line in option.lines if abs(line.kg_co2e_per_use) / total < 0.01]
        top = max(option.lines, key=lambda line: abs(line.kg_co2e_per_use), default=None)
        if top is None:
            continue
        parts.append(
            f"{option.id}: largest line {top.activity} ({top.module}, {percent(abs(top.kg_co2e_per_use) / total)} "
            f"of the line contributions); {len(small)} of {len(option.lines)} lines under 1 %, kept"
        )
    return f"No flow is excluded: every declared line enters the result however small (no cut-off). {'; '.join(parts)}."


def _precision(facts: _Facts) -> str:
    scored = [r["pedigree"] for r in facts.rows if r.get("pedigree")]
    names = ("reliability", "completeness", "temporal", "geographical", "technological")
    if scored:
        means = ", ".join(f"{name} {sum(p[i] for p in scored) / len(scored):.1f}" for i, name in enumerate(names))
        text = f"Mean pedigree score of the {len(scored)} scored inputs (1 best, 5 worst): {means}."
    else:
        text = "No input carries pedigree scores."
    return f"{text} {facts.texts.get('data_sources_and_quality', '')}".strip()


def _equivalence(facts: _Facts) -> str:
    case = facts.compiled.case
    text = (
        f"All {len(case.options)} options deliver the same functional unit ({case.functional_unit}) and are "
        f"calculated under one method ({facts.compiled.method.id}): the same life-cycle modules, background, "
        f"allocation rules, data-quality rules, impact assessment and decision rule, in one context "
        f"({case.context.country}, price year {case.context.price_year}) (ISO 14044:2006 4.2.3.7)."
    )
    if facts.study.equivalence:
        text += f" Functional equivalence as stated by the practitioner: {facts.study.equivalence}"
    return text


def _lcia_completeness(facts: _Facts) -> str:
    return (
        "The LCIA is not complete: only climate change is characterised. A comparative assertion from it holds "
        "for climate change alone and says nothing about other impact categories."
    )


def _uncertainty_and_sensitivity(facts: _Facts) -> str | None:
    if facts.result.uncertainty is None:
        return None
    return f"{facts.texts.get('uncertainty', '')} {facts.texts.get('sensitivity', '')}".strip()


def _significance(facts: _Facts) -> str | None:
    uncertainty = facts.result.uncertainty
    if uncertainty is None:
        return None
    threshold = facts.compiled.method.assertion_threshold
    parts = []
    for key, diff in uncertainty.differences.items():
        parts.append(
            f"{key}: CO2e {diff.verdict_co2e} (probability lower {percent(diff.probability_lower_co2e)}), cost "
            f"{diff.verdict_cost} (probability lower {percent(diff.probability_lower_cost)})"
        )
    return (
        f"A difference is significant when the paired Monte Carlo gives it a probability of at least "
        f"{percent(threshold)} ({uncertainty.samples} samples): {'; '.join(parts)}."
    )


# --- the items ----------------------------------------------------------------------------------

_STUDY = "state it in the case's study: block"
_RUN = "run with uncertainty (--samples greater than 0)"

ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "5.2.a.commissioner",
        "5.2 a",
        N_("Commissioner of the study"),
        f"{_STUDY} (study.commissioner)",
        _study_field("commissioner"),
    ),
    ItemSpec(
        "5.2.a.practitioner",
        "5.2 a",
        N_("Practitioner of the study"),
        f"{_STUDY} (study.practitioner)",
        _study_field("practitioner"),
    ),
    ItemSpec(
        "5.2.a.report_date",
        "5.2 a",
        N_("Date of the report"),
        f"{_STUDY} (study.report_date, e.g. 2026-03-01)",
        _study_field("report_date"),
    ),
    ItemSpec(
        "5.2.a.iso_statement",
        "5.2 a",
        N_("Statement that the study follows ISO 14044"),
        "a method with an iso_reporting section",
        _iso_statement,
    ),
    ItemSpec(
        "5.2.b.reasons", "5.2 b", N_("Reasons for the study"), f"{_STUDY} (study.reasons)", _study_field("reasons")
    ),
    ItemSpec(
        "5.2.b.intended_applications",
        "5.2 b",
        N_("Intended applications"),
        f"{_STUDY} (study.intended_application)",
        _study_field("intended_application"),
    ),
    ItemSpec(
        "5.2.b.target_audiences",
        "5.2 b",
        N_("Target audiences"),
        f"{_STUDY} (study.intended_audience)",
        _study_field("intended_audience"),
    ),
    ItemSpec(
        "5.2.b.public_comparative_assertion",
        "5.2 b",
        N_("Comparative assertion disclosed to the public"),
        f"{_STUDY} (study.public_comparative_assertion: true or false, with study.reason_public_comparative_assertion)",
        _public_assertion,
    ),
    ItemSpec("5.2.c.function", "5.2 c", N_("Function"), "the case's title and options", _text("goal_and_scope")),
    ItemSpec(
        "5.2.c.functional_unit", "5.2 c", N_("Functional unit"), "the case's functional_unit", _text("functional_unit")
    ),
    ItemSpec("5.2.c.system_boundary", "5.2 c", N_("System boundary"), "the method's modules", _text("system_boundary")),
    ItemSpec(
        "5.2.c.omissions",
        "5.2 c",
        N_("Omissions of life-cycle stages, processes or data needs"),
        "the method's modules and the options' zero_modules",
        _omissions,
    ),
    ItemSpec(
        "5.2.c.energy_and_material",
        "5.2 c",
        N_("Quantification of energy and material inputs and outputs"),
        "the options' inventory lines",
        _energy_and_material,
    ),
    ItemSpec("5.2.c.cut_off", "5.2 c", N_("Cut-off criteria"), "the method's cut-off rule", _text("cut_off")),
    ItemSpec(
        "5.2.c.allocation", "5.2 c", N_("Allocation procedures"), "the method's allocation rule", _text("allocation")
    ),
    ItemSpec(
        "5.2.c.data_quality_requirements",
        "5.2 c",
        N_("Data quality requirements"),
        "the method's data_quality rule",
        _text("data_sources_and_quality"),
    ),
    ItemSpec(
        "5.2.c.software_and_data",
        "5.2 c",
        N_("Software and data used"),
        "the run's version stamps",
        _software_and_data,
    ),
    ItemSpec(
        "5.2.d.data_collection",
        "5.2 d",
        N_("Data collection procedures"),
        "sources or assumptions on the case's inputs",
        _data_collection,
    ),
    ItemSpec(
        "5.2.d.unit_processes",
        "5.2 d",
        N_("Qualitative and quantitative description of unit processes"),
        "the options' inventory lines",
        _unit_processes,
    ),
    ItemSpec(
        "5.2.d.literature",
        "5.2 d",
        N_("Sources of published literature"),
        "cite a source on the case's inputs (source:) or a reference: block",
        _literature,
    ),
    ItemSpec("5.2.d.calculation", "5.2 d", N_("Calculation procedures"), "the method's per-use rules", _calculation),
    ItemSpec("5.2.d.validation", "5.2 d", N_("Validation of data"), "the method's rule checks", _validation),
    ItemSpec(
        "5.2.d.sensitivity_boundary",
        "5.2 d",
        N_("Sensitivity analysis for refining the system boundary"),
        f"{_RUN}, with the tornado (the default) or a reusable option's break-even",
        _sensitivity_boundary,
    ),
    ItemSpec(
        "5.2.d.allocation",
        "5.2 d",
        N_("Allocation principles and procedures"),
        "the method's allocation rule",
        _text("allocation"),
    ),
    ItemSpec(
        "5.2.e.procedures",
        "5.2 e",
        N_("LCIA procedures, calculations and results"),
        "the method's characterisation",
        _text("impact_method"),
    ),
    ItemSpec("5.2.e.results", "5.2 e", N_("LCIA results"), "the run's per-use results", _lcia_results),
    ItemSpec("5.2.e.limitations", "5.2 e", N_("Limitations of the LCIA"), "the method's indicators", _lcia_limitations),
    ItemSpec(
        "5.2.e.lci_relation",
        "5.2 e",
        N_("Relation of the LCIA results to the LCI results"),
        "the run's line contributions",
        _lci_relation,
    ),
    ItemSpec(
        "5.2.e.value_choices",
        "5.2 e",
        N_("Value choices in the LCIA (normalisation, weighting)"),
        "the method's LCIA rules",
        _lcia_value_choices,
    ),
    ItemSpec(
        "5.2.e.category_indicators",
        "5.2 e",
        N_("Category indicators chosen and why"),
        "the method's iso_reporting.indicator_rationale",
        _indicator_choice,
    ),
    ItemSpec("5.2.f.results", "5.2 f", N_("Interpretation of the results"), "the run", _text("interpretation")),
    ItemSpec(
        "5.2.f.assumptions_and_limitations",
        "5.2 f",
        N_("Assumptions and limitations"),
        "the run",
        _with_study_text("limitations", "notes", "Practitioner's notes"),
    ),
    ItemSpec(
        "5.2.f.data_quality_assessment",
        "5.2 f",
        N_("Data quality assessment"),
        "pedigree scores on the case's inputs",
        _data_quality_assessment,
    ),
    ItemSpec(
        "5.2.f.value_choices",
        "5.2 f",
        N_("Value choices, rationales and expert judgements"),
        "the method and the case's context",
        _value_choices,
    ),
    ItemSpec(
        "5.2.g.reviewers",
        "5.2 g",
        N_("Name and affiliation of the reviewers"),
        f"{_STUDY} (study.critical_review.status and .reviewers: name, affiliation)",
        _reviewers,
    ),
    ItemSpec(
        "5.2.g.review_report",
        "5.2 g",
        N_("Critical review report"),
        f"{_STUDY} (study.critical_review.report: reference or URL)",
        _review_report,
    ),
    ItemSpec(
        "5.2.g.responses",
        "5.2 g",
        N_("Responses to the reviewers' recommendations"),
        f"{_STUDY} (study.critical_review.responses)",
        _review_responses,
    ),
    ItemSpec(
        "5.3.flows",
        "5.3",
        N_("Analysis of material and energy flows to justify their inclusion or exclusion"),
        "the run's line contributions",
        _flows,
    ),
    ItemSpec(
        "5.3.data_precision",
        "5.3",
        N_("Precision, completeness and representativeness of the data"),
        "pedigree scores on the case's inputs",
        _precision,
    ),
    ItemSpec(
        "5.3.equivalence",
        "5.3",
        N_("Equivalence of the systems compared"),
        "the case's functional unit and method",
        _equivalence,
    ),
    ItemSpec(
        "5.3.review_process",
        "5.3",
        N_("Critical review process"),
        f"{_STUDY} (study.critical_review.process)",
        _review_process,
    ),
    ItemSpec(
        "5.3.lcia_completeness",
        "5.3",
        N_("Completeness of the LCIA"),
        "the method's indicators",
        _lcia_completeness,
    ),
    ItemSpec(
        "5.3.indicator_acceptance",
        "5.3",
        N_("International acceptance of the category indicators"),
        "the method's iso_reporting.indicator_acceptance",
        _spec_text("indicator_acceptance"),
    ),
    ItemSpec(
        "5.3.indicator_validity",
        "5.3",
        N_("Scientific and technical validity and environmental relevance of the category indicators"),
        "the method's iso_reporting.indicator_validity",
        _spec_text("indicator_validity"),
    ),
    ItemSpec(
        "5.3.uncertainty_and_sensitivity",
        "5.3",
        N_("Results of the uncertainty and sensitivity analyses"),
        _RUN,
        _uncertainty_and_sensitivity,
    ),
    ItemSpec(
        "5.3.significance",
        "5.3",
        N_("Significance of the differences found"),
        _RUN,
        _significance,
    ),
)
"""Every reporting item, clause 5.2 a-g then 5.3, in the clauses' order."""


def review_missing(study: Study | None, spec: Mapping[str, Any]) -> bool:
    """Whether results meant for a public comparative assertion lack the review the method asks for.

    True when ``study.public_comparative_assertion`` is true and the stated review status is not
    one of ``spec["public_assertion_reviews"]`` (``[panel]`` in LCAC-HC/2: ISO 14044:2006 6.1, 6.3).

    Examples
    --------
    >>> spec = {"public_assertion_reviews": ["panel"]}
    >>> review_missing(Study(public_comparative_assertion=True), spec)
    True
    >>> review_missing(Study(public_comparative_assertion=False), spec)
    False
    """
    if study is None or not study.public_comparative_assertion:
        return False
    status = study.critical_review.status if study.critical_review is not None else "none"
    return status not in spec.get("public_assertion_reviews", ["panel"])


def iso_reporting_section(
    compiled: CompiledCase, result: Result | Mapping[str, Any], texts: Mapping[str, str]
) -> dict[str, Any] | None:
    """The ``iso_reporting`` section of a run, or None when the method has no ``iso_reporting`` rule.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case (its ``study:`` block and its method).
    result : Result
        The result so far (a mapping is validated first).
    texts : mapping of str to str
        The transparency texts (:func:`lcacompare.analysis.transparency.transparency_section`).

    Returns
    -------
    dict or None
        ``reference``, ``items`` (id, clause, title, status, then ``text`` or ``provide``),
        ``provided`` and ``not_provided`` (:math:`n_p + n_{np} = n`), ``public_comparative_assertion``,
        ``review_status`` and ``review_missing``.
    """
    spec = compiled.method.section("iso_reporting")
    if spec is None:
        return None
    result = as_result(result)
    study = compiled.case.study or Study()
    rows = [r.model_dump() for r in result.inputs] if result.inputs else []
    facts = _Facts(compiled, result, texts, study, spec, rows)
    items = []
    for item in ITEMS:
        text = item.answer(facts)
        entry: dict[str, Any] = {"id": item.id, "clause": item.clause, "title": item.title}
        if text:
            entry |= {"status": "provided", "text": text}
        else:
            entry |= {"status": "not provided", "provide": item.provide}
        items.append(entry)
    provided = sum(1 for entry in items if entry["status"] == "provided")
    section: dict[str, Any] = {
        "reference": str(spec.get("reference", "ISO 14044:2006 clauses 5.2 and 5.3")),
        "items": items,
        "provided": provided,
        "not_provided": len(items) - provided,
        "review_status": study.critical_review.status if study.critical_review is not None else "none",
        "review_missing": review_missing(study, spec),
    }
    if study.public_comparative_assertion is not None:
        section["public_comparative_assertion"] = study.public_comparative_assertion
    return section
