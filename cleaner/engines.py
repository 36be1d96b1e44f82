"""Other engines a user may choose instead of ours (`--engine trafilatura`): their output
mapped onto the same Article, so the rest of a user's code does not change."""

from __future__ import annotations

import html as _html
from typing import Any

from cleaner.article import Article


def trafilatura_article(source: str, is_html: bool, language: str | None, *, precision: bool = False,
                        recall: bool = False) -> Article:
    """trafilatura's extraction (comments excluded; `favor_precision` / `favor_recall` when asked)
    and metadata. Text input is given to it as one <p> per line, since trafilatura reads only HTML."""
    import trafilatura

    page = source if is_html else "<html><body>" + "".join(
        f"<p>{_html.escape(line.strip())}</p>" for line in source.splitlines() if line.strip()
    ) + "</body></html>"
    doc: Any = trafilatura.bare_extraction(page, include_comments=False, with_metadata=True,
                                           favor_precision=precision, favor_recall=recall)
    if doc is None:
        return Article(language=language, notes=["trafilatura found no article"])
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    sources = {f: "trafilatura" for f in ("title", "author", "date", "site", "description")}
    return Article(
        title=doc.title, body="\n\n".join(paragraphs), paragraphs=paragraphs, author=doc.author,
        date=doc.date, site=doc.sitename, description=doc.description,
        language=language or doc.language, url=doc.url, sources=sources,
        kinds=["p"] * len(paragraphs), notes=["engine: trafilatura (no per-line decisions)"],
    )
