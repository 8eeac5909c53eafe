"""The base of every result model: strict (unknown keys are refused), JSON-ready values."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["Section"]


class Section(BaseModel):
    """A part of the result: unknown keys are an error, every field is documented with its unit.

    Values are validated as given (a float stays a float, an int an int), so a document read back
    from ``result.json`` is the same model it was written from.
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, validate_default=False)

    def to_dict(self) -> dict[str, Any]:
        """The section as plain JSON-ready data; keys that were never set are left out."""
        return self.model_dump(mode="json", exclude_unset=True)
