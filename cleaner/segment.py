"""Stage 2: split normalised text into blocks, one per non-empty line.

Scrapers print one paragraph per line (innerText, inscriptis, BeautifulSoup's get_text), so a
line is the unit a user reads and the unit a decision is reported for. Blank lines carry no
content; they keep their line numbers so that `Article.lines` maps back onto the input.

Hard-wrapped text (plain-text documents, <pre> blocks, e-mail) breaks each paragraph into
lines of similar length; a run of such lines is one block (its `span` covers them all), so it
is judged as the paragraph it is. So is a paragraph a scraper broke at its inline elements
(BeautifulSoup's get_text("\n") puts each link and emphasis on a line of its own): the pieces
that go on one sentence ("said on" / "Monday" / ", adding that ...") are one block.

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
_QUOTES = "\"\u201c\u2018\u00ab\u201e"  # a line that opens with a quote goes on a sentence in quotes



def segment(text: str, joinable: set[int] | None = None) -> list[Block]:
    """Blocks of `text`. `joinable` (HTML input): the lines that may join the next one in a
    hard-wrapped paragraph, those a <br> ended; other lines are separate elements."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line]
    flat_page = 0 < len(filled) <= FLAT_PAGE_LINES and len(text) >= FLAT_PAGE_CHARS
    lens = list(map(len, lines))
    wrapped = _wrapped_runs(lines, joinable) if _may_wrap(lens) else {}
    if joinable is None:
        _fragment_runs(lines, wrapped)
    runs = {i: (n, lines[i : i + n]) for i, n in wrapped.items() if n}  # first line: (span, its lines)
    if joinable is None and not runs and _double_spaced(text, len(filled)):
        runs = _spaced_runs(lines, filled)
    blocks: list[Block] = []
    long_line = max(lens, default=0) >= FLAT_LINE
    covered = -1  # the last line of the latest run: the lines up to it are its block's
    for i in filled:
        if runs and i in runs:
            n, run = runs[i]  # the first line of a run carries the whole paragraph
            joined = _join(run)
            blocks.append(Block(index=i, text=joined, raw=joined, span=n))
            covered = i + n - 1
            continue
        if i <= covered and runs:
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


# A page whose every line is followed by one blank line (a scraper that double-spaces): its blank
# lines part nothing, and a hard-wrapped paragraph's lines are looked for across them.
_SPACED_SHARE, _SPACED_MIN = 0.9, 10


def _double_spaced(text: str, n_filled: int) -> bool:
    """Nearly every gap between two lines is one blank line. (Counted in the text, in C: most
    pages fail the first count.)"""
    if n_filled < _SPACED_MIN:
        return False
    need = _SPACED_SHARE * (n_filled - 1)
    doubled = text.count("\n\n")
    return doubled >= need and doubled - text.count("\n\n\n") >= need  # (a longer gap counts in both)


def _spaced_runs(lines: list[str], filled: list[int]) -> dict[int, tuple[int, list[str]]]:
    """Hard-wrapped runs among the non-empty lines of a double-spaced page, as segment's
    `runs`: first line -> (lines spanned, blank ones included; the run's lines)."""
    seq = [lines[i] for i in filled]
    found = _wrapped_runs(seq) if _may_wrap(list(map(len, seq))) else {}
    return {filled[k]: (filled[k + n - 1] - filled[k] + 1, seq[k : k + n]) for k, n in found.items() if n}


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
            # A wrapped sentence goes on in lower case somewhere before its last line (or in a
            # script without case); lines that all open with a capital or a digit are
            # headlines, dates, list items. (The last line may be a label: "see also".)
            goes_on = any(ln[0].isalpha() and not ln[0].isupper() or ln[0] in _QUOTES and ln[-1] not in _ENDS_SENTENCE
                          for ln in run[1:-1])
            if breaks_mid_sentence >= (length - 1) * 0.6 and not bullets and rows < length / 2 and goes_on:
                out[i] = length
                for k in range(i + 1, j + 1):
                    out[k] = 0
        i = j + 1
    return out


# A paragraph a scraper broke at its inline elements ("get_text" with a newline between text
# nodes): the line after a link or an emphasis goes on mid-sentence, in lower case or with the
# sentence's punctuation ("... said on" / "Monday" / ", adding that ...").
_GOES_ON = frozenset(",.;:)]\u201d\u2019%!?")
_OPEN_END = tuple(".!?\u3002\uff01\uff1f:;")  # a line ending so ends a sentence or a label
# Code goes on in lower case too: a line with code's marks (a call "f(x)", braces, an
# operator, a statement's ";") is never joined.
_CODE = re.compile(r"[{}=<>$|;]|\w\(|//|^\s*#")
_BULLETS = ("* ", "+ ", "- ", "\u2022 ", "o ")
_TRAILS_OFF = ("...", "\u2026")  # "more...": a link's label, no sentence's end
_LINK_MAX_WORDS = 4  # a capitalised fragment between two pieces of a sentence: a link's text


def _goes_on(line: str) -> bool:
    c = line[0]
    if c in _GOES_ON:
        return len(line) == 1 or line[1] in " \u201d\u2019)" or c in ")]\u201d\u2019"
    # (Not "o " (a sub-item's bullet), a URL, or "by ..." (a byline, not a sentence going on).)
    return (c.islower() and not line.startswith(("o ", "http", "www.", "by ")) and _CODE.search(line) is None)


def _open(line: str) -> bool:
    """A line a sentence may go on from: no sentence end, no code, no list item (an item and
    the label under it, "* 14:32 A headline" / "artnet", are not one sentence)."""
    return (not line.rstrip().endswith(_OPEN_END) and _CODE.search(line) is None and not line.startswith(_BULLETS)
            and line[:3].lower() != "by ")  # (nor a byline: "by Regan September 15, 2014" / "written by Regan")


def _short(line: str) -> bool:
    return line.count(" ") < _LINK_MAX_WORDS


def _fragment_runs(lines: list[str], runs: dict[int, int]) -> None:
    """Text input: add to `runs` (as _wrapped_runs gives them) the lines of a paragraph that a
    scraper broke at its inline elements. A line joins the one before when it goes on that
    one's sentence (see _goes_on); a short line between two such pieces (a link's text, "said
    on" / "Monday" / ", adding ...") joins both."""
    joined: set[int] = set()  # k: line k joins line k - 1
    # (A cheap first test on every line, in one comprehension: few lines start so.)
    starts = [k for k, line in enumerate(lines) if line and k and (line[0].islower() or line[0] in _GOES_ON)]
    for k in starts:
        line = lines[k]
        if not _goes_on(line) or k in runs or k - 1 in runs:
            continue
        prev = lines[k - 1]
        # One of the two is short, the piece an inline element held ("said on" / "Monday"), or
        # the sentence plainly goes on (after a comma, with its punctuation); two long lines are
        # otherwise two paragraphs (a caption, then a paragraph an alt text opens).
        if prev and _open(prev) and (_short(prev) or _short(line) or prev[-1] == "," or line[0] in _GOES_ON):
            joined.add(k)
            if k >= 2 and lines[k - 2] and k - 2 not in runs and _short(prev) and _open(lines[k - 2]):
                joined.add(k - 1)
    for k in sorted(joined):
        if k - 1 in runs:
            continue  # inside a run already counted
        j = k
        while j + 1 in joined:
            j += 1
        if all(_short(ln) and (not ln.endswith(_OPEN_END) or ln.endswith(_TRAILS_OFF)) for ln in lines[k - 1 : j + 1]):
            continue  # short pieces and no sentence: a label and its value ("Jan Novák" / "2 hours ago")
        runs[k - 1] = j - k + 2
        for m in range(k, j + 1):
            runs[m] = 0


def _join(lines: list[str]) -> str:
    """A run's lines as one paragraph: a space between, none before punctuation that goes on."""
    out = lines[0]
    for line in lines[1:]:
        out += line if line[0] in _GOES_ON else " " + line
    return out
