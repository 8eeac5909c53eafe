"""The words of the domain in the report's language: kinds, statuses, verdicts, categories, quantities.

One home for each word, used by the HTML report, the workbook and the terminal, so "uses per item"
or "dearer" reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from lcacompare.i18n import Translator

__all__ = ["Vocabulary", "vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    """Translated words by the key the result stores."""

    kinds: dict[str, str]
    statuses: dict[str, str]
    verdicts: dict[str, str]
    categories: dict[str, str]
    quantities: dict[str, str]
    input_kinds: dict[str, str]
    reporting_items: dict[str, str]
    """Headings of the ISO 14040/14044 reporting items (keys of :data:`lcacompare.result.TRANSPARENCY_ITEMS`)."""


def vocabulary(t: Translator) -> Vocabulary:
    """The words of one language (``t`` from :func:`lcacompare.i18n.translator`)."""
    _ = t.gettext
    return Vocabulary(
        kinds={"single-use": _("single-use"), "reusable": _("reusable")},
        statuses={
            "breaks-even": _("breaks even"),
            "always": _("from the first use"),
            "never": _("never"),
            "equal": _("equal"),
        },
        verdicts={
            "lower": _("lower"),
            "higher": _("higher"),
            "equal": _("equal"),
            "no significant difference": _("no significant difference"),
        },
        categories={
            "acquisition": _("acquisition"),
            "reprocessing": _("reprocessing"),
            "consumables": _("consumables"),
            "logistics": _("logistics"),
            "waste": _("waste"),
            "capital": _("capital"),
            "residual": _("residual value"),
        },
        quantities={"kg_co2e_per_use": _("kg CO2e per use"), "eur_per_use": _("EUR per use")},
        input_kinds={
            "setting": _("Case and option settings"),
            "parameter": _("Parameters"),
            "inventory": _("Inventory lines"),
            "cost": _("Cost lines"),
            "factor": _("Emission factors"),
            "price": _("Prices"),
        },
        reporting_items={
            "goal_and_scope": _("Goal and scope"),
            "functional_unit": _("Functional unit"),
            "system_boundary": _("System boundary"),
            "cut_off": _("Cut-off criteria"),
            "allocation": _("Allocation"),
            "data_sources_and_quality": _("Data sources and data quality"),
            "impact_method": _("Impact assessment method"),
            "uncertainty": _("Uncertainty"),
            "sensitivity": _("Sensitivity"),
            "limitations": _("Limitations"),
            "interpretation": _("Interpretation"),
        },
    )
