"""A rule's message is filled completely: no raw ``{placeholder!r}`` reaches the user."""

from __future__ import annotations

import re

import pytest

from lcacompare.method.catalogue import RULES
from lcacompare.model import case as case_model

PLACEHOLDER = re.compile(r"\{[a-z_]+(![rsa])?\}")


@pytest.mark.parametrize("rule_id", sorted(r for r in RULES if "!r}" in RULES[r].message))
def test_a_template_with_a_conversion_is_filled_with_its_context(rule_id: str) -> None:
    names = re.findall(r"\{([a-z_]+)(?:![rsa])?\}", RULES[rule_id].message)
    error = case_model._broken(rule_id, **{name: f"value-of-{name}" for name in names})
    message = error.message()
    assert not PLACEHOLDER.search(message), message
    assert all(f"'value-of-{name}'" in message or f"value-of-{name}" in message for name in names)


def test_the_supply_and_case_factor_messages_name_the_option_and_the_factor() -> None:
    supply = case_model._broken("supply-reusable-only", option="single-use", fields="pool_items").message()
    factor = case_model._broken("case-factor", id="my-steel", why="no emission given").message()
    assert "'single-use'" in supply and "{" not in supply
    assert "'my-steel'" in factor and "{" not in factor
