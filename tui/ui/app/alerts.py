"""The App's part for the watch list: alerts and the copy of the watch list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work

from tui.ui.app.base import ReaderAppBase
from tui.ui.messages import WatchesChanged

if TYPE_CHECKING:
    from tui.core.watching import Alert


class AlertingApp(ReaderAppBase):
    """The watch list's alerts (a toast, the feeds pane's marks, the terminal notification and
    the notify command) and the watch list's copy on disk."""

    ALERTS_INTERVAL = 60.0
    """Seconds between looks for alerts stored by a refresh outside the app (cron)."""
    ALERT_LINES = 3
    """Lines of one alert toast; more are counted, and the watch list (W) lists them."""
    ALERT_LINE_CHARS = 160
    """Characters of one alert in a toast (a title from a feed may have 1,000)."""

    @work(thread=True, group="alerts", exit_on_error=False)
    def _check_alerts(self) -> None:
        """Show the alerts no reader has shown yet (the app's refresh stored them, or cron's)."""
        if self._repo is None:
            return
        alerts = self._repo.claim_unshown()
        if alerts:
            self.call_from_thread(self._show_alerts, alerts)

    def _show_alerts(self, alerts: list[Alert]) -> None:
        """A toast, the marks in the feeds pane, and a terminal notification and the notify
        command for those not told yet (a refresh from cron has no terminal to tell)."""
        from tui.core.limits import cap
        from tui.core.watching import alert_lines

        lines = [cap(line, self.ALERT_LINE_CHARS) for line in alert_lines(alerts)]
        text = "\n".join(lines[: self.ALERT_LINES])
        if len(lines) > self.ALERT_LINES:
            text += f"\n… and {len(lines) - self.ALERT_LINES} more: W lists them"
        self.notify(text, title="Watch list", timeout=20, markup=False)
        if self.main_screen is not None:
            self.main_screen.load_feeds()
        from tui.ui.screens.watch_list import WatchListScreen

        if isinstance(self.screen, WatchListScreen):  # open: it lists them too
            self.screen.reload()
        untold = [a for a in alerts if not a.notified]
        if not untold:
            return
        from tui.services.notify import messages_for, terminal_bytes

        messages = messages_for(untold)
        told = False
        if not self.is_web and self.settings.notify != "off" and self._driver is not None:
            # Through the driver, which writes between frames: never inside one.
            self._driver.write(terminal_bytes(self.settings, messages))
            told = True
        self._tell_command(untold, messages, told)

    @work(thread=True, group="alerts", exit_on_error=False)
    def _tell_command(self, alerts: list[Alert], messages: list[str], told: bool) -> None:
        from tui.services.notify import run_notify_command

        problem = run_notify_command(self.settings, messages)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        if told or (self.settings.notify_command and not problem):
            self.repo.mark_notified([a.id for a in alerts])

    @on(WatchesChanged)
    def _watches_changed(self) -> None:
        self._write_watches()

    @work(thread=True, group="watches-file", exit_on_error=False)
    def _write_watches(self) -> None:
        """The copy beside the subscriptions' OPML copy (tui.services.watch_file)."""
        from tui.services.watch_file import watches_file_for, write_watches_file

        path = watches_file_for(self.paths.subscriptions_backup)
        try:
            write_watches_file(self.repo, path)
        except OSError as exc:
            self.notify(
                f"Could not write {path}: {exc.strerror or exc}", severity="warning", markup=False
            )
