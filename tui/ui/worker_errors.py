"""A background job that raised becomes one error notification: it never takes the app down.

Every worker runs with ``exit_on_error=False``. ``Worker.StateChanged`` goes to the node that
started the worker and does not bubble, so the App and each screen that starts workers pass
theirs to :func:`report_failure`.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widget import Widget
from textual.worker import Worker, WorkerState


def report_failure(node: App[Any] | Widget, event: Worker.StateChanged) -> None:
    """Say which job failed and why, when ``event`` is a worker ending in an error."""
    if event.state is WorkerState.ERROR:
        name = event.worker.name or "background task"
        node.notify(f"{name} failed: {event.worker.error}", severity="error", markup=False)
