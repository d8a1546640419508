"""newsreader: a terminal news reader that shows who an article names and the tariffs it reports.

A map for a first read (README: Layout of the code). :mod:`.__main__` is the ``newsreader``
script: :mod:`.cli` parses the command and runs a headless one or starts the app in :mod:`.ui`.
Below them, the layers import only downward: :mod:`.services` (the work: refresh, extraction,
sync), :mod:`.store` (SQLite) and :mod:`.core` (the pure domain). Beside them, shared by all:
:mod:`.config` (``config.toml``), :mod:`.paths` (where the files live) and :mod:`.terminal`
(what the commands write, sanitised on its way out).
"""

__version__ = "0.1.0"
