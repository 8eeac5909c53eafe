"""The catalogue of rules: every rule id a :class:`~lcacompare.errors.Problem` may carry.

One entry per rule: its id, what it checks, its message (a template with ``{placeholders}``
where the message is built from the catalogue, otherwise the kind of message) and the functions
that check it, as ``module:function`` names. The checks are named, not imported, so this module
imports nothing of the package and every layer may read it; ``tests/test_rule_catalogue.py``
checks that each named function exists, that every rule id given to ``Problem(...)`` (or to a
pydantic error of the case model) is catalogued and raised only by its named checks, and that
``docs/errors.md`` lists exactly these ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Rule", "RULES", "rule", "PYDANTIC_RULES", "rule_of_pydantic_type"]


@dataclass(frozen=True)
class Rule:
    """One rule a case, a dataset or a command line can break.

    Parameters
    ----------
    id : str
        The rule id (lower-case words joined by ``-``), carried by every problem it finds.
    summary : str
        What the rule checks, in one line.
    message : str
        The message template (``{name}`` placeholders filled from the error's context) for rules
        whose message is built here, otherwise the kind of message the checks write.
    checks : tuple of str
        The functions that check it, as ``module:function`` (``module:Class.method``), or a
        module whose pydantic field constraints check it.
    """

    id: str
    summary: str
    message: str
    checks: tuple[str, ...]


_LOAD = "lcacompare.model.load"
_CASE = "lcacompare.model.case"
_RULES_MODULE = "lcacompare.method.rules"
_COMPILE = "lcacompare.compile"
_DATASETS = "lcacompare.datasets"
_CLI = "lcacompare.cli"
_WEB_RUN = "lcacompare.web.compute:RunRequest.problems"
_PYDANTIC = (f"{_LOAD}:_problem_from_pydantic", _CASE)

_ALL: tuple[Rule, ...] = (
    # The file and its YAML
    Rule(
        "file",
        "the case file exists, is readable UTF-8 under 2 MB and holds one YAML mapping",
        "file not found / not UTF-8 text / invalid YAML: ...",
        (
            f"{_LOAD}:read_yaml",
            "lcacompare.web.cases:check_upload",
            "lcacompare.web.uploads",
            "lcacompare.web.portfolios",
        ),
    ),
    Rule(
        "yaml",
        "the YAML document holds at most 500000 values once aliases are expanded",
        "the document holds more than {limit} values once YAML aliases (*name) are expanded",
        (f"{_LOAD}:_line_index",),
    ),
    Rule(
        "yaml-number",
        "no plain octal (0500) or sexagesimal (8:20) number, which YAML 1.1 misreads",
        "{text} has a leading zero, so YAML 1.1 reads it as the octal number {read}",
        (f"{_LOAD}:_ambiguous_number",),
    ),
    Rule(
        "control-character",
        "no text or key of the case holds a control character (tab and line feed allowed)",
        "control character {code} in text",
        (f"{_LOAD}:_control_problems",),
    ),
    # The shape of the case (pydantic)
    Rule("unknown-key", "only the keys of the case format", "unknown key {key!r}", _PYDANTIC),
    Rule("missing", "every required field is given", "required field is missing", _PYDANTIC),
    Rule(
        "type",
        "each value has the type of its field (text, number, list, mapping)",
        "Input should be a valid integer ... / a list is not allowed here",
        (*_PYDANTIC, f"{_LOAD}:_merge_type_problems"),
    ),
    Rule("allowed-value", "a value is one of the field's allowed words", "{input!r} is not allowed", _PYDANTIC),
    Rule("range", "a number lies within its field's bounds", "Input should be less than or equal to {le}", _PYDANTIC),
    Rule(
        "pattern",
        "ids, country codes and parameter names have their form",
        "String should match pattern {pattern!r}",
        _PYDANTIC,
    ),
    Rule(
        "length",
        "lists and texts have the number of items their field allows",
        "List should have at least {min_length} items ...",
        _PYDANTIC,
    ),
    Rule("shape", "any other check of the case format", "the message pydantic gives", _PYDANTIC),
    Rule(
        "boolean-number",
        "a number is not written true/false",
        "expected a number or a quantity, not true/false",
        (f"{_CASE}:_finite",),
    ),
    Rule(
        "finite-number",
        "a number is finite (no NaN or infinity)",
        "NaN and infinity are not allowed",
        (f"{_CASE}:_finite",),
    ),
    Rule(
        "provenance-required",
        "every number has a source or an assumption label",
        "give a 'source' (citation) or an 'assumption' (what is assumed)",
        (f"{_CASE}:Provenance._source_or_assumption",),
    ),
    Rule(
        "distribution-fields",
        "each distribution has the fields of its type, in order, around the value",
        "a {type} distribution needs {missing}",
        (f"{_CASE}:Distribution._fields_for_type", f"{_COMPILE}.checks:_distribution_order"),
    ),
    Rule(
        "activity-reference",
        "a Brightway activity reference gives database and code, or a name",
        "give database and code, or name (with location and unit)",
        (f"{_CASE}:ActivityRef._key_or_name",),
    ),
    Rule(
        "cycle-allocation",
        "mass or volume allocation of a cycle gives the item's size",
        "allocation by {allocation} needs item_size",
        (f"{_CASE}:CycleSharing._size_for_physical_key",),
    ),
    # The supply block of an option (supply security)
    Rule(
        "supply-shares",
        "the shares of an option's countries of manufacture sum to one",
        "the shares of the countries of manufacture sum to {total}, not 1",
        (f"{_CASE}:ManufactureShares._shares_sum_to_one",),
    ),
    Rule(
        "supply-country",
        "every country of manufacture is an ISO 3166-1 alpha-2 code",
        "{codes} is not an ISO 3166-1 alpha-2 country code (two capitals, e.g. DE, CN)",
        (f"{_CASE}:ManufactureShares._known_countries",),
    ),
    Rule(
        "supply-reusable-only",
        "a pool of items and its reprocessing are stated for reusable options only",
        "option {option!r} is single-use but its supply block states {fields}",
        (f"{_CASE}:Option._pool_for_reusables",),
    ),
    Rule(
        "published-figure",
        "an inventory line names an activity, or carries a published kg_co2e with its source",
        "{why}",
        (f"{_CASE}:InventoryLine._activity_or_published",),
    ),
    Rule(
        "case-factor",
        "a case's own emission factor gives kg_co2e or a gas, and its id is not a shipped one nor repeated",
        "factor {id!r}: {why}",
        (f"{_CASE}:CaseFactor._some_emission", f"{_COMPILE}.own_factors:check_case_factors"),
    ),
    # The method (LCAC-HC/1)
    Rule(
        "method-version",
        "the case names the method version this comparison applies",
        "case is built under {case!r}, this comparison applies {method!r}",
        (f"{_RULES_MODULE}:method_version",),
    ),
    Rule(
        "unique-option-ids",
        "option ids are unique within a case",
        "option id {id!r} is used {count} times",
        (f"{_RULES_MODULE}:unique_option_ids",),
    ),
    Rule(
        "modules-covered",
        "every option has lines in every module, or a stated reason why it is zero",
        "option {id!r} has no lines in module {module} and gives no reason",
        (f"{_RULES_MODULE}:modules_covered",),
    ),
    Rule(
        "reusable-fields",
        "a reusable option gives uses_per_life (>= 1) and loss_rate",
        "reusable option {id!r} needs {name} / uses_per_life is {value}",
        (f"{_RULES_MODULE}:reusable_fields", f"{_COMPILE}.checks:check_values"),
    ),
    Rule(
        "single-use-fields",
        "a single-use option sets no reuse fields",
        "single-use option {id!r} sets {name}",
        (f"{_RULES_MODULE}:reusable_fields",),
    ),
    Rule(
        "cycle-sharing",
        "per-cycle lines need the option's cycle block, with a positive capacity",
        "a per-cycle line needs the option's cycle block / capacity must be positive",
        (f"{_RULES_MODULE}:cycle_lines_shared", f"{_COMPILE}.checks:check_values"),
    ),
    Rule(
        "credits-apart",
        "module D (credits) is reported apart, never in a total",
        "a module is both in the total and reported apart",
        (f"{_RULES_MODULE}:credits_apart",),
    ),
    Rule(
        "reference-options",
        "a replication reference names options of the case",
        "no option {name!r} in the case",
        (f"{_RULES_MODULE}:reference_options",),
    ),
    # Values, units and references (checked while amounts are evaluated)
    Rule(
        "expression",
        "an amount or parameter is an allowed arithmetic expression that evaluates",
        "the expression error (unknown name, refused syntax, division by zero ...)",
        (f"{_COMPILE}.references:parameter_order", f"{_COMPILE}.checks:check_values"),
    ),
    Rule(
        "unit",
        "units are known and amounts have the dimension their line or field needs",
        "{amount!r} has unit {unit}, not compatible with the activity's unit",
        (
            f"{_COMPILE}.references:resolve_line",
            f"{_COMPILE}.checks:check_values",
            "lcacompare.lca.linked:LinkedBackend._link_line",
            f"{_COMPILE}.own_factors:check_case_factors",
        ),
    ),
    Rule(
        "parameter-name",
        "a parameter is not named like a unit",
        "parameter name {name!r} is also a unit",
        (f"{_COMPILE}.references:parameter_order",),
    ),
    Rule(
        "parameter-cycle",
        "parameters do not refer to each other in a circle",
        "circular parameter definitions: {cycle}",
        (f"{_COMPILE}.references:parameter_order",),
    ),
    Rule(
        "unknown-geography",
        "the country and line locations have rows in the datasets",
        "no dataset rows for country {country!r}",
        (
            f"{_COMPILE}.references:check_country",
            f"{_COMPILE}.references:resolve_line",
            f"{_CLI}:_set_country",
            "lcacompare.web.cases:_set_country",
        ),
    ),
    Rule(
        "unknown-activity",
        "an inventory line names an activity of the datasets",
        "unknown activity {activity!r} for {geography} (or EU, GLO)",
        (f"{_COMPILE}.references:resolve_line",),
    ),
    Rule(
        "background",
        "a Brightway reference has a linked project, and the project, database and activity exist",
        "a Brightway activity reference needs context.background (project)",
        (
            f"{_COMPILE}.references:resolve_line",
            "lcacompare.lca.linked:LinkedBackend._error",
            "lcacompare.lca.linked:LinkedBackend._link_line",
        ),
    ),
    Rule(
        "credit-in-module-d",
        "a credit row (an avoided burden) is used in module D only",
        "{activity!r} is a credit (an avoided burden) but the line is in module {module}",
        (f"{_COMPILE}.references:resolve_line",),
    ),
    Rule(
        "negative-amount",
        "inventory amounts are not negative (credits go in module D)",
        "negative amount {amount}",
        (f"{_COMPILE}.checks:check_values",),
    ),
    Rule(
        "negative-cost",
        "costs are not negative unless the line is a credit; a credit is not positive",
        "negative cost {amount} EUR",
        (f"{_COMPILE}.checks:_cost_sign",),
    ),
    Rule("loss-rate-range", "a loss rate lies in [0, 1)", "loss_rate is {value}", (f"{_COMPILE}.checks:check_values",)),
    Rule(
        "per-use-bound",
        "no amount or cycle share gives more than 1e12 units per use",
        "gives {value} {unit} per use, beyond 1e+12",
        (f"{_COMPILE}.checks:_per_use_bound", f"{_COMPILE}.checks:_cycle_share_bound"),
    ),
    Rule(
        "basis-unit",
        "a count unit in an amount (kWh/cycle) agrees with the line's per:",
        "the unit of {amount!r} is per {count}, which contradicts per: {basis}",
        (f"{_COMPILE}.checks:_check_basis",),
    ),
    Rule(
        "overflow",
        "per-use CO2e and cost stay below 1e308",
        "{amount!r} gives a CO2e per use too large to compute",
        ("lcacompare.engine:_refuse_overflow",),
    ),
    # Costs
    Rule(
        "stock-items",
        "stock_items is a positive number",
        "stock_items is {value}",
        ("lcacompare.cost.cashflow:stock_items",),
    ),
    Rule(
        "price-index",
        "the price index covers every year a price must be brought to",
        "no HICP index to bring a {year} price to {target}",
        ("lcacompare.cost.cashflow:line_indexations", "lcacompare.cost.monetised:shadow_price_eur_per_tonne"),
    ),
    Rule(
        "currency",
        "a cost's currency is in the exchange-rate table, with a rate for its price year",
        "no exchange rate for {currency} in {year}",
        ("lcacompare.compile.currencies:conversion_for", "lcacompare.compile.currencies:unknown_currency"),
    ),
    Rule(
        "index",
        "the price index table exists and has a positive, sourced index per geography and year",
        "index {value} is not positive",
        ("lcacompare.cost.indexation:_read_price_index",),
    ),
    # Datasets
    Rule(
        "dataset",
        "dataset CSV rows are readable, with known units, finite numbers, sources and pedigrees",
        "row {row}.{column}: {text!r} is not a number",
        (
            *(
                f"{_DATASETS}:{name}"
                for name in (
                    "_number",
                    "_provenance",
                    "_read_text",
                    "_undecodable",
                    "read_csv_rows",
                    "_unparsable",
                    "_check_unit",
                    "_load_factors",
                    "_load_prices",
                    "_load",
                )
            ),
            "lcacompare.currency:_read_rates",
            f"{_COMPILE}.electricity:_residual_mixes",
            "lcacompare.compile.circular:_read",
            "lcacompare.compile.circular:_optional",
            "lcacompare.circular.properties",  # the material tables of the circularity indicators
        ),
    ),
    # Uncertainty
    Rule(
        "uncertainty-sampling",
        "sampled per-use figures stay finite and inputs within their physical range",
        "sampling gives {metric} per use that is NaN, infinite or beyond 1e+12 for option {id!r}",
        ("lcacompare.uncertainty.paired:_check_finite",),
    ),
    Rule(
        "memory-budget",
        "the paired Monte Carlo arrays fit the memory budget, which is a whole number of MiB",
        "{samples} paired Monte Carlo samples of {shape} need about {need}, over the memory budget of {budget}",
        ("lcacompare.uncertainty.budget:memory_budget_bytes", "lcacompare.uncertainty.budget:check_memory_budget"),
    ),
    # The command line
    Rule(
        "samples",
        "--samples is 0 (no uncertainty) or at least 2",
        "1 sample cannot give a spread",
        (f"{_CLI}:run", f"{_CLI}:diff_command", _WEB_RUN),
    ),
    Rule(
        "sobol",
        "--sobol comes with an uncertainty run (--samples 2 or more)",
        "--samples 0 skips the uncertainty model that Sobol indices vary",
        (f"{_CLI}:run", _WEB_RUN),
    ),
    # The web app (lcacompare serve)
    Rule("seed", "the seed of a web run is 0 or more", "{seed}", (_WEB_RUN,)),
    Rule(
        "whole-number",
        "samples and seed in the web app's run form are whole numbers",
        "{text!r} is not a whole number",
        ("lcacompare.web.pages:_int_or_none",),
    ),
    Rule(
        "token",
        "serve listens beyond loopback only with an access token of at least 16 characters",
        "{host} is reachable from other machines",
        (f"{_CLI}:serve",),
    ),
    Rule(
        "country",
        "--country is a two-letter country code",
        "{country!r} is not a country code",
        (f"{_CLI}:_set_country",),
    ),
    Rule("init", "the NAME of lcacompare init is a case id", "{name!r} is not a case id", (f"{_CLI}:init",)),
    # Supplier data (lcacompare.exchange) and tender award (lcacompare.tender)
    Rule(
        "option",
        "--option names an option of the case",
        "{option!r} is not an option",
        (
            "lcacompare.cli:request",
            "lcacompare.cli:check_declared_command",
        ),
    ),
    Rule(
        "output-format",
        "--format of check-declared is md or json",
        "{format!r}",
        ("lcacompare.cli:check_declared_command",),
    ),
    Rule(
        "request-scope",
        "a supplier request covers shipped factors and cycles shared by count",
        "linked to a Brightway activity",
        ("lcacompare.exchange.engine_inputs:evaluate_option",),
    ),
    Rule(
        "pact",
        "an option can be written as a PACT footprint (a product mass and a total of at least zero)",
        "{option} has no A1-A3 mass in kg",
        (
            "lcacompare.exchange.pact:export_footprints",
            "lcacompare.exchange.pact:read_footprint",
        ),
    ),
    Rule(
        "pact-schema",
        "a PACT footprint validates against the shipped PACT 2.3 ProductFootprint schema",
        "the schema validator's message",
        ("lcacompare.exchange.pact:validate_footprint",),
    ),
    # Hospital portfolios (lcacompare.portfolios)
    Rule(
        "portfolio-settings",
        "a portfolio's settings YAML has the keys and values of docs/portfolio.md and names an existing rows file",
        "the pydantic message / rows file not found",
        (
            "lcacompare.portfolios.load:read_settings",
            "lcacompare.portfolios.load:load_portfolio",
            "lcacompare.portfolios.load:portfolio_file",
            "lcacompare.web.uploads:check_rows_name",
        ),
    ),
    Rule(
        "portfolio-rows-file",
        "a portfolio's rows file is a UTF-8 CSV or an XLSX workbook with a header and at least one row",
        "not UTF-8 text / cannot be read as a table / the file has no product lines",
        ("lcacompare.portfolios.load:_read_table",),
    ),
    Rule(
        "portfolio-column",
        "a portfolio's rows file has the required columns and no unknown ones",
        "no column {column!r} / unknown column {column!r}",
        ("lcacompare.portfolios.load:_check_columns",),
    ),
    Rule(
        "portfolio-row-id",
        "every row of a portfolio has a unique id",
        "row id {id!r} is already used by row {row}",
        ("lcacompare.portfolios.load:_check_row_id",),
    ),
    Rule(
        "portfolio-volume",
        "a row's annual volume is a finite number of uses a year, zero or more",
        "annual volume {text!r}",
        ("lcacompare.portfolios.load:_check_volume",),
    ),
    Rule(
        "portfolio-case",
        "a row's options refer to a shipped case or a case file that loads and compiles",
        "no case {case!r}",
        ("lcacompare.portfolios.load:_check_option_refs", "lcacompare.web.uploads:check_portfolio_rows"),
    ),
    Rule(
        "portfolio-option",
        "a row's current option and alternatives (and each rungs key) are case:option of an existing option",
        "case {case!r} has no option {option!r}",
        ("lcacompare.portfolios.load:_check_option_refs", "lcacompare.portfolios.load:_check_rungs"),
    ),
    Rule(
        "portfolio-parameter",
        "a row overrides (set:<name>) only parameters of its cases",
        "no parameter {name!r} in case(s) {cases}",
        ("lcacompare.portfolios.load:_check_override",),
    ),
    Rule(
        "portfolio-workers",
        "--workers and --scheduler need the optional dask group; --scheduler a reachable scheduler",
        "running on Dask needs the optional dask group, which is not installed",
        ("lcacompare.portfolios.runner:_executor",),
    ),
    Rule(
        "portfolio-value",
        "a row's override stays within the values the case allows its parameter (not negative, within min-max)",
        "{text!r} is outside the range of {name} in case {case!r}",
        ("lcacompare.portfolios.load:_check_override",),
    ),
    Rule(
        "portfolio-unit",
        "a row's override is an amount with a unit of the parameter's dimension",
        "{text!r} cannot be a value of {name}",
        ("lcacompare.portfolios.load:_check_override",),
    ),
    Rule(
        "bid-option",
        "a bid names a case that exists (shipped or a file) and an option of that case",
        "case {case!r} has no option {option!r} / no case {case!r}",
        ("lcacompare.tender.engine_inputs:_bid_option", "lcacompare.tender.engine_inputs:_bid_case"),
    ),
    Rule(
        "carbon-price-set",
        "a tender's carbon price names a shipped set, or gives its value with year and price level",
        "no shipped carbon price {set!r}",
        ("lcacompare.tender.carbon_prices:resolve_carbon_price",),
    ),
    Rule(
        "co2-ladder",
        "CO2-ladder levels are 0-5 and their discounts fractions below 1",
        "levels or discounts out of range: {bad}",
        ("lcacompare.tender.checks:_ladder_problems",),
    ),
    Rule(
        "cost-criterion",
        "a tender has exactly one cost criterion, the whole-life cost",
        "{n} cost criteria",
        ("lcacompare.tender.checks:_criteria_problems",),
    ),
    Rule(
        "criterion-kind",
        "each criterion kind fits the award method",
        "a co2e criterion has no place in {method}",
        ("lcacompare.tender.checks:_criteria_problems",),
    ),
    Rule(
        "declaration-missing",
        "every bid gives the declarations the tender requires",
        "bid {bid!r} does not declare {name!r}",
        ("lcacompare.tender.checks:_bid_problems",),
    ),
    Rule(
        "duplicate-bid",
        "bid ids are unique",
        "bid id {bid!r} is already used",
        ("lcacompare.tender.checks:_bid_problems",),
    ),
    Rule(
        "duplicate-id",
        "criterion ids are unique",
        "criterion id {id!r} is used {count} times",
        ("lcacompare.tender.checks:_criteria_problems",),
    ),
    Rule(
        "fictive-value",
        "each quality or supply criterion of a fictive-price award has its value in EUR",
        "a quality criterion of a fictive-price award needs its value in EUR",
        ("lcacompare.tender.checks:_criteria_problems",),
    ),
    Rule(
        "pinned-version",
        "a tender is ranked under the versions it was published under (or --allow-upgrade)",
        "the tender was published under {pinned!r}, this run has {current!r}",
        ("lcacompare.tender.decide:check_pins",),
    ),
    Rule(
        "quality-score",
        "every bid has a committee score on each quality criterion's scale",
        "bid {bid!r} has no committee score for {criterion!r}",
        ("lcacompare.tender.checks:_bid_problems",),
    ),
    Rule(
        "scoring-rule",
        "every criterion has a scoring rule that fits the award method",
        "lowest-lcc scores cost by the rule 'lowest'",
        ("lcacompare.tender.checks:_criteria_problems",),
    ),
    Rule(
        "weights",
        "weighted methods publish a weight per criterion, summing to 100 %",
        "{method} needs a published weight for each {kind} criterion",
        ("lcacompare.tender.checks:_criteria_problems",),
    ),
    Rule(
        "serve",
        "lcacompare serve gets a free port and a workspace folder it may write to",
        "{host}:{port} cannot be used / {workspace} is a file / cannot hold the workspace",
        (f"{_CLI}:serve", f"{_CLI}:_check_free"),
    ),
    Rule(
        "schema-choice",
        "lcacompare schema is asked for one schema at a time",
        "--result, --tender and --diff each ask for a schema",
        (f"{_CLI}:schema",),
    ),
    # Cross-checks against published studies (the case's cross_checks: block)
    Rule(
        "cross-check",
        "a cross-check names options and parameters of the case, publishes a claim and says why each step is taken",
        "{why}",
        (
            "lcacompare.model.crosscheck:PublishedClaim._something_published",
            "lcacompare.model.crosscheck:CrossCheckStep._changes_something",
            f"{_RULES_MODULE}:cross_check_names",
            "lcacompare.compile.cross_checks:step_problems",
        ),
    ),
    # -- PEF data quality (LCAC-HC/2, pef_data_quality) ------------------------------------------
    Rule(
        "pef-dqr-criteria",
        "an input's PEF criteria TeR, GeR, TiR and P are stated together (each 1-5) or not at all",
        "give all four PEF criteria TeR, GeR, TiR and P, or none (missing: {missing})",
        ("lcacompare.model.quality:StatedDqr._all_or_none",),
    ),
    # Method versions side by side (issue 23: --method, lcacompare diff)
    Rule(
        "method-unknown",
        "--method (and diff's --method) names a method version lcacompare knows",
        "{method!r} is not a method version lcacompare knows",
        (f"{_RULES_MODULE}:applied_method",),
    ),
    Rule(
        "diff-methods",
        "lcacompare diff is given exactly two --method",
        "{n} --method given",
        (f"{_CLI}:diff_command",),
    ),
    # Electricity, location-based and market-based (LCAC-HC/2 section ``electricity``)
    Rule(
        "electricity-basis",
        "totals on the market basis only under a method with the electricity section (LCAC-HC/2)",
        "basis market is a rule of a method with the electricity section; {method} has none",
        (f"{_COMPILE}.electricity:check_electricity",),
    ),
    Rule(
        "electricity-market",
        "the market-based instrument has its factor with a source, or a shipped residual mix for the country",
        "{why}",
        (
            "lcacompare.model.electricity:MarketInstrument._factor_with_source",
            "lcacompare.model.electricity:Electricity._market_for_market_basis",
            f"{_COMPILE}.electricity:check_electricity",
        ),
    ),
    # ISO 14044 reporting: the case's study: block (lcacompare.model.study)
    Rule(
        "study-review-consistent",
        "a study: block names reviewers, a review report, responses or a review process only with a critical review",
        "{fields} given, but the critical review's status is 'none': give status internal, external or panel, "
        "or leave them out",
        ("lcacompare.model.study:CriticalReview._nothing_reviewed_without_a_review",),
    ),
    # Sterilisation by load: the steam-sterilisation reprocessing template (issue 23, LCAC-HC/2)
    Rule(
        "reprocessing-template",
        "a reprocessing template has the fields it needs, on a reusable option without a cycle block",
        "{field}: {why}",
        (
            "lcacompare.model.reprocessing:Washer._gas_with_calorific_value",
            "lcacompare.model.reprocessing:Packaging._container_life",
            "lcacompare.model.reprocessing:SteamSterilisation._mass_for_mass_allocation",
            "lcacompare.compile.reprocessing:_problem",
        ),
    ),
    # -- recycled content and recycling: the Circular Footprint Formula (LCAC-HC/2) -------------
    Rule(
        "cff-method",
        "a case chooses allocation: circular-footprint-formula only under a method with that rule",
        "{method} has no circular_footprint_formula rule (cut-off only)",
        ("lcacompare.compile.circular:check_allocation",),
    ),
    Rule(
        "cff-override",
        "a line's own CFF figures carry a source, stand on a material or end-of-life line, and name a row of "
        "datasets/cff/annex_c.csv",
        "CFF figures {fields} need a source",
        (
            "lcacompare.model.circular:CircularOverride._figures_have_a_source",
            "lcacompare.compile.circular:check_overrides",
        ),
    ),
    # Hardening of the LCAC-HC/2 case blocks (reprocessing template, PEF data quality)
    Rule(
        "reprocessing-value",
        "a reprocessing template's amounts have their units and ranges: counts > 0, 0 < fill_rate <= 1, "
        "a load mass in kg > 0, energies in kWh and kWh per kg, not negative",
        "{value!r} is not allowed: expected {expected}",
        (
            "lcacompare.model.reprocessing:_in_range",
            "lcacompare.compile.reprocessing:check_template_values",
            "lcacompare.compile.reprocessing:_value_problem",
        ),
    ),
    Rule(
        "reprocessing-electricity",
        "a reprocessing template's electricity is an electricity row of the datasets (category energy, in kWh)",
        "{activity!r} is not electricity: expected an electricity row (category energy, in kWh)",
        ("lcacompare.compile.reprocessing:_electricity_problems",),
    ),
    Rule(
        "pef-dqr-verified",
        "an input's dqr.verified is true or false (a YAML boolean, not 'yes', 1 or 'true')",
        "{value!r} is not allowed: expected true or false",
        ("lcacompare.model.quality:StatedDqr._verified_is_a_boolean",),
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({entry.id: entry for entry in _ALL})
"""Every rule by id, read-only."""

PYDANTIC_RULES: Mapping[str, str] = MappingProxyType(
    {
        "extra_forbidden": "unknown-key",
        "missing": "missing",
        "literal_error": "allowed-value",
        "enum": "allowed-value",
        "greater_than": "range",
        "greater_than_equal": "range",
        "less_than": "range",
        "less_than_equal": "range",
        "string_pattern_mismatch": "pattern",
        "too_short": "length",
        "too_long": "length",
        "string_too_short": "length",
        "string_too_long": "length",
    }
)
"""The rule of each of pydantic's own error types; types ending ``_type`` or ``_parsing`` are ``type``."""


def rule(rule_id: str) -> Rule:
    """The catalogue entry of a rule id.

    Raises
    ------
    KeyError
        If the id is not in the catalogue (a problem must name a catalogued rule).

    Examples
    --------
    >>> rule("yaml-number").checks
    ('lcacompare.model.load:_ambiguous_number',)
    """
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"{rule_id!r} is not a rule of lcacompare.method.catalogue") from None


def rule_of_pydantic_type(error_type: str) -> str:
    """The rule id of a pydantic error type: a catalogued id as it is, else pydantic's own mapped.

    The case model raises its own rules as ``PydanticCustomError(rule_id, ...)``, so their type
    is the rule id; pydantic's built-in checks (``greater_than_equal``, ``int_parsing`` ...) map
    to the rules of :data:`PYDANTIC_RULES`, anything else to ``shape``.

    Examples
    --------
    >>> rule_of_pydantic_type("provenance-required"), rule_of_pydantic_type("int_parsing")
    ('provenance-required', 'type')
    """
    if error_type in RULES:
        return error_type
    if error_type.endswith(("_type", "_parsing")):
        return "type"
    return PYDANTIC_RULES.get(error_type, "shape")
