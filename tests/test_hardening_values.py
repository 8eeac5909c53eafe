"""Case values that used to give silently wrong numbers are refused with exit 2 (issue 15).

YAML 1.1 octal and sexagesimal numbers, control characters in text, negative costs that are not
credits, unknown countries and locations, per-use numbers too large for the statistics, and NaN
or infinity in published reference figures. Every case goes through the real CLI entry point
in-process, as in ``tests/test_bad_inputs.py`` (whose helpers are reused).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lcacompare.errors import CaseError
from lcacompare.model.load import parse_case, read_yaml
from tests.test_bad_inputs import (
    BASE,
    CLAMP_MASS,
    CYCLE,
    DATASETS,
    SU_ACQ,
    SU_PP,
    TITLE,
    USES,
    Bad,
    append,
    assert_clear_error,
    replace,
    run_cli,
)

# numpy's overflow and invalid-value warnings would reach the user's terminal: make them failures.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")

RESIDUAL = "{category: residual, amount: -5 EUR, per: life, source: test}"
REUSABLE_CAPITAL = "{category: capital, amount: 40 EUR, per: life, source: test}"


@pytest.fixture(autouse=True)
def _test_datasets_and_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolve cases against the test datasets; let unexpected exceptions escape as failures."""
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    """Write a case file and return its path."""
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    return file


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


CATALOGUE: list[Bad] = [
    # --- 1. YAML 1.1 numbers a person does not mean ------------------------------------------
    Bad("val-octal-uses", replace(USES, "    uses_per_life: 0500\n"), "options[1].uses_per_life", ("0500", "zero")),
    Bad(
        "val-octal-capacity",
        replace(CYCLE, CYCLE.replace("capacity: 400", "capacity: 010000")),
        "options[1].cycle.capacity",
        ("010000", "zero"),
    ),
    Bad("val-octal-negative", replace(USES, "    uses_per_life: -0500\n"), "options[1].uses_per_life", ("-0500",)),
    Bad("val-sexagesimal-uses", replace(USES, "    uses_per_life: 8:20\n"), "options[1].uses_per_life", ("8:20",)),
    Bad(
        "val-sexagesimal-float",
        replace(CYCLE, CYCLE.replace("fill_rate: 0.8", "fill_rate: 0:0.8")),
        "options[1].cycle.fill_rate",
        ("0:0.8",),
    ),
    # --- 2. control characters in text --------------------------------------------------------
    Bad("val-esc-in-title", replace(TITLE, 'title: "Test \\e[31mclamp"\n'), "title", ("U+001B",)),
    Bad(
        "val-bel-in-source",
        replace(SU_PP, SU_PP.replace("source: test", 'source: "te\\ast"')),
        "options[0].inventory[0].source",
        ("U+0007",),
    ),
    Bad(
        "val-nul-in-assumption",
        replace(CLAMP_MASS, CLAMP_MASS.replace("assumption: test", 'assumption: "te\\0st"')),
        "parameters.clamp_mass.assumption",
        ("U+0000",),
    ),
    Bad("val-del-in-note", append('description: "a\\x7fb"\n'), "description", ("U+007F",)),
    Bad("val-c1-in-description", append('description: "a\\u009bb"\n'), "description", ("U+009B",)),
    Bad("val-cr-in-title", replace(TITLE, 'title: "Test\\rclamp"\n'), "title", ("U+000D",)),
    Bad(
        "val-esc-in-zero-reason",
        replace("{B: used once,", '{B: "used\\e once",'),
        "options[0].zero_modules.B",
        ("U+001B",),
    ),
    Bad(
        "val-esc-in-key",
        replace(CLAMP_MASS, '"clamp\\emass": {value: 85 g, assumption: test}'),
        "parameters",
        ("U+001B",),
    ),
    # --- 3. negative costs ----------------------------------------------------------------------
    Bad(
        "val-negative-acquisition",
        replace(SU_ACQ, SU_ACQ.replace("0.95 EUR", "-0.95 EUR")),
        "options[0].costs[0].amount",
        ("negative", "credit"),
    ),
    Bad(
        "val-credit-positive",
        replace(SU_ACQ, SU_ACQ.replace("source: test", "credit: true, source: test")),
        "options[0].costs[0].amount",
        ("credit",),
    ),
    # --- 4. unknown geographies -----------------------------------------------------------------
    Bad("val-country-xx", replace("country: BE", "country: XX"), "context.country", ("XX", "BE", "NL", "GLO")),
    Bad("val-country-us", replace("country: BE", "country: US"), "context.country", ("US", "BE")),
    Bad(
        "val-location-path",
        replace(SU_PP, SU_PP.replace("per: use,", 'per: use, location: "../x",')),
        "options[0].inventory[0].location",
        ("../x", "BE", "GLO"),
    ),
    Bad(
        "val-location-unknown",
        replace(SU_PP, SU_PP.replace("per: use,", "per: use, location: ZZ,")),
        "options[0].inventory[0].location",
        ("ZZ",),
    ),
    # --- 5. per-use numbers too large for the statistics -----------------------------------------
    Bad(
        "val-capacity-tiny",
        replace(CYCLE, CYCLE.replace("capacity: 400", "capacity: 1.0e-300")),
        "options[1].cycle.capacity",
        ("per use",),
    ),
    Bad(
        "val-amount-huge",
        replace(SU_PP, SU_PP.replace("amount: 30 g", "amount: 1.0e300 g")),
        "options[0].inventory[0].amount",
        ("per use",),
    ),
    Bad(
        "val-cost-huge",
        replace(SU_ACQ, SU_ACQ.replace("0.95 EUR", "1.0e300 EUR")),
        "options[0].costs[0].amount",
        ("per use",),
    ),
    # --- 6. published reference figures -------------------------------------------------------
    Bad(
        "val-published-nan",
        append(
            "reference: {citation: x, published: {single-use: {kg_co2e_per_use: .nan}},"
            " tolerance: 0.2, tolerance_reason: x}\n"
        ),
        "reference.published.single-use.kg_co2e_per_use",
        ("NaN",),
    ),
    Bad(
        "val-published-inf",
        append(
            "reference: {citation: x, published: {reusable: {eur_per_use: -.inf}},"
            " tolerance: 0.2, tolerance_reason: x}\n"
        ),
        "reference.published.reusable.eur_per_use",
        ("infinity",),
    ),
]


@pytest.mark.parametrize("bad", CATALOGUE, ids=[bad.id for bad in CATALOGUE])
def test_bad_case_value_exits_2_naming_file_field_and_expectation(bad: Bad, tmp_path: Path) -> None:
    content = bad.make(BASE)
    assert isinstance(content, str)
    file = write(tmp_path, content, f"{bad.id}.yaml")
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, bad.field, bad.expected, None)
    assert "Warning" not in outcome.stderr


# -- 1. numbers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["0500", "010000", "8:20", "+0500", "1:20.5", "00"])
def test_yaml_11_octal_and_sexagesimal_numbers_are_refused_at_their_line(text: str, tmp_path: Path) -> None:
    content = replace(USES, f"    uses_per_life: {text}\n")(BASE)
    file = write(tmp_path, content)
    assert_clear_error(
        run_cli("validate", str(file)), file, "options[1].uses_per_life", (text,), _line_of(content, "uses_per_life")
    )


def test_plain_ints_yaml_floats_and_quoted_text_load_as_before(tmp_path: Path) -> None:
    file = write(
        tmp_path,
        'a: 500\nb: 0\nc: -12\nd: 1.0e+3\ne: 0.5\nf: 1e3\ng: "0500"\nh: "8:20"\ni: 0500.5\nj: .5\n'
        "k: meet at 8:20\nl: 0x1F\n",
    )
    data, _ = read_yaml(file)
    assert data == {
        "a": 500, "b": 0, "c": -12, "d": 1000.0, "e": 0.5, "f": "1e3", "g": "0500", "h": "8:20", "i": 500.5,
        "j": 0.5, "k": "meet at 8:20", "l": 31,
    }  # fmt: skip
    assert [type(data[k]) for k in "abcd"] == [int, int, int, float]


def test_octal_and_sexagesimal_problems_are_all_listed_at_once(tmp_path: Path) -> None:
    content = replace(USES, "    uses_per_life: 0500\n")(BASE).replace("capacity: 400", "capacity: 6:40")
    file = write(tmp_path, content)
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, "options[1].uses_per_life", ("0500",), None)
    assert_clear_error(outcome, file, "options[1].cycle.capacity", ("6:40",), None)


# -- 2. control characters -------------------------------------------------------------------------
def test_tab_and_line_breaks_in_text_are_still_allowed(tmp_path: Path) -> None:
    content = BASE + 'description: "one\\ttwo\\nthree"\n'
    content = content.replace("# Test case", "# Test case").replace("\n", "\r\n")  # CRLF file: YAML folds CRs
    content = content.replace("title: Test clamp, single-use vs reusable", "title: |\n  Test clamp\n  two lines")
    file = tmp_path / "ok.yaml"
    file.write_bytes(content.encode("utf-8"))
    outcome = run_cli("validate", str(file))
    assert outcome.code == 0, outcome.stdout + outcome.stderr


def test_control_characters_in_data_given_to_parse_case_are_refused() -> None:
    data, lines = read_yaml(Path(__file__).parent / "data" / "clamp.yaml")
    data["options"][0]["costs"][0]["source"] = "quote \x1b]8;;http://x\x1b\\"
    with pytest.raises(CaseError) as info:
        parse_case(data, "api", lines)
    assert [p.field for p in info.value.problems] == ["options[0].costs[0].source"]
    assert "U+001B" in info.value.problems[0].message


def test_a_raw_escape_byte_in_the_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "raw-esc.yaml"
    file.write_bytes(BASE.replace("title: Test clamp", "title: Test \x1b[31mclamp").encode("utf-8"))
    outcome = run_cli("validate", str(file))
    assert outcome.code == 2 and str(file) in outcome.stderr and "Traceback" not in outcome.stderr


# -- 3. credits ------------------------------------------------------------------------------------
def test_a_negative_cost_marked_as_credit_validates(tmp_path: Path) -> None:
    credit = "{category: waste, amount: -0.05 EUR, per: use, credit: true, source: scrap sold}"
    content = replace(SU_ACQ, SU_ACQ + "\n      - " + credit)(BASE)
    outcome = run_cli("validate", str(write(tmp_path, content)))
    assert outcome.code == 0, outcome.stdout + outcome.stderr


def test_a_negative_residual_value_line_validates(tmp_path: Path) -> None:
    content = replace(REUSABLE_CAPITAL, REUSABLE_CAPITAL + "\n      - " + RESIDUAL)(BASE)
    outcome = run_cli("validate", str(write(tmp_path, content)))
    assert outcome.code == 0, outcome.stdout + outcome.stderr


def test_a_negative_cost_parameter_is_named_at_the_cost_line(tmp_path: Path) -> None:
    content = replace(CLAMP_MASS, CLAMP_MASS + "\n  rebate: {value: -3 EUR, assumption: test}")(BASE)
    content = content.replace("amount: 40 EUR", "amount: rebate")
    file = write(tmp_path, content)
    assert_clear_error(run_cli("validate", str(file)), file, "options[1].costs[0].amount", ("negative",), None)


# -- 4. geographies --------------------------------------------------------------------------------
@pytest.mark.parametrize("country", ["XX", "US"])
def test_run_for_a_country_without_dataset_rows_exits_2_naming_the_option(
    country: str, tmp_path: Path, home: Path
) -> None:
    file = write(tmp_path, BASE)
    out = tmp_path / "out"
    outcome = run_cli("run", str(file), "--country", country, "--output", str(out), "--home", str(home))
    assert_clear_error(outcome, Path("command line"), "--country", (country, "BE", "NL"), None)
    assert not out.exists()


def test_a_known_location_without_its_own_row_keeps_the_labelled_fallback(tmp_path: Path) -> None:
    content = replace(SU_PP, SU_PP.replace("per: use,", "per: use, location: NL,"))(BASE)
    outcome = run_cli("validate", str(write(tmp_path, content)))
    assert outcome.code == 0, outcome.stdout + outcome.stderr


# -- 5. statistics ---------------------------------------------------------------------------------
def test_sampled_per_use_numbers_too_large_for_statistics_are_refused_without_numpy_warnings(
    tmp_path: Path, home: Path
) -> None:
    content = replace("{type: lognormal, gsd: 1.2}", "{type: uniform, min: 15 kWh, max: 1.0e300 kWh}")(BASE)
    file = write(tmp_path, content)
    out = tmp_path / "out"
    outcome = run_cli(
        "run", str(file), "--samples", "64", "--no-sensitivity", "--report", "json", "--output", str(out),
        "--home", str(home),
    )  # fmt: skip
    assert_clear_error(outcome, file, "options[1]", ("per use",), None)
    assert "Warning" not in outcome.stderr and "overflow" not in outcome.stderr
    assert not out.exists()


def test_a_tiny_capacity_is_named_once_not_again_at_every_per_cycle_line(tmp_path: Path) -> None:
    content = replace(CYCLE, CYCLE.replace("capacity: 400", "capacity: 1.0e-300"))(BASE)
    outcome = run_cli("validate", str(write(tmp_path, content)))
    assert outcome.code == 2
    assert [line for line in outcome.stderr.splitlines() if "per use" in line] == [
        line for line in outcome.stderr.splitlines() if "options[1].cycle.capacity:" in line
    ]
