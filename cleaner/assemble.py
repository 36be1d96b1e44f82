"""Stage 6: the one place that removes. Turns block labels into the Article, and refuses to
lose the article: if the decisions leave nothing, or a sliver of a long text, it falls back to
every line that reads as prose and says so."""

from __future__ import annotations

from cleaner.article import BODY, DROPPED, Article, Block, LineDecision

# Below this share of the page's prose, a body is suspect (and the page long enough to tell).
SLIVER = 0.15
MIN_PROSE_FOR_SLIVER = 1500


def assemble(blocks: list[Block], n_lines: int, fields: dict, language: str | None) -> Article:
    notes: list[str] = list(fields.pop("notes", []))
    body_blocks = [b for b in blocks if b.label == BODY]
    # What follows an end-of-article marker (comments, the site's footer) is not the article
    # even when it reads as prose: it does not count as text the decisions could have lost.
    prose = [
        b for b in blocks
        if b.cls in ("good", "neargood") and b.action is None and b.reason != "heuristic.after-end-marker"
    ]
    prose_chars = sum(len(b.text) for b in prose)
    body_chars = sum(len(b.text) for b in body_blocks)
    if prose and (not body_blocks or (prose_chars >= MIN_PROSE_FOR_SLIVER and body_chars < SLIVER * prose_chars)):
        for b in prose:
            if b.label == DROPPED:
                b.label, b.reason = BODY, "fallback.keep-prose"
        body_blocks = [b for b in blocks if b.label == BODY]
        notes.append(
            f"fallback: the decisions kept {body_chars} of {prose_chars} characters of prose; "
            "every prose line was kept instead"
        )
    if not body_blocks and blocks:
        notes.append("no article body found: the page is all chrome, or too short to tell")

    by_index = {b.index: b for b in blocks}
    lines: list[LineDecision] = []
    for i in range(n_lines):
        b = by_index.get(i)
        if b is None:
            lines.append(LineDecision(i + 1, "", DROPPED, "blank"))
        else:
            lines.append(LineDecision(i + 1, b.raw, b.label, b.reason))
    paragraphs = [b.text for b in body_blocks]
    return Article(
        title=fields.get("title"),
        body="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        author=fields.get("author"),
        date=fields.get("date"),
        site=fields.get("site"),
        source=fields.get("source"),
        dateline=fields.get("dateline"),
        editor=fields.get("editor"),
        description=fields.get("description"),
        captions=fields.get("captions", []),
        language=language,
        notes=notes,
        lines=lines,
    )
