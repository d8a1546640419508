"""The screens: :mod:`.main` (the five panes, where the reader spends its time) and the ones
pushed over it.

Screens of their own: :mod:`.tracker` (the tariff tracker) and :mod:`.downloads`. Dialogs
over the main screen: :mod:`.prompt` (the base of the one-line prompts :mod:`.search`,
:mod:`.add_feed` and :mod:`.rename`), :mod:`.confirm` (yes or no), :mod:`.links` (the
article's links and enclosures), :mod:`.help` (every key), :mod:`.watch_list` (watches and
alerts) and :mod:`.feed_errors`.
"""
