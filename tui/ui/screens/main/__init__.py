"""The main screen: five panes, the status line and the footer.

It routes what the panes report (messages up) into thread workers that read or write the
repository, and hands the results back to the panes (attributes down). Every read runs in an
``exclusive`` worker of its own group, so moving fast through a list cancels stale loads. What
the user asks of the app (open a link, refresh, add or delete a feed) leaves as a message
(tui.ui.messages) that the App handles; the screen never calls the App.

The keys of one pane are bound on that pane (tui.ui.keys): most run an action here.

Built in layers, each a class over the one before, one module each: :mod:`.panes` (layout
and focus), :mod:`.reading` (what is loaded and shown), then the actions on the article
(:mod:`.article_actions`) and for finding and following (:mod:`.finding`), joined here.
Where a key's ``action_`` is: tab, 1-5, x, space and b in ``panes``; esc, v and f in
``reading``; m, s, A, n/p, o, y, l, D, P, L and [ ] in ``article_actions``; /, e, r, R, a, d,
E, t, w, W and the saved search's rename in ``finding``.
"""

from __future__ import annotations

from tui.ui.screens.main.article_actions import ArticleActions
from tui.ui.screens.main.finding import FindingActions

__all__ = ["MainScreen"]


class MainScreen(ArticleActions, FindingActions):
    """Feeds, articles, the article, its entities and its tariffs (the layers: see above)."""
