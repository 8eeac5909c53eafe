"""A catalogue of bad case files: each exits 2 with a message naming file, field and expectation.

Every entry is run through the real CLI entry point (``lcacompare.cli.main``) in-process, with
``LCACOMPARE_DEBUG=1`` so that an unexpected exception escapes as a test failure with its traceback
instead of being hidden behind exit code 1. A handful also run as real subprocesses, bounded in
time, to prove the installed command prints no traceback.

Most entries are mutations of the valid test case ``tests/data/clamp.yaml`` (text substitutions,
so the line a message points at can be checked); raw files that are not even YAML live in
``tests/bad_inputs/``.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lcacompare import cli
from lcacompare.model.load import MAX_CASE_BYTES

TESTS = Path(__file__).resolve().parent
BAD_FILES = TESTS / "bad_inputs"
DATASETS = TESTS / "data" / "datasets"
BASE = (TESTS / "data" / "clamp.yaml").read_text(encoding="utf-8")
SUBPROCESS_TIMEOUT = 120


# -- running the CLI ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """Exit code and output of one CLI call."""

    code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> Outcome:
    """Call ``lcacompare.cli.main`` in-process with ``sys.argv`` patched; capture exit and output."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["lcacompare", *args]
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = saved
    return Outcome(code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True)
def _test_datasets_and_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolve cases against the test datasets; let unexpected exceptions escape as failures."""
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")


# -- the catalogue --------------------------------------------------------------------------------
Make = Callable[[str], str | bytes]


def replace(old: str, new: str) -> Make:
    """Mutation: replace exactly one occurrence of ``old`` in the base case by ``new``."""

    def make(text: str) -> str:
        assert text.count(old) == 1, f"mutation target {old!r} is not unique in the base case"
        return text.replace(old, new)

    return make


def append(extra: str) -> Make:
    """Mutation: append text at the end of the base case."""
    return lambda text: text + extra


def raw(content: str | bytes) -> Make:
    """A file with exactly this content, ignoring the base case."""
    return lambda _text: content


@dataclass(frozen=True)
class Bad:
    """One bad input and what its message must say.

    ``field`` must appear as the field path of a problem line that also names the file;
    ``expected`` are words that must appear in that line (what is wrong or what was expected,
    case-insensitive); ``at`` is text whose line the message must point to, when YAML gives one.
    """

    id: str
    make: Make
    field: str
    expected: tuple[str, ...]
    at: str | None = None


SU_PP = "{module: A1-A3, activity: polypropylene, amount: 30 g, per: use, source: test}"
RE_ELEC = "{module: B, activity: electricity-grid, amount: steriliser_kwh_per_cycle, per: cycle, source: test}"
SU_ACQ = "{category: acquisition, amount: 0.95 EUR, per: use, source: test}"
CLAMP_MASS = "clamp_mass: {value: 85 g, assumption: test}"
CONTEXT = "context: {country: BE, price_year: 2025, discount_rate: 0.0, horizon_years: 5, annual_uses: 1000}"
USES = "    uses_per_life: 500\n"
LOSS = "    loss_rate: 0.0\n"
CYCLE = "cycle: {allocation: count, capacity: 400, fill_rate: 0.8}"
TITLE = "title: Test clamp, single-use vs reusable\n"


def pp_amount(amount: str) -> Make:
    """Mutation: the single-use polypropylene line (``options[0].inventory[0]``) gets ``amount``."""
    return replace(SU_PP, SU_PP.replace("amount: 30 g", f"amount: {amount}"))


def clamp_mass(value: str) -> Make:
    """Mutation: parameter ``clamp_mass`` gets ``value``."""
    return replace(CLAMP_MASS, CLAMP_MASS.replace("value: 85 g", f"value: {value}"))


def _alias_bomb() -> str:
    """A "billion laughs" document: nine levels of ten aliases each, about 10**9 leaves expanded."""
    lines = ["id: bomb", 'l0: &l0 ["lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    lines.append("options: *l9")
    return "\n".join(lines) + "\n"


PP_AMOUNT = "options[0].inventory[0].amount"
MASS_VALUE = "parameters.clamp_mass.value"

CATALOGUE: list[Bad] = [
    # --- YAML that is broken, truncated or ambiguous ----------------------------------------
    Bad("truncated-mid-mapping", lambda t: t[: t.index(CLAMP_MASS) + 15], "<root>", ("invalid YAML",)),
    Bad("unclosed-quote", pp_amount('"30 g'), "<root>", ("invalid YAML",)),
    Bad("bad-indentation", replace(USES, "      uses_per_life: 500\n"), "<root>", ("invalid YAML",)),
    Bad(
        "duplicate-top-level-key",
        replace(TITLE, TITLE + TITLE),
        "title",
        ("duplicate key 'title' (first on line 3)",),
        TITLE,
    ),
    Bad(
        "duplicate-nested-key",
        replace(USES, USES + "    uses_per_life: 400\n"),
        "options[1].uses_per_life",
        ("duplicate key 'uses_per_life' (first on line 23)",),
        "uses_per_life: 400",
    ),
    Bad(
        "duplicate-flow-key",
        replace(CYCLE, CYCLE.replace("}", ", capacity: 10}")),
        "options[1].cycle.capacity",
        ("duplicate key",),
    ),
    Bad(
        "duplicate-parameter-name",
        replace(CLAMP_MASS, CLAMP_MASS + "\n  " + CLAMP_MASS),
        "parameters.clamp_mass",
        ("duplicate key 'clamp_mass'",),
    ),
    Bad("alias-bomb", raw(_alias_bomb()), "<root>", ("aliases",)),
    Bad(
        "python-tag-in-field",
        replace(USES, "    uses_per_life: !!python/name:os.system\n"),
        "options[1].uses_per_life",
        ("tags that construct objects",),
    ),
    Bad("non-utf8-mutation", lambda t: t.replace("Test clamp", "Pince \u00e0").encode("latin-1"), "<root>", ("UTF-8",)),
    Bad("utf16-file", lambda t: t.encode("utf-16"), "<root>", ("UTF-8",)),
    Bad("document-is-scalar", raw("just a sentence\n"), "<root>", ("not a mapping",)),
    Bad("nesting-100-levels", raw("id: " + "[" * 100 + "]" * 100 + "\n"), "<root>", ("nesting deeper than 40",)),
    Bad("nesting-a-million-levels", raw("id: " + "[" * 999_000 + "]" * 999_000), "<root>", ("nesting deeper than 40",)),
    Bad(
        "block-nesting-100-levels",
        raw("".join(" " * level + "a:\n" for level in range(100))),
        "<root>",
        ("nesting deeper than 40",),
    ),
    Bad("file-over-size-limit", lambda t: t + "#" * (MAX_CASE_BYTES + 10) + "\n", "<root>", ("bytes, over the limit",)),
    # --- shape: unknown keys, missing fields, wrong types, not-allowed values -----------------
    Bad("unknown-top-level-key", append("colour: red\n"), "colour", ("unknown key 'colour'",), "colour: red"),
    Bad("unknown-option-key", replace(USES, "    uses_per_lfe: 500\n"), "options[1].uses_per_lfe", ("unknown key",)),
    Bad("unknown-line-key", pp_amount("30 g, amonut: 1"), "options[0].inventory[0].amonut", ("unknown key",)),
    Bad("missing-title", replace(TITLE, ""), "title", ("required field is missing",)),
    Bad("missing-country", replace(CONTEXT, CONTEXT.replace("country: BE, ", "")), "context.country", ("missing",)),
    Bad("missing-option-kind", replace("    kind: reusable\n", ""), "options[1].kind", ("missing",)),
    Bad("missing-line-amount", replace(SU_PP, SU_PP.replace(" amount: 30 g,", "")), PP_AMOUNT, ("missing",)),
    Bad("options-is-a-mapping", lambda t: t.split("options:")[0] + "options: {a: 1}\n", "options", ("list",)),
    Bad("price-year-is-text", replace("price_year: 2025", "price_year: soon"), "context.price_year", ("integer",)),
    Bad("price-year-is-a-date", replace("price_year: 2025", "price_year: 2025-01-01"), "context.price_year", ("int",)),
    Bad(
        "amount-is-a-list",
        pp_amount("[30, g]"),
        PP_AMOUNT,
        ("a list is not allowed", "valid string or a valid integer"),
    ),
    Bad("amount-is-boolean", pp_amount("true"), PP_AMOUNT, ("true/false",)),
    Bad("amount-is-null", pp_amount("null"), PP_AMOUNT, ()),
    Bad(
        "basis-not-allowed",
        replace(SU_PP, SU_PP.replace("per: use", "per: fortnight")),
        "options[0].inventory[0].per",
        ("'use'", "'cycle'", "'life'"),
    ),
    Bad("module-not-allowed", replace(SU_PP, SU_PP.replace("A1-A3", "E")), "options[0].inventory[0].module", ("'A4'",)),
    Bad(
        "kind-not-allowed",
        replace("    kind: reusable\n", "    kind: disposable\n"),
        "options[1].kind",
        ("'reusable'",),
    ),
    Bad("country-not-a-code", replace("country: BE", "country: Belgium"), "context.country", ("pattern",)),
    Bad(
        "pedigree-too-short",
        replace("pedigree: [2, 3, 2, 3, 2]", "pedigree: [2, 3, 2]"),
        "parameters.steriliser_kwh_per_cycle.pedigree",
        ("5",),
    ),
    Bad(
        "pedigree-score-out-of-range",
        replace("pedigree: [2, 3, 2, 3, 2]", "pedigree: [2, 3, 7, 3, 2]"),
        "parameters.steriliser_kwh_per_cycle.pedigree[2]",
        ("5",),
    ),
    Bad("only-one-option", lambda t: t[: t.index("  - id: reusable")], "options", ("at least 2",)),
    Bad(
        "no-provenance",
        replace(SU_ACQ, SU_ACQ.replace(", source: test", "")),
        "options[0].costs[0]",
        ("source", "assumption"),
    ),
    Bad(
        "discount-rate-out-of-range",
        replace("discount_rate: 0.0", "discount_rate: 2.0"),
        "context.discount_rate",
        ("0.25",),
    ),
    Bad("option-id-not-a-slug", replace("  - id: reusable", "  - id: Re usable"), "options[1].id", ("pattern",)),
    Bad(
        "parameter-name-invalid",
        replace(CLAMP_MASS, CLAMP_MASS.replace("clamp_mass:", "1st-mass:")),
        "parameters.1st-mass",
        ("pattern",),
    ),
    Bad(
        "distribution-missing-field",
        replace("{type: lognormal, gsd: 1.2}", "{type: triangular, min: 15 kWh}"),
        "parameters.steriliser_kwh_per_cycle.distribution",
        ("mode", "max"),
    ),
    Bad(
        "gsd-below-one", replace("gsd: 1.2", "gsd: 0.5"), "parameters.steriliser_kwh_per_cycle.distribution.gsd", ("1",)
    ),
    # --- units and dimensions ----------------------------------------------------------------
    Bad("unknown-unit", pp_amount("30 gramz"), PP_AMOUNT, ("unknown name or unit 'gramz'",)),
    Bad(
        "kg-where-kwh-expected",
        replace(RE_ELEC, RE_ELEC.replace("steriliser_kwh_per_cycle", "2 kg")),
        "options[1].inventory[2].amount",
        ("kWh",),
    ),
    Bad("eur-where-kg-expected", pp_amount("3 EUR"), PP_AMOUNT, ("kg",)),
    Bad(
        "kg-where-eur-expected",
        replace(SU_ACQ, SU_ACQ.replace("0.95 EUR", "0.95 kg")),
        "options[0].costs[0].amount",
        ("EUR",),
    ),
    Bad(
        "parameter-unit-mismatch",
        replace(CLAMP_MASS, "clamp_mass: {value: 85 g, unit: kWh, assumption: test}"),
        MASS_VALUE,
        ("kilowatt_hour",),
    ),
    Bad(
        "distribution-bound-wrong-unit",
        replace("{type: lognormal, gsd: 1.2}", "{type: uniform, min: 1 kg, max: 2 kg}"),
        "parameters.steriliser_kwh_per_cycle.distribution.min",
        ("unit of the value",),
    ),
    Bad(
        "uses-per-life-with-unit",
        replace(USES, "    uses_per_life: 500 kg\n"),
        "options[1].uses_per_life",
        ("not a plain number", ">= 1"),
    ),
    # --- numbers out of range ----------------------------------------------------------------
    Bad("nan-yaml-float", pp_amount(".nan"), PP_AMOUNT, ("NaN",)),
    Bad("nan-in-expression", pp_amount("nan * kg"), PP_AMOUNT, ("NaN",)),
    Bad("infinity-yaml-float", replace(USES, "    uses_per_life: .inf\n"), "options[1].uses_per_life", ("infinity",)),
    Bad("infinity-by-overflow", pp_amount("1e400 kg"), PP_AMOUNT, ("infinity",)),
    Bad("infinity-by-division", pp_amount("1 kg / 0"), PP_AMOUNT, ("division",)),
    Bad("negative-amount", pp_amount("-30 g"), PP_AMOUNT, ("negative",)),
    Bad("negative-parameter-amount", clamp_mass("-85 g"), "options[1].inventory[0].amount", ("negative",)),
    Bad("loss-rate-one", replace(LOSS, "    loss_rate: 1.0\n"), "options[1].loss_rate", ("[0, 1)",), "loss_rate: 1.0"),
    Bad("loss-rate-negative", replace(LOSS, "    loss_rate: -0.1\n"), "options[1].loss_rate", ("[0, 1)",)),
    Bad("uses-per-life-zero", replace(USES, "    uses_per_life: 0\n"), "options[1].uses_per_life", (">= 1",)),
    Bad("uses-per-life-negative", replace(USES, "    uses_per_life: -5\n"), "options[1].uses_per_life", (">= 1",)),
    Bad("uses-per-life-missing", replace(USES, ""), "options[1].uses_per_life", ("uses_per_life",)),
    Bad(
        "cycle-capacity-zero",
        replace(CYCLE, CYCLE.replace("capacity: 400", "capacity: 0")),
        "options[1].cycle.capacity",
        ("capacity",),
    ),
    Bad(
        "shadow-price-negative",
        replace(CONTEXT, CONTEXT[:-1] + ", shadow_carbon_price: {eur_per_tonne: -5, source: x}}"),
        "context.shadow_carbon_price.eur_per_tonne",
        ("0",),
    ),
    # --- references --------------------------------------------------------------------------
    Bad(
        "unknown-activity",
        replace(SU_PP, SU_PP.replace("polypropylene", "unobtainium")),
        "options[0].inventory[0].activity",
        ("unknown activity 'unobtainium'", "steel"),
    ),
    Bad(
        "unknown-price",
        replace(SU_ACQ, SU_ACQ.replace("0.95 EUR", "0.1 kg * price('gold')")),
        "options[0].costs[0].amount",
        ("unknown price 'gold'",),
    ),
    Bad("undefined-parameter", pp_amount("clamp_mas"), PP_AMOUNT, ("unknown name or unit 'clamp_mas'",)),
    Bad(
        "circular-parameters",
        replace(
            CLAMP_MASS,
            "clamp_mass: {value: other_mass, assumption: t}\n  other_mass: {value: clamp_mass, assumption: t}",
        ),
        "parameters",
        ("circular",),
    ),
    Bad("self-referencing-parameter", clamp_mass("2 * clamp_mass"), "parameters", ("circular",)),
    Bad(
        "parameter-named-like-a-unit",
        replace(CLAMP_MASS, CLAMP_MASS + "\n  kg: {value: 1, assumption: t}"),
        "parameters.kg",
        ("also a unit",),
    ),
    Bad("unknown-method-version", replace("method: LCAC-HC/1", "method: LCAC-HC/9"), "method", ("LCAC-HC/1",)),
    Bad(
        "brightway-ref-without-background",
        replace(SU_PP, SU_PP.replace("polypropylene", "{database: ei, code: abc}")),
        "options[0].inventory[0].activity",
        ("background",),
    ),
    Bad(
        "module-without-lines-or-reason",
        replace("zero_modules: {B: used once, D: no credits}", "zero_modules: {B: used once}"),
        "options[0].zero_modules",
        ("module D",),
    ),
    Bad("duplicate-option-ids", replace("  - id: reusable", "  - id: single-use"), "options[1].id", ("unique",)),
    # --- expressions that try to reach Python ------------------------------------------------
    Bad("dunder-import", pp_amount("\"__import__('os').system('echo pwned')\""), PP_AMOUNT, ("double underscores",)),
    Bad("dunder-class", pp_amount("clamp_mass.__class__"), PP_AMOUNT, ("double underscores",)),
    Bad("attribute-access", pp_amount("clamp_mass.magnitude"), PP_AMOUNT, ("attribute access",)),
    Bad("lambda", pp_amount('"(lambda: 1)()"'), PP_AMOUNT, ("not allowed",)),
    Bad("huge-exponent", pp_amount('"10 ** 10 ** 10 * kg"'), PP_AMOUNT, ("exponent",)),
    Bad("nested-exponents-overflow", pp_amount('"((10 ** 60) ** 60) ** 60 * kg"'), PP_AMOUNT, ("too large",)),
    Bad("comprehension", pp_amount('"[x for x in range(10)]"'), PP_AMOUNT, ("not allowed",)),
    Bad("call-to-unknown-function", pp_amount("\"open('/etc/passwd')\""), PP_AMOUNT, ("not allowed",)),
    Bad(
        "price-with-wrong-arguments",
        replace(SU_ACQ, SU_ACQ.replace("0.95 EUR", "price()")),
        "options[0].costs[0].amount",
        ("price",),
    ),
    Bad("string-repetition", pp_amount("\"'x' * 100000000\""), PP_AMOUNT, ("text",)),
    Bad("walrus", pp_amount('"(y := 3) * kg"'), PP_AMOUNT, ("not allowed",)),
    Bad("import-statement", pp_amount('"import os"'), PP_AMOUNT, ("not allowed",)),
    Bad("syntax-error", pp_amount('"30 g +"'), PP_AMOUNT, ("cannot parse",)),
    Bad("deeply-nested-parentheses", pp_amount('"' + "(" * 600 + "1" + ")" * 600 + ' kg"'), PP_AMOUNT, ("parse",)),
    Bad("expression-too-long", pp_amount('"' + "+".join(["1"] * 1200) + '"'), PP_AMOUNT, ("longer than",)),
    Bad("comparison-gives-boolean", pp_amount('"1 < 2"'), PP_AMOUNT, ("does not give a number",)),
    Bad("text-literal", pp_amount("\"'thirty grams'\""), PP_AMOUNT, ("does not give a number",)),
    Bad("subscript", pp_amount("\"{'a': 1}['a'] * kg\""), PP_AMOUNT, ("not allowed",)),
]

# Raw files in tests/bad_inputs/: file name to (field, expected words).
STATIC: dict[str, tuple[str, tuple[str, ...]]] = {
    "malformed-flow.yaml": ("<root>", ("invalid YAML",)),
    "tab-indent.yaml": ("<root>", ("invalid YAML",)),
    "tag-python-apply.yaml": ("id", ("tags that construct objects",)),
    "tag-custom.yaml": ("title", ("tags that construct objects",)),
    "two-documents.yaml": ("<root>", ("more than one YAML document",)),
    "list-document.yaml": ("<root>", ("not a mapping",)),
    "comments-only.yaml": ("<root>", ("no YAML document",)),
    "latin1.yaml": ("<root>", ("not UTF-8",)),
    "list-key.yaml": ("<root>", ("plain text",)),
    "nul-byte.yaml": ("<root>", ("invalid YAML",)),
    "empty.yaml": ("<root>", ("empty",)),
    "whitespace-only.yaml": ("<root>", ("empty",)),
}


# -- checks ---------------------------------------------------------------------------------------
def _line_number(text: str, needle: str) -> int:
    return text[: text.rindex(needle)].count("\n") + 1


def assert_clear_error(outcome: Outcome, file: Path, field: str, expected: tuple[str, ...], line: int | None) -> None:
    """Exit 2, no traceback, and one problem line naming the file, field (and line) and expectation."""
    assert outcome.code == 2, f"exit code {outcome.code}; stderr:\n{outcome.stderr}"
    assert "Traceback" not in outcome.stderr
    assert "internal error" not in outcome.stderr
    where = f"{file}:{line}: " if line is not None else f"{file}"
    candidates = [
        text
        for text in outcome.stderr.splitlines()
        if where in text and f" {field}: " in text and all(word.lower() in text.lower() for word in expected)
    ]
    assert candidates, f"no problem line names {where!r}, field {field!r} and {expected}; stderr:\n{outcome.stderr}"


@pytest.mark.parametrize("bad", CATALOGUE, ids=[bad.id for bad in CATALOGUE])
def test_bad_case_exits_2_naming_file_field_and_expectation(bad: Bad, tmp_path: Path) -> None:
    content = bad.make(BASE)
    file = tmp_path / f"{bad.id}.yaml"
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    line = _line_number(content, bad.at.strip()) if bad.at and isinstance(content, str) else None
    assert_clear_error(run_cli("validate", str(file)), file, bad.field, bad.expected, line)


@pytest.mark.parametrize("name", sorted(STATIC))
def test_raw_bad_file_exits_2_naming_the_file(name: str) -> None:
    file = BAD_FILES / name
    field, expected = STATIC[name]
    assert_clear_error(run_cli("validate", str(file)), file, field, expected, None)


def test_yaml_syntax_error_points_at_its_line() -> None:
    file = BAD_FILES / "malformed-flow.yaml"
    assert_clear_error(run_cli("validate", str(file)), file, "<root>", ("invalid YAML",), 4)


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    assert_clear_error(run_cli("validate", str(tmp_path)), tmp_path, "<root>", ("directory",), None)


def test_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert_clear_error(run_cli("validate", str(missing)), missing, "<root>", ("not found",), None)


def test_every_problem_of_a_case_is_listed_at_once(tmp_path: Path) -> None:
    text = pp_amount("3 EUR")(BASE).replace("    loss_rate: 0.0\n", "    loss_rate: 1.5\n")
    file = tmp_path / "two-problems.yaml"
    file.write_text(text, encoding="utf-8")
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, PP_AMOUNT, ("kg",), None)
    assert_clear_error(outcome, file, "options[1].loss_rate", ("[0, 1)",), None)


def test_catalogue_holds_at_least_forty_bad_inputs() -> None:
    assert len(CATALOGUE) + len(STATIC) >= 40


def test_bad_case_given_to_run_writes_no_report(tmp_path: Path, home: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(pp_amount("3 EUR")(BASE), encoding="utf-8")
    outcome = run_cli("run", str(file), "--output", str(tmp_path / "out"), "--home", str(home))
    assert_clear_error(outcome, file, PP_AMOUNT, ("kg",), None)
    assert not (tmp_path / "out").exists()


# -- a few through the real command, in a subprocess ----------------------------------------------
SUBPROCESS_CASES = {
    "empty": (raw(""), "<root>", ("empty",)),
    "python-tag": (raw("id: !!python/object/apply:os.system ['echo pwned']\n"), "id", ("tags",)),
    "dunder-import": (pp_amount("\"__import__('os').system('echo pwned')\""), PP_AMOUNT, ("double underscores",)),
    "kg-where-kwh": (
        replace(RE_ELEC, RE_ELEC.replace("steriliser_kwh_per_cycle", "2 kg")),
        "options[1].inventory[2].amount",
        ("kWh",),
    ),
}


def test_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "LCACOMPARE_DATASETS": str(DATASETS)}
    env.pop("LCACOMPARE_DEBUG", None)
    files, children = {}, {}
    for name, (make, _, _) in SUBPROCESS_CASES.items():  # all at once: one interpreter start-up of wall time
        files[name] = tmp_path / f"{name}.yaml"
        files[name].write_text(make(BASE), encoding="utf-8")
        children[name] = subprocess.Popen(
            [sys.executable, "-m", "lcacompare.cli", "validate", str(files[name])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    for name, child in children.items():
        try:
            stdout, stderr = child.communicate(timeout=SUBPROCESS_TIMEOUT)
        finally:
            child.kill()
        _, field, expected = SUBPROCESS_CASES[name]
        assert "pwned" not in stdout + stderr
        assert_clear_error(Outcome(child.returncode, stdout, stderr), files[name], field, expected, None)


def test_command_line_values_that_cannot_work_exit_2_naming_the_option(tmp_path):
    import subprocess
    import sys

    for args, option in ((["--samples", "1"], "--samples"), (["--country", "12"], "--country")):
        proc = subprocess.run(
            [sys.executable, "-m", "lcacompare.cli", "run", "kocher-clamp", "--output", str(tmp_path), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr
        assert option in proc.stderr and "command line" in proc.stderr
        assert not any(tmp_path.iterdir())
