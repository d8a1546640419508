"""The downloads: each with its state, a progress bar, its size, speed and time left.

The rows come from the repository (loaded in a worker); while a download runs, the App hands
this screen each progress report (:meth:`DownloadsScreen.show_progress`) and each change of
state (:meth:`DownloadsScreen.show_download`). What the user asks (play, cancel, retry, remove
from the list) leaves as a message the App handles. The line at the bottom shows the
highlighted download whole: its article, where the file is (or comes from), and its error.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist
from textual.worker import Worker

from tui.config import Settings
from tui.core.enclosures import format_amount, format_remaining, format_size, format_speed
from tui.core.models import Download
from tui.services.downloads.queue import file_missing
from tui.store.repository import Repository
from tui.ui.columns import clip
from tui.ui.display import format_date, visible
from tui.ui.keys import DOWNLOADS_SCREEN_KEYS, LIST_BINDINGS
from tui.ui.messages import DownloadAction, PlayRequested
from tui.ui.worker_errors import report_failure

if TYPE_CHECKING:
    from tui.services.downloads.transfer import Progress

BAR = 16
"""Cells of the progress bar."""
# (key, label, width): the name column takes what the others leave.
_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("state", "State", 9),
    ("progress", "Progress", BAR + 5),
    ("size", "Size", 20),
    ("speed", "Speed", 11),
    ("left", "Left", 12),
)
_GIVE_WAY: tuple[tuple[str, ...], ...] = (("speed", "left"), ("size",), ("progress",))
"""Columns left out, in this order, where the name would have fewer than :data:`NAME_MIN`
cells (the first under 104 columns, all three under 62): the detail line gives the
highlighted download's speed, time left and size."""
NAME_MIN = 16
"""Cells the name column needs before the columns of :data:`_GIVE_WAY` are shown."""
_FOLLOW_SECONDS = 1.0  # how often the open screen reads the downloads other processes run
# The detail line's word for when a download was queued or ended, where it is not the state's
# name: one running is "added" (it is no longer queued).
_HAPPENED = {"running": "added", "done": "downloaded"}
_STATE_STYLE = {
    "queued": "dim",
    "running": "bold",
    "done": "green",
    "failed": "bold red",
    "cancelled": "dim",
}


def progress_bar(fraction: float | None, width: int = BAR) -> Text:
    """``━━━━━━━━━━━━━━━━  52%``, the done part green (blank when the size is unknown)."""
    if fraction is None:
        return Text(" " * (width + 5))
    fraction = max(0.0, min(1.0, fraction))
    filled = int(round(fraction * width))
    text = Text("━" * filled, style="green")
    text.append("━" * (width - filled), style="dim")
    text.append(f" {int(fraction * 100):>3}%")
    return text


def _size(received: int, total: int | None) -> str:
    """ "23.0 MB of 59.1 MB"; the size alone before a byte came (or after they went)."""
    if received:
        return format_amount(received, total)
    return format_size(total) if total else ""


class DownloadsTable(DataTable[Text]):
    """The downloads, one row each; enter plays the highlighted one."""

    BINDINGS = [
        *(b for b in LIST_BINDINGS if isinstance(b, Binding) and b.id != "open"),
        Binding("enter", "select_cursor", "Play", show=False, id="open"),
    ]

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)


class DownloadsScreen(Screen[None]):
    """P or enter plays, c cancels, r retries, x removes from the list, esc goes back."""

    BINDINGS = DOWNLOADS_SCREEN_KEYS

    def __init__(self, repo: Repository, settings: Settings) -> None:
        super().__init__()
        self._repo = repo
        self._settings = settings
        self._downloads: dict[int, Download] = {}
        self._progress: dict[int, Progress] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="downloads-pane", classes="pane") as pane:
            pane.border_title = "Downloads"
            yield DownloadsTable(cursor_type="row", id="downloads")
            yield Label(
                "No downloads yet: D on an article with a podcast or a file queues one",
                id="downloads-empty",
            )
        yield Static(id="downloads-detail", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(DownloadsTable).focus()
        self.query_one("#downloads-empty").display = False
        self.reload()
        # `newsreader download` (cron) in another process tells this one nothing: its rows,
        # stored once a second, are read as often.
        self.set_interval(_FOLLOW_SECONDS, self._follow)

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    @work(thread=True, exclusive=True, group="downloads-list", exit_on_error=False)
    def reload(self) -> None:
        """Read every download again (in a worker)."""
        downloads = self._repo.downloads()
        self.app.call_from_thread(self._show_all, downloads)

    @work(thread=True, exclusive=True, group="downloads-follow", exit_on_error=False)
    def _follow(self) -> None:
        downloads = self._repo.downloads()
        self.app.call_from_thread(self._merge, downloads)

    def _merge(self, downloads: list[Download]) -> None:
        """Show what the database says of downloads this app is not running: one queued,
        moving on or ended in another process (this app's own come by message)."""
        if {d.id for d in downloads} != set(self._downloads):
            self._show_all(downloads)
            return
        for download in downloads:
            if download.id in self._progress or download == self._downloads[download.id]:
                continue
            self._downloads[download.id] = download
            self._update_row(download.id)

    # -- what the App hands down --------------------------------------------------------------

    def show_progress(self, progress: Progress) -> None:
        """A running download moved on."""
        download = self._downloads.get(progress.download_id)
        if download is None:
            self.reload()  # queued since the list was read
            return
        self._progress[progress.download_id] = progress
        if download.state != "running" or (progress.name and not download.name):
            name = progress.name or download.name
            self._downloads[download.id] = dataclasses.replace(download, state="running", name=name)
        self._update_row(progress.download_id)

    def show_download(self, download: Download) -> None:
        """A download was queued or changed state."""
        if download.id not in self._downloads:
            self.reload()
            return
        self._downloads[download.id] = download
        if download.state != "running":
            self._progress.pop(download.id, None)
        self._update_row(download.id)

    def forget(self, download_id: int) -> None:
        """A download left the list."""
        self._downloads.pop(download_id, None)
        self._progress.pop(download_id, None)
        table = self.query_one(DownloadsTable)
        try:
            table.remove_row(str(download_id))
        except RowDoesNotExist:
            return
        self._show_empty()
        self._show_detail()

    # -- rows -------------------------------------------------------------------------------

    def _room(self, columns: tuple[tuple[str, str, int], ...]) -> int:
        """The cells the name column has beside ``columns``."""
        table = self.query_one(DownloadsTable)
        used = sum(width for _, _, width in columns) + 2 * table.cell_padding * (len(columns) + 1)
        return self.size.width - 2 - 1 - used  # 2: the border; 1: the scroll bar

    def _columns(self) -> tuple[tuple[str, str, int], ...]:
        """The columns before the name that the screen's width has room for."""
        columns = _COLUMNS
        for keys in _GIVE_WAY:
            if self._room(columns) >= NAME_MIN:
                break
            columns = tuple(c for c in columns if c[0] not in keys)
        return columns

    def _name_width(self) -> int:
        return max(12, self._room(self._columns()))

    def _cells(self, download: Download) -> list[Text]:
        progress = self._progress.get(download.id)
        received = progress.received if progress else download.received
        total = progress.total if progress else download.total
        missing = file_missing(download)
        if missing or download.state == "cancelled":
            fraction: float | None = None  # its bytes are gone
        elif download.state == "done":
            fraction = 1.0
        else:
            fraction = received / total if total else None
        state = (
            Text("missing", style="yellow")
            if missing
            else Text(download.state, style=_STATE_STYLE.get(download.state, ""))
        )
        size = _size(received, total)
        running = progress is not None and download.state == "running"
        speed = format_speed(progress.speed) if running and progress else ""
        left = format_remaining(progress.remaining) if running and progress else ""
        name = clip(visible(download.label), self._name_width(), words=False)
        cells = {
            "state": state,
            "progress": progress_bar(fraction),
            "size": Text(size),
            "speed": Text(speed),
            "left": Text(left.removesuffix(" left")),
        }
        return [*(cells[key] for key, _, _ in self._columns()), Text(name)]

    def _show_all(self, downloads: list[Download]) -> None:
        table = self.query_one(DownloadsTable)
        current = self._current()
        self._downloads = {d.id: d for d in downloads}
        table.clear(columns=True)
        for key, label, width in self._columns():
            table.add_column(Text(label), width=width, key=key)
        table.add_column(Text("File"), width=self._name_width(), key="name")
        for download in downloads:
            table.add_row(*self._cells(download), key=str(download.id))
        if current is not None and current.id in self._downloads:
            table.move_cursor(row=table.get_row_index(str(current.id)), animate=False)
        self._show_empty()
        self._show_detail()

    def _update_row(self, download_id: int) -> None:
        table = self.query_one(DownloadsTable)
        download = self._downloads[download_id]
        keys = [key for key, _, _ in self._columns()] + ["name"]
        try:
            for key, cell in zip(keys, self._cells(download), strict=True):
                table.update_cell(str(download_id), key, cell)
        except (CellDoesNotExist, RowDoesNotExist):
            self.reload()
            return
        current = self._current()
        if current is not None and current.id == download_id:
            self._show_detail()

    def _show_empty(self) -> None:
        self.query_one("#downloads-empty").display = not self._downloads

    def _current(self) -> Download | None:
        table = self.query_one(DownloadsTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return self._downloads.get(int(key)) if key is not None else None

    def _show_detail(self) -> None:
        """The highlighted download: its article and what happened; its file or address, on
        one line (a long URL pushed the error off); its error."""
        detail = self.query_one("#downloads-detail", Static)
        download = self._current()
        if download is None:
            detail.update("")
            return
        facts = self._facts(download)
        room = 2 * max(1, self.size.width - 2) - facts.cell_len - 1  # two lines at most
        title = clip(visible(download.title or download.label), max(12, room))
        head = Text()
        head.append(title, style="bold")
        head.append_text(facts)
        place = Text(no_wrap=True, overflow="ellipsis")
        if download.path:
            if file_missing(download):
                place.append("file missing (D downloads it again): ", style="yellow")
            place.append(visible(download.path))
        else:
            place.append(visible(download.url), style="underline")
        lines: list[Text] = [head, place]
        if download.error:
            lines.append(Text(visible(download.error), style="red"))
        detail.update(Group(*lines))

    def _facts(self, download: Download) -> Text:
        """What the first detail line says after the title: what the columns left out (size,
        speed, time left) or when it was queued or ended."""
        text = Text()
        when = download.finished_at or download.queued_at
        progress = self._progress.get(download.id)
        shown = {key for key, _, _ in self._columns()}
        if "size" not in shown:
            received = progress.received if progress else download.received
            size = _size(received, progress.total if progress else download.total)
            text.append(f"  {size}" if size else "")
        if download.state == "running" and progress is not None and "speed" not in shown:
            left = format_remaining(progress.remaining)
            text.append(f"  {format_speed(progress.speed)}{f' · {left}' if left else ''}")
        elif when is not None:
            happened = _HAPPENED.get(download.state, download.state)
            text.append(f"  {happened} {format_date(when)}", style="dim")
        return text

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_play()

    def on_resize(self, event: events.Resize) -> None:
        if self._downloads:
            self._show_all(list(self._downloads.values()))

    # -- actions ----------------------------------------------------------------------------

    def _selected_download(self) -> Download | None:
        """The highlighted download; None (and says so) on an empty list."""
        download = self._current()
        if download is None:
            self.app.notify("No download selected", severity="warning")
        return download

    def action_play(self) -> None:
        download = self._selected_download()
        if download is not None:
            self.post_message(PlayRequested(download.url))

    def action_cancel(self) -> None:
        download = self._selected_download()
        if download is not None and download.finished:
            self.app.notify("Only a queued or running download can be cancelled")
        elif download is not None:
            self.post_message(DownloadAction(download.id, "cancel"))

    def action_retry(self) -> None:
        download = self._selected_download()
        if download is not None and download.state not in ("failed", "cancelled"):
            self.app.notify("Only a failed or cancelled download can be retried")
        elif download is not None:
            self.post_message(DownloadAction(download.id, "retry"))

    def action_forget(self) -> None:
        download = self._selected_download()
        if download is not None and not download.finished:
            self.app.notify("Cancel it first: only a finished download leaves the list")
        elif download is not None:
            self.post_message(DownloadAction(download.id, "forget"))

    def action_close(self) -> None:
        self.dismiss(None)
