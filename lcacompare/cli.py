"""The ``lcacompare`` command line.

Exit codes: 0 success, 2 bad input (every problem listed, no traceback), 1 internal error.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lcacompare.errors import CaseError, OutputError

app = typer.Typer(
    name="lcacompare",
    help="Compare whole-life cost and CO2e per use of healthcare products under one harmonised method.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_out = Console()
_err = Console(stderr=True)


class OutputFormat(str, Enum):
    """How ``run`` prints its result."""

    table = "table"
    json = "json"


def _cases_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "cases"


def _case_path(case: str) -> Path:
    """A case file path, or the name of a shipped case."""
    path = Path(case)
    if not path.exists() and not path.suffix:
        shipped = _cases_dir() / f"{case}.yaml"
        if shipped.exists():
            return shipped
    return path


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="lcacompare's cache folder (default: $LCACOMPARE_HOME or the user cache dir)."),
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
    home: HomeOption = None,
) -> None:
    """Compare the options of CASE and write its reports.

    Writes OUTPUT/<case-id>/result.json (and the HTML and Excel reports).

    Examples
    --------
      lcacompare run cases/kocher-clamp.yaml

      lcacompare run kocher-clamp --format json --output /tmp/reports
    """
    from lcacompare import compare, load_case
    from lcacompare.report.json_result import result_json
    from lcacompare.report.writer import write_atomically

    loaded = load_case(_case_path(case))
    result = compare(loaded, home=home)
    text = result_json(result)
    write_atomically(output / result.case_id, {"result.json": text.encode()})
    if fmt is OutputFormat.json:
        sys.stdout.write(text)
        return
    table = Table(title=f"{result.case_title} ({result.method_id}, {result.country})")
    table.add_column("option")
    table.add_column("kind")
    table.add_column("kg CO2e per use", justify="right")
    table.add_column("EUR per use", justify="right")
    for option in result.options:
        table.add_row(option.id, option.kind, f"{option.kg_co2e_per_use:.4g}", f"{option.eur_per_use:.4g}")
    _out.print(table)
    _out.print(f"Reports written to {output / result.case_id}")


@app.command()
def validate(
    case: Annotated[str, typer.Argument(help="Case file (YAML) or the name of a shipped case.")],
) -> None:
    """Check CASE against the case format, the harmonised method, units and datasets.

    Lists every problem (file, line, field, what was expected) and exits 2 if there are any.

    Example:

      lcacompare validate cases/kocher-clamp.yaml
    """
    from lcacompare.datasets import load_datasets
    from lcacompare.model import load_case
    from lcacompare.resolve import compile_case

    path = _case_path(case)
    compile_case(load_case(path), load_datasets())
    _out.print(f"{path}: valid under the harmonised method")


def main() -> None:
    """Entry point: run the app, turning input errors into exit code 2 without a traceback."""
    try:
        app(standalone_mode=False)
    except CaseError as exc:
        _err.print(f"[bold red]error[/]: {len(exc.problems)} problem(s) in {exc.file or 'input'}", highlight=False)
        for problem in exc.problems:
            _err.print("  " + problem.render(exc.file), markup=False, highlight=False)
        sys.exit(2)
    except OutputError as exc:
        _err.print(f"error: {exc}", markup=False, highlight=False)
        sys.exit(2)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", 0))
        sys.exit(code if isinstance(code, int) else 0)
    except KeyboardInterrupt:
        _err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:
        import click

        if isinstance(exc, click.exceptions.UsageError):
            exc.show()
            sys.exit(2)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if os.environ.get("LCACOMPARE_DEBUG"):
            raise
        _err.print(f"internal error: {type(exc).__name__}: {exc} (set LCACOMPARE_DEBUG=1 for details)", markup=False)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
