"""Stage 6: the one place that removes. Turns block labels into the Article, and refuses to
lose the article: if the decisions leave nothing, or a sliver of a long text, it falls back to
every line that reads as prose and says so."""

from __future__ import annotations

from array import array

from cleaner.article import BODY, DROPPED, Article, Block, Lines

# Below this share of the page's prose, a body is suspect (and the page long enough to tell).
SLIVER = 0.15
MIN_PROSE_FOR_SLIVER = 1500


def assemble(
    blocks: list[Block], n_lines: int, fields: dict, language: str | None, raw_text: str | None = None
) -> Article:
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
    if not body_blocks and not prose and _tiny_plain_page(blocks):
        for b in blocks:
            if b.action is None and b.label == DROPPED:
                b.label, b.reason = BODY, "fallback.tiny-page"
        body_blocks = [b for b in blocks if b.label == BODY]
        notes.append("no prose on the page: its few lines, none of them marked as chrome, were kept")
    if not body_blocks and blocks:
        notes.append("no article body found: the page is all chrome, or too short to tell")
    else:
        total = sum(len(b.text) for b in blocks)
        kept = sum(len(b.text) for b in body_blocks)
        if total >= LONG_TEXT and kept < total / 2:
            # Never silent about what went: most of a long page dropped is said, with the count.
            notes.append(f"dropped more than kept: {kept:,} of {total:,} characters are the body; "
                         "the lines say why each of the others went")

    # Blocks come in line order (a flattened line's sentences one after another): each line's
    # blocks are found by walking them along, not through a dict of lists (a page has up to
    # millions of lines, and that index would cost more than the decisions it serves).
    if any(blocks[k].index > blocks[k + 1].index for k in range(len(blocks) - 1)):
        blocks = sorted(blocks, key=lambda b: (b.index, b.part))
    covered: dict[int, Block] = {}  # lines 2.. of a hard-wrapped paragraph: its block decides
    for b in blocks:
        for k in range(b.index + 1, b.index + b.span):
            covered[k] = b
    raw_lines = raw_text.split("\n") if raw_text is not None and covered else None
    # Each line: its text and the code of its (decision, reason) in `table` (see Lines).
    texts: list[str] = []
    codes = array("I")
    table: list[tuple[str, str]] = []
    code_of: dict[tuple[str, str], int] = {}
    j, nb = 0, len(blocks)
    for i in range(n_lines):
        parts: list[Block] | None = None
        if j < nb and blocks[j].index == i:
            k = j + 1
            while k < nb and blocks[k].index == i:
                k += 1
            parts, j = blocks[j:k], k
        if parts is None and i in covered:
            b = covered[i]
            text, decision = raw_lines[i] if raw_lines else "", (b.label, b.reason)
        elif parts is None:
            text, decision = "", _BLANK
        elif len(parts) == 1:
            b = parts[0]
            text = raw_lines[i] if (raw_lines is not None and b.span > 1) else b.raw
            decision = (b.label, b.reason)
        else:
            if raw_lines is None and raw_text is not None:
                raw_lines = raw_text.split("\n")  # (a single-line text: the list of that one string)
            text, decision = _split_line(parts, raw_lines[i] if raw_lines is not None else None)
        code = code_of.get(decision)
        if code is None:
            code = code_of[decision] = len(table)
            table.append(decision)
        texts.append(text)
        codes.append(code)
    paragraphs = _paragraphs(body_blocks)
    return Article(
        title=fields.get("title"),
        body="",  # joined by the pipeline once the blocks are let go (peak memory)
        paragraphs=paragraphs,
        author=fields.get("author"),
        date=fields.get("date"),
        modified=fields.get("modified"),
        site=fields.get("site"),
        source=fields.get("source"),
        dateline=fields.get("dateline"),
        editor=fields.get("editor"),
        description=fields.get("description"),
        captions=fields.get("captions", []),
        language=language,
        url=fields.get("url"),
        sources={**{f: "text" for f in _TEXT_FIELDS if fields.get(f)}, **fields.get("sources", {})},
        kinds=_kinds(body_blocks, len(paragraphs)),
        notes=notes,
        lines=Lines(texts, codes, table),
    )


def _kinds(body_blocks: list[Block], n: int) -> list[str]:
    """Each paragraph's kind: its block element on HTML input, "p" for text."""
    if not body_blocks or body_blocks[0].dom is None or len(body_blocks) != n:
        return ["p"] * n
    return ["blockquote" if b.dom.quote and b.dom.tag in ("p", "div", "blockquote") else b.dom.tag if b.dom.tag in _KINDS else "p"
            for b in body_blocks]


_TEXT_FIELDS = ("title", "author", "date", "modified", "site", "source", "dateline", "editor", "description")
_KINDS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt"})


# A text this long (characters) that loses more than half of itself gets a note saying so.
LONG_TEXT = 2000
# A page of at most this many lines with no prose and no chrome evidence is kept whole.
TINY_PAGE = 8


def _tiny_plain_page(blocks: list[Block]) -> bool:
    """A page of a few short lines with no sign of chrome: what it says is all there is (a
    note, a stub, a test page). No rule fires on any line; on HTML, the markup is plain (no
    navigation, no chrome container, no links); on text, no line reads as a menu or a label
    (class "bad": a run of items, a word or two without a sentence), unless it is the only
    line (a single word is not a menu)."""
    if not blocks or len(blocks) > TINY_PAGE:
        return False
    if len(blocks) == 1 and blocks[0].dom is None:
        return blocks[0].action is None  # one line, no rule says it is chrome: it is the text
    return all(
        b.action is None and (
            b.cls != "bad" if b.dom is None else b.dom.chrome is None and b.dom.link_density < 0.5
        )
        for b in blocks
    )


def _paragraphs(body_blocks: list[Block]) -> list[str]:
    """Body paragraphs: a line's kept sentences (of a flattened line) joined back together."""
    out: list[list[str]] = []  # the sentences of each paragraph, joined once (a 50 MB line is
    last = None                 # hundreds of thousands of them: += would copy it each time)
    for b in body_blocks:
        if b.part >= 0 and last is not None and last.index == b.index and last.part == b.part - 1:
            out[-1].append(b.text)
        else:
            out.append([b.text])
        last = b
    return [" ".join(p) for p in out]


def _split_line(parts: list[Block], line: str | None) -> tuple[str, tuple[str, str]]:
    """The text and the one decision of a flattened line cut into sentences: what happened to
    its parts. The text is the line as it came (`line`), else its sentences joined."""
    kept = [b for b in parts if b.label == BODY]
    text = line if line is not None else " ".join(b.raw for b in parts)
    if not kept:
        return text, (parts[0].label, parts[0].reason)
    if len(kept) == len(parts):
        return text, (BODY, kept[0].reason)
    cut = sorted({b.reason for b in parts if b.label != BODY})
    return text, (BODY, f"segment.partly-kept:{len(kept)}/{len(parts)} sentences; cut by {', '.join(cut)}")


_BLANK = (DROPPED, "blank")
