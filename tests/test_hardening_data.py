"""Hardening of the dataset files and of lcacompare's cache home (issue 15).

Bad dataset files and unusable homes exit 2 through the real CLI entry point with a message that
names the file (and the row and column of a CSV) and what is wrong; a damaged cache is rebuilt
instead. Every destructive test works in its own ``tmp_path`` home, never the session's.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.test_bad_inputs import Outcome, run_cli

TESTS = Path(__file__).resolve().parent
DATASETS = TESTS / "data" / "datasets"
CLAMP = TESTS / "data" / "clamp.yaml"
FAST_RUN = ("--samples", "0", "--report", "json", "--format", "json")


def assert_refused(outcome: Outcome, *words: str) -> None:
    """Exit 2, no traceback, and every word in the message."""
    assert outcome.code == 2, outcome.stderr or outcome.stdout
    assert "Traceback" not in outcome.stderr
    for word in words:
        assert word in outcome.stderr, outcome.stderr


@pytest.fixture(autouse=True)
def _debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let unexpected exceptions escape as test failures instead of exit code 1."""
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))


@pytest.fixture
def datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the test datasets that ``LCACOMPARE_DATASETS`` points at."""
    root = tmp_path / "datasets"
    shutil.copytree(DATASETS, root)
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(root))
    return root


def factors_file(root: Path) -> Path:
    return root / "factors" / "test.csv"


def set_cell(file: Path, row_id: str, column: str, value: str) -> int:
    """Set ``column`` of the first row whose id is ``row_id``; return that row's line number."""
    with file.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    number = next(n for n, row in enumerate(rows, start=1) if row[0] == row_id)
    rows[number - 1][header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    file.write_text(buffer.getvalue(), encoding="utf-8")
    return number


def result_of(outcome: Outcome) -> dict[str, float]:
    """Kg CO2e per use by option, from ``run --format json``."""
    assert outcome.code == 0, outcome.stderr
    return {option["id"]: option["kg_co2e_per_use"] for option in json.loads(outcome.stdout)["options"]}


# -- 1. dataset CSV files -------------------------------------------------------------------------
def test_dataset_field_over_the_csv_field_size_limit_is_refused_naming_row_and_column(datasets: Path) -> None:
    row = set_cell(factors_file(datasets), "steel", "notes", "x" * (csv.field_size_limit() + 10))
    assert_refused(run_cli("validate", str(CLAMP)), "test.csv", f"row {row}.notes", str(csv.field_size_limit()))


def test_dataset_with_bytes_that_are_not_utf8_is_refused_naming_row_and_column(datasets: Path) -> None:
    file = factors_file(datasets)
    row = set_cell(file, "polypropylene", "name", "polypropylene PLACEHOLDER")
    file.write_bytes(file.read_bytes().replace(b"PLACEHOLDER", "Löwe".encode("latin-1")))
    assert_refused(run_cli("validate", str(CLAMP)), "test.csv", f"row {row}.name", "UTF-8")


@pytest.mark.parametrize("unit", ["kg/", "kg)", "1/0", "kg**", ""])
def test_dataset_row_with_a_unit_pint_cannot_parse_is_refused_naming_row_and_column(datasets: Path, unit) -> None:
    row = set_cell(factors_file(datasets), "steel", "unit", unit)
    assert_refused(run_cli("validate", str(CLAMP)), "test.csv", f"row {row}.unit")


@pytest.mark.parametrize(
    ("column", "value"),
    [("kg_co2e", "1e308"), ("kg_n2o", "1e39"), ("kg_co2e", "-1e308"), ("kg_co2e", "inf"), ("kg_co2e", "nan")],
)
def test_dataset_factor_too_large_for_brightway_or_not_finite_is_refused(datasets: Path, column, value) -> None:
    file = factors_file(datasets)
    set_cell(file, "steel", "kg_co2e", "")
    row = set_cell(file, "steel", column, value)
    assert_refused(run_cli("validate", str(CLAMP)), "test.csv", f"row {row}.{column}")


def test_largest_accepted_factor_still_runs_to_finite_numbers(datasets: Path, tmp_path: Path) -> None:
    file = factors_file(datasets)
    set_cell(file, "steel", "kg_co2e", "")
    set_cell(file, "steel", "kg_n2o", "1e30")
    outcome = run_cli("run", str(CLAMP), *FAST_RUN, "--home", str(tmp_path / "home"), "-o", str(tmp_path / "r"))
    assert result_of(outcome)["reusable"] > 1e25


def test_directory_named_like_a_dataset_csv_is_refused_naming_it(datasets: Path) -> None:
    (datasets / "factors" / "extra.csv").mkdir()
    assert_refused(run_cli("validate", str(CLAMP)), "extra.csv", "directory")


def test_dataset_with_a_utf8_byte_order_mark_is_read_like_one_without(datasets: Path, tmp_path: Path) -> None:
    for file in (factors_file(datasets), datasets / "prices" / "test.csv"):
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    from lcacompare.datasets import load_datasets

    with_bom, plain = load_datasets(datasets), load_datasets(DATASETS)
    assert with_bom.factors == plain.factors
    assert with_bom.prices == plain.prices
    outcome = run_cli("validate", str(CLAMP))
    assert outcome.code == 0, outcome.stderr


def test_negative_emission_factor_is_refused_unless_the_row_is_a_credit(datasets: Path) -> None:
    file = factors_file(datasets)
    row = set_cell(file, "steel", "kg_co2e", "-1.5")
    assert_refused(run_cli("validate", str(CLAMP)), "test.csv", f"row {row}.kg_co2e", "credit")
    set_cell(file, "steel", "category", "credit")
    from lcacompare.datasets import load_datasets

    assert load_datasets(datasets).factor("steel", "GLO").kg_per_unit == {"co2e": -1.5}


def test_credit_factor_used_outside_module_d_is_refused_naming_the_line(datasets: Path, tmp_path: Path) -> None:
    file = factors_file(datasets)
    set_cell(file, "steel", "kg_co2e", "-1.5")
    set_cell(file, "steel", "category", "credit")
    assert_refused(run_cli("validate", str(CLAMP)), "options[1].inventory[0]", "module D")
    case = yaml.safe_load(CLAMP.read_text(encoding="utf-8"))
    reusable = case["options"][1]
    reusable["inventory"][0]["module"] = "D"
    reusable["zero_modules"] = {}
    reusable["inventory"].append(
        {"module": "A1-A3", "activity": "polypropylene", "amount": "85 g", "per": "life", "source": "test"}
    )
    credited = tmp_path / "credited.yaml"
    credited.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    outcome = run_cli("validate", str(credited))
    assert outcome.code == 0, outcome.stderr


# -- 2. an unusable home --------------------------------------------------------------------------
def run_in(home: Path, tmp_path: Path) -> Outcome:
    return run_cli("run", str(CLAMP), *FAST_RUN, "--home", str(home), "-o", str(tmp_path / "reports"))


def test_home_that_is_a_regular_file_is_refused_naming_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    assert_refused(run_in(home, tmp_path), str(home), "not a folder")


def test_home_that_cannot_be_created_is_refused_naming_it(tmp_path: Path) -> None:
    home = tmp_path / "file" / "home"
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert_refused(run_in(home, tmp_path), str(tmp_path / "file"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_home_without_write_permission_is_refused_naming_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    try:
        assert_refused(run_in(home, tmp_path), str(home), "permission")
    finally:
        home.chmod(0o700)


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs a read-only /sys")
def test_home_on_a_file_system_that_refuses_writes_is_refused_naming_it(tmp_path: Path) -> None:
    home = Path("/sys/lcacompare-test-home")
    assert_refused(run_in(home, tmp_path), str(home))


def test_full_disk_while_storing_the_cache_is_refused_naming_the_file(tmp_path, monkeypatch) -> None:
    from lcacompare.lca import backend

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(backend, "write_atomically", full)
    home = tmp_path / "home"
    assert_refused(run_in(home, tmp_path), str(home / "impacts"), os.strerror(errno.ENOSPC))
    assert not (tmp_path / "reports").exists()


def test_damaged_projects_catalogue_in_the_home_is_rebuilt(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = result_of(run_in(home, tmp_path))
    (home / "brightway" / "projects.db").write_bytes(b"this is not an SQLite database" * 40)
    for impacts in (home / "impacts").glob("*.json"):
        impacts.unlink()
    assert result_of(run_in(home, tmp_path)) == first


def test_damaged_projects_catalogue_on_an_empty_home_is_rebuilt(tmp_path: Path) -> None:
    reference = result_of(run_in(tmp_path / "clean", tmp_path))
    home = tmp_path / "home"
    (home / "brightway").mkdir(parents=True)
    (home / "brightway" / "projects.db").write_bytes(b"\0garbage" * 100)
    assert result_of(run_in(home, tmp_path)) == reference


@pytest.mark.parametrize("damage", ["truncated", "not-json", "directory"])
def test_damaged_unit_impacts_file_is_rebuilt_or_named(tmp_path: Path, damage: str) -> None:
    home = tmp_path / "home"
    first = result_of(run_in(home, tmp_path))
    (impacts,) = (home / "impacts").glob("*.json")
    if damage == "truncated":
        impacts.write_bytes(impacts.read_bytes()[:100])
        assert result_of(run_in(home, tmp_path)) == first
    elif damage == "not-json":
        impacts.write_bytes(b"\xff\xfe garbage")
        assert result_of(run_in(home, tmp_path)) == first
    else:
        impacts.unlink()
        impacts.mkdir()
        assert_refused(run_in(home, tmp_path), str(impacts))


# -- 3. the unit impacts carry a digest -------------------------------------------------------------
def test_unit_impacts_that_do_not_match_their_digest_are_rebuilt(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = result_of(run_in(home, tmp_path))
    (impacts,) = (home / "impacts").glob("*.json")
    document = json.loads(impacts.read_text(encoding="utf-8"))
    document["unit_impacts"] = {code: value * 10 for code, value in document["unit_impacts"].items()}
    impacts.write_text(json.dumps(document), encoding="utf-8")
    assert result_of(run_in(home, tmp_path)) == first
    assert json.loads(impacts.read_text(encoding="utf-8"))["unit_impacts"] != document["unit_impacts"]


# -- 4. validate checks a linked Brightway project --------------------------------------------------
PROJECT = "validate-user"


@pytest.fixture(scope="module")
def user_brightway(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's Brightway folder with one project: a steel activity and an IPCC 2021 method."""
    from lcacompare.lca.session import quiet_progress, use_project

    base = tmp_path_factory.mktemp("validate-brightway")
    bd, _ = use_project(base, PROJECT)
    with quiet_progress():
        bd.Database("bio").write({("bio", "co2"): {"name": "CO2", "type": "emission", "unit": "kilogram"}})
        bd.Database("tech").write(
            {
                ("tech", "steel"): {
                    "name": "steel",
                    "location": "GLO",
                    "unit": "kilogram",
                    "type": "process",
                    "exchanges": [
                        {"input": ("tech", "steel"), "amount": 1.0, "type": "production"},
                        {"input": ("bio", "co2"), "amount": 2.0, "type": "biosphere"},
                    ],
                }
            }
        )
        method = bd.Method(("IPCC 2021", "climate change", "global warming potential (GWP100)"))
        method.register(unit="kg CO2e")
        method.write([(("bio", "co2"), 1.0)])
    return base


def linked_case(tmp_path: Path, base: Path, **background: str) -> Path:
    line = {"module": "A1-A3", "amount": "300 g", "per": "use", "source": "test"}
    data = {
        "id": "validate-linked",
        "title": "Validate linked",
        "method": "LCAC-HC/1",
        "functional_unit": "one use",
        "context": {
            "country": "BE",
            "price_year": 2025,
            "discount_rate": 0.0,
            "horizon_years": 5,
            "annual_uses": 1000,
            "background": {"project": PROJECT, "database": "tech", "brightway_dir": str(base), **background},
        },
        "options": [
            {
                "id": "single-use",
                "kind": "single-use",
                "zero_modules": {"A4": "t", "B": "t", "C": "t", "D": "t"},
                "inventory": [{**line, "activity": {"database": "tech", "code": "steel"}}],
                "costs": [{"category": "acquisition", "amount": "1 EUR", "per": "use", "source": "test"}],
            },
            {
                "id": "reusable",
                "kind": "reusable",
                "uses_per_life": 100,
                "loss_rate": 0.0,
                "zero_modules": {"A4": "t", "B": "t", "C": "t", "D": "t"},
                "inventory": [{**line, "per": "life", "activity": {"name": "steel", "location": "GLO", "unit": "kg"}}],
                "costs": [{"category": "acquisition", "amount": "2 EUR", "per": "use", "source": "test"}],
            },
        ],
    }
    path = tmp_path / "linked.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_validate_accepts_a_case_linked_to_an_existing_project(tmp_path: Path, user_brightway: Path) -> None:
    outcome = run_cli("validate", str(linked_case(tmp_path, user_brightway)))
    assert outcome.code == 0, outcome.stderr


@pytest.mark.parametrize(
    ("background", "field"),
    [
        ({"project": "not-there"}, "context.background.project"),
        ({"database": "not-there"}, "context.background.database"),
        ({"brightway_dir": "/no/such/folder"}, "context.background.brightway_dir"),
        ({"method": ["no", "such"]}, "context.background.method"),
    ],
)
def test_validate_refuses_a_linked_project_piece_that_does_not_exist(
    tmp_path: Path, user_brightway: Path, background: dict, field: str
) -> None:
    assert_refused(run_cli("validate", str(linked_case(tmp_path, user_brightway, **background))), field)


def test_validate_refuses_a_linked_activity_that_does_not_exist(tmp_path: Path, user_brightway: Path) -> None:
    path = linked_case(tmp_path, user_brightway)
    path.write_text(path.read_text(encoding="utf-8").replace("code: steel", "code: stee1"), encoding="utf-8")
    assert_refused(run_cli("validate", str(path)), "linked.yaml", "options[0].inventory[0].activity", "stee1")


def test_damaged_projects_catalogue_of_a_linked_project_is_named(tmp_path: Path, user_brightway: Path) -> None:
    base = tmp_path / "broken-brightway"
    base.mkdir()
    (base / "projects.db").write_bytes(b"not a database" * 50)
    assert_refused(run_cli("validate", str(linked_case(tmp_path, base))), str(base / "projects.db"), "damaged")
