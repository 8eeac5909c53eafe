"""Checks of uploaded supplier workbooks and portfolios before anything reads them.

Nothing uploaded is trusted: a workbook must be a real .xlsx (an Office Open XML zip with a
workbook part) without macros (no ``vbaProject.bin``, no macro-enabled content type) and under
:data:`MAX_WORKBOOK_BYTES`; a portfolio's settings YAML and rows CSV must be UTF-8 text under
their limits, the settings must name the rows file by a bare file name, and every row may refer
only to shipped cases (never to a path: a portfolio file elsewhere may name any case file on disk).
The uploaded bytes are then written by this code to a temporary folder of its own naming, where
the same readers as the command line (``lcacompare import``, ``lcacompare portfolio``) check them.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from lcacompare.errors import CaseError, Problem

__all__ = [
    "MAX_WORKBOOK_BYTES",
    "MAX_SETTINGS_BYTES",
    "MAX_ROWS_BYTES",
    "check_workbook_upload",
    "check_text_upload",
    "check_rows_name",
    "check_portfolio_rows",
]

MAX_WORKBOOK_BYTES = 5_000_000
"""Largest filled request workbook accepted (a filled request is well under 1 MB)."""

MAX_SETTINGS_BYTES = 200_000
"""Largest portfolio settings YAML accepted."""

MAX_ROWS_BYTES = 10_000_000
"""Largest portfolio rows CSV accepted (the shipped 2,400-line example is 0.43 MB)."""

_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_BARE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.csv$")


def check_workbook_upload(raw: bytes) -> None:
    """Refuse anything but a macro-free .xlsx under the size limit.

    Parameters
    ----------
    raw : bytes
        The uploaded file.

    Raises
    ------
    CaseError
        One problem (rule ``workbook``, field ``<workbook>``) saying what the file is and what was expected.
    """
    from lcacompare.exchange.read import CellProblem

    expected = "the filled request workbook (.xlsx, no macros)"

    def refuse(why: str) -> CaseError:
        return CaseError("upload", [CellProblem("<workbook>", why, expected, "workbook")])

    if len(raw) > MAX_WORKBOOK_BYTES:
        raise refuse(f"{len(raw)} bytes, over {MAX_WORKBOOK_BYTES}")
    if not raw.startswith(b"PK\x03\x04"):
        raise refuse("not an .xlsx workbook (not a zip file)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = [info.filename.lower() for info in archive.infolist()]
            types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise refuse("a damaged zip file") from None
    if "xl/workbook.xml" not in names or not types:
        raise refuse("a zip file, but not an Excel workbook")
    if any(name.rsplit("/", 1)[-1] in _MACRO_PARTS for name in names) or b"macroEnabled" in types:
        raise refuse("a workbook with macros (.xlsm)")


def check_text_upload(raw: bytes, limit: int, what: str) -> str:
    """The text of an uploaded settings or rows file after the size and content checks.

    Raises
    ------
    CaseError
        When it is too large, not UTF-8 or holds NUL bytes (rule ``file``).
    """
    if len(raw) > limit:
        raise CaseError("upload", [Problem(what, f"{len(raw)} bytes, over {limit}", f"a smaller {what}", "file")])
    if b"\x00" in raw:
        raise CaseError("upload", [Problem(what, "binary content (NUL bytes)", "a text file", "file")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError("upload", [Problem(what, "not UTF-8 text", "a UTF-8 text file", "file")]) from None


def check_rows_name(name: object) -> str:
    """The settings' ``rows`` value if it is a bare CSV file name (no folder), else a problem.

    Examples
    --------
    >>> check_rows_name("example-hospital.csv")
    'example-hospital.csv'
    """
    if isinstance(name, str) and _BARE_NAME.match(name) and ".." not in name:
        return name
    raise CaseError(
        "upload",
        [Problem("rows", f"{name!r}", "the bare name of the uploaded CSV file (no folder)", "portfolio-settings")],
    )


def check_portfolio_rows(rows_csv: str, shipped: list[str]) -> None:
    """Every case a row names (in ``current`` and ``alternatives``) is a shipped case.

    Parameters
    ----------
    rows_csv : str
        The rows file's text.
    shipped : list of str
        The shipped case names.

    Raises
    ------
    CaseError
        Listing every cell naming anything else, by row number (the header is row 1) and column
        (rule ``portfolio-case``).
    """
    problems = []
    reader = csv.DictReader(io.StringIO(rows_csv))
    for number, row in enumerate(reader, start=2):
        for column in ("current", "alternatives"):
            for part in str(row.get(column) or "").split(";"):
                case = part.strip().rpartition(":")[0]
                if part.strip() and case not in shipped:
                    problems.append(
                        Problem(
                            f"row {number}, column {column}",
                            f"no shipped case {case!r}",
                            "case:option of a shipped case (" + ", ".join(shipped) + ")",
                            "portfolio-case",
                            number,
                        )
                    )
    if problems:
        raise CaseError("upload", problems)
