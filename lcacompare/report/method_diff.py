"""The text of ``lcacompare diff``: a case's per-use figures under two method versions, and why they moved.

Numbers follow the report's formatting rule (:mod:`lcacompare.report.formatting`: three
significant digits in the language's locale); texts come from the Babel catalogue.
"""

from __future__ import annotations

from lcacompare.i18n import translator
from lcacompare.report.formatting import signed, signed_eur, significant
from lcacompare.result.diff import MethodDiff, Movement

__all__ = ["render_diff_text"]


def _relative(movement: Movement, lang: str) -> str:
    if movement.relative is None:
        return "-"
    return signed(100 * movement.relative, lang=lang) + " %"


def render_diff_text(diff: MethodDiff, lang: str = "en") -> str:
    """The diff as plain text lines: per option a table of modules, then the steps that explain the movement.

    Parameters
    ----------
    diff : MethodDiff
        From :func:`lcacompare.method_diff.method_diff`.
    lang : {"en", "nl"}
        Language of the texts and numbers.

    Returns
    -------
    str
        Text ending in a newline.

    Examples
    --------
    >>> print(render_diff_text(diff))  # doctest: +SKIP
    kocher-clamp: LCAC-HC/1 -> LCAC-HC/2 ...
    """
    t = translator(lang)
    _ = t.gettext
    first, second = diff.first.id, diff.second.id
    changes = {"added": _("added"), "removed": _("removed"), "changed": _("changed"), "renamed": _("renamed")}
    out = [
        _("{case}: {first} -> {second}, per use ({unit})").format(
            case=diff.case, first=first, second=second, unit=diff.functional_unit
        ),
        _("The case states {method}.").format(method=diff.case_method),
        "",
    ]
    moved, relative = _("movement"), _("relative")
    header = f"  {'':<24}{first:>14}{second:>14}{moved:>14}{relative:>12}"
    for option in diff.options:
        out += [f"{option.id} ({option.title})", header]
        rows: list[tuple[str, Movement, bool]] = [(str(k), m, False) for k, m in option.kg_co2e_by_module.items()]
        rows += [(_("total kg CO2e (D apart)"), option.kg_co2e_per_use, False), (_("EUR"), option.eur_per_use, True)]
        for label, movement, money in rows:
            change = signed_eur(movement.absolute, lang) if money else signed(movement.absolute, lang=lang)
            before, after = significant(movement.first, lang=lang), significant(movement.second, lang=lang)
            out.append(f"  {label:<24}{before:>14}{after:>14}{change:>14}{_relative(movement, lang):>12}")
        out.append("")
    out.append(
        _("Why (sections of {second} switched on one at a time on top of {first}, in this order):").format(
            first=first, second=second
        )
    )
    if not diff.steps:
        out.append("  " + _("The two versions have the same rules."))
    for number, step in enumerate(diff.steps, start=1):
        if step.effect != "moves numbers":
            continue
        out.append(f"  {number}. {step.section} ({changes[step.change]}): {step.rule or ''}".rstrip())
        for figures in step.options:
            out.append(
                "     "
                + _("{option}: {co2e} kg CO2e, {eur} per use").format(
                    option=figures.id,
                    co2e=signed(figures.kg_co2e_per_use, lang=lang),
                    eur=signed_eur(figures.eur_per_use, lang),
                )
            )
    if diff.reporting_only:
        out.append(
            "  "
            + _("Reporting only (the report changes, not the numbers): {names}").format(
                names=", ".join(diff.reporting_only)
            )
        )
    if diff.no_effect:
        out.append("  " + _("No effect on this case: {names}").format(names=", ".join(diff.no_effect)))
    return "\n".join(out) + "\n"
