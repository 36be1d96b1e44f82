"""Stage 4: heuristics for what no rule names.

In the spirit of jusText, two passes:
1. each block gets a class from its own features: `good` (reads as prose), `neargood`,
   `short`, `bad` (menu-like, or chrome by rule);
2. context decides: the article is the one contiguous region where prose outweighs chrome
   (a maximum-sum segment over block weights, after Finn et al.'s Body Text Extraction), cut
   at an end-of-article marker; inside it, short blocks stay when they read as subheadings or
   list items between body blocks, and go when they look like chrome.
Every block ends with a label and the name of the heuristic that set it.
"""

from __future__ import annotations

import re
import tomllib
from array import array
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

from cleaner.article import BODY, DROPPED, Block
from cleaner.dates import find_date
from cleaner.html import content_flow_tokens, in_flow_tokens
from cleaner.lang import NOSPACE, WORD, stopwords, words_of
from cleaner.metadata import phrase_doc
from cleaner.segment import is_row
from cleaner.rules.engine import MEMO_SIZE, SHORT_LINE  # one notion of a short, recurring line

_DATA = Path(__file__).parent / "data" / "heuristics.toml"
_TERMINAL = regex.compile(r"[.!?。！？…:;।॥]['\"”’»)\]]*$|[.!?。！？…।॥]\s*\(\w[^()]{0,40}\)$")
_COUNT = regex.compile(r"[\d.,]+[kKmM]?")  # a bare count ("1664", "1.2k")
_BULLET = regex.compile(r"^(?:[*+•·▪►‣◦-]|\d{1,2}[.)])\s")


FAVORS = ("precision", "balanced", "recall")


@lru_cache(maxsize=len(FAVORS))
def params(favor: str = "balanced") -> dict[str, dict[str, Any]]:
    """The thresholds of heuristics.toml, with the overrides of the `favor` profile."""
    doc = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    profiles = doc.pop("favor")
    for section, values in profiles.get(favor, {}).items():
        if section not in _PROFILED:
            raise ValueError(f"heuristics.toml: favor.{favor} may set {', '.join(_PROFILED)}, not {section}")
        doc[section] = {**doc[section], **values}
    return doc


# The sections a profile may change: those only classify() reads (the line classes and the
# DOM thresholds are read elsewhere too, always balanced).
_PROFILED = ("weights", "region", "segments")


class Features(NamedTuple):
    chars: int
    words: float  # word units
    stop: float | None  # stopword share, None when the language has no list
    terminal: bool
    bullet: bool
    menu: bool
    title_case: float = 0.0  # share of words starting with a capital (headlines, menus, names)
    digits: float = 0.0  # share of characters that are digits (scores, prices, dates, tables)


_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(" [|•·»/▪] ")
_new = tuple.__new__
_TERMINAL_CHARS = frozenset(".!?。！？…:;।॥")  # । ॥: the danda ends a sentence in Hindi
_CLOSERS = frozenset("'\"”’»)]")
_BULLET_CHARS = frozenset("*+•·▪►‣◦-")


_MEMO: dict[tuple[str, int], Features] = {}


_MENU_ITEM_WORDS = params()["classes"]["menu_max_item_words"]


def features(text: str, stops: frozenset[str]) -> Features:
    """Features of one line. Short lines (menus, labels) recur across a site's pages and a
    crawl, so theirs are memoised, boundedly; Features are never mutated for that reason."""
    if len(text) > SHORT_LINE:
        return _features(text, stops)
    key = (text, id(stops))  # stoplists are cached frozensets: their id names the language
    f = _MEMO.get(key)
    if f is None:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()
        f = _MEMO[key] = _features(text, stops)
    return f


def _features(text: str, stops: frozenset[str]) -> Features:
    # Plain string tests first; a regex only where they cannot decide (this runs on every line).
    if not text:
        return Features(0, 0.0, None, False, False, False)
    # Every threshold is at most 25 words: the first 400 characters decide as well as the
    # whole line, and bound the cost of long paragraphs.
    head = text[:400]
    low = head.lower()
    tokens = WORD.findall(low) if head.isascii() else words_of(low)
    nospace = 0 if head.isascii() else len(NOSPACE.findall(head))
    words = len(tokens) + nospace / 2 if nospace else float(len(tokens))
    stop = None
    if stops and tokens and not nospace:
        stop = sum(map(stops.__contains__, tokens)) / len(tokens)
    last = text[-1]
    if last in _TERMINAL_CHARS:
        terminal = True
    elif last in _CLOSERS:
        terminal = _TERMINAL.search(text) is not None
    else:
        terminal = False
    bullet = (len(text) > 1 and text[0] in _BULLET_CHARS and text[1] == " ") or (
        text[0].isdigit() and _BULLET.match(text) is not None
    )
    if bullet and terminal and text.endswith(("...", "…")):
        terminal = False  # a list item cut short: a teaser's title, not a sentence
    # Items between separators: a menu's are a few words, a paragraph's "[M1 / MP]" notes are not.
    menu = False
    if _SEPARATOR.search(head) is not None:  # most lines have none: one search first
        seps = len(_SEPARATOR.findall(head))
        menu = seps >= 2 and len(tokens) <= _MENU_ITEM_WORDS * (seps + 1)
    # Case and digits from the original words: cheap only on short lines, and only short lines
    # need them (long lines are judged by their prose evidence).
    title_case = digits = 0.0
    if len(tokens) <= 15:
        raw_words = head.split()
        if raw_words:
            title_case = sum([w[0].isupper() for w in raw_words]) / len(raw_words)
        if _DIGIT.search(head) is not None:
            digits = len(_DIGIT.findall(head)) / len(head)
    # tuple.__new__ skips the NamedTuple's keyword-handling constructor (twice as fast, and
    # this runs on every line).
    return _new(Features, (len(text), words, stop, terminal, bullet, menu, title_case, digits))


def classify_block(f: Features, c: dict[str, float] | None = None) -> str:
    """The block's class from its own features; `c`: the class thresholds (params()'s)."""
    if c is None:
        c = params()["classes"]
    if f.menu or (f.words < c["bad_max_words"] and not f.terminal):
        return "bad"
    if f.stop == 0 and f.words < c["neargood_min_words"]:
        return "bad"
    if f.bullet and not f.terminal:
        return "short"  # a list item without a sentence: related links more often than prose
    if not f.terminal and f.digits > c["max_digits_unended"]:
        return "bad"  # prices, scores, dates, counters
    if not f.terminal and f.words <= 15 and f.title_case >= c["min_title_case_unended"]:
        return "short"  # Headline Or Menu Case without a sentence end
    stop = f.stop
    if f.words >= c["good_min_words"] and (stop is None or stop >= c["min_stop_good"]) and (
        f.terminal or f.words >= c["good_long_words"]
    ):
        return "good"
    if f.words >= c["neargood_min_words"] and (stop is None or stop >= c["min_stop_neargood"]) and (
        f.terminal or f.words >= c["good_min_words"]
    ):
        return "neargood"
    return "short"


# HTML blocks that are items of a list, a table or a code block: short by nature, chrome only
# when they are links (menus, teaser lists; a table row may link its first cell).
_NEUTRAL_TAGS = frozenset({"pre", "li", "tr", "p"})
# ... of which these may also close the article (a list or table after its last paragraph)
_CLOSING_TAGS = frozenset({"pre", "li", "tr"})


def _neutral(b: Block) -> bool:
    """A list item, table row or code line that is not prose (class "field" with no rule): on
    text, a row of a table laid out in columns of spaces (see _aligned_rows)."""
    return b.cls == "field" and b.action is None and (b.dom is None or b.dom.tag in _NEUTRAL_TAGS or b.dom.table)


def _item(b: Block) -> bool:
    """A neutral line that may open or close the article: a list item, table row or code line."""
    return _neutral(b) and (b.dom is None or b.dom.tag in _CLOSING_TAGS or b.dom.table)


def _aligned_rows(blocks: list[Block]) -> set[int]:
    """Text input: lines of a table laid out in columns of spaces (standings, figures, a
    schedule), or of a list of pairs parted by the same dash ("June 26 -- PPL Center,
    Allentown, PA": tour dates, a tracklist) or by a label's colon ("England (Group A): 10th
    appearance"): at least 3 lines in a row (blank lines between them allowed). Such a row is
    not prose and not chrome either: neutral, as an HTML table row is."""
    runs: list[list[int]] = []
    kinds: list[str] = []
    for i, b in enumerate(blocks):
        t = b.text
        # (Cheap tests inline first: this runs on every line, and most are none. A line longer
        # than a pair's can only be a row of columns.)
        if b.action is not None or ("  " not in t if len(t) > _PAIR_MAX else not (
                "  " in t or " -" in t or " \u2013" in t or " \u2014" in t or ": " in t)):
            continue
        kind = _row_kind(t)
        if kind is None:
            continue
        if runs and runs[-1][-1] == i - 1 and b.index - blocks[i - 1].index <= 2 and kinds[-1] == kind:
            runs[-1].append(i)
        else:
            runs.append([i])
            kinds.append(kind)
    return {i for run in runs if len(run) >= _MIN_ROWS for i in run}


_PAIR_DASHES = (" -- ", " – ", " — ")
_PAIR_MAX = 120  # a pair's line is short: a longer one is a sentence with a dash in it
_DATED_HEAD = re.compile(r"[^\d]{0,12}\d[\d ,./:]*\w{0,4}$")  # "Aug. 8", "June 20th", "14:30", "2019"


def _row_kind(text: str) -> str | None:
    """"columns" for a row of space-aligned cells, the dash or ": " for a pair, else None."""
    if is_row(text):
        return "columns"
    if len(text) > _PAIR_MAX or text.endswith((".", "!", "?")):
        return None
    for dash in _PAIR_DASHES:  # (an `in` test first: most lines have no such dash)
        # (One dash, or a date before the first: "Aug. 8 – Tinley Park, IL @ Hollywood Casino
        # Amphitheatre – Chicago".)
        if dash in text and (text.count(dash) == 1 or _DATED_HEAD.match(text[: text.index(dash)]) is not None):
            # Not a bulleted line: "* Miley Cyrus -- Burglary Victim" is a teaser's headline.
            return dash if _BULLET.match(text) is None else None
    at = text.find(": ")
    if 0 < at <= _LABEL_MAX and text.count(": ") == 1 and _BULLET.match(text) is None:
        return ": "  # "England (Group A): 10th appearance", "Path B: Bosnia and Herzegovina, ..."
    return None


_MIN_ROWS = 3

# A table whose every cell is a line of its own (a scraper's get_text("\n")): short lines
# where numbers and words repeat with the table's width as the period.
_CELL_MAX, _CELL_RUN, _MAX_COLUMNS = 40, 12, 12
_CELL_GAP = 4  # input lines from one cell to the next: blank lines between cells and rows
_NUMBER = re.compile(r"[-+–−]?[\d][\d.,:%/]*%?")


def _cell_rows(blocks: list[Block]) -> set[int]:
    """Text input: the lines of a table laid out one cell a line ("Pos." / "Piloto" / "Pontos"
    / "1" / "Kyle Busch" / "5040" / ...): a run of short lines, no list item or sentence among
    them (a name may end in "Jr."), whose shape (a number, or words) repeats every `p` lines for
    2 <= p <= _MAX_COLUMNS, with a column of numbers and one of words, over three rows or more."""
    runs: list[list[int]] = [[]]
    last = 0
    for i, b in enumerate(blocks):
        t = b.text
        # (Cheap tests first, inline: this runs on every line, and most are long.)
        if len(t) <= _CELL_MAX and (b.action is None or b.action == "drop") and t[-1:] not in _CELL_ENDS and not (
                t[-1:] == "." and t.count(" ") > 3):
            if runs[-1] and b.index - last > _CELL_GAP:
                runs.append([])
            runs[-1].append(i)
            last = b.index
        elif runs[-1]:
            runs.append([])
    return {i for run in runs if len(run) >= _CELL_RUN for i in _periodic(blocks, run)}


_CELL_ENDS = frozenset("!?:")
_DIGITS = frozenset("0123456789+-–−")  # how a number cell may begin


def _periodic(blocks: list[Block], run: list[int]) -> list[int]:
    # A table of figures: a third of its cells or more are numbers (a menu's run of short
    # lines has few; counted cheaply first, by their first character).
    if sum(blocks[i].text[:1] in _DIGITS for i in run) * 3 < len(run):
        return []
    if any(_BULLET.match(blocks[i].text) for i in run):
        return []  # a list's items, not a table's cells
    shape = ["n" if _NUMBER.fullmatch(blocks[i].text) else "w" for i in run]
    if shape.count("n") * 3 < len(shape):
        return []
    for p in range(2, _MAX_COLUMNS + 1):
        for skip in (0, p):  # (a header row of words first)
            body = shape[skip:]
            if len(body) < 3 * p:
                continue
            cols = body[:p]
            if "n" not in cols or "w" not in cols:
                continue
            same = sum(body[k] == body[k + p] for k in range(len(body) - p))
            if same >= 0.95 * (len(body) - p):
                return run
    return []


@lru_cache(maxsize=1)
def _code_start() -> regex.Pattern[str]:
    words = sorted(phrase_doc()["code_line_starts"], key=len, reverse=True)
    # A keyword is followed by a space, a bracket or the line's end ("class Foo", "else:").
    return regex.compile(r"\s*(?:" + "|".join(regex.escape(w) + (r"(?=[\s(\[{:]|$)" if w[-1].isalnum() else "")
                                             for w in words) + ")")


# Code evidence inside a line: a call "f(x)", an operator between spaces, a method call, an
# assignment, box drawing (a query's output), a bracket alone; or a line ending in ; { ( [.
_CODE_CHARS = re.compile(r"[(){}\[\];=│─┼&|:>]")  # (a cheap test first: most lines have none)
_CODE_IN = re.compile(
    r"\w\([^()]*\)|\s(?:==|!=|=>|->|&&|\|\||:=|\+=|-=)\s|\w\.\w+\(|\b[\w.\]\[]+\s=\s\S|[│─┼]"
    r"|^\s*(?:[})\]]+[;,]?|[{(\[])\s*$|[;{(\[]\s*$"
    r"|^[\"']?[\w-]+[\"']?:\s*[\"'{\[\d(]"  # an object's member: "Content-Type": "text/plain",
)


def _code_like(text: str) -> bool:
    """A line that reads as code or a program's output, not as a sentence or a list item."""
    if text.startswith(("//", "/*")):
        return True  # a comment in the code, a sentence as often as not
    if text[:2] in ("* ", "+ ", "o ", "• ", "- ") or text.endswith((".", "!", "?", '."', ".”")):
        return False
    # Code is written in ASCII (box drawing aside): a line of another script is text.
    if not text.isascii() and sum(1 for c in text if c > "\x7f" and not "\u2500" <= c <= "\u257f") > len(text) * 0.2:
        return False
    if _CODE_CHARS.search(text) is not None and _CODE_IN.search(text) is not None:
        return True
    return _code_start().match(text) is not None


_LISTING_ENDS = frozenset(";{([")
_LISTING_STARTS = frozenset("})]$│")


def _code_lines(blocks: list[Block]) -> set[int]:
    """Text input: the lines of code listings and their output (a query and its result table,
    a request and its response): at least 3 lines in a row (a blank line between two allowed),
    at least 2 of them reading as code, the others lone brackets ("}", ");"). Like a table's
    rows, they are neither prose nor chrome: neutral, as <pre> is on HTML."""
    out: set[int] = set()
    # (Cheap first: a listing has a line that ends in ; { ( [ or opens with a bracket, a shell
    # prompt or box drawing; most pages have none, and are spared the scan.)
    if not any(t and (t[-1] in _LISTING_ENDS or t[0] in _LISTING_STARTS) for t in (b.text for b in blocks)):
        return out
    run: list[int] = []
    code = 0
    prompted = False  # the run's last command had a shell prompt: what follows is its output

    def close() -> None:
        if len(run) >= _MIN_ROWS and code >= 2:
            out.update(run)

    for i, b in enumerate(blocks):
        t = b.text
        bracket = b.rule == "neutral.punct-only" and t.strip("{}()[];, ") == ""
        like = b.action is None and b.span == 1 and _code_like(t)
        # (A blank line between two code lines is the listing's: a double-spaced page has one
        # after every line.)
        follows = bool(run) and b.index <= blocks[run[-1]].index + 2
        if like:
            prompted = t.startswith(_PROMPTS)
        elif follows and prompted and b.action is None and len(t) <= _OUTPUT_MAX:
            run.append(i)  # "hello, world !": a command's output, between its prompt and the next
            continue
        if (like or bracket) and follows:
            run.append(i)
            code += like
            continue
        close()
        run, code = ([i], int(like)) if like or bracket else ([], 0)
        prompted = prompted and like
    close()
    return out


_PROMPTS = ("$ ", ">>> ", "% ")  # a shell's or an interpreter's prompt before a command
_OUTPUT_MAX = 100  # a command's output line is short; a longer line is the text resuming


def _no_gap(b: Block) -> bool:
    """Lines that do not part the article: a caption or credit between paragraphs (class
    "field"), and on HTML an ad slot or share bar in the flow, or an inset (a gallery, a video
    player, a related box) inside the container the page marks as its article."""
    if b.cls == "field":
        return True
    rule = b.rule
    return rule is not None and rule.startswith("dom.chrome:") and (
        rule[11:] in (content_flow_tokens() if b.dom.content else in_flow_tokens()))


def _plain_heading(b: Block) -> bool:
    """HTML: a heading that no rule and no chrome box names."""
    return b.dom is not None and bool(b.dom.heading) and b.action is None and b.dom.chrome is None


def _section_heading(b: Block) -> bool:
    """HTML: a plain heading ("Ingredients", "How to use a water bath canner") inside the
    container the page marks as its article opens a section of it; it does not part the article
    as chrome lines do. (Outside it, headings head teasers as often as sections.)"""
    return _plain_heading(b) and b.dom.content


def _closing_items(blocks: list[Block], end: int, cut: int) -> int:
    """Extend the article over the list, table or code block that closes it: such lines have no
    weight of their own to pull the region. Inside the container the page marks as its article,
    any neutral line goes on it, and a line a rule dropped (a bare link) does not stop it."""
    last = end
    k = end
    content = end > 0 and blocks[end - 1].dom is not None and blocks[end - 1].dom.content
    while k < cut:
        b = blocks[k]
        if _item(b) or (content and _neutral(b) and b.dom.content):
            last = k + 1
        elif _heading_of_items(blocks, k, cut):
            pass  # "Qualified teams" over its list: goes on when the list does
        elif not (content and b.dom is not None and b.dom.content and b.action == "drop" and not b.dom.chrome):
            break
        k += 1
    return last


def _heading_of_items(blocks: list[Block], k: int, cut: int) -> bool:
    """HTML: a plain heading right above a list or table item."""
    return _plain_heading(blocks[k]) and k + 1 < cut and _item(blocks[k + 1])


def _within_content(blocks: list[Block], start: int, end: int) -> tuple[int, int]:
    """HTML: when most of the region's prose sits in the page's article container, prose
    outside it at the region's edges (the next story, a teaser) is not the article. And when
    the container holds no prose at all but a list or table (a calendar, a ranking), while the
    region found lies wholly outside it (a promo in the sidebar), the container's items are
    the article."""
    prose = [i for i in range(start, end) if blocks[i].cls in ("good", "neargood") and blocks[i].dom is not None]
    if prose and not any(blocks[i].dom.content for i in range(start, end) if blocks[i].dom is not None):
        held = [i for i, b in enumerate(blocks) if b.dom is not None and b.dom.content and b.action is None]
        if (len(held) >= _MIN_ROWS and sum(1 for i in held if _neutral(blocks[i])) >= _MIN_ROWS
                and not any(blocks[i].cls in ("good", "neargood") for i in held)):
            return held[0], held[-1] + 1
    inside = [i for i in prose if blocks[i].dom.content]
    if not inside or sum(len(blocks[i].text) for i in inside) < 0.6 * sum(len(blocks[i].text) for i in prose):
        return start, end
    return inside[0], inside[-1] + 1


def _opening_items(blocks: list[Block], start: int) -> int:
    """The mirror of _closing_items: a list, table or code block (or, in the marked article
    container, any neutral line) that opens the article before its first paragraph."""
    content = start < len(blocks) and blocks[start].dom is not None and blocks[start].dom.content
    while start > 0:
        b = blocks[start - 1]
        if not (_item(b) or (content and _neutral(b) and b.dom.content)):
            break
        start -= 1
    return start


def _dom_class(cls: str, dom: Any, f: Features) -> str:
    """HTML input: what the markup adds to a line's own class. Mostly links: navigation, teaser
    lists; a heading is a heading, not a menu item, whatever its case. A list item, table cell
    or code line without links that is not prose is neutral (class "field": no weight, no gap
    in the article) and stays when it stands inside the article."""
    if dom.tag == "tr" and f.menu:
        cls = classify_block(f._replace(menu=False))  # its " | " are cell borders, not a menu's
    dp = params()["dom"]
    if dom.tag == "pre" or (
        (dom.tag in _NEUTRAL_TAGS or dom.table)
        and dom.link_density < (dp["row_max_link_density"] if dom.tag == "tr" or dom.table else dp["item_max_link_density"])
    ):
        return cls if cls in ("good", "neargood") else "field"
    if dom.link_density >= dp["max_link_density"]:
        return "bad"
    if dom.heading and cls == "bad" and not f.menu and f.words <= 20:
        return "short"
    return cls


_CLASSES = ("good", "neargood", "short", "bad", "field")
_OUTSIDE = {c: f"heuristic.outside-article:{c}" for c in _CLASSES}
_INSIDE = {c: f"heuristic.in-article-chrome:{c}" for c in _CLASSES}
_PROSE = {c: f"heuristic.prose:{c}" for c in _CLASSES}


def _stopwords_fit(long: Sequence[float], ended: Sequence[float], floor: float, sentences: bool = True) -> bool:
    """Do the page's longer lines use the stoplist as prose does? (median share >= floor)
    `long`: the stopword shares of its lines of 8 words or more; `ended`: of those that end as
    a sentence. On text, judged on its sentences (where it has any): a long menu or tag cloud
    glued into one line says nothing of the page's language. On HTML (sentences=False) all long
    lines count: the markup already parts menus from prose, and a page of formulas or code
    among a few sentences is not prose the stoplist should judge."""
    shares = sorted(ended if sentences and ended else long)
    return not shares or shares[len(shares) // 2] >= floor


def _line_classes(
    blocks: list[Block], stops: frozenset[str], classes: dict[str, float],
) -> tuple[list[str], list[Features | None], array[float], array[float]]:
    """Each line's class from its own features ("" for a line a rule decided); the features
    the later tests read (those of short and bad lines: most are memoised, shared objects);
    and the stopword shares _stopwords_fit weighs. The other lines' features are let go at
    once: a page may have a million lines."""
    cls: list[str] = []
    kept: list[Features | None] = []
    long, ended = array("d"), array("d")
    for b in blocks:
        if b.action is not None:
            cls.append("")
            kept.append(None)
            continue
        f = features(b.text, stops)
        c = classify_block(f, classes) if b.dom is None else _dom_class(classify_block(f, classes), b.dom, f)
        cls.append(c)
        kept.append(f if c in ("short", "bad") else None)
        if f.stop is not None and f.words >= 8:
            long.append(f.stop)
            if f.terminal:
                ended.append(f.stop)
    return cls, kept, long, ended


# A teaser label: this short, repeated this often; looked for in this many lines after a
# related header (a page may have thousands of them: the look stays linear); on text, under
# this share of the blurbs.
_LABEL_MAX, _LABEL_REPEATS, _TEASER_WINDOW, _SIGNED_SHARE = 40, 3, 200, 0.8


def _teasers_follow(blocks: list[Block], i: int) -> bool:
    """After a "Recommended for You" header, a list of teasers, however much prose their blurbs
    add up to: a live feed's time-stamped items; on HTML, items each signed with the same short
    label (the source, "Sponsored"). (On text, where the page's menus and share buttons repeat
    too, only when each blurb is signed: see _signed_blurbs. Lines the markup or a rule already
    names as chrome do not count.)"""
    if _stamped_items(blocks, i):
        return True
    if blocks[i].dom is None:
        return _signed_blurbs(blocks, i)
    seen: dict[str, int] = {}
    for b in blocks[i + 1 : i + 1 + _TEASER_WINDOW]:
        if b.action is None and b.cls not in ("good", "neargood") and 0 < len(b.text) <= _LABEL_MAX:
            seen[b.text] = n = seen.get(b.text, 0) + 1
            if n >= _LABEL_REPEATS:
                return True
    return False


# A live feed's item: "* 14:44 Accusations de viols : ...", "13h54 En Islande ..."
_STAMPED = re.compile(r"(?:[*•+-]\s+)?\d{1,2}[:h.]\d{2}\s+\S")


def _stamped_items(blocks: list[Block], i: int) -> bool:
    """After a "Direct" or "Latest" header, a live feed: list items each opening with the time
    of day they were posted, _LABEL_REPEATS of them or more."""
    n = 0
    for b in blocks[i + 1 : i + 1 + _TEASER_WINDOW]:
        if _STAMPED.match(b.text):
            n += 1
            if n >= _LABEL_REPEATS:
                return True
    return False


def _signed_blurbs(blocks: list[Block], i: int) -> bool:
    """Text: after a "You may also like..." header, every paragraph is followed by one same
    short line (the blurbs of a teaser list and each one's "Whatsapp Facebook Pin" bar), at
    least _LABEL_REPEATS of them. An article's paragraphs are not each signed alike."""
    prose = signed = 0
    label = None
    for k in range(i + 1, min(len(blocks) - 1, i + 1 + _TEASER_WINDOW)):
        b = blocks[k]
        if b.cls not in ("good", "neargood") or b.action is not None:
            continue
        prose += 1
        nxt = blocks[k + 1].text
        if not 0 < len(nxt) <= _LABEL_MAX:
            continue
        if label is None:
            label = nxt  # the first short line under a blurb: the signature to look for
        signed += nxt == label
    return signed >= _LABEL_REPEATS and signed >= _SIGNED_SHARE * prose


def _boost_after_byline(blocks: list[Block], weights: array[float], boost: float) -> None:
    """Text input: the prose that follows the page's first byline ("By JERUSALEM POST STAFF",
    then perhaps a date line or two) is the article's opening, whatever a longer footer paragraph
    further down weighs: it counts `boost` times in the search for the article. (On HTML the
    markup's article container does this.)"""
    at = next((i for i, b in enumerate(blocks) if b.action == "field" and b.field == "author"), None)
    if at is None:
        return
    k = at + 1
    while k < len(blocks) and k <= at + 2 and blocks[k].cls not in ("good", "neargood"):
        k += 1  # a date line, a caption
    while k < len(blocks) and blocks[k].cls in ("good", "neargood"):
        weights[k] *= boost
        k += 1


# A comment section's notice is a sentence ("Comments that insult other readers will not be
# approved"); a shorter marker may be a header's link to the comments ("Comments", "2 responses").
_NOTICE_MIN_WORDS = 6


def _table_before_comments(
    blocks: list[Block], rows: set[int], prose: Sequence[float], cut: int, min_prose: float,
) -> tuple[int, int] | None:
    """Text: a page whose article is a table or list with no sentence (a race calendar,
    standings) has all its prose after the comment section's notice: the sidebar's promos.
    When the first sure end marker before the cut (a notice, not a header's link) has no prose
    before it but a table's rows, the table is the article: [first row, notice)."""
    for i in range(cut):
        b = blocks[i]
        if b.action != "end" or b.guard:
            continue
        if prose[i] >= min_prose or len(b.text.split()) < _NOTICE_MIN_WORDS:
            return None
        before = [k for k in rows if k < i]
        return (min(before), i) if len(before) >= _MIN_ROWS else None
    return None


def _max_region(weights: Sequence[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane)."""
    best, best_span = 0.0, (0, 0)
    cur, start = 0.0, 0
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, start = w, i
        else:
            cur += w
        if cur > best:
            best, best_span = cur, (start, i + 1)
    return best_span


def classify(blocks: list[Block], lang: str | None, favor: str = "balanced") -> tuple[int, int]:
    """Label every block not already decided by a rule; return the article region [start, end)
    as indices into `blocks`. `favor`: a profile of heuristics.toml (precision, balanced, recall)."""
    p = params(favor)
    wt, rg = p["weights"], p["region"]
    stops = stopwords(lang)
    boost, classes = p["dom"]["content_boost"], p["classes"]
    html_page = bool(blocks) and blocks[0].dom is not None
    line_cls, feats, long, ended = _line_classes(blocks, stops, classes)
    if stops and not _stopwords_fit(long, ended, classes["min_stop_neargood"], sentences=not html_page):
        # The page's long lines do not use this stoplist (unsupported language, a misdetection,
        # lorem ipsum): judge by length and punctuation alone rather than call it all chrome.
        line_cls, feats, _, _ = _line_classes(blocks, frozenset(), classes)
    # Unboxed doubles: a page may have a million lines, and a list holds a float object each.
    weights = array("d")
    prose = array("d", bytes(8 * (len(blocks) + 1)))  # prefix sums of prose characters
    rows = _aligned_rows(blocks) if not html_page else set()
    if not html_page:
        for i in _cell_rows(blocks):
            rows.add(i)
            b = blocks[i]
            if b.action == "drop":  # a bare number ("5040"), which a rule reads as a counter
                b.action = b.rule = None
    code = _code_lines(blocks) if not html_page else set()
    for i, b in enumerate(blocks):
        chars = len(b.text)
        if b.action in ("drop", "end") and i in code:
            b.cls, b.score = "field", 0.0  # the lone bracket of a code listing: the listing's, no gap
        elif b.action in ("drop", "end"):
            # An ad slot or table of contents in the article's flow weighs nothing either way.
            b.cls, b.score = "bad", 0.0 if _no_gap(b) else wt["rule_drop"]
        elif b.action == "field":
            # Metadata inside the article (a caption between paragraphs) must not split it.
            b.cls, b.score = "field", 0.0
        else:
            b.cls = line_cls[i]
            if (i in rows and b.cls not in ("good", "neargood")) or i in code:
                b.cls = "field"
            b.score = wt.get(b.cls, 0.0)  # "field" (a <pre> line): no weight
        weight = b.score * (min(chars, wt["cap"]) + wt["base"])
        if weight > 0 and b.dom is not None and b.dom.content:
            weight *= boost  # HTML: prose inside the container the page marks as the article
        weights.append(weight)
        prose[i + 1] = prose[i] + (chars if b.cls in ("good", "neargood") else 0)

    if not html_page:
        _boost_after_byline(blocks, weights, wt["byline_boost"])
    # The tail cut: the first end marker with enough prose before it and less after it.
    cut = len(blocks)
    whole: tuple[int, int] | None = None  # the article's region were there no end marker
    for i, b in enumerate(blocks):
        if b.action != "end" or prose[i] < rg["end_min_prose"]:
            continue
        if b.text.endswith(":") and i + 1 < len(blocks) and _COUNT.fullmatch(blocks[i + 1].text):
            continue  # "Comments:" over "1664": a label in a box of counts, not the comments' header
        if prose[-1] - prose[i] > prose[i] and len(b.text) <= _LABEL_CHARS:
            # A short marker with most of the prose still to come: in the page's header when
            # the byline strip holds it ("Jun 7, 2023 | Comments"), or when it is a label (a
            # menu's "Comments" item) and the article's region, found without it, starts below.
            if _in_byline_strip(blocks, i):
                continue
            if len(b.text.split()) <= 2:  # a label ("Comments", "12 comments", "留言"), not a form's "Leave a Reply"
                whole = whole or _max_region(weights)
                if whole[0] > i:
                    continue
        if b.guard and prose[-1] - prose[i] >= prose[i] and not _teasers_follow(blocks, i):
            continue  # a related box in mid-article: more article follows than preceded
        cut = i
        break
    table = _table_before_comments(blocks, rows, prose, cut, rg["end_min_prose"]) if rows else None
    if table is not None:
        (start, end), cut = table, table[1]
    else:
        start, end = _max_region(weights[:cut])
        start, end = _core_runs(blocks, start, end, p["segments"])
    start, end = _within_content(blocks, start, end)
    end = _closing_items(blocks, end, cut)
    start = _opening_items(blocks, start)

    listed = _introduced_lists(blocks, start, end, cut)
    in_box = False  # after a related-list header that did not end the article, before its next paragraph
    for i, b in enumerate(blocks):
        if b.action == "field" and (in_box and b.field != "captions" or i >= cut and b.field == "author"):
            # A byline in a related box inside the article, or after its end, is a teaser's (or
            # a commenter's). (An editor or source line after a copyright footer is still the
            # article's.)
            b.action, b.rule, b.field = "drop", "heuristic.teaser-byline", None
        if b.action == "end" or b.box:
            in_box = True  # a related box's header or label: its list items follow
        if b.action is not None:
            continue  # rules decided; assemble reports the rule
        if i >= cut:
            b.label, b.reason = DROPPED, "heuristic.after-end-marker"
        elif i in listed:
            b.label, b.reason = BODY, "heuristic.list-after-colon"
        elif not start <= i < end:
            b.label, b.reason = DROPPED, _OUTSIDE[b.cls]
        elif b.cls in ("good", "neargood"):
            b.label, b.reason = BODY, _PROSE[b.cls]
            in_box = False
        elif in_box and _BULLET.match(b.text):
            # The links of a related box inside the article ("More from UK", then its list),
            # up to the next paragraph.
            b.label, b.reason = DROPPED, "heuristic.in-related-box"
        elif _neutral(b):
            b.label, b.reason = BODY, ("heuristic.code-in-article" if i in code else "heuristic.table-in-article") if b.dom is None else (
                f"html.{'table' if b.dom.table else b.dom.tag}-in-article")
        elif b.dom is not None and b.dom.heading and not (in_box and b.dom.link_density > 0.5) and _heads_content(blocks, i, end):
            b.label, b.reason = BODY, "html.heading-in-article"
        elif b.cls == "short" and _keeps_short(blocks, i, start, end, rg["heading_max_words"]):
            b.label, b.reason = BODY, "heuristic.heading-or-item"
        elif b.cls == "bad" and _subheading(blocks, i, start, end, feats[i]):  # type: ignore[arg-type]
            b.label, b.reason = BODY, "heuristic.subheading"
        elif b.cls in ("short", "bad") and _short_run_in_prose(blocks, feats, i, start, end):
            b.label, b.reason = BODY, "heuristic.split-between-paragraphs"
        elif rg["keep_short_in_article"]:
            b.label, b.reason = BODY, "heuristic.in-article:favor-recall"
        else:
            b.label, b.reason = DROPPED, _INSIDE[b.cls]
    return start, end


_LABEL_CHARS = 20


def _in_byline_strip(blocks: list[Block], i: int) -> bool:
    """A short end marker ("Comments", "12 Comments") right under the byline or date line,
    a bar or a share label between: the strip of the article's header, where a link to the
    comments sits (when most of the page's prose follows it)."""
    for j in range(i - 1, max(-1, i - 4), -1):
        b = blocks[j]
        if b.field in ("author", "date") or (len(b.text) <= 80 and find_date(b.text) is not None):
            # the article's own: the page's first byline
            return not any(a.field == "author" for a in blocks[:j])
        if b.text.strip() and not (b.action == "drop" and len(b.text) <= _LABEL_CHARS):
            return False
    return False


def _dropped_note(b: Block) -> bool:
    """A line a text rule dropped ("Main article: Firefox", a bare source URL): it may sit
    between a heading and its section. (Not an ad slot or a tag list the markup names: those
    come between a teaser or a byline and the next story as often.)"""
    return b.action == "drop" and not (b.rule or "").startswith("dom.")


def _heads_content(blocks: list[Block], i: int, end: int) -> bool:
    """HTML: the heading at `i` heads a section of the article: the next line is prose, a short
    line or a list item, past the few lines a text rule dropped or moved under it (a note, a
    caption) and its subheadings. A heading of the same level or higher next: an empty section,
    as a run of teasers' headlines is."""
    for k in range(i + 1, min(end, i + 5)):
        nxt = blocks[k]
        if nxt.action == "field" or _dropped_note(nxt) or (_plain_heading(nxt) and nxt.dom.heading > blocks[i].dom.heading):
            continue
        if nxt.dom.heading and nxt.dom.heading <= blocks[i].dom.heading:
            return False  # an empty section: a teaser's headline over the next
        return nxt.cls in ("good", "neargood", "short") or _neutral(nxt)
    return False


def _core_runs(blocks: list[Block], start: int, end: int, sg: dict[str, float]) -> tuple[int, int]:
    """Narrow [start, end) to the core run of prose and the neighbouring runs that read like it."""
    region = blocks[start:end]
    is_prose = [b.cls in ("good", "neargood") for b in region]
    runs: list[tuple[int, int]] = []  # [a, b) in region coordinates, split at gaps
    a, gap, last = 0, 0, 0  # last: the latest prose line (a run ends there, not amid the gap)
    for i, p in enumerate(is_prose):
        if p:
            if gap >= sg["gap"] and last + 1 > a:
                runs.append((a, last + 1))
                a = i
            gap, last = 0, i
        elif not _no_gap(region[i]) and not _section_heading(region[i]):
            gap += 1
    runs.append((a, len(is_prose)))
    if len(runs) == 1:
        return start, end

    def stats(r: tuple[int, int]) -> tuple[float, float, int]:
        lines = blocks[start + r[0] : start + r[1]]
        prose = [b for b in lines if b.cls in ("good", "neargood")]
        chars = sum(len(b.text) for b in prose)
        share = len(prose) / max(1, sum(1 for b in lines if not _no_gap(b)))
        return chars, share, len(prose)

    st = [stats(r) for r in runs]
    core = max(range(len(runs)), key=lambda k: st[k][0])
    # The runs joined so far: their prose lines' mean length is what a neighbour is compared
    # with (one outsized paragraph in the core must not shut out the rest of the article).
    chars, n = st[core][0], st[core][2]

    def joins(k: int) -> bool:
        k_chars, share, k_n = st[k]
        mean_len = k_chars / max(1, k_n)
        return share >= sg["min_prose_share"] and mean_len >= sg["min_length_ratio"] * chars / max(1, n)

    lo = hi = core
    while True:
        options = [k for k in (lo - 1, hi + 1) if 0 <= k < len(runs) and joins(k)]
        if not options:
            break
        k = max(options, key=lambda k: st[k][0])
        lo, hi = min(lo, k), max(hi, k)
        chars, n = chars + st[k][0], n + st[k][2]
    if chars < sg["min_core_share"] * sum(s[0] for s in st):
        # The core holds a small part of the region's prose: one long document broken into
        # many runs by code, tables or transcripts (an RFC, a manual), not an article among
        # boxes (there the article is most of it). The region stands whole.
        return start, end
    return start + runs[lo][0], start + runs[hi][1]


def _introduced_lists(blocks: list[Block], start: int, end: int, cut: int) -> set[int]:
    """The items of a list that a paragraph of the article announces ("The rankings were as
    follows:", "You will need:"): each line after it that starts as a list item ("1. Finland",
    "* Flour"), however short or long, even past the last paragraph (a list that ends the
    article), and across a line a rule drops between two items (a bare link under each). A menu
    or a share bar is not introduced by a sentence of the article; "Share this:" and "Related:"
    are rules' lines, not prose."""

    def item(b: Block) -> bool:
        return b.action is None and _BULLET.match(b.text) is not None

    items: set[int] = set()
    for i in range(max(start, 0), min(end, len(blocks))):
        b = blocks[i]
        if b.cls not in ("good", "neargood") or b.action is not None or not b.text.endswith(":"):
            continue
        run: list[int] = []
        k = i + 1
        while k < cut:
            if blocks[k].action == "drop" and run and k + 1 < cut and item(blocks[k + 1]):
                k += 1  # a link under the item before
                continue
            if not item(blocks[k]):
                break
            run.append(k)
            k += 1
        if len(run) >= 2:
            items.update(run)
    return items


def _subheading(blocks: list[Block], i: int, start: int, end: int, f: Features) -> bool:
    """A one-to-four-word line with prose on both sides ("Feature detection", "NISSAN SENTRA")
    is a subheading, not a menu item: menus come in runs."""
    text = blocks[i].text
    if f.bullet and text[0].isdigit():
        # A numbered one ("12) Dunkirk", "2. Avoid skipping meals"): a listicle's section, judged
        # by its words after the number.
        text = _BULLET.sub("", text, count=1)
        f = f._replace(bullet=False, words=len(WORD.findall(text)), digits=0.0 if not text or not text[0].isdigit() else 1.0)
    if not (start < i < end - 1) or f.bullet or f.menu or f.digits > 0.2 or not 1 <= f.words <= 4 or "|" in text:
        return False
    prose = ("good", "neargood")
    k = i + 1  # what it heads, past a note a rule dropped under it ("Main article: Firefox")
    while k < min(end - 1, i + 3) and _dropped_note(blocks[k]):
        k += 1
    if blocks[k].cls not in prose:
        return False
    # What it follows: the section before it, past a caption between them ("Step 2" under the
    # photo of step 1); a list or a table ends a section as a paragraph does.
    k = i - 1
    while k > start and blocks[k].cls == "field" and not _neutral(blocks[k]):
        k -= 1
    return blocks[k].cls in prose or _neutral(blocks[k])


def _short_run_in_prose(blocks: list[Block], feats: list[Features | None], i: int, start: int, end: int) -> bool:
    """Two or three short lines with paragraphs on both sides are one thing split by the
    scraper (a quotation, a citation, a verse), not chrome: chrome comes in longer runs, or
    as lists, menus and labels that rules and the other tests catch."""
    a = i
    while a > start and blocks[a - 1].cls in ("short", "bad") and blocks[a - 1].action is None:
        a -= 1
    z = i
    while z < end - 1 and blocks[z + 1].cls in ("short", "bad") and blocks[z + 1].action is None:
        z += 1
    if not (2 <= z - a + 1 <= 3) or a <= start or z >= end - 1:
        return False
    prose = ("good", "neargood")
    if blocks[a - 1].cls not in prose or blocks[z + 1].cls not in prose:
        return False
    return not any(f is None or f.bullet or f.menu for f in feats[a : z + 1])


def _keeps_short(blocks: list[Block], i: int, start: int, end: int, max_words: float) -> bool:
    """A short block inside the article stays when it reads as a subheading (followed by
    prose) or as a list item next to prose or other items."""
    text = blocks[i].text
    nxt = blocks[i + 1] if i + 1 < end else None
    prv = blocks[i - 1] if i - 1 >= start else None
    words = len(WORD.findall(text))
    if nxt is None or words > max_words * 2:
        return False
    is_prose = lambda b: b is not None and b.cls in ("good", "neargood")  # noqa: E731
    if _BULLET.match(text):
        if text.endswith(("...", "…")):
            return False  # a list item cut short: a teaser's title
        return words >= 3 and (is_prose(prv) or is_prose(nxt) or (nxt is not None and _BULLET.match(nxt.text) is not None))
    if text.endswith(":"):
        return is_prose(nxt) or (nxt is not None and _BULLET.match(nxt.text) is not None)
    return words <= max_words and is_prose(nxt) and is_prose(prv)
