"""A run as an ordered list of named steps, and the typed progress events it reports.

A :class:`Step` has a name, a label for people, the artefacts it needs (``case``, ``prepared``,
``comparison``, ...), the intermediate artefacts it gives and the sections of the
:class:`~lcacompare.result.Result` it produces. A :class:`Pipeline` checks when it is built that
every step's needs are given by an earlier step (or are inputs of the run), then runs the steps
in order and reports, through one callback, three kinds of event:

- :class:`StepStarted` before a step (its name, label, position and the number of steps),
- :class:`StepFraction` while a long step runs (fraction done, from 0 to 1, ending at 1),
- :class:`StepDone` after it (with its duration in seconds).

The events are frozen dataclasses; :func:`event_data` gives one as JSON-ready data and
:func:`server_sent_event` as one ``text/event-stream`` message, so a server can forward them.
:class:`EventStream` turns the callback into an iterator by running the job in a worker thread::

    stream = EventStream(lambda on_event: analyse(case, on_event=on_event))
    for event in stream:          # StepStarted, StepFraction, StepDone, in order
        send(server_sent_event(event))
    analysis = stream.result      # or the job's exception, raised again here

The analysis steps themselves are in :mod:`lcacompare.analysis.steps`.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar, Generic, TypeVar

__all__ = [
    "StepStarted",
    "StepFraction",
    "StepDone",
    "ProgressEvent",
    "EventSink",
    "Step",
    "Pipeline",
    "RunOutcome",
    "EventStream",
    "event_data",
    "server_sent_event",
    "text_progress",
    "fractions_of",
]

T = TypeVar("T")


@dataclass(frozen=True)
class StepStarted:
    """A step begins.

    ``index`` is its 0-based position among the ``total`` steps of the run.
    """

    kind: ClassVar[str] = "step-started"
    step: str
    label: str
    index: int
    total: int


@dataclass(frozen=True)
class StepFraction:
    """A long step has done ``fraction`` of its work (0 to 1; the last one of a step is 1)."""

    kind: ClassVar[str] = "step-fraction"
    step: str
    fraction: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.fraction <= 1.0:  # also False for NaN
            raise ValueError(f"step {self.step!r}: fraction {self.fraction!r} is outside [0, 1]")


@dataclass(frozen=True)
class StepDone:
    """A step has finished, after ``seconds`` of wall-clock time."""

    kind: ClassVar[str] = "step-done"
    step: str
    label: str
    index: int
    total: int
    seconds: float


ProgressEvent = StepStarted | StepFraction | StepDone
"""Any event a run reports."""

EventSink = Callable[[ProgressEvent], None]
"""Receives each event of a run, in order, on the thread that runs it."""

Fraction = Callable[[float], None]
"""What a long step calls with its fraction done (0 to 1)."""


def event_data(event: ProgressEvent) -> dict[str, Any]:
    """An event as JSON-ready data: ``{"event": kind, **fields}``.

    Examples
    --------
    >>> event_data(StepFraction("uncertainty", 0.5))
    {'event': 'step-fraction', 'step': 'uncertainty', 'fraction': 0.5}
    """
    return {"event": event.kind, **asdict(event)}


def server_sent_event(event: ProgressEvent) -> str:
    r"""An event as one server-sent event message (``text/event-stream``).

    The event name is the event's ``kind``; the data line is the JSON of :func:`event_data`.

    Examples
    --------
    >>> server_sent_event(StepFraction("uncertainty", 0.5))
    'event: step-fraction\ndata: {"event": "step-fraction", "step": "uncertainty", "fraction": 0.5}\n\n'
    """
    return f"event: {event.kind}\ndata: {json.dumps(event_data(event), allow_nan=False)}\n\n"


def text_progress(progress: Callable[[str], None]) -> EventSink:
    """The older progress callback (one text before each step) as an event sink.

    Parameters
    ----------
    progress : callable
        Called with the label of each step as it starts; the other events are dropped.
    """

    def sink(event: ProgressEvent) -> None:
        if isinstance(event, StepStarted):
            progress(event.label)

    return sink


StepRun = Callable[[Mapping[str, Any], Mapping[str, Any], Fraction], Mapping[str, Any]]
"""A step's work: ``run(artefacts, sections, fraction)`` returns what it gives and the sections it made."""


@dataclass(frozen=True)
class Step:
    """One named step of a run.

    Parameters
    ----------
    name : str
        Short id (``prepare``, ``uncertainty``); events carry it.
    label : str
        What the step does, for people (the command line shows it).
    needs : tuple of str
        Artefacts the step reads (inputs of the run, or given by earlier steps).
    gives : tuple of str
        Intermediate artefacts it makes for later steps (not part of the result).
    sections : tuple of str
        Fields of :class:`~lcacompare.result.Result` it produces (it may leave optional ones out,
        such as ``monetised`` when a case gives no carbon price).
    run : callable
        ``run(artefacts, sections, fraction)`` returns a mapping of its ``gives`` and
        ``sections``; a long step calls ``fraction(x)`` with its fraction done.
    reports_fraction : bool
        Whether the step reports fractions; the pipeline then sends a final fraction of 1.
    uses : tuple of str
        Artefacts it reads when an earlier step gave them (optional needs, such as the Monte
        Carlo samples of a run that may have skipped sampling).
    reads : tuple of str
        Sections of earlier steps it reads (the transparency text reads them all).
    """

    name: str
    label: str
    needs: tuple[str, ...]
    gives: tuple[str, ...]
    sections: tuple[str, ...]
    run: StepRun = field(repr=False, compare=False)
    reports_fraction: bool = False
    uses: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunOutcome:
    """What a pipeline run made: every artefact (inputs included) and every result section."""

    artefacts: dict[str, Any]
    sections: dict[str, Any]


@dataclass(frozen=True)
class Pipeline:
    """An ordered list of steps whose needs are all met by the run's inputs or earlier steps.

    Artefacts (what steps hand each other) and sections (fields of the result) are kept apart,
    so an artefact ``case`` (the case file) and a section ``case`` (its header in the result)
    do not collide.

    Parameters
    ----------
    steps : tuple of Step
        In the order they run.
    inputs : tuple of str
        Artefacts the caller supplies to :meth:`run`.

    Raises
    ------
    ValueError
        If two steps share a name; a step needs an artefact or reads a section that no earlier
        step makes; or a step makes an artefact or section that exists already (it would
        overwrite it).
    """

    steps: tuple[Step, ...]
    inputs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        artefacts, sections, names = set(self.inputs), set[str](), set[str]()
        for step in self.steps:
            if step.name in names:
                raise ValueError(f"two steps are named {step.name!r}")
            names.add(step.name)
            missing = [need for need in step.needs if need not in artefacts]
            missing += [f"section {read}" for read in step.reads if read not in sections]
            if missing:
                raise ValueError(f"step {step.name!r} needs {missing}, which no earlier step makes")
            twice = sorted(artefacts & set(step.gives)) + sorted(sections & set(step.sections))
            if twice:
                raise ValueError(f"step {step.name!r} makes {twice}, already an input or made earlier")
            artefacts |= set(step.gives)
            sections |= set(step.sections)

    @property
    def names(self) -> list[str]:
        """The step names, in order."""
        return [step.name for step in self.steps]

    def sections(self) -> dict[str, tuple[str, ...]]:
        """The result sections each step produces, by step name, in order."""
        return {step.name: step.sections for step in self.steps}

    def run(self, inputs: Mapping[str, Any], on_event: EventSink | None = None) -> RunOutcome:
        """Run every step in order.

        Parameters
        ----------
        inputs : mapping
            The artefacts named in ``inputs``.
        on_event : callable, optional
            Receives each :data:`ProgressEvent`, in order.

        Returns
        -------
        RunOutcome
            Every artefact (the inputs and what each step gave) and every section produced.

        Raises
        ------
        ValueError
            If an input is missing or a step returns something it did not declare.
        """
        missing = [name for name in self.inputs if name not in inputs]
        if missing:
            raise ValueError(f"the pipeline needs the inputs {missing}")
        send: EventSink = on_event if on_event is not None else _ignore
        artefacts: dict[str, Any] = dict(inputs)
        sections: dict[str, Any] = {}
        total = len(self.steps)
        for index, step in enumerate(self.steps):
            send(StepStarted(step.name, step.label, index, total))
            start = time.perf_counter()
            reporter = _FractionReporter(step.name, send)
            made = step.run(MappingProxyType(artefacts), MappingProxyType(sections), reporter)
            undeclared = set(made) - set(step.gives) - set(step.sections)
            if undeclared:
                raise ValueError(f"step {step.name!r} returned {sorted(undeclared)}, which it does not declare")
            artefacts.update((key, value) for key, value in made.items() if key in step.gives)
            sections.update((key, value) for key, value in made.items() if key in step.sections)
            if step.reports_fraction and reporter.last < 1.0:
                reporter(1.0)
            send(StepDone(step.name, step.label, index, total, time.perf_counter() - start))
        return RunOutcome(artefacts, sections)


def _ignore(event: ProgressEvent) -> None:
    """The sink of a run nobody watches."""


class _FractionReporter:
    """Sends a step's fractions as events, never going backwards."""

    def __init__(self, step: str, send: EventSink) -> None:
        self.step = step
        self.send = send
        self.last = 0.0

    def __call__(self, fraction: float) -> None:
        value = float(fraction)
        if -1e-9 < value < 0.0 or 1.0 < value < 1.0 + 1e-9:  # rounding in a sum of parts
            value = min(max(value, 0.0), 1.0)
        event = StepFraction(self.step, value)  # checks the range
        if event.fraction < self.last:
            raise ValueError(f"step {self.step!r}: fraction went back from {self.last} to {event.fraction}")
        self.last = event.fraction
        self.send(event)


def fractions_of(report: Fraction, start: float, stop: float) -> Fraction:
    """A fraction callback for a part of a step that spans ``start`` to ``stop`` of the whole.

    Examples
    --------
    >>> seen = []
    >>> fractions_of(seen.append, 0.5, 1.0)(0.5)
    >>> seen
    [0.75]
    """

    def part(fraction: float) -> None:
        report(start + (stop - start) * fraction)

    return part


_END = object()


class EventStream(Generic[T]):
    """Iterate over the events of a job that reports through a callback; the job runs in a thread.

    Parameters
    ----------
    job : callable
        ``job(on_event)``: runs, calling ``on_event`` with each event, and returns a value.

    Notes
    -----
    Iterating starts the job (once) and yields its events in order until it ends; then
    :attr:`result` is its return value, or raises its exception. A server forwards each event
    with :func:`server_sent_event`. Stopping the iteration early does not stop the job: it runs
    to its end in the background.
    """

    def __init__(self, job: Callable[[EventSink], T]) -> None:
        self._job = job
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._value: T | None = None
        self._error: BaseException | None = None

    def _work(self) -> None:
        try:
            self._value = self._job(self._queue.put)
        except BaseException as exc:  # noqa: BLE001  # handed to the consumer, raised again by ``result``
            self._error = exc
        finally:
            self._queue.put(_END)

    def __iter__(self) -> Iterator[ProgressEvent]:
        if self._thread is not None:
            raise RuntimeError("an EventStream can be iterated once")
        self._thread = threading.Thread(target=self._work, name="lcacompare-run", daemon=True)
        self._thread.start()
        while (item := self._queue.get()) is not _END:
            yield item
        self._thread.join()

    @property
    def result(self) -> T:
        """The job's return value once the iteration has ended.

        Raises
        ------
        RuntimeError
            If the job has not finished.
        BaseException
            The job's own exception, if it raised one.
        """
        if self._thread is None or self._thread.is_alive():
            raise RuntimeError("the job has not finished: iterate over the stream first")
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]
