"""The one adapter from the pipeline's progress callback to a job's progress bar.

``lcacompare.run.analyse`` calls ``progress`` with a short text before each step today; typed
progress events (with a ``fraction`` or ``step`` and ``total``, and a ``message``) are on their
way. :func:`progress_update` reads either, so only this module changes when they land.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EXPECTED_STEPS", "progress_update"]

EXPECTED_STEPS = 6
"""Steps of a full run (background, comparison, cost, Monte Carlo, sensitivity, reports)."""


def progress_update(event: Any, steps_done: int) -> tuple[str, float]:
    """The message and fraction done (0 to 1) after one progress event.

    Parameters
    ----------
    event : str or object
        A text (today's callback) or an event with ``message`` and ``fraction`` or ``step``/``total``.
    steps_done : int
        Events seen before this one.

    Returns
    -------
    tuple of (str, float)
        ``fraction = min(0.95, (steps_done + 1) / (EXPECTED_STEPS + 1))`` for text events; the
        last 5 % is left for storing the run.

    Examples
    --------
    >>> progress_update("comparing options", 1)
    ('comparing options', 0.2857142857142857)
    """
    if isinstance(event, str):
        return event, min(0.95, (steps_done + 1) / (EXPECTED_STEPS + 1))
    message = str(getattr(event, "message", None) or getattr(event, "text", None) or event)
    fraction = getattr(event, "fraction", None)
    if fraction is None:
        step, total = getattr(event, "step", None), getattr(event, "total", None)
        fraction = step / total if step is not None and total else (steps_done + 1) / (EXPECTED_STEPS + 1)
    return message, min(0.95, max(0.0, float(fraction)))
