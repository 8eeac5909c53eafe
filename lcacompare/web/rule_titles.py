"""The titles of the rules a page can show next to a problem, marked for the catalogue.

Each title is the rule's one-line summary in :mod:`lcacompare.method.catalogue`, written out here
so Babel extracts it (``N_``) and the Dutch catalogue translates it; a test keeps the two equal.
Rules of the command line only (serve, init, the tender files) are left out and shown by their id.
The problems' own messages are built by the loader and stay English.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["RULE_TITLES", "rule_title"]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel extracts
    """Mark a message for the catalogue without translating it here (the page does)."""
    return message


RULE_TITLES: Mapping[str, str] = MappingProxyType(
    {
        "file": N_("the case file exists, is readable UTF-8 under 2 MB and holds one YAML mapping"),
        "yaml": N_("the YAML document holds at most 500000 values once aliases are expanded"),
        "yaml-number": N_("no plain octal (0500) or sexagesimal (8:20) number, which YAML 1.1 misreads"),
        "control-character": N_("no text or key of the case holds a control character (tab and line feed allowed)"),
        "unknown-key": N_("only the keys of the case format"),
        "missing": N_("every required field is given"),
        "type": N_("each value has the type of its field (text, number, list, mapping)"),
        "allowed-value": N_("a value is one of the field's allowed words"),
        "range": N_("a number lies within its field's bounds"),
        "pattern": N_("ids, country codes and parameter names have their form"),
        "length": N_("lists and texts have the number of items their field allows"),
        "shape": N_("any other check of the case format"),
        "boolean-number": N_("a number is not written true/false"),
        "finite-number": N_("a number is finite (no NaN or infinity)"),
        "provenance-required": N_("every number has a source or an assumption label"),
        "distribution-fields": N_("each distribution has the fields of its type, in order, around the value"),
        "activity-reference": N_("a Brightway activity reference gives database and code, or a name"),
        "cycle-allocation": N_("mass or volume allocation of a cycle gives the item's size"),
        "supply-shares": N_("the shares of an option's countries of manufacture sum to one"),
        "supply-country": N_("every country of manufacture is an ISO 3166-1 alpha-2 code"),
        "supply-reusable-only": N_("a pool of items and its reprocessing are stated for reusable options only"),
        "published-figure": N_("an inventory line names an activity, or carries a published kg_co2e with its source"),
        "case-factor": N_(
            "a case's own emission factor gives kg_co2e or a gas, and its id is not a shipped one nor repeated"
        ),
        "method-version": N_("the case names the method version this comparison applies"),
        "unique-option-ids": N_("option ids are unique within a case"),
        "modules-covered": N_("every option has lines in every module, or a stated reason why it is zero"),
        "reusable-fields": N_("a reusable option gives uses_per_life (>= 1) and loss_rate"),
        "single-use-fields": N_("a single-use option sets no reuse fields"),
        "cycle-sharing": N_("per-cycle lines need the option's cycle block, with a positive capacity"),
        "credits-apart": N_("module D (credits) is reported apart, never in a total"),
        "reference-options": N_("a replication reference names options of the case"),
        "expression": N_("an amount or parameter is an allowed arithmetic expression that evaluates"),
        "unit": N_("units are known and amounts have the dimension their line or field needs"),
        "parameter-name": N_("a parameter is not named like a unit"),
        "parameter-cycle": N_("parameters do not refer to each other in a circle"),
        "unknown-geography": N_("the country and line locations have rows in the datasets"),
        "unknown-activity": N_("an inventory line names an activity of the datasets"),
        "background": N_("a Brightway reference has a linked project, and the project, database and activity exist"),
        "credit-in-module-d": N_("a credit row (an avoided burden) is used in module D only"),
        "negative-amount": N_("inventory amounts are not negative (credits go in module D)"),
        "negative-cost": N_("costs are not negative unless the line is a credit; a credit is not positive"),
        "loss-rate-range": N_("a loss rate lies in [0, 1)"),
        "per-use-bound": N_("no amount or cycle share gives more than 1e12 units per use"),
        "basis-unit": N_("a count unit in an amount (kWh/cycle) agrees with the line's per:"),
        "overflow": N_("per-use CO2e and cost stay below 1e308"),
        "stock-items": N_("stock_items is a positive number"),
        "price-index": N_("the price index covers every year a price must be brought to"),
        "currency": N_("a cost's currency is in the exchange-rate table, with a rate for its price year"),
        "uncertainty-sampling": N_("sampled per-use figures stay finite and inputs within their physical range"),
        "samples": N_("--samples is 0 (no uncertainty) or at least 2"),
        "sobol": N_("--sobol comes with an uncertainty run (--samples 2 or more)"),
        "seed": N_("the seed of a web run is 0 or more"),
        "whole-number": N_("samples and seed in the web app's run form are whole numbers"),
        "country": N_("--country is a two-letter country code"),
        "request-scope": N_("a supplier request covers shipped factors and cycles shared by count"),
        "portfolio-settings": N_(
            "a portfolio's settings YAML has the keys and values of docs/portfolio.md and names an existing rows file"
        ),
        "portfolio-rows-file": N_(
            "a portfolio's rows file is a UTF-8 CSV or an XLSX workbook with a header and at least one row"
        ),
        "portfolio-column": N_("a portfolio's rows file has the required columns and no unknown ones"),
        "portfolio-row-id": N_("every row of a portfolio has a unique id"),
        "portfolio-volume": N_("a row's annual volume is a finite number of uses a year, zero or more"),
        "portfolio-case": N_("a row's options refer to a shipped case or a case file that loads and compiles"),
        "portfolio-option": N_(
            "a row's current option and alternatives (and each rungs key) are case:option of an existing option"
        ),
        "portfolio-parameter": N_("a row overrides (set:<name>) only parameters of its cases"),
        "portfolio-value": N_(
            "a row's override stays within the values the case allows its parameter (not negative, within min-max)"
        ),
        "portfolio-unit": N_("a row's override is an amount with a unit of the parameter's dimension"),
    }
)
"""Rule id -> its summary (English message id), for the rules the web pages show."""


def rule_title(rule: str, gettext: object = None) -> str:
    """The title of a rule in a language (``gettext`` of its translator), or the rule id when it has none.

    Examples
    --------
    >>> rule_title("unit")
    'units are known and amounts have the dimension their line or field needs'
    >>> rule_title("no-such-rule")
    'no-such-rule'
    """
    title = RULE_TITLES.get(rule)
    if title is None:
        return rule
    return gettext(title) if callable(gettext) else title
