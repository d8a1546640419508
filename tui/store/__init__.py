"""The SQLite store: one file under the data folder, in WAL mode, safe from many threads.

Start at :mod:`.repository` (``Repository``, the one door to the database, one part per table
group). Below it: :mod:`.db` (connections and migration), :mod:`.schema` (the migrations),
:mod:`.fts` (what a user typed as a safe full-text query), :mod:`.text` (the plain text the
search index holds), :mod:`.sync` (what sync with an aggregator server keeps) and
:mod:`.errors` (what the store raises, each a message for the user).
"""
