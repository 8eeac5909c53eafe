"""The PEF criteria of every inventory line of a compiled case: stated, or mapped from pedigrees.

A line is scored, per criterion, as the worst (highest) of

- its own score: its ``dqr`` when stated, else its pedigree mapped
  (:func:`~lcacompare.quality.pef.from_pedigree`); a line with neither takes instead the worst of
  the parameters its amount names (each by its own ``dqr`` or pedigree; one with neither counts
  5), or 5 when it names none;
- its emission factor row: a shipped dataset row (pedigree mapped) or the case's own factor
  (``dqr`` or pedigree). A published module figure (``kg_co2e``) is the line itself; a linked
  Brightway activity brings no score of its own.

When the case switches the penalty on, an unverified input (``dqr: {verified: false}``, or a
supplier declaration whose source says *not verified*) has the method's penalty added to its P
before the worst is taken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from lcacompare.compile.amounts import names_in
from lcacompare.compile.own_factors import OWN_PREFIX
from lcacompare.compile.references import LineInfo
from lcacompare.expressions import ExpressionError
from lcacompare.model.case import Case
from lcacompare.model.quality import StatedDqr
from lcacompare.quality.pef import PEDIGREE_MAPPING, Criteria, from_pedigree, penalised, worst

__all__ = ["Basis", "InputScore", "LineScore", "score_input", "score_line", "is_unverified"]

Basis = Literal["stated", "mapped", "unknown"]
"""``stated``: the case gives TeR/GeR/TiR/P; ``mapped``: from a pedigree; ``unknown``: neither (5 each)."""

_BASIS_ORDER: Mapping[str, int] = {"stated": 0, "mapped": 1, "unknown": 2}


@dataclass(frozen=True)
class InputScore:
    """The PEF criteria of one input (a line, a parameter, a factor row) and where they come from."""

    name: str
    criteria: Criteria
    basis: Basis
    unverified: bool
    penalised: bool


@dataclass(frozen=True)
class LineScore:
    """The PEF criteria of one inventory line: the worst of its inputs' (see the module docstring)."""

    criteria: Criteria
    basis: Basis
    inputs: tuple[InputScore, ...]

    @property
    def unverified(self) -> bool:
        """Whether any input of the line is unverified."""
        return any(item.unverified for item in self.inputs)

    @property
    def penalised(self) -> bool:
        """Whether the unverified-data penalty raised any input's P."""
        return any(item.penalised for item in self.inputs)


def is_unverified(dqr: StatedDqr | None, source: str | None, markers: Sequence[str]) -> bool:
    """Whether an input is unverified: ``dqr.verified`` is false, or its source has every marker.

    Examples
    --------
    >>> marks = ["supplier declaration", "not verified"]
    >>> is_unverified(None, "supplier declaration: X; evidence: EPD; not verified", marks)
    True
    >>> is_unverified(None, "World Stainless Association (2023)", marks)
    False
    """
    if dqr is not None and not dqr.verified:
        return True
    text = (source or "").lower()
    return bool(markers) and all(marker.lower() in text for marker in markers)


def score_input(
    name: str,
    dqr: StatedDqr | None,
    pedigree: Sequence[int] | None,
    source: str | None,
    settings: Mapping[str, Any],
    penalty_on: bool,
) -> InputScore:
    """The criteria of one input: stated, else mapped from its pedigree, else 5 each; penalised if unverified.

    Parameters
    ----------
    name : str
        How the input is named in the report (``parameters.x``, ``row steel|GLO``).
    dqr : StatedDqr or None
        The input's stated criteria, if any.
    pedigree : sequence of 5 ints or None
        Its pedigree score.
    source : str or None
        Its source text (a supplier declaration says whether it is verified).
    settings : mapping
        The method's ``pef_data_quality`` section (``unverified_penalty_p``, ``unverified_markers``).
    penalty_on : bool
        Whether the case switched the unverified-data penalty on.
    """
    stated = dqr.stated if dqr is not None else None
    if stated is not None:
        criteria, basis = Criteria(*stated), "stated"
    elif pedigree is not None:
        criteria, basis = from_pedigree(pedigree, settings.get("pedigree_mapping", PEDIGREE_MAPPING)), "mapped"
    else:
        criteria, basis = from_pedigree(None), "unknown"
    unverified = is_unverified(dqr, source, settings.get("unverified_markers", ()))
    raised = False
    if penalty_on and unverified:
        after = penalised(criteria, int(settings.get("unverified_penalty_p", 0)))
        raised, criteria = after != criteria, after
    return InputScore(name, criteria, basis, unverified, raised)  # type: ignore[arg-type]


def _amount_names(amount: Any) -> list[str]:
    if not isinstance(amount, str):
        return []
    try:
        return sorted(names_in(amount))
    except ExpressionError:
        return []


def score_line(case: Case, info: LineInfo, settings: Mapping[str, Any], penalty_on: bool) -> LineScore:
    """The PEF criteria of one resolved inventory line (rule in the module docstring).

    Parameters
    ----------
    case : Case
        The case (its parameters and own factors are read).
    info : LineInfo
        The line, as the compiled case resolved it.
    settings : mapping
        The method's ``pef_data_quality`` section.
    penalty_on : bool
        Whether the unverified-data penalty applies.
    """
    line = info.line
    where = f"options[{info.option_id}].inventory[{info.index}]"
    inputs: list[InputScore] = []
    if (line.dqr is not None and line.dqr.stated is not None) or line.pedigree is not None:
        inputs.append(score_input(where, line.dqr, line.pedigree, line.source, settings, penalty_on))
    else:
        names = [name for name in _amount_names(line.amount) if name in case.parameters]
        for name in names:
            param = case.parameters[name]
            inputs.append(
                score_input(f"parameters.{name}", param.dqr, param.pedigree, param.source, settings, penalty_on)
            )
        if not names:
            inputs.append(score_input(where, line.dqr, None, line.source, settings, penalty_on))
    if info.factor is not None:
        own = next((f for f in case.factors if f.id == info.factor.id), None)
        if info.activity_key.startswith(OWN_PREFIX) and own is not None:
            inputs.append(score_input(f"factors.{own.id}", own.dqr, own.pedigree, own.source, settings, penalty_on))
        else:
            # A dataset row, or a factor the compile step built (the market-based electricity instrument).
            prov = info.factor.provenance
            inputs.append(
                score_input(f"datasets {info.factor.code}", None, prov.pedigree, prov.source, settings, penalty_on)
            )
    basis = max((item.basis for item in inputs), key=_BASIS_ORDER.__getitem__)
    return LineScore(worst(*(item.criteria for item in inputs)), basis, tuple(inputs))
