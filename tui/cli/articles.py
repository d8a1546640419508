"""Articles and texts from the command line: show one, extract entities and tariff rates."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from tui.cli.common import (
    EXIT_OK,
    MAX_EXTRACT_BYTES,
    UsageError,
    fail,
    fetch_settings,
    open_store,
    read_input,
)
from tui.config import Settings
from tui.core.models import Extraction
from tui.core.text import clean_text
from tui.core.wording import rate_text
from tui.paths import Paths
from tui.terminal import writes_unicode

if TYPE_CHECKING:  # imported lazily at run time: headless commands start without them
    from tui.core.entities import EntityBackend


def show(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.core.enclosures import describe
    from tui.core.text import html_to_markdown, markdown_as_text
    from tui.services.fulltext import FullTextError, InternalAddress, internal_rule, load_full_text
    from tui.services.reader_view import wants_full_text

    repo = open_store(paths)
    try:
        article = repo.article(args.id)
        if article is None:
            raise UsageError(f"no article with id {args.id}")
        if wants_full_text(article, repo.feeds(), settings.fulltext):
            try:
                article = load_full_text(
                    repo,
                    article,
                    settings=settings,
                    cache_dir=paths.cache_dir,
                    # No one to ask here: "ask" fetches no internal address.
                    allow_internal=internal_rule(settings.internal_links, {}),
                )
            except InternalAddress as exc:
                fail(f"full text not fetched, showing the feed text: {exc} (internal_links)")
            except FullTextError as exc:
                fail(f"full text not fetched, showing the feed text: {exc}")
    finally:
        repo.close()
    out = sys.stdout
    print(clean_text(article.title), file=out)
    meta = [article.feed_title, article.author]
    if article.published:
        meta.append(article.published.strftime("%Y-%m-%d %H:%M UTC"))
    print(clean_text(" · ".join(m for m in meta if m)), file=out)
    if article.link:
        print(clean_text(article.link), file=out)
    for enclosure in article.enclosures:
        about = describe(enclosure)
        print(
            clean_text(f"enclosure: {enclosure.url}" + (f" ({about})" if about else "")), file=out
        )
    print(file=out)
    if article.full_text:
        print(clean_text(article.full_text), file=out)
    else:
        body = html_to_markdown(article.best_html, article.link)
        print(clean_text(markdown_as_text(body.markdown)), file=out)
        if body.links:
            print(file=out)
            for number, link in enumerate(body.links, 1):
                print(f"[{number}] {clean_text(link)}", file=out)
    return EXIT_OK


def extract(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.core.decoding import decode_page
    from tui.core.page import main_text
    from tui.services.extraction import extract_text

    source: str = args.source
    if source.strip().lower().startswith(("http://", "https://")):  # HTTP:// is a URL too
        from tui.services.fulltext import FullTextError, fetch_full_text

        try:
            text = fetch_full_text(source, fetch_settings(settings))
        except FullTextError as exc:
            raise UsageError(str(exc)) from exc
    else:
        raw = decode_page(read_input(source, MAX_EXTRACT_BYTES))  # as a fetched page is
        if "\x00" in raw:  # a program, an image, a PDF: its bytes read as words made names
            shown = "standard input" if source == "-" else source
            raise UsageError(f"{shown} is not a text or HTML file (it holds binary data)")
        text = main_text(raw)
    if args.text:
        print(text)
        return EXIT_OK
    backend = _entity_backend(settings)
    extraction = extract_text(text, args.date, backend)
    if args.json:
        json.dump(
            _extraction_json(extraction),
            sys.stdout,
            ensure_ascii=not writes_unicode(sys.stdout),
            indent=2,
        )
        print()
    else:
        _print_extraction(extraction, sys.stdout)
    return EXIT_OK


def _entity_backend(settings: Settings) -> EntityBackend | None:
    """The configured backend (None: the rules), as the app loads it; why not, on stderr."""
    from tui.services.entity_backend import configured_backend

    backend, problem = configured_backend(settings.entity_backend)
    if problem:
        fail(problem)
    return backend


def _extraction_json(extraction: Extraction) -> dict[str, object]:
    return {
        "entities": [
            {"name": e.name, "label": e.label, "mentions": e.count} for e in extraction.entities
        ],
        "tariffs": [t.to_dict() for t in extraction.tariffs],
    }


_LABELS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Places"}


def _print_extraction(extraction: Extraction, out: TextIO) -> None:
    for label, heading in _LABELS.items():
        names = [e for e in extraction.entities if e.label == label]
        if names:
            print(heading, file=out)
            for entity in names:
                print(f"  {clean_text(entity.name)} ({entity.count})", file=out)
    if extraction.tariffs:
        print("Tariffs", file=out)
        for t in extraction.tariffs:
            effective = f", from {t.effective.isoformat()}" if t.effective else ""
            print(
                f"  {t.country} ({t.iso}): {rate_text(t.rate_pct, t.rate_max_pct)}, "
                f"{t.status}{effective}",
                file=out,
            )
    if not extraction.entities and not extraction.tariffs:
        print("nothing found", file=out)
