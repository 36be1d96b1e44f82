"""Stage 2: split normalised text into blocks, one per non-empty line.

Scrapers print one paragraph per line (innerText, inscriptis, BeautifulSoup's get_text), so a
line is the unit a user reads and the unit a decision is reported for. Blank lines carry no
content; they keep their line numbers so that `Article.lines` maps back onto the input.
"""

from __future__ import annotations

from cleaner.article import Block


def segment(text: str) -> list[Block]:
    return [Block(index=i, text=line, raw=line) for i, line in enumerate(text.split("\n")) if line]
