"""The panes and what they are made of. Each only shows what it is given and posts what the
user did; the screens load the data.

The main screen's panes: :mod:`.feed_list` (feeds), :mod:`.article_list` or, as stories,
:mod:`.story_list` (articles), :mod:`.article_body` (the article), :mod:`.entities_pane` and
:mod:`.tariff_pane`; :mod:`.marked_list` is the list the feeds, stories and entities panes
(and two dialogs' lists) are built on. The tracker's: :mod:`.tracker_table` and
:mod:`.tariff_chart`. :mod:`.line_input` is the one-line input of the dialogs and of the
tracker's filter.
"""
