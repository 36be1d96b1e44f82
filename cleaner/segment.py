"""Stage 2: split normalised text into blocks, one per non-empty line.

Scrapers print one paragraph per line (innerText, inscriptis, BeautifulSoup's get_text), so a
line is the unit a user reads and the unit a decision is reported for. Blank lines carry no
content; they keep their line numbers so that `Article.lines` maps back onto the input.

Some scrapers glue a whole page into one or a few lines. Such a line is cut into sentences
(each a block with the same line number and a part number), so that rules and heuristics can
drop the chrome glued inside it; `assemble` joins the kept parts of a line back together.
"""

from __future__ import annotations

import re

from cleaner.article import Block

# A page is "flattened" when a line this long carries it, or it has this few lines.
FLAT_LINE = 5000
FLAT_PAGE_LINES = 3
FLAT_PAGE_CHARS = 2000
# A sentence ends at . ! ? (and closing quotes) before a capital, digit or opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"”’»)]*\s+(?=[A-Z\u00c0-\u024f\u0400-\u04ff\d\"“«(])")


def segment(text: str) -> list[Block]:
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line]
    flat_page = 0 < len(filled) <= FLAT_PAGE_LINES and len(text) >= FLAT_PAGE_CHARS
    blocks: list[Block] = []
    for i in filled:
        line = lines[i]
        if (flat_page and len(line) >= FLAT_PAGE_CHARS // 2) or len(line) >= FLAT_LINE:
            parts = [p for p in _split_sentences(line) if p]
            if len(parts) > 1:
                blocks.extend(Block(index=i, text=p, raw=p, part=k) for k, p in enumerate(parts))
                continue
        blocks.append(Block(index=i, text=line, raw=line))
    return blocks


def _split_sentences(line: str) -> list[str]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        out.append(line[start : m.start()].strip())
        start = m.end()
    out.append(line[start:].strip())
    return out
