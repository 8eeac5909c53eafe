"""A case's own factor beside activities of a linked Brightway project (issue 16)."""

from __future__ import annotations

import pytest
import test_lca_linked as linked_tests
from test_lca_linked import MOBILITY, linked_case, plain_lca

from lcacompare import compare, prepare

user_brightway = linked_tests.user_brightway  # the fixture: a user's Brightway folder

OWN = {
    "id": "my-wrap",
    "name": "SMS wrap, supplier EPD",
    "unit": "kg",
    "kg_co2_fossil": 2.0,
    "kg_n2o": 0.001,
    "source": "Supplier EPD, 2024",
    "year": 2024,
    "geography": "BE",
    "pedigree": [2, 2, 1, 1, 2],
}


def _add_own(data: dict) -> None:
    data["factors"] = [OWN]
    data["options"][1]["inventory"].append(
        {"module": "B", "activity": "my-wrap", "amount": "50 g", "per": "use", "source": "test"}
    )


def test_own_factor_mixes_with_linked_activities_one_background_per_activity_id(
    tmp_path,
    user_brightway,
    home,
):
    case = linked_case(tmp_path, user_brightway, edit=_add_own)
    prepared = prepare(case, home=home)
    result = compare(case, prepared=prepared)
    linked = plain_lca(
        user_brightway, {(MOBILITY, "Steel"): 2.0 / 100, (MOBILITY, "Electricity"): 0.5, ("hospital", "steam"): 1.5}
    )
    own = 0.05 * (2.0 + 0.001 * 273.0)
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(linked + own, rel=1e-6)
    line = next(ln for ln in result.option("reusable").lines if ln.activity == "my-wrap")
    assert line.kg_co2e_per_use == pytest.approx(own, rel=1e-9)
