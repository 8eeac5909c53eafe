"""The ``iso_reporting`` section: every ISO 14044:2006 clause 5.2 and 5.3 reporting item, provided or not.

Present only under a method with an ``iso_reporting`` section (LCAC-HC/2); the eleven texts of
the ``transparency`` section stay as they are and are reused by the items they answer.
"""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Section

__all__ = ["ItemStatus", "IsoItem", "IsoReporting"]

ItemStatus = Literal["provided", "not provided"]
"""``provided``: the item's text is written from the case, the method or the run; ``not provided``:
nothing in them answers it, and ``provide`` says what would."""


class IsoItem(Section):
    """One reporting item of ISO 14044:2006 clause 5.2 or 5.3."""

    id: str
    """Item id, e.g. ``5.2.a.commissioner`` or ``5.3.equivalence``."""
    clause: str
    """The clause and list item it belongs to, e.g. ``5.2 a`` or ``5.3``."""
    title: str
    """Heading in the reports (English; the reports translate it)."""
    status: ItemStatus
    """Whether the item is answered."""
    text: str | None = None
    """The generated answer (absent when not provided)."""
    provide: str | None = None
    """What would provide the item (absent when provided)."""


class IsoReporting(Section):
    """The ISO 14044 reporting items of one run and how many of them are answered."""

    reference: str
    """The method's reference for the item list."""
    items: list[IsoItem]
    """Every item of clause 5.2, then of clause 5.3, in the clauses' order."""
    provided: int
    """Number of items with a text."""
    not_provided: int
    """Number of items flagged ``not provided``."""
    public_comparative_assertion: bool | None = None
    """What the case's ``study.public_comparative_assertion`` says (absent when it says nothing)."""
    review_status: Literal["none", "internal", "external", "panel"] = "none"
    """The critical review the case states (``none`` when it states none)."""
    review_missing: bool = False
    """True when the results are meant for a public comparative assertion without the review the
    method asks for (ISO 14044:2006 6.1, 6.3: a panel of interested parties); the reports warn."""
