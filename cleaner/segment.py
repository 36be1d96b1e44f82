"""Stage 2: split normalised text into blocks, one per non-empty line.

Scrapers print one paragraph per line (innerText, inscriptis, BeautifulSoup's get_text), so a
line is the unit a user reads and the unit a decision is reported for. Blank lines carry no
content; they keep their line numbers so that `Article.lines` maps back onto the input.

Hard-wrapped text (plain-text documents, <pre> blocks, e-mail) breaks each paragraph into
lines of similar length; a run of such lines is one block (its `span` covers them all), so it
is judged as the paragraph it is.

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
# A sentence's end: its closing quotes and brackets stay with it (group 1), the space goes.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])([\"”’»)]*)\s+(?=[A-Z\u00c0-\u024f\u0400-\u04ff\d\"“«(])")


# A table cell border in scraped text: two or more spaces between two non-spaces (inscriptis,
# html-text and their kin lay tables out in columns); not after a sentence's end, where typed
# text puts two spaces between sentences.
_CELL_GAP = re.compile(r"[^\s.!?;:] {2,}(?=\S)")


def is_row(line: str) -> bool:
    """A line of 3 cells or more, laid out in columns of spaces."""
    return "  " in line and len(_CELL_GAP.findall(line)) >= 2


# Hard wrap: lines of WRAP_MIN..WRAP_MAX characters, at least WRAP_RUN of them in a row, most
# of them broken mid-sentence.
WRAP_MIN, WRAP_MAX, WRAP_RUN = 50, 100, 3
_ENDS_SENTENCE = tuple(".!?:;。！？\"”’)")



def segment(text: str, joinable: set[int] | None = None) -> list[Block]:
    """Blocks of `text`. `joinable` (HTML input): the lines that may join the next one in a
    hard-wrapped paragraph, those a <br> ended; other lines are separate elements."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line]
    flat_page = 0 < len(filled) <= FLAT_PAGE_LINES and len(text) >= FLAT_PAGE_CHARS
    lens = list(map(len, lines))
    wrapped = _wrapped_runs(lines, joinable) if _may_wrap(lens) else {}
    blocks: list[Block] = []
    long_line = max(lens, default=0) >= FLAT_LINE
    for i in filled:
        if wrapped and i in wrapped:
            n = wrapped[i]
            if n:  # the first line of a run carries the whole paragraph
                joined = " ".join(lines[i : i + n])
                blocks.append(Block(index=i, text=joined, raw=joined, span=n))
            continue
        line = lines[i]
        cut_at = FLAT_PAGE_CHARS // 2 if flat_page else FLAT_LINE
        if (flat_page or long_line) and len(line) >= cut_at:
            parts = [p for p in _split_sentences(line) if p]
            if len(parts) > 1:
                blocks.extend(Block(index=i, text=p, raw=p, part=k) for k, p in enumerate(parts))
                continue
        blocks.append(Block(index=i, text=line, raw=line))
    return blocks


def _split_sentences(line: str) -> list[str]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        out.append(line[start : m.end(1)].strip())
        start = m.end()
    out.append(line[start:].strip())
    return out


def _may_wrap(lens: list[int]) -> bool:
    """Two wrap-length lines in a row, then a non-empty one: the cheap test before the scan."""
    ok = [WRAP_MIN <= n <= WRAP_MAX for n in lens]
    return any(a and b and c for a, b, c in zip(ok, ok[1:], lens[2:]))


def _wrapped_runs(lines: list[str], joinable: set[int] | None = None) -> dict[int, int]:
    """{first line: run length, other lines of the run: 0} for runs of hard-wrapped lines."""
    out: dict[int, int] = {}
    i, n = 0, len(lines)
    while i < n:
        j = i
        # A run: consecutive non-empty lines, all but the last of wrap length.
        while (j + 1 < n and lines[j] and lines[j + 1] and WRAP_MIN <= len(lines[j]) <= WRAP_MAX
               and (joinable is None or j in joinable)):
            j += 1
        length = j - i + 1
        if length >= WRAP_RUN:
            run = lines[i : j + 1]
            breaks_mid_sentence = sum(1 for ln in run[:-1] if not ln.endswith(_ENDS_SENTENCE))
            bullets = sum(1 for ln in run if ln[:2] in ("* ", "+ ", "- ", "• "))
            # Rows of a table laid out in columns of spaces are as long and as unended.
            rows = sum(1 for ln in run if is_row(ln))
            if breaks_mid_sentence >= (length - 1) * 0.6 and not bullets and rows < length / 2:
                out[i] = length
                for k in range(i + 1, j + 1):
                    out[k] = 0
        i = j + 1
    return out
