"""The command line's progress display: the steps of a run as they happen, from its typed events.

One line per step: a spinner while it runs, a bar with the fraction done for the long steps
(paired Monte Carlo, sensitivity, rendering), and its duration once done. The display is
transient: it is cleared when the run ends, and a console that is not a terminal shows nothing.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TaskProgressColumn, TextColumn

from lcacompare.pipeline import ProgressEvent, StepDone, StepFraction, StepStarted

__all__ = ["RunDisplay"]


class RunDisplay:
    """Shows a run's :data:`~lcacompare.pipeline.ProgressEvent` stream on a rich console.

    Parameters
    ----------
    console : Console
        Where to draw (the command line uses standard error).

    Examples
    --------
    >>> with RunDisplay(Console(stderr=True)) as display:  # doctest: +SKIP
    ...     run_case(case, on_event=display)
    """

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(finished_text="[green]done[/]"),
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[seconds]}"),
            console=console,
            transient=True,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RunDisplay:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._progress.stop()

    def __call__(self, event: ProgressEvent) -> None:
        """Show one event: a step started, a fraction of it done, or the step done."""
        if isinstance(event, StepStarted):
            self._tasks[event.step] = self._progress.add_task(
                f"{event.index + 1}/{event.total} {escape(event.label)}", total=None, seconds=""
            )
        elif isinstance(event, StepFraction):
            self._progress.update(self._tasks[event.step], total=1.0, completed=event.fraction)
        elif isinstance(event, StepDone):
            self._progress.update(self._tasks[event.step], total=1.0, completed=1.0, seconds=f"{event.seconds:.2f} s")
