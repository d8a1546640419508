"""The pure domain: no Textual, no SQLite, no network (DESIGN.md's layering, checked by
``lint-imports``). A map for a first read, each group in the order its data flows:

- Feeds in: :mod:`.decoding` (bytes to text) → :mod:`.parse` (feedparser, or feedparser-rs by
  :mod:`.parse_fast` when it reads the document right) with :mod:`.dates`, :mod:`.enclosures`
  and :mod:`.limits`; :mod:`.opml`, :mod:`.urls`, :mod:`.page` (the main text of a web page
  or a plain text), :mod:`.filenames` (downloads).
- Untrusted text: :mod:`.text` (sanitising, HTML to Markdown, boilerplate, the text the
  extractors read), :mod:`.sentences`; output helpers :mod:`.csv_out`, :mod:`.notify`,
  :mod:`.wording`.
- Entities: :mod:`.entities` (the rules backend and the optional spaCy one), reading the facts
  in :mod:`.countries`, :mod:`.places`, :mod:`.people` and :mod:`.orgs`; :mod:`.entity_mentions`.
- Tariffs: start at :mod:`.tariffs` (``extract_tariffs``), then :mod:`.tariff_engine`, whose
  docstring walks through the reading and names the ``tariff_*`` module of each step; the words
  are in :mod:`.tariff_lexicon`, where a sentence names a country in :mod:`.tariff_targets`,
  effective dates in :mod:`.tariff_dates`, and a government's own future-tense decision in
  :mod:`.tariff_abroad`. Across reports: :mod:`.tariff_latest`, :mod:`.tariff_changes`,
  :mod:`.tariff_timeline`.
- Stories across feeds: :mod:`.story_features` → :mod:`.story_grouping` → :mod:`.story_union`.
- The watch list and its alerts: :mod:`.watching`.
- :mod:`.models`: the frozen dataclasses every layer passes around.
"""
