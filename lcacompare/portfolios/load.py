"""Read a portfolio: its settings YAML, its rows (CSV or XLSX) and the cases they refer to.

Every problem is collected before anything is raised, so one run over 15,000 rows names every
bad cell at once: the file, the row number (as a spreadsheet shows it: the header is row 1) and
the column. Cases are loaded and compiled once each (:func:`lcacompare.prepare`), however many
rows share them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pint
from pydantic import ValidationError

from lcacompare.errors import CaseError, Problem, format_path
from lcacompare.model.load import read_yaml
from lcacompare.portfolios.model import OptionRef, Portfolio, Row, Settings
from lcacompare.units import parse_unit, ureg

__all__ = [
    "REQUIRED_COLUMNS",
    "OVERRIDE_PREFIX",
    "LoadedPortfolio",
    "load_portfolio",
    "portfolio_file",
    "read_settings",
]

REQUIRED_COLUMNS: tuple[str, ...] = ("id", "product_group", "annual_volume", "current", "alternatives")
OVERRIDE_PREFIX = "set:"
_OPTIONAL_COLUMNS: tuple[str, ...] = ("title",)


@dataclass(frozen=True)
class LoadedPortfolio:
    """A checked portfolio and the prepared case of every case name its rows use."""

    portfolio: Portfolio
    prepared: Mapping[str, Any]
    """Case name as the rows write it -> :class:`lcacompare.engine.Prepared`."""


def read_settings(path: Path) -> Settings:
    """Read and validate the settings YAML of a portfolio.

    Raises
    ------
    CaseError
        Naming every field of the settings that is wrong (rule ``portfolio-settings``).
    """
    data, lines = read_yaml(path)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                format_path(list(error["loc"])),
                error["msg"],
                "see docs/portfolio.md for the settings keys",
                "portfolio-settings",
                lines.get(tuple(error["loc"])),
            )
            for error in exc.errors()
        ]
        raise CaseError(path, problems) from None


def _read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV or XLSX file, every cell as text.

    Raises
    ------
    CaseError
        Rule ``portfolio-rows-file``: the file is not a readable table (not UTF-8, not CSV, not a
        workbook, a folder) or has a header and no rows.
    """
    import zipfile

    import pandas as pd

    expected = "a UTF-8 CSV file or an XLSX workbook: a header row, then one row per product line"
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True, encoding="utf-8")
    except UnicodeDecodeError as exc:
        why = f"not UTF-8 text (byte {exc.start})"
        raise CaseError(path, [Problem("<file>", why, expected, "portfolio-rows-file")]) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, zipfile.BadZipFile, ValueError, OSError) as exc:
        why = f"cannot be read as a table ({type(exc).__name__}: {str(exc)[:120]})"
        raise CaseError(path, [Problem("<file>", why, expected, "portfolio-rows-file")]) from None
    if frame.empty:
        raise CaseError(path, [Problem("<file>", "the file has no product lines", expected, "portfolio-rows-file")])
    header = [str(name).strip() for name in frame.columns]
    return header, frame.to_numpy(dtype=object).tolist()


def _check_columns(file: Path, header: list[str], problems: list[Problem]) -> None:
    """Every required column is there; others are ``set:<parameter>`` or ``title``."""
    for column in REQUIRED_COLUMNS:
        if column not in header:
            problems.append(
                Problem(
                    f"columns.{column}", f"no column {column!r}", ", ".join(REQUIRED_COLUMNS), "portfolio-column", 1
                )
            )
    for column in header:
        if (
            column not in REQUIRED_COLUMNS
            and column not in _OPTIONAL_COLUMNS
            and not column.startswith(OVERRIDE_PREFIX)
        ):
            problems.append(
                Problem(
                    f"columns.{column}",
                    f"unknown column {column!r}",
                    f"one of {', '.join(REQUIRED_COLUMNS)}, title, or {OVERRIDE_PREFIX}<parameter>",
                    "portfolio-column",
                    1,
                )
            )


def _where(number: int, column: str) -> str:
    return f"rows[{number}].{column}"


def _check_row_id(number: int, text: str, seen: dict[str, int], problems: list[Problem]) -> None:
    """A row id is given and unique."""
    if not text:
        problems.append(Problem(_where(number, "id"), "empty row id", "a unique id", "portfolio-row-id", number))
    elif text in seen:
        problems.append(
            Problem(
                _where(number, "id"),
                f"row id {text!r} is already used by row {seen[text]}",
                "a unique id per product line",
                "portfolio-row-id",
                number,
            )
        )
    else:
        seen[text] = number


def _check_volume(number: int, text: str, problems: list[Problem]) -> float:
    """The annual volume is a finite number of uses a year, zero or more."""
    try:
        volume = float(text)
    except ValueError:
        volume = float("nan")
    if not (volume >= 0 and volume < float("inf")):
        problems.append(
            Problem(
                _where(number, "annual_volume"),
                f"annual volume {text!r}",
                "a number of uses a year, zero or more",
                "portfolio-volume",
                number,
            )
        )
        return 0.0
    return volume


def _check_option_refs(
    number: int,
    column: str,
    text: str,
    options_of: Callable[[str], list[str] | None],
    problems: list[Problem],
    many: bool,
) -> list[OptionRef]:
    """``case:option`` references (``;``-separated when ``many``) naming a case and one of its options."""
    refs = []
    parts = [part.strip() for part in text.split(";")] if many else [text.strip()]
    parts = [part for part in parts if part] if many else parts
    if many and not parts:
        problems.append(
            Problem(_where(number, column), "no alternative", "one or more case:option", "portfolio-option", number)
        )
    for part in parts:
        case, _, option = part.rpartition(":")
        if not case or not option:
            problems.append(
                Problem(
                    _where(number, column), f"{part!r} is not case:option", "case:option", "portfolio-option", number
                )
            )
            continue
        ids = options_of(case)
        if ids is None:
            problems.append(
                Problem(
                    _where(number, column),
                    f"no case {case!r}",
                    "the name of a shipped case or the path of a case file",
                    "portfolio-case",
                    number,
                )
            )
        elif option not in ids:
            problems.append(
                Problem(
                    _where(number, column),
                    f"case {case!r} has no option {option!r}",
                    ", ".join(ids),
                    "portfolio-option",
                    number,
                )
            )
        else:
            refs.append(OptionRef(case, option))
    return refs


def _parse_quantity(text: str, units: dict[str, Any]) -> pint.Quantity:
    """``"2.40 EUR"`` -> a quantity; units parsed once per distinct unit text."""
    head, _, tail = text.strip().partition(" ")
    try:
        magnitude = float(head)
    except ValueError:
        return ureg.Quantity(text)
    unit_text = tail.strip()
    if unit_text not in units:
        units[unit_text] = parse_unit(unit_text) if unit_text else ureg.Unit("")
    return ureg.Quantity(magnitude, units[unit_text])


def _check_override(
    number: int,
    column: str,
    text: str,
    refs: list[OptionRef],
    parameter_units: Callable[[str], Mapping[str, Any]],
    unit_cache: dict[str, Any],
    problems: list[Problem],
    parameter_bounds: Callable[[str], Mapping[str, tuple[float, float, Any]]] = lambda _case: {},
) -> pint.Quantity | None:
    """An override names a parameter of the row's cases and has a unit of the parameter's dimension."""
    name = column.removeprefix(OVERRIDE_PREFIX)
    cases = dict.fromkeys(ref.case for ref in refs)
    units = [parameter_units(case)[name] for case in cases if name in parameter_units(case)]
    if not units:
        problems.append(
            Problem(
                _where(number, column),
                f"no parameter {name!r} in case(s) {', '.join(cases)}",
                "a parameter of the row's cases",
                "portfolio-parameter",
                number,
            )
        )
        return None
    try:
        quantity = _parse_quantity(text, unit_cache)
        for unit in units:
            quantity.m_as(unit)
    except (pint.PintError, ValueError, TypeError, AttributeError) as exc:
        wanted = " or ".join(sorted({f"{u:~}" or "a plain number" for u in units}))
        problems.append(
            Problem(
                _where(number, column),
                f"{text!r} cannot be a value of {name} ({type(exc).__name__})",
                f"an amount in {wanted}",
                "portfolio-unit",
                number,
            )
        )
        return None
    for case in cases:
        bounds = parameter_bounds(case).get(name)
        if bounds is None:
            continue
        low, high, unit = bounds
        value = float(quantity.m_as(unit))
        if not (math.isfinite(value) and low <= value <= high):
            shown = f"[{low:g}, {high:g}] {unit:~}".replace("inf", "∞")
            problems.append(
                Problem(
                    _where(number, column),
                    f"{text!r} is outside the range of {name} in case {case!r}, {shown}",
                    f"a value in {shown}, as the case's own parameter allows",
                    "portfolio-value",
                    number,
                )
            )
            return None
    return quantity


def parameter_range(compiled: Any, name: str) -> tuple[float, float, Any]:
    """The values a row may give parameter ``name`` of a compiled case, in the parameter's unit.

    The case's own rules: a parameter whose value is not negative (a mass, a price, a count of
    uses) stays not negative, and a uniform or triangular distribution's ``min`` and ``max``
    bound it, as they bound the case's own value.

    Returns
    -------
    low, high, unit
        Inclusive bounds (``-inf``/``inf`` where unbounded) and the parameter's unit.
    """
    unit = compiled.parameter_units[name]
    default = float(compiled.parameter_values()[name].m_as(unit))
    low, high = (0.0 if default >= 0 else -math.inf), math.inf
    distribution = compiled.case.parameters[name].distribution
    if distribution is not None and distribution.type in ("uniform", "triangular"):
        values = compiled.parameter_values()
        for field_name in ("min", "max"):
            given = getattr(distribution, field_name)
            if given is None:
                continue
            bound = float(compiled.amount(given, values).m_as(unit))
            low, high = (max(low, bound), high) if field_name == "min" else (low, min(high, bound))
    return low, high, unit


def _read_rows(
    file: Path,
    options_of: Callable[[str], list[str] | None],
    parameter_units: Callable[[str], Mapping[str, Any]],
    problems: list[Problem],
    parameter_bounds: Callable[[str], Mapping[str, tuple[float, float, Any]]] = lambda _case: {},
) -> list[Row]:
    header, table = _read_table(file)
    _check_columns(file, header, problems)
    if any(p.rule == "portfolio-column" and p.message.startswith("no column") for p in problems):
        return []
    position = {name: k for k, name in enumerate(header)}
    override_columns = [name for name in header if name.startswith(OVERRIDE_PREFIX)]
    seen: dict[str, int] = {}
    unit_cache: dict[str, Any] = {}
    rows = []
    for k, cells in enumerate(table):
        number = k + 2
        cell = {name: str(cells[position[name]]).strip() for name in header}
        before = len(problems)
        _check_row_id(number, cell["id"], seen, problems)
        volume = _check_volume(number, cell["annual_volume"], problems)
        current = _check_option_refs(number, "current", cell["current"], options_of, problems, many=False)
        alternatives = _check_option_refs(number, "alternatives", cell["alternatives"], options_of, problems, True)
        refs = current + alternatives
        overrides: dict[str, Any] = {}
        for column in override_columns:
            if cell[column] and refs:
                quantity = _check_override(
                    number, column, cell[column], refs, parameter_units, unit_cache, problems, parameter_bounds
                )
                if quantity is not None:
                    overrides[column.removeprefix(OVERRIDE_PREFIX)] = quantity
        if len(problems) == before:
            rows.append(
                Row(
                    number,
                    cell["id"],
                    cell["product_group"] or "-",
                    volume,
                    current[0],
                    tuple(alternatives),
                    overrides,
                    cell.get("title", ""),
                )
            )
    return rows


def _check_rungs(settings: Settings, options_of: Callable[[str], list[str] | None], problems: list[Problem]) -> None:
    """Every ``rungs`` key names an option of a case."""
    for key in settings.rungs:
        case, _, option = key.rpartition(":")
        ids = options_of(case) if case else None
        if ids is None or option not in ids:
            problems.append(
                Problem(f"rungs.{key}", f"{key!r} is not an option of a case", "case:option", "portfolio-option")
            )


def load_portfolio(path: str | Path, *, datasets: Any = None, home: str | Path | None = None) -> LoadedPortfolio:
    """Read a portfolio, load and prepare each case its rows name once, and check every row.

    Parameters
    ----------
    path : str or Path
        The settings YAML (its ``rows`` key names the CSV or XLSX table).
    datasets : Datasets, optional
        Emission factors and prices (default the shipped ones).
    home : str or Path, optional
        lcacompare's cache home.

    Returns
    -------
    LoadedPortfolio

    Raises
    ------
    CaseError
        Listing every problem: of the settings, or of every row (file, row number and column).
    """
    from lcacompare.data import shipped_case
    from lcacompare.engine import prepare
    from lcacompare.model import load_case

    settings_file = Path(path)
    settings = read_settings(settings_file)
    rows_file = (settings_file.parent / settings.rows).resolve()
    if not rows_file.is_file():
        raise CaseError(
            settings_file,
            [Problem("rows", f"rows file {settings.rows!r} not found", "a CSV or XLSX file", "portfolio-settings")],
        )
    prepared: dict[str, Any] = {}
    files: dict[str, str] = {}
    broken: set[str] = set()
    case_problems: list[str] = []

    with ExitStack() as stack:

        def options_of(name: str) -> list[str] | None:
            if name in prepared:
                return prepared[name].compiled.option_ids
            if name in broken:
                return None
            candidate = Path(name) if Path(name).is_absolute() else settings_file.parent / name
            file = candidate if candidate.suffix and candidate.is_file() else stack.enter_context(shipped_case(name))
            if file is None:
                broken.add(name)
                return None
            try:
                case = load_case(file)
                prepared[name] = prepare(case, datasets=datasets, home=home)
            except CaseError as exc:
                broken.add(name)
                case_problems.append(f"{name}: {exc.problems[0].render(exc.file)}")
                return None
            files[name] = str(file)
            return prepared[name].compiled.option_ids

        def parameter_units(name: str) -> Mapping[str, Any]:
            return prepared[name].compiled.parameter_units

        bounds_of: dict[str, dict[str, tuple[float, float, Any]]] = {}

        def parameter_bounds(name: str) -> Mapping[str, tuple[float, float, Any]]:
            if name not in bounds_of:
                compiled = prepared[name].compiled
                bounds_of[name] = {p: parameter_range(compiled, p) for p in compiled.parameter_units}
            return bounds_of[name]

        problems: list[Problem] = []
        rows = _read_rows(rows_file, options_of, parameter_units, problems, parameter_bounds)
        _check_rungs(settings, options_of, problems)
    if problems:
        if case_problems:
            why = "; ".join(case_problems)
            problems = [
                replace(p, message=f"{p.message} ({why})") if p.rule == "portfolio-case" else p for p in problems
            ]
        raise CaseError(rows_file, problems)
    portfolio = Portfolio(settings, tuple(rows), str(settings_file), str(rows_file), files)
    return LoadedPortfolio(portfolio, prepared)


def portfolio_file(name: str | Path) -> Path:
    """The settings file of a portfolio: a path, or else the name of a shipped portfolio.

    Raises
    ------
    CaseError
        If it is neither (rule ``portfolio-settings``).
    """
    from importlib.resources import files

    path = Path(name)
    if path.is_file():
        return path
    shipped = files("lcacompare.data").joinpath("portfolios", f"{name}.yaml")
    if not path.suffix and isinstance(shipped, Path) and shipped.is_file():
        return shipped
    raise CaseError(
        path,
        [
            Problem(
                "<root>",
                "file not found",
                "a portfolio settings file (.yaml) or the name of a shipped portfolio",
                "portfolio-settings",
            )
        ],
    )
