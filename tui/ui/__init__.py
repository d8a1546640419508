"""The Textual app, the only layer that imports Textual (``lint-imports`` checks it).

Inside, the App above the command palette above screens above widgets, none importing
upwards. Start at :mod:`.app` (``NewsReaderApp``, in layers: ``base``, ``alerts``,
``refreshing``, ``downloads``, ``tracking``), then the main screen (:mod:`.screens.main`: the
panes' layout, what they show, what the keys do) and its panes in :mod:`.widgets`; the other
screens are in :mod:`.screens`. The keys of the main screen and its panes are declared once
in :mod:`.keys` (a dialog declares its own); screens ask the App for things by the messages in
:mod:`.messages`; feed text becomes display-safe ``Text`` in :mod:`.display` and never markup.

Beside them: :mod:`.commands` (the command palette), :mod:`.config_check` (the theme and
keymap of config.toml), :mod:`.internal_hosts` (links to this machine or the local network),
:mod:`.worker_errors` (a failed background job as one notification), :mod:`.highlight` (the
body's highlighted mentions and evidence), :mod:`.markdown_body` (the body's Markdown, drawn
once per width), :mod:`.greyscale` (NO_COLOR: greys as light as the colours they
replace, or the terminal's own colours only), the list rows of :mod:`.rows` and
:mod:`.story_rows` fitted by :mod:`.columns`, and :mod:`.serve` (``newsreader serve``: the
app in a browser).
"""
