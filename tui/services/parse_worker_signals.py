"""Imported by the parse workers' forkserver first (its preload), and by nothing else: from
then on the server ignores Ctrl+C, and so does every worker it forks, from its first
instruction.

The forkserver gives each worker it forks the SIGINT handler the server itself started with.
That was Python's own, which raises KeyboardInterrupt: a Ctrl+C (the terminal sends it to the
whole process group) that came while a worker was still starting, before its initializer
(:func:`tui.services.parsing.start_worker`) ignored it, printed that worker's traceback under
the refresh's one line. The refresh stops on Ctrl+C and then shuts its workers down.
"""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
