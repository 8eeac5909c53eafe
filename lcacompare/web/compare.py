"""Two stored runs side by side: what changed in their inputs and in their per-use results.

Everything is read from the workspace record and the stored result document of each run, so
a comparison never recomputes anything. The labels are English message ids (marked with
:func:`N_` for the catalogue) that the page translates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lcacompare.web.workspace import RunRecord

__all__ = ["InputChange", "OptionChange", "RunComparison", "compare_runs"]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel extracts
    """Mark a message for the catalogue without translating it here (the page does)."""
    return message


@dataclass(frozen=True)
class InputChange:
    """One input of the two runs: its label, both values and whether they differ."""

    label: str
    a: str
    b: str

    @property
    def changed(self) -> bool:
        """True when the two runs used different values."""
        return self.a != self.b


@dataclass(frozen=True)
class OptionChange:
    r"""One option's per-use figures in both runs (None where a run has no such option).

    The differences are run B minus run A:
    :math:`\Delta_{CO_2e} = CO_2e_B - CO_2e_A` and :math:`\Delta_{EUR} = EUR_B - EUR_A`.
    """

    id: str
    kg_co2e_a: float | None
    kg_co2e_b: float | None
    eur_a: float | None
    eur_b: float | None

    @property
    def kg_co2e_difference(self) -> float | None:
        """The kg CO2e per use of run B minus run A, or None if either run lacks the option."""
        return _difference(self.kg_co2e_a, self.kg_co2e_b)

    @property
    def eur_difference(self) -> float | None:
        """EUR per use of run B minus run A, or None if either run lacks the option."""
        return _difference(self.eur_a, self.eur_b)


@dataclass(frozen=True)
class RunComparison:
    """Two runs compared: their records, the inputs and the per-option results."""

    a: RunRecord
    b: RunRecord
    inputs: list[InputChange]
    options: list[OptionChange]

    @property
    def inputs_changed(self) -> list[InputChange]:
        """The inputs whose values differ between the two runs."""
        return [i for i in self.inputs if i.changed]


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def _method_digest(result: Mapping[str, Any]) -> str:
    stamp = result.get("method_spec")
    return str(stamp.get("sha256", "")) if isinstance(stamp, Mapping) else ""


def _per_use(result: Mapping[str, Any]) -> dict[str, tuple[float | None, float | None]]:
    found: dict[str, tuple[float | None, float | None]] = {}
    for option in result.get("options") or []:
        if isinstance(option, Mapping) and "id" in option:
            kg, eur = option.get("kg_co2e_per_use"), option.get("eur_per_use")
            found[str(option["id"])] = (
                float(kg) if isinstance(kg, int | float) else None,
                float(eur) if isinstance(eur, int | float) else None,
            )
    return found


def compare_runs(a: RunRecord, b: RunRecord, result_a: Mapping[str, Any], result_b: Mapping[str, Any]) -> RunComparison:
    """Compare two stored runs from their records and result documents.

    Parameters
    ----------
    a, b : RunRecord
        The workspace records of the two runs (A is the reference, B the one compared with it).
    result_a, result_b : Mapping
        Their stored result documents (the JSON of ``lcacompare run --format json``).

    Returns
    -------
    RunComparison
        The inputs of both runs (case digest, seed, samples, country, method and its digest,
        datasets digest, lcacompare version) and, for every option of either run in the order
        first seen, its kg CO2e and EUR per use in each run.

    Examples
    --------
    >>> from lcacompare.web.workspace import RunRecord
    >>> rec = RunRecord(1, "shipped:x", "X", "ab", "M/1", "d", "1.0", 7, 100, "BE", False, "t")
    >>> doc = {"options": [{"id": "reusable", "kg_co2e_per_use": 0.5, "eur_per_use": 2.0}]}
    >>> other = {"options": [{"id": "reusable", "kg_co2e_per_use": 0.75, "eur_per_use": 2.0}]}
    >>> c = compare_runs(rec, rec, doc, other)
    >>> c.options[0].kg_co2e_difference, c.options[0].eur_difference, c.inputs_changed
    (0.25, 0.0, [])
    """
    inputs = [
        InputChange(N_("case digest (SHA-256 of the case text)"), a.inputs_sha256, b.inputs_sha256),
        InputChange(N_("seed"), str(a.seed), str(b.seed)),
        InputChange(N_("samples"), str(a.samples), str(b.samples)),
        InputChange(N_("country"), a.country, b.country),
        InputChange(N_("method"), a.method_version, b.method_version),
        InputChange(N_("method digest (SHA-256)"), _method_digest(result_a), _method_digest(result_b)),
        InputChange(N_("datasets digest (SHA-256)"), a.datasets_sha256, b.datasets_sha256),
        InputChange(N_("lcacompare version"), a.lcacompare_version, b.lcacompare_version),
    ]
    per_use_a, per_use_b = _per_use(result_a), _per_use(result_b)
    ids = list(per_use_a) + [i for i in per_use_b if i not in per_use_a]
    none = (None, None)
    options = []
    for i in ids:
        (kg_a, eur_a), (kg_b, eur_b) = per_use_a.get(i, none), per_use_b.get(i, none)
        options.append(OptionChange(i, kg_a, kg_b, eur_a, eur_b))
    return RunComparison(a, b, inputs, options)
