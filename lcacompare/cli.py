"""The ``lcacompare`` command line.

Exit codes: 0 success, 2 bad input (every problem listed, no traceback), 1 internal error.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from lcacompare.errors import CaseError, OutputError
from lcacompare.report.formats import default_formats, report_formats

if TYPE_CHECKING:
    from lcacompare.datasets import Datasets
    from lcacompare.result import Result

app = typer.Typer(
    name="lcacompare",
    help="Compare whole-life cost and CO2e per use of healthcare products under one harmonised method.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_out = Console()
_err = Console(stderr=True)

INTERRUPTED = "interrupted: no reports written; earlier reports left untouched"
"""What ``run`` prints on Ctrl-C before its reports are in place (exit code 130)."""

# C0 and C1 control characters (escape sequences, carriage returns, line breaks) and the Unicode
# direction overrides that can make printed text read differently from what it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: object) -> str:
    r"""User text made safe for a terminal: control and direction characters shown as escapes.

    Parameters
    ----------
    text : object
        A title, a path, a message quoting user input; converted with ``str``.

    Returns
    -------
    str
        The text with each such character written as its Python escape (``\x1b``, ``\n``,
        ``\u202e``); everything else, including non-ASCII letters, unchanged.

    Examples
    --------
    >>> visible("red\x1b[31m, café")
    'red\\x1b[31m, café'
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def _text(value: object) -> Text:
    """User text as a rich ``Text``: shown as it is, never read as markup or emoji codes."""
    return Text(visible(value))


def _say(console: Console, message: object) -> None:
    """Print one line of (possibly user-written) text literally, unwrapped so paths stay whole."""
    console.print(_text(message), soft_wrap=True)


ReportFormat = Enum(  # type: ignore[misc]  # the choices of --report: the registry's format names
    "ReportFormat", {fmt.name: fmt.name for fmt in report_formats()}, type=str
)
"""Report files ``run`` can write (from :mod:`lcacompare.report.formats`)."""


class Language(str, Enum):
    """Language of a report, a supplier request workbook or an award justification."""

    en = "en"
    nl = "nl"


class DiffFormat(str, Enum):
    """How ``diff`` prints its result."""

    text = "text"
    json = "json"


class OutputFormat(str, Enum):
    """How ``run`` prints its result."""

    table = "table"
    json = "json"


@contextmanager
def _case_file(case: str) -> Iterator[Path]:
    """The file of a case: a path, or else the name of a case shipped in the package."""
    from lcacompare.data import shipped_case

    path = Path(case)
    if not path.exists() and not path.suffix:
        with shipped_case(case) as shipped:
            if shipped is not None:
                yield shipped
                return
    yield path


@contextmanager
def _home_option(home: Path | None) -> Iterator[None]:
    """Make ``--home`` hold every cache of this command (Brightway project, unit definitions).

    The unit registry is built here, with the folder, before anything else can build it with the
    default home; the Brightway project gets the folder from each call that needs it.
    """
    if home is not None:
        from lcacompare.units import registry

        registry(home)
    yield


def _datasets(folder: Path | None) -> Datasets | None:
    """The datasets of ``--datasets``, or None for the default ($LCACOMPARE_DATASETS or the shipped ones)."""
    if folder is None:
        return None
    from lcacompare.datasets import load_datasets

    return load_datasets(folder)


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="lcacompare's cache folder (default: $LCACOMPARE_HOME or the user cache dir)."),
]
DatasetsOption = Annotated[
    Path | None,
    typer.Option(
        "--datasets",
        exists=True,
        file_okay=False,
        dir_okay=True,
        help="Folder with factors/, prices/ and indices/ (default: $LCACOMPARE_DATASETS or the shipped datasets).",
    ),
]


MethodOption = Annotated[
    str | None,
    typer.Option(
        "--method",
        help="Apply this method version instead of the one the case states (see: lcacompare list --methods).",
    ),
]


@app.command()
def run(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for reports; a sub-folder per case.")] = Path(
        "reports"
    ),
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Print a table or the JSON result.")
    ] = OutputFormat.table,
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples", "-n", min=0, max=2_000_000, help="Paired Monte Carlo draws (0: none; default 10000)."
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", min=0, help="Random seed, 0 or more (default: the method's).")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country", help="Run the case for another country (NL or BE); reports go to <case-id>-<country>."
        ),
    ] = None,
    reports: Annotated[
        list[ReportFormat] | None,
        typer.Option(
            "--report",
            "-r",
            help=(
                "Report file to write: "
                + ", ".join(f"{fmt.name} ({fmt.file_name})" for fmt in report_formats())
                + "; repeat for several (default: "
                + ", ".join(fmt.name for fmt in default_formats())
                + ")."
            ),
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Language of the reports and the printed verdict: en or nl (default: the case's lang:, else en).",
        ),
    ] = None,
    sensitivity: Annotated[bool, typer.Option(help="Compute the one-at-a-time (tornado) sensitivity.")] = True,
    sobol: Annotated[
        bool,
        typer.Option(
            "--sobol",
            help=(
                "Also compute global Sobol indices with SALib (about 2 s more; includes the tornado, "
                "which screens the inputs)."
            ),
        ),
    ] = False,
    home: HomeOption = None,
    datasets: DatasetsOption = None,
    method: MethodOption = None,
) -> None:
    """Compare the options of CASE and write its reports.

    Writes OUTPUT/<case-id>/result.json, report.html and report.xlsx, or those asked for with
    --report (all or none: a failed run leaves earlier reports untouched).

    For example:

      lcacompare run kocher-clamp

      lcacompare run my-case.yaml --datasets my-datasets/

      lcacompare run kocher-clamp --samples 100000 --seed 7 --output /tmp/reports

      lcacompare run incontinence --country BE --format json

      lcacompare run suture-set --sobol --report html

      lcacompare run kocher-clamp --lang nl --report summary

      lcacompare run kocher-clamp --method LCAC-HC/2
    """
    with _home_option(home):
        from lcacompare.cli_progress import RunDisplay
        from lcacompare.errors import Problem
        from lcacompare.model import load_case
        from lcacompare.report.json_result import render_json
        from lcacompare.run import run_case

        if samples == 1:
            problem = Problem(
                "--samples", "1 sample cannot give a spread", "0 (no uncertainty) or at least 2", "samples"
            )
            raise CaseError("command line", [problem])
        if sobol and samples == 0:
            problem = Problem(
                "--sobol",
                "--samples 0 skips the uncertainty model that Sobol indices vary",
                "--samples 2 or more",
                "sobol",
            )
            raise CaseError("command line", [problem])
        try:
            with _case_file(case) as path:
                loaded = load_case(path)
            data = _datasets(datasets)
            folder = loaded.id
            language = lang.value if lang is not None else (loaded.lang or "en")
            if country:
                _set_country(loaded, country, data)
                folder = f"{loaded.id}-{loaded.context.country}"
            with RunDisplay(_err) as display:
                analysis = run_case(
                    loaded,
                    output,
                    formats=[r.value for r in reports] if reports else None,
                    folder_name=folder,
                    lang=language,
                    samples=samples,
                    seed=seed,
                    sensitivity=sensitivity,
                    sobol=sobol,
                    home=home,
                    datasets=data,
                    method=method,
                    on_event=display,
                )
        except KeyboardInterrupt:
            # run_case writes the report set all or none, and undoes a half-moved set on Ctrl-C.
            _say(_err, INTERRUPTED)
            raise typer.Exit(130) from None
        if analysis.stale:
            names = ", ".join(p.name for p in analysis.stale)
            _say(_err, f"Note: {names} in {output / folder} are from an earlier run and were not updated.")
        if fmt is OutputFormat.json:
            sys.stdout.write(render_json(analysis.result))
            return
        _print_summary(analysis.result, language)
        _say(_out, f"Reports written to {output / folder}: " + ", ".join(p.name for p in analysis.files))


def _set_country(case: object, country: str, datasets: Datasets | None = None) -> None:
    from lcacompare.datasets import load_datasets
    from lcacompare.errors import Problem

    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise CaseError(
            "command line", [Problem("--country", f"{country!r} is not a country code", "NL or BE", "country")]
        )
    known = (datasets or load_datasets()).geographies()
    if code not in known:
        problem = Problem(
            "--country",
            f"no dataset rows for country {code!r}",
            "a geography of datasets/factors or datasets/prices: " + ", ".join(known),
            "unknown-geography",
        )
        raise CaseError("command line", [problem])
    case.context.country = code  # type: ignore[attr-defined]


def _print_summary(result: Result, lang: str = "en") -> None:
    """A rich table of the per-use results, then the buyer's sentence per alternative and the data warning.

    Figures follow the report's one formatting rule (:mod:`lcacompare.report.formatting`).
    """
    from lcacompare.i18n import translator
    from lcacompare.report.buyers_page import buyers_page
    from lcacompare.report.formatting import eur, significant
    from lcacompare.report.html import method_for
    from lcacompare.report.verdict import threshold_of
    from lcacompare.report.vocabulary import vocabulary

    t = translator(lang)
    _ = t.gettext
    words = vocabulary(t)
    case = result.case
    table = Table(
        title=_text(
            _("{title} ({method}, {country}), per use").format(
                title=case.title, method=result.method, country=case.country
            )
        )
    )
    table.add_column(_("option"), no_wrap=True)
    table.add_column(_("kind"))
    table.add_column(_("kg CO2e per use"), justify="right")
    table.add_column(_("EUR per use"), justify="right")
    table.add_column(_("break-even, uses per item (cost / CO2e)"), justify="right")
    breakeven = result.breakeven or {}
    for option in result.options:
        be = breakeven.get(option.id)
        be_text = ""
        if be is not None:
            cost = _uses_text(be.uses_cost, be.status_cost, words.statuses, lang)
            be_text = f"{cost} / {_uses_text(be.uses_co2e, be.status_co2e, words.statuses, lang)}"
        table.add_row(
            _text(option.id),
            _text(words.kinds.get(option.kind, option.kind)),
            significant(option.kg_co2e_per_use, lang=lang),
            eur(option.eur_per_use, lang).removeprefix("EUR "),
            be_text,
        )
    _out.print(table)
    if result.electricity is not None:  # LCAC-HC/2: say which Scope 2 basis the totals use
        basis = _("location-based") if result.electricity.basis == "location" else _("market-based")
        _say(_out, _("Electricity in these totals: {basis} (the report shows both views).").format(basis=basis))
    page = buyers_page(result, threshold_of(result, method_for(result).assertion_threshold), lang)
    for line in page.lines:
        _say(_out, line.sentence)
    if page.quality is not None and page.quality.warning:
        _say(_out, page.quality.warning)
    _say_data_quality(result, lang)
    if page.review_warning:
        _say(_out, page.review_warning)


def _say_data_quality(result: Result, lang: str) -> None:
    """The PEF data-quality line of the summary (LCAC-HC/2): each option's DQR, then any warning."""
    from lcacompare.i18n import translator
    from lcacompare.report.data_quality_view import data_quality_warnings, level_word
    from lcacompare.report.formatting import significant

    if result.data_quality is None:
        return
    _ = translator(lang).gettext
    ratings = ", ".join(
        f"{oid} {significant(o.dqr, lang=lang)} ({level_word(o.level, lang)})" if o.dqr is not None else f"{oid} -"
        for oid, o in result.data_quality.options.items()
    )
    _say(_out, _("Data quality (PEF DQR, 1 best to 5 worst): {ratings}").format(ratings=ratings))
    for sentence in data_quality_warnings(result, lang):
        _say(_out, sentence)


def _uses(value: float | None, status: str | None) -> str:
    """Break-even uses per item in the ``breakeven`` command's table (English, the report's rule)."""
    from lcacompare.report.formatting import uses

    if status in ("always", "equal"):
        return str(status)
    if value is None:
        return "never"
    return uses(value)


def _uses_text(value: float | None, status: str | None, statuses: dict[str, str], lang: str) -> str:
    """Break-even uses per item by the report's rule (rounded up), or the status in words."""
    from lcacompare.report.formatting import uses

    if status in ("always", "equal", "never") or value is None:
        return statuses.get(status or "never", str(status))
    return uses(value, lang)


@app.command()
def breakeven(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Table or JSON.")] = OutputFormat.table,
    home: HomeOption = None,
    datasets: DatasetsOption = None,
) -> None:
    """Print the break-even uses per life of each reusable option, for cost and for CO2e.

    The break-even N* solves per-use(reusable, N) = per-use(single-use baseline); 'always' means
    the reusable option is better from its first use, 'never' that it never catches up, 'equal'
    that it is the same as the baseline whatever the number of uses.

    For example:

      lcacompare breakeven kocher-clamp
    """
    with _home_option(home):
        from lcacompare.engine import compare, prepare
        from lcacompare.model import load_case
        from lcacompare.whole_life import cost_analysis

        with _case_file(case) as path:
            loaded = load_case(path)
        prepared = prepare(loaded, datasets=_datasets(datasets), home=home)
        comparison = compare(loaded, prepared=prepared)
        result = cost_analysis(prepared, comparison)["breakeven"]
        rows = {
            oid: {k: v for k, v in entry.items() if k in {"uses_cost", "uses_co2e", "status_cost", "status_co2e"}}
            for oid, entry in result.items()
            if isinstance(entry, dict) and "status_cost" in entry
        }
        if fmt is OutputFormat.json:
            sys.stdout.write(json.dumps(rows, indent=2, sort_keys=True) + "\n")
            return
        table = Table(title=_text(f"Break-even uses per life against {comparison.baseline}"))
        table.add_column("option")
        table.add_column("cost", justify="right")
        table.add_column("CO2e", justify="right")
        for oid, entry in rows.items():
            table.add_row(
                _text(oid),
                _uses(entry.get("uses_cost"), entry.get("status_cost")),
                _uses(entry.get("uses_co2e"), entry.get("status_co2e")),
            )
        _out.print(table)


@app.command()
def validate(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    datasets: DatasetsOption = None,
    method: MethodOption = None,
) -> None:
    """Check CASE against the case format, the harmonised method, units and datasets.

    A case linked to a Brightway project (context.background) is checked as run checks it: the
    project, database, method and every linked activity must exist (opened read-only).

    Lists every problem (file, line, field, what was expected) and exits 2 if there are any.

    For example:

      lcacompare validate my-case.yaml

      lcacompare validate kocher-clamp --datasets my-datasets/

      lcacompare validate kocher-clamp --method LCAC-HC/2
    """
    from lcacompare.compile.cross_checks import validate_case
    from lcacompare.datasets import load_datasets
    from lcacompare.model import load_case
    from lcacompare.run import apply_method

    with _case_file(case) as path:
        loaded, applied = apply_method(load_case(path), method)
        compiled = validate_case(loaded, load_datasets(datasets), applied.get("method"))
    if loaded.context.background is not None:
        from lcacompare.lca.linked import LinkedBackend

        LinkedBackend(loaded, compiled)  # checks the project, database, method and activities exist
    if method is None:
        _say(_out, f"{path}: valid under the harmonised method {compiled.method.id}")
    else:
        _say(_out, f"{path}: valid under {compiled.method.id} (the case states {applied['case_method']})")


@app.command("list")
def list_cases(
    methods: Annotated[
        bool, typer.Option("--methods", help="List the method versions (with their digests) instead.")
    ] = False,
) -> None:
    """List the shipped product cases with their titles, or the method versions.

    For example:

      lcacompare list

      lcacompare list --methods
    """
    from lcacompare.data import shipped_case, shipped_case_names
    from lcacompare.model.load import read_yaml

    if methods:
        from lcacompare.method.spec import known_methods, load_method

        # Plain lines, so a digest is never cut to the terminal's width.
        _say(_out, "Method versions (a case states one; run --method applies another):")
        for method_id in known_methods():
            spec = load_method(method_id)
            _say(_out, f"{spec.id}  sha256 {spec.digest}  {spec.title}")
        return

    table = Table(title="Shipped cases (run or validate them by name)")
    table.add_column("case")
    table.add_column("title")
    table.add_column("options")
    for name in shipped_case_names():
        with shipped_case(name) as path:
            try:
                data, _ = read_yaml(path) if path is not None else (None, None)
            except CaseError:
                data = None
        if not isinstance(data, dict):
            table.add_row(_text(name), "(unreadable: run lcacompare validate on it)", "")
            continue
        options = ", ".join(str(o.get("id")) for o in data.get("options") or [] if isinstance(o, dict))
        table.add_row(_text(name), _text(data.get("title", "")), _text(options))
    _out.print(table)


@app.command()
def init(
    name: Annotated[str, typer.Argument(help="Case id (kebab-case); writes NAME.yaml.")],
    folder: Annotated[Path, typer.Option("--folder", help="Where to write the file.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented template case NAME.yaml that validates, to fill in.

    For example:

      lcacompare init gown-comparison && lcacompare validate gown-comparison.yaml
    """
    import re

    from lcacompare.data import case_template
    from lcacompare.errors import Problem
    from lcacompare.report.writer import check_replaceable, write_atomically

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise CaseError(
            "command line",
            [Problem("NAME", f"{name!r} is not a case id", "lower-case letters, digits and '-'", "init")],
        )
    target = folder / f"{name}.yaml"
    check_replaceable(target)  # a folder or a named pipe there is refused even with --force
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists (expected: a new name, or --force to overwrite)")
    template = case_template()
    title = name.replace("-", " ").capitalize() + ", single-use vs reusable"
    text = template.replace("{case_id}", name).replace("{title}", title).replace("{filename}", target.name)
    write_atomically(folder, {target.name: text.encode()})
    _say(_out, f"Wrote {target}; fill in the figures and run: lcacompare validate {target}")


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    result: Annotated[
        bool, typer.Option("--result", help="The schema of result.json (generated from the result models) instead.")
    ] = False,
    tender: Annotated[
        bool, typer.Option("--tender", help="The tender file format instead of the case format.")
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="The schema of diff --format json instead.")] = False,
) -> None:
    """Print the JSON Schema of the case format (for editors such as VS Code), of result.json or of a tender.

    For example:

      lcacompare schema --output case.schema.json

      lcacompare schema --result -o lcacompare/schemas/result.schema.json

      lcacompare schema --tender --output tender.schema.json

      lcacompare schema --diff
    """
    from lcacompare.report.writer import write_atomically

    if result + tender + diff > 1:
        from lcacompare.errors import Problem

        problem = Problem(
            "--result", "--result, --tender and --diff each ask for a schema", "one of them", "schema-choice"
        )
        raise CaseError("command line", [problem])
    if diff:
        from lcacompare.result.diff import diff_schema

        document = diff_schema()
    elif result:
        from lcacompare.result import result_schema

        document = result_schema()
    elif tender:
        from lcacompare.tender.tender import Tender

        document = Tender.model_json_schema()
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["title"] = "lcacompare tender"
    else:
        from lcacompare.model.case import Case

        document = Case.model_json_schema()
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        document["title"] = "lcacompare case (LCAC-HC/1)"
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output.parent if str(output.parent) else Path("."), {output.name: text.encode()})


@app.command("diff")
def diff_command(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    methods: Annotated[
        list[str] | None,
        typer.Option("--method", help="A method version; give exactly two (from, to)."),
    ] = None,
    samples: Annotated[
        int,
        typer.Option("--samples", "-n", min=0, max=2_000_000, help="Paired Monte Carlo draws of each run (0: none)."),
    ] = 0,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Text or the JSON diff.")] = DiffFormat.text,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the text: en or nl.")] = Language.en,
    home: HomeOption = None,
    datasets: DatasetsOption = None,
) -> None:
    """Run CASE under two method versions: what moved per option and module, and which rule moved it.

    The second version's rule sections are switched on one at a time on top of the first (its
    file order); each step's movement is shown, and the steps add up to the total movement.
    Sections that move nothing are listed as having no effect on this case.

    For example:

      lcacompare diff kocher-clamp --method LCAC-HC/1 --method LCAC-HC/2

      lcacompare diff suture-set --method LCAC-HC/1 --method LCAC-HC/2 --format json --lang nl
    """
    with _home_option(home):
        from lcacompare.errors import Problem

        if methods is None or len(methods) != 2:
            given = len(methods or [])
            problem = Problem(
                "--method", f"{given} --method given", "exactly two: --method FROM --method TO", "diff-methods"
            )
            raise CaseError("command line", [problem])
        if samples == 1:
            problem = Problem(
                "--samples", "1 sample cannot give a spread", "0 (no uncertainty) or at least 2", "samples"
            )
            raise CaseError("command line", [problem])
        from lcacompare.method_diff import method_diff
        from lcacompare.model import load_case
        from lcacompare.report.method_diff import render_diff_text

        with _case_file(case) as path:
            loaded = load_case(path)
        diff = method_diff(loaded, methods[0], methods[1], samples=samples, home=home, datasets=_datasets(datasets))
        if fmt is DiffFormat.json:
            sys.stdout.write(diff.to_json())
            return
        for line in render_diff_text(diff, lang.value).splitlines():
            _say(_out, line)


@app.command("award")
def award_command(
    tender: Annotated[str, typer.Argument(help="Tender file (YAML) or the name of a shipped tender.")],
    lang: Annotated[Language, typer.Option("--lang", help="Language of the report: en or nl.")] = Language.en,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Folder for award.html, .xlsx, .json (default: reports/<id>).")
    ] = None,
    allow_upgrade: Annotated[
        bool,
        typer.Option("--allow-upgrade", help="Rank under this version even if the tender pinned others."),
    ] = False,
    home: HomeOption = None,
    datasets: DatasetsOption = None,
) -> None:
    """Award TENDER: score each bid under the published method, rank, test robustness, write the reports.

    Writes award.html, award.xlsx and award.json (all or none).

    For example:

      lcacompare award kocher-clamp-tender --lang nl
    """
    with _home_option(home):
        from lcacompare.tender import award, load_tender, write_award

        loaded = load_tender(tender)
        result = award(loaded, allow_upgrade=allow_upgrade, lang=lang.value, home=home, datasets=_datasets(datasets))
        folder = output if output is not None else Path("reports") / loaded.id
        files = write_award(result, folder, lang.value)
        table = Table(title=_text(f"{result.title} ({result.method})"))
        for column in ("rank", "bid", "supplier", "total", "P(win)"):
            table.add_column(column, justify="right" if column in ("total", "P(win)") else "left")
        for bid in sorted(result.bids, key=lambda b: (b.rank, b.id)):
            p_win = "" if bid.probability_of_winning is None else f"{bid.probability_of_winning:.1%}"
            table.add_row(str(bid.rank), _text(bid.id), _text(bid.supplier), f"{bid.total:.6g}", p_win)
        _out.print(table)
        if result.versions.differ:
            pinned = " > ".join(result.versions.pinned_ranking or ["not recorded"])
            now = " > ".join("/".join(group) for group in result.ranking)
            _say(_out, f"Upgraded ({', '.join(result.versions.differ)}): pinned ranking {pinned}; this run {now}")
        _say(_out, result.robustness.statement)
        _say(_out, f"Reports written to {folder}: " + ", ".join(p.name for p in files))


@app.command()
def request(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The request workbook (.xlsx) to write.")],
    option: Annotated[
        str | None, typer.Option("--option", help="Option to ask about (default: one workbook per option).")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the workbook.")] = Language.en,
) -> None:
    """Write a supplier questionnaire workbook for an option of CASE (docs/exchange.md).

    Without --option, writes one workbook per option, named OUTPUT's stem plus the option id.

    For example:

      lcacompare request kocher-clamp --option reusable-cssd -o request.xlsx
    """
    from lcacompare.errors import Problem
    from lcacompare.exchange.request import build_request
    from lcacompare.model import load_case
    from lcacompare.report.writer import write_atomically

    with _case_file(case) as path:
        loaded = load_case(path)
        text = Path(path).read_text(encoding="utf-8")
    ids = [o.id for o in loaded.options]
    if option is not None and option not in ids:
        raise CaseError("command line", [Problem("--option", f"{option!r} is not an option", ", ".join(ids), "option")])
    chosen = [option] if option else ids
    files = {
        (output.name if option else f"{output.stem}.{oid}{output.suffix or '.xlsx'}"): build_request(
            text, loaded, oid, lang=lang.value
        )
        for oid in chosen
    }
    written = write_atomically(output.parent if str(output.parent) else Path("."), files)
    for target in written:
        _say(_out, f"Wrote {target}")


@app.command("import")
def import_(
    workbook: Annotated[Path, typer.Argument(help="A filled request workbook (.xlsx).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The case file (YAML) to write.")],
    request_file: Annotated[
        Path | None, typer.Option("--request", help="The request sent: refuse a workbook answering another.")
    ] = None,
    unverified_penalty: Annotated[
        float,
        typer.Option(
            "--unverified-penalty",
            min=0.0,
            max=1.0,
            help="Add this share to unverified amounts (0.3 = the Dutch NMD's 30 %; default off).",
        ),
    ] = 0.0,
) -> None:
    """Read a filled supplier workbook into a case file (and its declaration, NAME.supplier.yaml).

    Every problem is listed with its sheet and cell; nothing is written then (exit 2).

    For example:

      lcacompare import filled.xlsx -o kocher-acme.yaml --request request.xlsx
    """
    from lcacompare.exchange.importer import import_workbook, write_import
    from lcacompare.exchange.read import open_workbook, read_request
    from lcacompare.exchange.to_case import ImportOptions

    expected = None
    if request_file is not None:
        expected = read_request(open_workbook(request_file), request_file.name).digest
    result = import_workbook(workbook, expected_digest=expected, options=ImportOptions(unverified_penalty))
    for target in write_import(result, output):
        _say(_out, f"Wrote {target}")


@app.command("check-declared")
def check_declared_command(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    declaration: Annotated[
        Path | None, typer.Option("--declaration", help="NAME.supplier.yaml written by import (default: next to CASE).")
    ] = None,
    pact: Annotated[Path | None, typer.Option("--pact", help="A supplier's PACT footprint (JSON).")] = None,
    option: Annotated[str | None, typer.Option("--option", help="The option the PACT footprint is for.")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="Accepted relative difference.")] = 0.10,
    output_format: Annotated[str, typer.Option("--format", help="md or json.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    home: HomeOption = None,
) -> None:
    """Check a case's supplier data: claims with their evidence, declared versus computed footprint.

    For example:

      lcacompare check-declared kocher-acme.yaml

      lcacompare check-declared kocher-clamp --pact supplier.json --option single-use --tolerance 0.05
    """
    from lcacompare.errors import Problem
    from lcacompare.exchange.check import check_supplier_data, render_json, render_markdown
    from lcacompare.exchange.importer import declaration_path, load_declaration
    from lcacompare.exchange.pact import read_footprint
    from lcacompare.model import load_case
    from lcacompare.report.writer import write_atomically

    if output_format not in ("md", "json"):
        raise CaseError("command line", [Problem("--format", f"{output_format!r}", "md or json", "output-format")])
    with _home_option(home), _case_file(case) as path:
        loaded = load_case(path)
        found = declaration or declaration_path(path)
        answers = load_declaration(found) if found.is_file() else None
        footprints = {}
        if pact is not None:
            target = option or (answers.option_id if answers else None)
            if target is None or target not in [o.id for o in loaded.options]:
                raise CaseError("command line", [Problem("--option", f"{target!r}", "an option of the case", "option")])
            footprints[target] = read_footprint(pact, f":option:{target}:")[1]
        result = check_supplier_data(loaded, declaration=answers, footprints=footprints, tolerance=tolerance, home=home)
    text = render_json(result) if output_format == "json" else render_markdown(result)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output.parent if str(output.parent) else Path("."), {output.name: text.encode()})


@app.command("export-pact")
def export_pact(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The PACT footprints (JSON) to write.")],
    home: HomeOption = None,
) -> None:
    """Write each option of CASE as a WBCSD PACT 2.3 product footprint (per use), schema-validated.

    For example:

      lcacompare export-pact kocher-clamp -o footprints.json
    """
    from lcacompare import compare
    from lcacompare.exchange.pact import export_footprints
    from lcacompare.model import load_case
    from lcacompare.report.writer import write_atomically

    with _home_option(home), _case_file(case) as path:
        loaded = load_case(path)
        footprints = export_footprints(loaded, compare(loaded, home=home))
    text = json.dumps({"data": footprints}, indent=2, ensure_ascii=False) + "\n"
    write_atomically(output.parent if str(output.parent) else Path("."), {output.name: text.encode()})
    _say(_out, f"Wrote {output} ({len(footprints)} footprints)")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (anything but loopback needs --token).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="LCACOMPARE_TOKEN", help="Access token asked on every request (login page)."),
    ] = None,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace", help="Workspace database folder (default: $LCACOMPARE_WORKSPACE or the user data dir)."
        ),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Start the web app and its JSON API (/api/v1) and print the address to open.

    For example:

      lcacompare serve

      lcacompare serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    from lcacompare.errors import Problem
    from lcacompare.web.security import is_loopback

    if not is_loopback(host) and not token:
        problem = Problem("--host", f"{host} is reachable from other machines", "--token or LCACOMPARE_TOKEN", "token")
        raise CaseError("command line", [problem])
    if token is not None and len(token.strip()) < MIN_TOKEN_CHARACTERS:
        problem = Problem(
            "--token",
            f"a token of {len(token.strip())} characters is too easy to guess",
            f"at least {MIN_TOKEN_CHARACTERS} characters, e.g. $(openssl rand -hex 16)",
            "token",
        )
        raise CaseError("command line", [problem])
    _check_free(host, port)
    import uvicorn

    from lcacompare.web.app import create_app

    with _home_option(home):
        if workspace is not None and workspace.exists() and not workspace.is_dir():
            problem = Problem("--workspace", f"{workspace} is a file", "a folder for the workspace database", "serve")
            raise CaseError("command line", [problem])
        try:
            web_app = create_app(workspace, token=token, home=home)
        except OSError as exc:
            why = f"cannot hold the workspace ({exc.strerror or type(exc).__name__})"
            problem = Problem("--workspace", why, "a folder you may write to", "serve")
            raise CaseError("command line", [problem]) from None
        shown = f"[{host}]" if ":" in host else host
        _say(_out, f"lcacompare web app at http://{shown}:{port}/ (JSON API at /api/v1, Ctrl-C stops it)")
        uvicorn.run(web_app, host=host, port=port, log_level="warning")


MIN_TOKEN_CHARACTERS = 16
"""Shortest access token ``serve`` accepts (16 characters: 64 bits as hexadecimal)."""


def _check_free(host: str, port: int) -> None:
    """Refuse a port another program listens on before printing the address (rule ``serve``)."""
    import socket

    from lcacompare.errors import Problem

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            problem = Problem(
                "--port",
                f"{host}:{port} cannot be used ({exc.strerror or exc})",
                "a free port, e.g. --port 8766",
                "serve",
            )
            raise CaseError("command line", [problem]) from None


@app.command("portfolio")
def portfolio_command(
    file: Annotated[str, typer.Argument(help="Portfolio settings (YAML) or the name of a shipped portfolio.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for portfolio.html, .xlsx and .json (a sub-folder per file).")
    ] = Path("reports"),
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=512, help="Run on a Dask LocalCluster of N processes.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of an existing Dask scheduler (tcp://host:8786).")
    ] = None,
    samples: Annotated[
        int | None,
        typer.Option("--samples", "-n", min=0, max=100_000, help="Paired draws per row (default: the file's)."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", min=0, help="Random seed (default: the file's).")] = None,
    home: HomeOption = None,
    datasets: DatasetsOption = None,
) -> None:
    """Evaluate a hospital portfolio against the sector targets; print the target table.

    Writes OUTPUT/<file name>/portfolio.html, portfolio.xlsx and portfolio.json (all or none).

    For example:

      lcacompare portfolio example-hospital --workers 2
    """
    from lcacompare.portfolios.api import portfolio
    from lcacompare.portfolios.load import portfolio_file

    with _home_option(home):
        path = portfolio_file(file)
        result = portfolio(
            path,
            workers=workers,
            scheduler=scheduler,
            samples=samples,
            seed=seed,
            output=output / path.stem,
            datasets=_datasets(datasets),
            home=home,
        )
    table = Table(title=_text(f"{result.portfolio.settings.title}: targets ({len(result.portfolio.rows)} lines)"))
    for column in ("target", "measure", "target", "now", "gap", "cheapest set", "extra EUR a year"):
        table.add_column(column)
    for status, chosen in zip(result.status["current"], result.cheapest, strict=True):
        reach = f"{chosen.switches.size} switches" if chosen.reachable else "not reachable"
        table.add_row(
            _text(status.id),
            _text(status.measure),
            _text(f"{100 * status.target:.0f} %"),
            _text(f"{100 * status.achieved:.1f} %" if status.achieved == status.achieved else "no baseline"),
            _text("met" if status.met else f"{status.gap:,.0f} {status.gap_unit}"),
            _text(reach),
            _text(f"{chosen.extra_eur_per_year:,.0f}" if chosen.reachable else "-"),
        )
    _out.print(table)
    _say(_out, f"Wrote {output / path.stem}/portfolio.html, portfolio.xlsx, portfolio.json")


def main() -> None:
    """Entry point: run the app, turning input errors into exit code 2 without a traceback."""
    try:
        app()  # click's standalone mode: usage errors exit 2 with a message, --help exits 0
    except CaseError as exc:
        _say(_err, f"error: {len(exc.problems)} problem(s) in {exc.file or 'input'}")
        for problem in exc.problems:
            _say(_err, "  " + problem.render(exc.file))
        sys.exit(2)
    except OutputError as exc:
        _say(_err, f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        _err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("LCACOMPARE_DEBUG"):
            raise
        _say(_err, f"internal error: {type(exc).__name__}: {exc} (set LCACOMPARE_DEBUG=1 for details)")
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
