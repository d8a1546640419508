"""Sync with a self-hosted aggregator server (DESIGN section 13): its feeds, items and reading
state come in; read, unread, star and unstar go back. :mod:`.engine` runs a sync against any
:class:`.remote.SyncService`; :mod:`.fever` speaks the Fever API and :mod:`.ttrss` Tiny Tiny
RSS's own, both through :mod:`.http` (one request, with the fetcher's limits);
:mod:`.credentials` gets the password from ``password_command`` or ``password_env``."""
