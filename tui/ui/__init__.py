"""The Textual app, the only layer that imports Textual (``lint-imports`` checks it).

Inside, the App above the command palette above screens above widgets, none importing
upwards. Start at :mod:`.app` (``NewsReaderApp``, in layers: ``base``, ``alerts``,
``refreshing``, ``downloads``, ``tracking``), then the main screen (:mod:`.screens.main`: the
panes' layout, what they show, what the keys do) and its panes in :mod:`.widgets`. Every key is
declared once in :mod:`.keys`; screens ask the App for things by the messages in
:mod:`.messages`; feed text becomes display-safe ``Text`` in :mod:`.display` and never markup.
"""
