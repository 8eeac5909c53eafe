r"""The buyer's first page: one signed line per alternative and an honest data-quality box.

Everything on the page comes from the typed result; nothing is computed anew except sums and
shares of stored figures:

- per use: alternative minus baseline, EUR and kg CO2e (negative: the alternative is lower);
- per year: the stored annual savings at the case's annual uses U (baseline minus alternative);
- break-even in uses per item (N*, rounded up to a whole use), for cost and for CO2e;
- the method's verdicts with their probabilities, worded honestly between the thresholds: an
  alternative with P(cheaper) = 33 % is "probably dearer (P = 67 %), not significant at the
  method's 95 %";
- data quality: inputs with a cited source against inputs that rest on an assumption, the share
  of each option's CO2e per use whose inventory amount is an assumption,

  .. math:: s_o = \frac{\sum_{l \in A_o} |c_l|}{\sum_{l \in L_o} |c_l|}

  with :math:`c_l` the kg CO2e per use of line :math:`l`, :math:`L_o` the option's lines and
  :math:`A_o` those without a source; the weakest inputs (assumed inputs with the widest tornado
  swing of the differences) and what to ask the supplier for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lcacompare.i18n import Translator, translator
from lcacompare.method.assertion import EQUAL, HIGHER, LOWER, too_few_draws
from lcacompare.report.formatting import eur, probability, significant, uses
from lcacompare.report.iso14044_view import review_warning
from lcacompare.report.labels import input_title, pretty_unit
from lcacompare.report.verdict import assertion
from lcacompare.result import BreakEven, Difference, InputRow, Result, as_result

__all__ = [
    "AlternativeLine",
    "DataQuality",
    "WeakInput",
    "BuyersPage",
    "buyers_page",
    "supply_warnings",
    "WEAKEST_SHOWN",
]

WEAKEST_SHOWN = 5
"""Most weak inputs named in the data-quality box."""


@dataclass(frozen=True)
class AlternativeLine:
    """One alternative against the baseline, with its figures and the sentence a buyer reads."""

    option: str
    title: str
    baseline: str
    eur_per_use_difference: float
    """Alternative minus baseline, EUR per use."""
    kg_co2e_per_use_difference: float
    """Alternative minus baseline, kg CO2e per use."""
    eur_saving_per_year: float | None
    """Baseline minus alternative, EUR per year at the annual uses (positive: switching saves)."""
    kg_co2e_saving_per_year: float | None
    """Baseline minus alternative, kg CO2e per year."""
    breakeven_uses_cost: float | None
    breakeven_uses_co2e: float | None
    probability_lower_co2e: float | None
    probability_lower_cost: float | None
    verdict_co2e: str | None
    verdict_cost: str | None
    sentence: str


@dataclass(frozen=True)
class WeakInput:
    """An assumed input that moves the result, and what to ask the supplier for."""

    title: str
    unit: str
    assumption: str
    swing_share: float
    """Its tornado swing over the sum of all swings of the differences (0-1)."""
    ask: str


@dataclass(frozen=True)
class DataQuality:
    """How much of the comparison rests on cited sources and how much on assumptions."""

    inputs_sourced: int
    inputs_assumed: int
    assumed_share_by_option: dict[str, float]
    """Share (0-1) of each option's CO2e per use from lines whose amount is an assumption."""
    weakest: list[WeakInput] = field(default_factory=list)
    warning: str = ""
    """A plain warning when most inputs are assumptions, else empty."""


@dataclass(frozen=True)
class BuyersPage:
    """The first page of the report."""

    lang: str
    title: str
    functional_unit: str
    annual_uses: float | None
    lines: list[AlternativeLine]
    quality: DataQuality | None
    uses_definition: str
    threshold: float
    supply_warnings: list[str] = field(default_factory=list)
    """At most one line: the options that are worse than another on a supply-security indicator."""
    review_warning: str | None = None
    """A public comparative claim without the panel review ISO 14044 asks for (:mod:`.iso14044_view`)."""


def supply_warnings(result: Result, lang: str = "en") -> list[str]:
    """The first page's line on the options another option beats on a supply-security indicator.

    Parameters
    ----------
    result : Result
        With its ``supply`` section (none, or no stated indicator, gives no sentence).
    lang : {"en", "nl"}

    Returns
    -------
    list of str
        At most one sentence, naming in case order each option that is worse on some indicator and
        on how many (the supply-security table of the appendix names them), so that the first page
        stays one A4 page.
    """
    supply = result.supply
    if supply is None:
        return []
    _ = translator(lang).gettext
    worse = supply.worse()
    parts = [
        _("{option} on {count}").format(option=option.id, count=len(worse[option.id]))
        for option in result.options
        if worse.get(option.id)
    ]
    if not parts:
        return []
    # One line for the whole page (it must stay one A4 page); the table names every indicator.
    return [
        _(
            "Supply security: worse than another option on some indicators: {parts} (see the supply-security table)."
        ).format(parts="; ".join(parts))
    ]


def _amount_phrase(t: Translator, text: str, difference: float) -> str:
    _ = t.gettext
    if abs(difference) < 1e-12:
        return _("{amount} the same").format(amount=text)
    return (_("{amount} less") if difference < 0 else _("{amount} more")).format(amount=text)


def _tonnes(kg: float, t: Translator) -> str:
    """An amount of CO2e in kg below a tonne, else in t."""
    if abs(kg) >= 1000:
        return f"{significant(abs(kg) / 1000, lang=t.lang)} t CO2e"
    return f"{significant(abs(kg), lang=t.lang)} kg CO2e"


def _breakeven(t: Translator, entry: BreakEven | None) -> str | None:
    _ = t.gettext
    if entry is None:
        return None

    def one(status: str, n: float | None) -> str:
        if status == "always":
            return _("from the first use")
        if status == "never":
            return _("never")
        if status == "equal":
            return _("equal at any number of uses")
        return _("after {n} uses per item").format(n=uses(n, t.lang))

    return _("cost break-even {cost}, CO2e {co2e}").format(
        cost=one(entry.status_cost, entry.uses_cost), co2e=one(entry.status_co2e, entry.uses_co2e)
    )


def _p(value: float, t: Translator) -> str:
    """``P = 79 %``, or ``P > 99 %`` / ``P < 1 %`` near the ends (see :func:`probability`)."""
    text = probability(value, t.lang)
    return f"P {text}" if text.startswith(("<", ">")) else f"P = {text}"


def _honest(
    t: Translator, metric: str, verdict: str | None, p_lower: float | None, threshold: float, too_few: bool
) -> str:
    """The verdict of one metric with its probability, worded for a buyer."""
    _ = t.gettext
    lower_word = _("lower CO2e") if metric == "co2e" else _("cheaper")
    higher_word = _("higher CO2e") if metric == "co2e" else _("dearer")
    if verdict is None or p_lower is None:
        what = _("CO2e") if metric == "co2e" else _("cost")
        return _("{what}: not tested (no uncertainty analysis)").format(what=what)
    if verdict == EQUAL:
        return _("the same CO2e in every draw") if metric == "co2e" else _("the same cost in every draw")
    p_higher = 1.0 - p_lower
    if verdict == LOWER:
        return _("{word} ({p})").format(word=lower_word, p=_p(p_lower, t))
    if verdict == HIGHER:
        return _("{word} ({p})").format(word=higher_word, p=_p(p_higher, t))
    if too_few:
        what = _("CO2e") if metric == "co2e" else _("cost")
        return _("{what} not judged: too few Monte Carlo draws for the method").format(what=what)
    probable, p = (lower_word, p_lower) if p_lower >= 0.5 else (higher_word, p_higher)
    return _("probably {word} ({p}), not significant at the method's {threshold}").format(
        word=probable, p=_p(p, t), threshold=probability(threshold, t.lang)
    )


def _line(
    t: Translator,
    result: Result,
    option_id: str,
    difference: Difference | None,
    threshold: float,
    too_few: bool,
    samples: int,
    min_samples: int,
) -> AlternativeLine:
    _ = t.gettext
    base = result.option(result.baseline)
    option = result.option(option_id)
    d_eur = option.eur_per_use - base.eur_per_use
    d_co2e = option.kg_co2e_per_use - base.kg_co2e_per_use
    per_use = _("{cost} and {co2e} per use").format(
        cost=_amount_phrase(t, eur(abs(d_eur), t.lang), d_eur),
        co2e=_amount_phrase(t, f"{significant(abs(d_co2e), lang=t.lang)} kg CO2e", d_co2e),
    )
    parts = [
        _("{alternative} instead of {baseline}: {per_use}").format(
            alternative=option.title or option.id, baseline=base.title or base.id, per_use=per_use
        )
    ]
    annual = result.annual.options.get(option.id) if result.annual is not None else None
    saving_eur = annual.eur_saving_per_year_vs_baseline if annual is not None else None
    saving_co2e = annual.kg_co2e_saving_per_year_vs_baseline if annual is not None else None
    if annual is not None and result.annual is not None:
        parts.append(
            _("at {uses} uses a year: {cost} and {co2e} a year").format(
                uses=uses(result.annual.annual_uses, t.lang),
                cost=_amount_phrase(
                    t, eur(abs(annual.eur_saving_per_year_vs_baseline), t.lang), -annual.eur_saving_per_year_vs_baseline
                ),
                co2e=_amount_phrase(
                    t,
                    _tonnes(annual.kg_co2e_saving_per_year_vs_baseline, t),
                    -annual.kg_co2e_saving_per_year_vs_baseline,
                ),
            )
        )
    entry = (result.breakeven or {}).get(option.id)
    breakeven_text = _breakeven(t, entry)
    if breakeven_text:
        parts.append(breakeven_text)
    p_co2e = difference.probability_lower_co2e if difference is not None else None
    p_cost = difference.probability_lower_cost if difference is not None else None
    v_co2e = assertion(difference.verdict_co2e, p_co2e, threshold, samples, min_samples) if difference else None
    v_cost = assertion(difference.verdict_cost, p_cost, threshold, samples, min_samples) if difference else None
    if difference is None:
        parts.append(_("not tested for significance (no uncertainty analysis), so no claim that either is lower"))
    else:
        parts.append(
            _("{co2e}; {cost}").format(
                co2e=_honest(t, "co2e", v_co2e, p_co2e, threshold, too_few),
                cost=_honest(t, "cost", v_cost, p_cost, threshold, too_few),
            )
        )
    return AlternativeLine(
        option=option.id,
        title=option.title or option.id,
        baseline=base.id,
        eur_per_use_difference=d_eur,
        kg_co2e_per_use_difference=d_co2e,
        eur_saving_per_year=saving_eur,
        kg_co2e_saving_per_year=saving_co2e,
        breakeven_uses_cost=entry.uses_cost if entry is not None else None,
        breakeven_uses_co2e=entry.uses_co2e if entry is not None else None,
        probability_lower_co2e=p_co2e,
        probability_lower_cost=p_cost,
        verdict_co2e=v_co2e,
        verdict_cost=v_cost,
        sentence="; ".join(parts) + ".",
    )


def _assumed(row: InputRow) -> bool:
    return bool(row.assumption) and not row.source


def _row_of(input_id: str, rows: list[InputRow]) -> InputRow | None:
    """The input row behind a sampled input id (parameters only: their provenance is one row)."""
    kind, _, rest = input_id.partition(":")
    if kind != "parameter":
        return None
    return next((r for r in rows if r.kind == "parameter" and r.name == rest), None)


def _ask(t: Translator, title: str, unit: str) -> str:
    _ = t.gettext
    if unit in ("g", "kg", "t"):
        return _("the measured mass of: {title} ({unit}), per item").format(title=title, unit=unit)
    if unit.startswith(("kWh", "MJ", "MWh")):
        return _("the metered energy of: {title} ({unit})").format(title=title, unit=unit)
    if unit.startswith("EUR"):
        return _("a written quote for: {title} ({unit})").format(title=title, unit=unit)
    if unit:
        return _("a documented figure for: {title} ({unit}), with its source").format(title=title, unit=unit)
    return _("a documented figure for: {title}, with its source").format(title=title)


def _weakest(t: Translator, result: Result, rows: list[InputRow]) -> list[WeakInput]:
    sensitivity = result.sensitivity
    if sensitivity is None:
        return []
    targets = [k for k in sensitivity.tornado if "-vs-" in k] or list(sensitivity.tornado)
    swings: dict[str, float] = {}
    for target in targets:
        for metric in ("kg_co2e_per_use", "eur_per_use"):
            bars = getattr(sensitivity.tornado[target], metric)
            total = sum(b.swing for b in bars) or 1.0
            for bar in bars:
                swings[bar.input] = max(swings.get(bar.input, 0.0), bar.swing / total)
    weak = []
    for input_id, share in sorted(swings.items(), key=lambda kv: (-kv[1], kv[0])):
        row = _row_of(input_id, rows)
        if row is None or not _assumed(row):
            continue
        title = input_title(input_id)
        unit = pretty_unit(row.unit)
        weak.append(WeakInput(title, unit, row.assumption or "", share, _ask(t, title, unit)))
        if len(weak) == WEAKEST_SHOWN:
            break
    return weak


def data_quality(result: Result | Mapping[str, Any], lang: str = "en") -> DataQuality | None:
    """The data-quality box of a result (None when the result lists no inputs).

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    lang : {"en", "nl"}
        Language of the supplier requests and the warning.
    """
    result = as_result(result)
    t = translator(lang)
    _ = t.gettext
    rows = result.inputs or []
    if not rows:
        return None
    assumed = sum(1 for r in rows if _assumed(r))
    shares: dict[str, float] = {}
    for option in result.options:
        total = sum(abs(line.kg_co2e_per_use) for line in option.lines)
        weak = sum(abs(line.kg_co2e_per_use) for line in option.lines if not line.source)
        shares[option.id] = weak / total if total else 0.0
    warning = ""
    if assumed > len(rows) - assumed:
        warning = _(
            "Most inputs are assumptions, not cited figures: read the verdict as an indication and "
            "ask the suppliers for the figures named in the data-quality box before you rely on it."
        )
    return DataQuality(len(rows) - assumed, assumed, shares, _weakest(t, result, rows), warning)


def buyers_page(result: Result | Mapping[str, Any], threshold: float, lang: str = "en") -> BuyersPage:
    """The first page of the report in one language.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    threshold : float
        The method's comparative-assertion threshold (0.95 in LCAC-HC/1).
    lang : {"en", "nl"}
        Language.

    Returns
    -------
    BuyersPage
        One :class:`AlternativeLine` per alternative in case order, and the data-quality box.
    """
    result = as_result(result)
    t = translator(lang)
    _ = t.gettext
    uncertainty = result.uncertainty
    differences = uncertainty.differences if uncertainty is not None else {}
    samples = uncertainty.samples if uncertainty is not None else 0
    min_samples = uncertainty.assertion_min_samples if uncertainty is not None else 0
    too_few = uncertainty is not None and too_few_draws(samples, min_samples)
    lines = [
        _line(
            t, result, o.id, differences.get(f"{o.id}-vs-{result.baseline}"), threshold, too_few, samples, min_samples
        )
        for o in result.options
        if o.id != result.baseline
    ]
    return BuyersPage(
        lang=t.lang,
        title=result.case.title,
        functional_unit=result.case.functional_unit,
        annual_uses=result.annual.annual_uses if result.annual is not None else None,
        lines=lines,
        quality=data_quality(result, lang),
        uses_definition=_(
            "Uses per item: how many times one reusable item is used before it is discarded or lost "
            "(expected uses E, after losses; the rated uses N of the item beside it)."
        ),
        threshold=threshold,
        supply_warnings=supply_warnings(result, lang),
        review_warning=review_warning(result, lang),
    )
