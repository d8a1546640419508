"""The work that combines the domain (:mod:`tui.core`) and the store (:mod:`tui.store`) with the
network and other processes, shared by the command line and the app.

A map for a first read:

- Refresh: :mod:`.pipeline` (``run_refresh``, one for both front ends) runs :mod:`.refresh`,
  which fetches with :mod:`.fetcher` and parses (:mod:`.parsing`, in worker processes for a
  large refresh, which ignore Ctrl+C from their start: :mod:`.parse_worker_signals`); after
  it (``after_refresh``), :mod:`.stories` groups the new articles and :mod:`.watching`
  raises the watch list's alerts. The app runs all of it in a child process
  (:mod:`.background`) so key presses never wait.
- Opening the store, and recovering a damaged one: :mod:`.storage`. Subscriptions and OPML:
  :mod:`.subscriptions`, :mod:`.watch_file` (their copies beside the database written whole by
  :mod:`.whole_file`).
- Reading: :mod:`.reader_view` (what the first screen and the lists show),
  :mod:`.fulltext` (an article's web page: when to fetch it, fetching it, keeping it),
  :mod:`.extraction` (entities and tariff rows, cached by :mod:`.versions`),
  :mod:`.entity_backend`, :mod:`.entity_search`, :mod:`.story_panes`, :mod:`.tracker` (every
  real tariff report).
- Enclosures: :mod:`.downloads`, :mod:`.player`. Alerts outside the app: :mod:`.notify`.
  Copying a link inside tmux: :mod:`.clipboard`.
- Sync with an aggregator server: :mod:`.sync`. One deadline for network work: :mod:`.deadline`.
"""
