"""Stage 5: metadata from the visible text.

Rules already moved byline, editor, source and caption lines to their fields. Here the
heuristics find what rules cannot name: the title (the headline printed just before the
article, often twice), the date line, the lead's dateline and wire credit, the masthead, and a
standfirst that the lead repeats. Each moves its line out of the body and records why.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import datetime
from functools import lru_cache
from itertools import islice, takewhile
from pathlib import Path

import regex

from cleaner.article import BODY, DROPPED, Block
from cleaner.dates import ambiguous_date, find_date, updated_date
from cleaner.lang import NOSPACE, WORD, stopwords

_PHRASES = Path(__file__).parent / "data" / "phrases.toml"
_SPACES = regex.compile(r"\s+")
_CAPS_WORDS = r"[\p{Lu}\d][\p{Lu}\d.&'-]*(?:\s+[\p{Lu}\d][\p{Lu}\d.&'-]*){0,3}"
_DOMAIN = r"[\p{L}\d][\p{L}\d-]*(?:\.[\p{L}\d-]+)*\.(?i:com|co\.id|id|net|org|co|news|tv|my|co\.uk|info|online)"
_DASH = r"\s*[-–—]+\s+"
_CODE_LIKE = regex.compile(r"[;{}]|\(\)|//|=>|==")  # headlines have none of these
# Nor these: a social handle (a byline's "Devindra Hardawar, @devindra"), a sentence with its
# photo credit after it ("Dig a hole in the oasis. (Lucy Akins)": a caption), a name in brackets
# at the end ("Orchid in foam oasis (Lucy Akins)": a caption's credit), gaps between columns,
# one of them wide ("Pos  Player   Plays  %": a table's header row; a title printed with every
# space doubled has gaps of two only).
_NOT_HEADLINE = regex.compile(r"(?<![\w.])@\w|(?:[.!?]\s*\([^()]{2,60}|\((?:\p{Lu}[\w'’.-]+ ){1,2}\p{Lu}[\w'’.-]+)\)$"
                              r"|\S {2,}\S.*\S {3,}\S|\S {3,}\S.*\S {2,}\S")
# A sentence with its photo credit after it ("... in 2007. (Source: NASA)"): a caption.
_CREDITED = regex.compile(r"[.!?]\s*\([^()]{2,60}\)$")
# Lead credits, tried in order. Groups: place (dateline), src (wire/outlet), site.
_LEADS = [
    # WASHINGTON (Reuters) -  /  JAKARTA (ANTARA) -
    regex.compile(rf"^(?P<place>\p{{Lu}}[\p{{Lu}}\s.',-]{{1,40}}?)\s*\((?P<src>[^()]{{2,40}})\){_DASH}"),
    # KABARKU.Com (Jakarta) -  /  KOMPAS.com (Jakarta) -
    regex.compile(rf"^(?P<site>{_DOMAIN})\s*\((?P<place>[^()]{{2,40}})\){_DASH}"),
    # Hong Kong (CNN Business) -  /  دمشق، سوريا (CNN) --  /  Hong Kong (CNN Business)A muddled ...
    # (a place in any case or script, of at most four words; then the credit's dash, or the
    # lead's first word glued to it, as a dateline set in its own element comes out)
    regex.compile(rf"^(?P<place>[\p{{Lu}}\p{{Lo}}][\p{{L}}\p{{M}}.'-]*(?:[\s,،]+[\p{{Lu}}\p{{Lo}}][\p{{L}}\p{{M}}.'-]*){{0,3}})"
                  rf"\s*\((?P<src>[^()]{{2,40}})\)(?:{_DASH}|(?=\p{{Lu}}))"),
    # (CNN) —
    regex.compile(rf"^\((?P<src>[^()]{{2,40}})\){_DASH}"),
    # JAKARTA, KOMPAS.com -  (the site part is checked: "SIOUX FALLS, S.D. -" is all place)
    regex.compile(rf"^(?P<place>\p{{Lu}}[\p{{Lu}}\s.'-]{{1,30}}?),\s*(?P<site>{_DOMAIN}|{_CAPS_WORDS}){_DASH}"),
    # DUBAI, United Arab Emirates -  /  Washington, DC, United States -  (or " : ", set apart
    # by spaces, as Al Jazeera prints it; "Brace yourself, Swifties:" is a sentence)
    regex.compile(rf"^(?P<place>\p{{Lu}}[\p{{L}}\s.'-]{{1,30}}?,(?:\s*\p{{Lu}}[\p{{L}}.'-]*){{1,4}}(?:,(?:\s*\p{{Lu}}[\p{{L}}.'-]*){{1,4}})?)(?:{_DASH}|\s+:\s+)"),
    # beritaku.com –  /  TRIBUN EKSPRES-  /  WASHINGTON —
    regex.compile(rf"^(?P<site>{_DOMAIN}|{_CAPS_WORDS})\s*[-–—]+\s+"),
]


@lru_cache(maxsize=1)
def _phrases() -> tuple[frozenset[str], frozenset[str]]:
    doc = phrase_doc()
    return frozenset(doc["site_words"]), frozenset(doc["date_line_words"])


@lru_cache(maxsize=1)
def phrase_doc() -> dict:
    return tomllib.loads(_PHRASES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _conjunction() -> regex.Pattern[str]:
    """The word joining the last two names of a byline ("and", "et", "y", "dan"...), with an
    Oxford comma before it; followed by a name of two words or more ("Ortega y Gasset" is one
    name)."""
    words = "|".join(regex.escape(w) for w in phrase_doc()["name_conjunctions"])
    return regex.compile(rf"\s*,?\s+(?:{words})\s+(?=\p{{Lu}}[\p{{L}}.'’-]*\s+\p{{Lu}})|\s*&\s*(?=\p{{Lu}}[\p{{L}}.'’-]*\s+\p{{Lu}})")


def names_list(value: str) -> str:
    """Several authors as one list, whatever the byline's language: "A, B and C" and "A et B"
    read "A, B, C" and "A, B", as the page's metadata lists them."""
    return _conjunction().sub(", ", value) if " " in value else value


@lru_cache(maxsize=1)
def _arabic_clitic() -> regex.Pattern[str]:
    """The front clitics of an Arabic word, as one pattern (a stem of 3 letters or more stays)."""
    alts = "|".join(sorted(phrase_doc()["arabic_proclitics"], key=len, reverse=True))
    return regex.compile(f"^(?:{alts})(?=\\p{{Arabic}}{{3}})")


def key(text: str) -> str:
    """Comparison key: case and spacing do not make two headlines different."""
    return _SPACES.sub(" ", text).strip().casefold()


def _heading_like(b: Block) -> bool:
    t = b.text
    # Cheap tests first: this runs on every line above the lead.
    return (
        b.action is None
        and 6 <= len(t) <= 250
        and " · " not in t
        and " | " not in t  # byline/date strips and menus, not headlines
        and not t.rstrip("\"”’»)]").endswith((".", ",", ";", ":", "。", "．", "、"))  # a sentence, quoted or not
        and not t.startswith(("* ", "+ ", "- ", "• ", "o "))  # ("o ": a nested item, as lynx prints it)
        and not (t[0].islower() and t[1].islower())  # a wrapped sentence's middle ("iPhone" may open one)
        and 2 <= _word_units(t) <= 30
        and (len(t) >= 10 or _pairs(t))  # (a short headline only in a script without spaces)
        and _CODE_LIKE.search(t) is None
        and _NOT_HEADLINE.search(t) is None
    )  # (and no date line: tested in _title only for a line that would win, dates cost most)


def _word_units(text: str) -> float:
    """Words; in a script without spaces one unit per two characters, as the classifier counts
    ("商品の改造が商標法違反に" is six, not one run)."""
    return _words(text) / 2 if _pairs(text) else len(WORD.findall(text))


def _is_siteish(name: str) -> bool:
    site_words, _ = _phrases()
    if regex.fullmatch(_DOMAIN, name):
        return True
    return any(w.lower() in site_words for w in WORD.findall(name))


# A page with bylines of this many different authors is a list of stories.
_STORY_LIST_BYLINES = 3


def day_first(lang: str | None) -> bool | None:
    """Locale evidence for a numeric date's order: day first in every supported language but
    English, where the US writes the month first and the UK the day; unknown without one."""
    return None if lang in (None, "en") else True


def extract(
    blocks: list[Block], lang: str | None, fields: dict, known_title: str | None = None,
    reference: datetime | None = None, html_title: str | None = None,
) -> None:
    """Fill `fields` (title, author, date, ...) and relabel the blocks they came from.
    `known_title` (HTML input: what the page's own metadata or <h1> names; "" for none) is
    looked for instead of guessed. `reference` (when the page was fetched) lets relative
    dates ("2 hours ago") be read."""
    # 1. What rules moved: first value wins, captions accumulate.
    for b in blocks:
        if b.action != "field" or b.field is None:
            continue
        b.label, b.reason = b.field, b.rule or ""
        if b.field == "captions":
            fields["captions"].append(b.text)
        elif fields.get(b.field) is None:
            value: str | None = (b.value or b.text).strip()
            if b.field == "date" and value:
                found = find_date(value, day_first=day_first(lang), reference=reference, lang=lang)
                if found is not None:
                    _byline_beside(value, found, fields)
                value = found.iso if found else None
            elif b.field in ("author", "editor") and value:
                value = names_list(value)
            fields[b.field] = value
    bylines = {(b.value or b.text).strip() for b in blocks if b.action == "field" and b.field == "author"}
    story_list = len(bylines) >= _STORY_LIST_BYLINES
    if story_list:
        # Bylines of that many hands: a list of stories (a section front), not one article:
        # no author, and on text no headline or standfirst (a teaser's would be guessed).
        fields["author"] = None
        fields.setdefault("notes", []).append(
            f"{len(bylines)} different bylines: a list of stories, so no author is reported")
    body_idx = [i for i, b in enumerate(blocks) if b.label == BODY]
    if not body_idx:
        return
    first = body_idx[0]

    _captions_before_credits(blocks, fields)
    _headings_over_nothing(blocks)
    if known_title is not None:
        if known_title:
            _known_title(blocks, first, known_title, fields)
        _opening_h1(blocks, known_title, fields, html_title)
    elif not story_list:
        first = _wire_lead(blocks, first)
        _title(blocks, first, fields)
    body_idx = [i for i, b in enumerate(blocks) if b.label == BODY]
    if not body_idx:
        return
    first = body_idx[0]
    _date(blocks, first, lang, fields, reference)
    _modified(blocks, lang, fields)
    _bare_byline(blocks, first, lang, fields)
    if not story_list:
        # (counted again: the date and byline moved out of the body; the first three tell)
        _description(blocks, list(islice((i for i, b in enumerate(blocks) if b.label == BODY), 3)), fields)
    _lead(blocks, fields)
    _republished(blocks, fields)
    _masthead(blocks, fields)


# A bare credit ("Photo: John Locher, AP") has at most 60 characters and this many words; a
# caption at most 300 and this many (a longer line is a paragraph). Words count where scripts
# without spaces pack a caption into few characters.
_CREDIT_WORDS, _CAPTION_WORDS = 10, 50


def _words(text: str) -> int:
    """Words, counting each character of a script without spaces as one (图注：... is a caption
    of ten words, not one run)."""
    return len(WORD.findall(NOSPACE.sub(" ", text))) + len(NOSPACE.findall(text))


def _captions_before_credits(blocks: list[Block], fields: dict) -> None:
    """A short paragraph right above a bare photo credit ("Photo: John Locher, AP", "(Image
    credit: NASA)") is its caption. Not above a caption with words of its own, nor above
    "Image copyright ...", which some sites print before the photo it credits. (In HTML a
    <figcaption> says itself what it is: the paragraph above one is not its caption.) A body
    line identical to a caption is that caption again (a gallery repeats them)."""
    for i in range(len(blocks) - 1):
        b, nxt = blocks[i], blocks[i + 1]
        if (
            nxt.rule != "dom.figcaption"
            and b.label == BODY
            and nxt.field == "captions"
            and len(nxt.text) <= 60 and _words(nxt.text) <= _CREDIT_WORDS
            and not nxt.text.lower().startswith(("image copyright", "main image"))
            and len(b.text) <= 300 and _words(b.text) <= _CAPTION_WORDS
            and nxt.index - b.index <= 2
        ):
            b.label, b.reason = "captions", "heuristic.caption-above-credit"
            fields["captions"].insert(fields["captions"].index(nxt.text) if nxt.text in fields["captions"] else 0, b.text)
    captions = {c for c in fields["captions"] if len(c) > 40}
    if captions:
        repeats = [b for b in blocks if b.label == BODY and b.text in captions]
        body = sum(len(b.text) for b in blocks if b.label == BODY)
        # A gallery repeats a caption or two; when the repeats are most of the body, the
        # "caption" was a paragraph that happened to stand above a credit.
        if sum(len(b.text) for b in repeats) < 0.5 * body:
            for b in repeats:
                b.label, b.reason = "captions", "heuristic.caption-repeated"


# Kept as headings because body followed them (classify.py).
_HEADING_REASONS = ("heuristic.subheading", "html.heading-in-article")


def _headings_over_nothing(blocks: list[Block]) -> None:
    """A subheading kept over what turned out to be a caption, at the body's end, heads
    nothing: drop it, as cleaning the body again would."""
    for b in reversed(blocks):
        if b.label == BODY:
            if b.reason not in _HEADING_REASONS:
                return
            b.label, b.reason = DROPPED, "heuristic.heading-over-nothing"


_ARABIC = regex.compile("[\u0600-\u06ff]")


def _content_words(text: str) -> set[str]:
    """Topic words: 5+ letters (most function words are shorter), cut to 5 so that
    inflections meet ("peringati"/"peringatan"); character pairs where words have no spaces.
    No stoplist: jusText's lists hold content words ("senjata") a headline shares with its lead."""
    low = text.lower()
    if _pairs(low):
        chars = NOSPACE.findall(low)
        return {a + b for a, b in zip(chars, chars[1:])}
    words = WORD.findall(low)
    if not low.isascii() and _ARABIC.search(low):
        strip = _arabic_clitic().sub
        words = [strip("", w) for w in words]
    return {w[:5] for w in words if len(w) >= 5 or w.isdigit()}


# A line right above the best headline candidate, scoring at least this share of its score, is
# the headline, and the best one its standfirst.
_HEADLINE_ABOVE, _HEADLINE_MIN_WORDS = 0.9, 5


_MIN_TITLE_SCORE, _MIN_TITLE_SCORE_PAIRS = 0.3, 0.2
_TWO_WORD_WEIGHT = 0.6
_OVER_BYLINE = 0.25
# "3. Why it matters": a numbered section or a table of contents' entry, not the headline.
_NUMBERED = regex.compile(r"\d{1,2}[.)]\s")


def _pairs(text: str) -> bool:
    """Whether _content_words reads `text` as character pairs (a script without spaces)."""
    return not text.isascii() and NOSPACE.search(text) is not None


def _title(blocks: list[Block], first: int, fields: dict) -> None:
    """The headline: a headline-like line above the article (or opening it) that shares its
    words with the first paragraphs. Menus, widget labels ("Key Points", "5 Min Read") and
    captions do not; a headline printed twice gets a bonus. None rather than a wrong title."""
    # (The first few only: islice stops the scan there, on a page of any length.)
    body = list(islice((i for i, b in enumerate(blocks) if b.label == BODY), 7))
    goods = list(islice((i for i, b in enumerate(blocks) if b.label == BODY and b.cls == "good"), 2))
    first_good = goods[-1] if goods else first
    lead = {i: _content_words(blocks[i].text) for i in body}
    all_lead: set[str] = set().union(*lead.values())
    lo = max(0, first - 60)  # share panels can stand between headline and lead
    cands = [i for i in range(lo, first_good + 1) if _heading_like(blocks[i]) and blocks[i].field is None]
    if not cands or not lead:
        return
    counts = Counter(key(blocks[i].text) for i in cands)
    # A text with nothing but its article (a cleaned body, an article pasted whole: no line
    # is chrome or metadata) shows no headline set apart: its first line is its first
    # paragraph, unless the text prints it twice. (Cleaning a body again changes nothing.)
    plain = all(b.label == BODY for b in blocks)
    best, best_score = None, 0.0
    scores: dict[int, float] = {}
    for i in cands:
        b = blocks[i]
        words = _content_words(b.text)
        n = _words(b.text)  # a character a word in scripts without spaces
        if not words or n < 2 or (b.label == BODY and i > first and b.cls == "good") or _NUMBERED.match(b.text):
            continue
        if plain and counts[key(b.text)] < 2:
            continue
        # Compared with the first paragraphs other than itself (a lead shares words with itself).
        others = all_lead if i not in lead else set().union(*(w for j, w in lead.items() if j != i))
        shared = len(words & others)
        overlap = shared / len(words)
        if n < 3:
            # Two words ("Hermitian matrix", "New Zealand") are a headline only when the lead has
            # both, and count less than a longer one: labels ("Top Stories") are two words too.
            if shared < 2:
                continue
            overlap *= _TWO_WORD_WEIGHT
        # A headline printed twice gets a bonus; a one-word link repeated in a header and a menu
        # ("Start a Wiki") does not.
        score = overlap + (0.3 if counts[key(b.text)] >= 2 and shared >= 2 else 0.0) - 0.005 * abs(first - i)
        if b.label == BODY and i != first:
            score -= 0.2  # inside the article: a subheading more likely than the headline
        if any(n.field in ("author", "date") for n in blocks[i + 1 : i + 3]):
            score += _OVER_BYLINE  # headline, then byline and date: a news page's head
        if find_date(b.text) is None:
            scores[i] = score
            if score > best_score:
                best, best_score = i, score
    # Character pairs (scripts without spaces) share less with a lead than words do: a
    # headline's particles and endings make pairs of their own.
    if best is None or best_score < (_MIN_TITLE_SCORE_PAIRS if _pairs(blocks[best].text) else _MIN_TITLE_SCORE):
        return
    title_i = best
    above = best - 1
    if (
        scores.get(above, 0.0) >= _HEADLINE_ABOVE * best_score and blocks[best].label != BODY
        and blocks[above].label != BODY and len(WORD.findall(blocks[above].text)) >= _HEADLINE_MIN_WORDS
    ):
        # Two lines that both read as the headline, one under the other, outside the article:
        # a headline and its standfirst, in that order. (Not a kicker above the headline, "5 min
        # read" or a name: a headline has a few words.)
        title_i, standfirst = above, blocks[best]
        if not fields.get("description"):
            fields["description"] = standfirst.text
            standfirst.label, standfirst.reason = "description", "heuristic.standfirst-under-title"
    tkey = key(blocks[title_i].text)
    lo, hi = len(tkey), len(tkey) * 2 + 10  # a cheap length test spares most key() calls
    # Repeats count in the page's head; deep in the article a line equal to the "title" is more
    # likely a refrain of the text (an interview's question) than the headline again.
    limit = max(first_good, title_i) + 3
    same = [j for j, b in enumerate(blocks[:limit]) if lo <= len(b.text) <= hi and key(b.text) == tkey] or [title_i]
    # Of several printings, report the first one with plain spacing.
    fields["title"] = next((blocks[j].text for j in same if "  " not in blocks[j].text), blocks[same[0]].text)
    # Lines above the headline are the site's header, never the article (taglines read as prose).
    # Printed again nearer the article (under a gallery), not inside it, its last printing above
    # the lead is where the header ends.
    cut = max((j for j in same if j <= first_good and (blocks[j].label != BODY or j == first)), default=title_i)
    for j in same:
        b = blocks[j]
        if b.action is None:
            b.label, b.reason = "title", "heuristic.title" if j == title_i else "heuristic.title-repeat"
    for b in blocks[:max(cut, title_i)]:
        if b.label == BODY:
            b.label, b.reason = DROPPED, "heuristic.before-title"


def _known_title(blocks: list[Block], first: int, title: str, fields: dict) -> None:
    """The headline the page's metadata names, printed above the article (or opening it):
    its printings there are title lines, and what stands above the first one is the header.
    On HTML the printing in an <h1> (else another heading) is the one, wherever it stands:
    a list of teasers above it is not the article."""
    tkey = key(title)
    if not tkey:
        return
    lo, hi = len(tkey) // 2, len(tkey) * 2 + 10  # a cheap length test spares most key() calls
    same = [j for j, b in enumerate(blocks) if lo <= len(b.text) <= hi and key(b.text) == tkey]
    if not same:
        # The metadata's title often carries the site or the section ("Headline - 21/12/2018 -
        # Esporte - Folha"): the <h1> it begins with is the headline as printed.
        same = [j for j, b in enumerate(blocks)
                if b.dom is not None and b.dom.heading == 1 and lo <= len(b.text) and tkey.startswith(key(b.text))]
    if not same:
        return
    heads = [j for j in same if blocks[j].dom is not None and blocks[j].dom.heading]
    h1 = [j for j in heads if blocks[j].dom.heading == 1]
    found = h1 or heads or [j for j in same if j <= first + 1]
    if not found:
        return
    at = found[0]
    fields["title"] = blocks[at].text
    for j in same:
        b = blocks[j]
        if b.action is None and (j == at or j <= first + 1):
            b.label, b.reason = "title", "metadata.known-title"
    above = [b for b in blocks[:at] if b.label == BODY]
    below = sum(len(b.text) for b in blocks[at:] if b.label == BODY)
    # Never trade most of the body for a header, unless the markup says this is the headline.
    share = 0.25 if heads and at in heads else 1.0
    if below >= share * sum(len(b.text) for b in above):
        for b in above:
            b.label, b.reason = DROPPED, "heuristic.before-title"


# An opening <h1> whose words are mostly the title's repeats it (Readability's test, 0.75).
_HEADLINE_OVERLAP = 0.75


# Between a <title>'s headline and the site's name: "Headline | Site", "Site - Headline".
TITLE_SEPARATORS = regex.compile(r"\s+[|\-–—:»·•/]\s+")


def _opening_h1(blocks: list[Block], known_title: str, fields: dict, html_title: str | None = None) -> None:
    """HTML: an <h1> that opens the body and repeats the title is the headline, not body; the
    title when none is known. (An <h1> unlike the title may be the article's own first line.)
    So is one that prints the <title>'s headline when the metadata's differs (a social one)."""
    b = next((b for b in blocks if b.label == BODY), None)
    if b is None or b.dom is None or b.dom.heading != 1:
        return
    if html_title and key(b.text) in {key(part) for part in TITLE_SEPARATORS.split(html_title)}:
        b.label, b.reason = DROPPED, "html.headline"
        return
    title_text = fields.get("title") or known_title
    if title_text:
        title = set(WORD.findall(title_text.lower()))
        words = WORD.findall(b.text.lower())
        if sum(w in title for w in words) >= _HEADLINE_OVERLAP * max(1, len(words)):
            b.label, b.reason = DROPPED, "html.headline"
    else:
        fields["title"] = b.text
        b.label, b.reason = "title", "html.headline"


_NAME = regex.compile(r"(?:(?i:by|oleh|por|par|von|di|door)\s+)?(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})")


def _date(blocks: list[Block], first: int, lang: str | None, fields: dict, reference: datetime | None) -> None:
    if fields.get("date"):
        return
    _, fillers = _phrases()
    # Date lines sit next to the headline, in the header, or just inside the article's first lines
    # (an author box under the first paragraph: name, bio, links to the author's posts, date).
    near: list[Block] = []
    title_at = next((i for i, b in enumerate(blocks) if b.reason == "heuristic.title"), None)
    if title_at is not None:
        near = blocks[max(0, title_at - 3) : title_at + 6]
    window = [b for b in near + blocks[max(0, first - 15) : first + 5]
              if b.label != BODY or len(b.text) < 120 or _STRIP_SEP.search(b.text)]
    noted = False  # an ambiguous numeric date seen (said once in the notes)
    for b in window:
        if b.dom is not None and b.dom.tag == "tr":
            continue  # a date in a table row is a fact in it ("Founded | 1998"), not the page's
        if b.action is None and b.label in (BODY, DROPPED) and _strip(b, lang, reference, fields):
            return
        if len(b.text) > 160:
            continue
        found = find_date(b.text, day_first=day_first(lang), reference=reference, lang=lang)
        if found is None:
            if not noted and (readings := ambiguous_date(b.text)) is not None:
                noted = True
                fields.setdefault("notes", []).append(
                    f"date not reported: {b.text.strip()!r} reads as {readings.day_first} (day first) "
                    f"or {readings.month_first} (month first), and the page does not say which")
            continue
        fields["date"] = found.iso
        rest = b.text[: found.start] + " " + b.text[found.end :]
        words = [w for w in WORD.findall(rest.lower()) if w not in fillers and not w.isdigit()]
        if b.label in (BODY, DROPPED) and b.action is None and len(words) <= 5:
            b.label, b.reason = "date", "heuristic.date-line"
            _byline_beside(b.text, found, fields)
        return


def _modified(blocks: list[Block], lang: str | None, fields: dict) -> None:
    """The last update's date, from a date line that labels one ("PUBLISHED: ... | UPDATED:
    11:05, Tue, Nov 19, 2019", "Mis à jour le ..."), or from its own "Updated: ..." line."""
    if fields.get("modified"):
        return
    for b in blocks:
        if b.label == "date":
            found = updated_date(b.text, day_first=day_first(lang))
            if found is not None:
                fields["modified"] = found.iso
                return


# A byline and date strip: "Le Monde | 04.05.2015 à 13h36 • Mis à jour le ... | Par Martin
# Untersinger (avec Damien Leloup et Morgane Tual)". Its parts are parted by these.
_STRIP_SEP = regex.compile(r"\s+[|•·]\s+")
# The words that lead a byline: "By", "Par", "Von", "Oleh", "Текст:" ... (the bare-name
# byline below reads the same ones).
_BY_WORDS = "by|par|por|von|oleh|di|door|текст:|автор:"
_STRIP_BYLINE = regex.compile(
    rf"(?i:{_BY_WORDS}|tekst:|autor:)\s+"
    r"(?P<names>\p{Lu}[^|•·()]{1,60}?)"
    r"\s*(?:\((?i:with|avec|con|com|mit|dengan|met|z|с)\s+(?P<more>[^()]{2,80})\))?"
)


def _strip(b: Block, lang: str | None, reference: datetime | None, fields: dict) -> bool:
    """A line of two or more parts, each a date, a byline or a short name (the site's), one of
    them a date: the page's date (the first) and its byline go to their fields, the line out."""
    if len(b.text) > 250:
        return False
    parts = _STRIP_SEP.split(b.text)
    if len(parts) < 2:
        return False
    _, fillers = _phrases()
    date = None
    author = None
    for part in parts:
        found = find_date(part, day_first=day_first(lang), reference=reference, lang=lang)
        if found is not None:
            rest = part[: found.start] + " " + part[found.end :]
            if len([w for w in WORD.findall(rest.lower()) if w not in fillers and not w.isdigit()]) > 3:
                return False
            date = date or found
            continue
        m = _STRIP_BYLINE.fullmatch(part.strip())
        if m is not None:
            author = author or m.group("names") + (", " + m.group("more") if m.group("more") else "")
            continue
        words = WORD.findall(part)
        if not (1 <= len(words) <= 4 and part.strip()[:1].isupper()):
            return False  # a part that is neither: a sentence, a menu
    if date is None:
        return False
    fields["date"] = date.iso
    if author and fields.get("author") is None:
        fields["author"] = names_list(author.strip())
    b.label, b.reason = "date", "heuristic.date-strip"
    return True


# A person's name alone on a line: two to four capitalised words, optionally led by a "by"
# word and followed by a handle or a role ("Natasha Turak@NatashaTurak", "Tom Gillespie").
# In capitals only with an affiliation after a comma ("VICTOR TANGERMANN, FUTURISM"): two
# words in capitals alone are a label ("LIVE UPDATES").
_BARE_NAME = regex.compile(
    rf"(?:[*+•-]\s+)?(?:(?i:{_BY_WORDS})\s+)?"
    r"(?P<name>\p{Lu}[\p{Ll}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’-]+)){1,3}"
    r"|\p{Lu}[\p{Lu}'’-]+(?:\s+\p{Lu}[\p{Lu}'’-]+){1,3}(?=\s*,))"
    r"\s*(?:@\w+|,\s*[\p{L} ]{2,40})?"
)


def _bare_byline(blocks: list[Block], first: int, lang: str | None, fields: dict) -> None:
    """A name alone on a line between the headline and the lead is the byline. Only there:
    elsewhere a line of capitalised words is a menu item or a teaser, and a wrong author is
    worse than none."""
    if fields.get("author") is not None:
        return
    title_at = next((i for i, b in enumerate(blocks) if b.reason == "heuristic.title"), None)
    if title_at is None or title_at >= first:
        return
    site_words, _ = _phrases()
    stops = stopwords(lang)

    def shaped(b: Block) -> regex.Match[str] | None:
        if b.label != DROPPED or b.action is not None or len(b.text) > 60:
            return None
        return _BARE_NAME.fullmatch(b.text)

    def name_of(b: Block) -> str | None:
        m = shaped(b)
        if not m:
            return None
        words = [w.lower() for w in WORD.findall(m.group("name"))]
        # "More Options", "Tech Insider": function words and publication words are no names.
        if any(w in stops or w in site_words for w in words):
            return None
        return m.group("name")

    for i in range(title_at + 1, min(first, title_at + 7)):
        name = name_of(blocks[i])
        if name is None:
            continue
        # Menus come in runs of such lines; a byline stands alone.
        if any(shaped(blocks[j]) for j in (i - 1, i + 1) if 0 <= j < len(blocks)):
            return
        fields["author"] = name
        blocks[i].label, blocks[i].reason = "author", "heuristic.bare-byline"
        return


def _byline_beside(text: str, found, fields: dict) -> None:
    """What is left beside the date on a short date line is often the byline:
    "Posted on Maret 30, 2015 by Admin", "Dan Goodin - Apr 16, 2015 8:02 pm UTC"."""
    if fields.get("author") is not None:
        return
    _, fillers = _phrases()
    rest = text[: found.start] + " " + text[found.end :]
    kept = " ".join(w for w in regex.split(r"[\s|•·*,-]+", rest) if w and w.lower() not in fillers and not w.isdigit())
    m = _NAME.fullmatch(kept.strip(" .:"))
    name = m.group("name") if m else ""
    if len(name) >= 4 and not any(ch.isdigit() for ch in name):  # not "UK", "ET"
        fields["author"] = name


def _description(blocks: list[Block], body_idx: list[int], fields: dict) -> None:
    """A standfirst is a sentence under the headline that the lead repeats in other words, or
    that the byline or date line separates from the lead (Title / standfirst / By X / lead)."""
    if len(body_idx) < 3 or fields.get("description") or not fields.get("title"):
        return  # a standfirst sits under a headline; without one, the first paragraph is the lead
    if _standfirst_under_title(blocks, body_idx[0], fields):
        return
    i, j = body_idx[0], body_idx[1]
    between = blocks[i + 1 : j]
    if any(b.label in ("author", "date") for b in between):
        if _standfirst_like(blocks[i].text):
            fields["description"] = blocks[i].text
            blocks[i].label, blocks[i].reason = "description", "heuristic.standfirst-above-byline"
        elif _CREDITED.search(blocks[i].text) and len(blocks[i].text) <= 300:
            # "... rising above Jupiter's cloud tops in 2007. (Source: NASA)": the lead photo's caption.
            fields["captions"].append(blocks[i].text)
            blocks[i].label, blocks[i].reason = "captions", "heuristic.caption-above-byline"
        return
    a = Counter(w.lower() for w in WORD.findall(blocks[i].text))
    b = Counter(w.lower() for w in WORD.findall(blocks[j].text))
    if not a or sum(a.values()) < 6:
        return
    overlap = sum((a & b).values()) / sum(a.values())
    if overlap >= 0.6 and sum(b.values()) >= sum(a.values()) * 0.8:
        fields["description"] = blocks[i].text
        blocks[i].label, blocks[i].reason = "description", "heuristic.standfirst-repeated-by-lead"


def _standfirst_under_title(blocks: list[Block], first: int, fields: dict) -> bool:
    """Headline / standfirst / byline or date line / lead: the sentence between the headline
    and the byline, which the article's region left out, is the standfirst. (On text: an
    HTML page names its own description.)"""
    title_at = next((i for i in range(first - 1, -1, -1) if blocks[i].label == "title"), None)
    if title_at is None:
        return False
    after = list(islice((b for b in blocks[title_at + 1 : first] if b.text.strip()), 4))
    if not after:
        return False
    b = after[0]
    if (b.label == DROPPED and b.rule is None and b.dom is None and _standfirst_like(b.text)
            and any(n.label in ("author", "date") for n in after[1:])):
        fields["description"] = b.text
        b.label, b.reason = "description", "heuristic.standfirst-under-title"
        return True
    return False


# A wire story's lead: "ST. JOSEPH, Mich. (AP) — ...", "WASHINGTON (Reuters) - ..."
_WIRE_LEAD_TRIES = 60  # body lines: a page's teasers above the story are fewer
_WIRE_HEAD = 76  # the place (40), the credit in brackets (32) and spaces: where the "(" must be
_WIRE_LEAD = regex.compile(rf"\p{{Lu}}[\p{{L}}\s.,'-]{{1,40}}?\s*\([^()]{{2,30}}\){_DASH}")


def _wire_lead(blocks: list[Block], first: int) -> int:
    """Text input: a wire story's dated lead opens the article wherever the region began; the
    body above it (a list of teasers the region took in) goes, as the site's header. Returns
    the first body line."""
    body = islice((i for i in range(first, len(blocks)) if blocks[i].label == BODY), _WIRE_LEAD_TRIES)
    lead = next((i for i in body if "(" in blocks[i].text[:_WIRE_HEAD] and _WIRE_LEAD.match(blocks[i].text)), None)
    if lead is None or lead == first:
        return first
    for b in blocks[first:lead]:
        if b.label == BODY:
            b.label, b.reason = DROPPED, "heuristic.before-wire-lead"
    return lead


def _standfirst_like(text: str) -> bool:
    """A sentence of six words or more; not a caption with its credit, nor names alone
    ("Lisa Kaczke and Trevor J. Mitchell Sioux Falls Argus Leader": a byline; a sentence has
    words in lower case, where its script has case)."""
    return (len(WORD.findall(text)) >= 6 and len(text) <= 300 and _NOT_HEADLINE.search(text) is None
            and not (len(_LOWER_WORD.findall(text)) < 3 and _UPPER.search(text) is not None))


_LOWER_WORD, _UPPER = regex.compile(r"(?<!\S)\p{Ll}"), regex.compile(r"\p{Lu}")


_BULLET = regex.compile(r"[*•·▪–-]\s")
_LEAD_TRIES = 3
_LEAD_MARK, _LEAD_HEAD = regex.compile(r"[-–—(:]"), 120


def _lead(blocks: list[Block], fields: dict) -> None:
    """The lead's dateline and credits. The lead is the first paragraph, not a "Key Points"
    bullet above it; or one of the next two, under a caption kept as body, when it opens with
    a dateline that names its place (the bare "WORD —" form only counts on the first)."""
    leads = islice((b for b in blocks if b.label == BODY and not _BULLET.match(b.text)), _LEAD_TRIES)
    for n, lead in enumerate(leads):
        if not _LEAD_MARK.search(lead.text, 0, _LEAD_HEAD):
            continue  # every credit ends in a dash, a bracket or a colon near the line's start
        for pat in _LEADS if n == 0 else _LEADS[:-1]:
            m = pat.match(lead.text)
            if not m:
                continue
            g = {k: (v.strip(" ,") if v else None) for k, v in m.groupdict().items()}
            site, place, src = g.get("site"), g.get("place"), g.get("src")
            if site and place and not _is_siteish(site):
                place, site = f"{place}, {site}", None  # "SIOUX FALLS, S.D.": a state, not a site
            if site and not place and not _is_siteish(site):
                # "WASHINGTON —": a lone upper-case place, not a publication.
                if regex.fullmatch(_CAPS_WORDS, site) and len(site) > 2:
                    place, site = site, None
                else:
                    continue
            if site:
                fields["site"] = fields.get("site") or site
            if place:
                fields["dateline"] = fields.get("dateline") or place
            if src:
                fields["source"] = fields.get("source") or src
            return


@lru_cache(maxsize=1)
def _republished_credit() -> regex.Pattern[str]:
    """'[This article was] originally published by <Outlet>[ under ...][. Read the original
    article.]' and its kin in phrases.toml: the outlet, in a name's capitals."""
    credits = "|".join(regex.escape(c).replace(r"\ ", r"\s+") for c in phrase_doc()["republished_credits"])
    nouns = "|".join(phrase_doc()["article_nouns"])
    return regex.compile(
        rf"(?:(?:\p{{L}}+'?\s*){{0,2}}(?i:{nouns})\b[^.]{{0,30}}?\s)?(?i:{credits})\s+"
        rf"(?P<src>\p{{Lu}}[\p{{L}}\d&'’-]*(?:\.[\p{{L}}\d]+)*(?:\s+(?:\p{{Lu}}|\d)[\p{{L}}\d&'’-]*(?:\.[\p{{L}}\d]+)*){{0,5}})"
        rf"(?:\s+(?i:under|with|on|am|le|el|em)\b[^.]*)?[.!]?(?:\s+\S.{{0,60}})?$")


def _republished(blocks: list[Block], fields: dict) -> None:
    """A republished article's credit to the outlet that first ran it, among the body's last
    lines or right under them: that outlet is the source. The line is printed as part of the
    story: it stays in the body, or joins it from under its end (a short line, dropped)."""
    if fields.get("source"):
        return
    last = next((i for i in range(len(blocks) - 1, -1, -1) if blocks[i].label == BODY), None)
    if last is None:
        return
    # Under the end: the lines a heuristic dropped (a list of related links may come first),
    # up to the first a rule decided.
    under = list(takewhile(lambda b: b.rule is None and b.label == DROPPED,
                           islice((b for b in islice(blocks, last + 1, None) if b.text.strip()), _CREDIT_TRIES * 2)))
    tail = islice((blocks[i] for i in range(last, -1, -1) if blocks[i].label == BODY), _CREDIT_TRIES)
    credits = phrase_doc()["republished_credits"]
    for b in [*tail, *under]:
        low = b.text[:120].lower()
        if len(b.text) <= 200 and any(c in low for c in credits) and (m := _republished_credit().match(b.text)):
            fields["source"] = m.group("src")
            if b.label != BODY:
                b.label, b.reason = BODY, "heuristic.republished-credit"
            return


_CREDIT_TRIES = 3


def _masthead(blocks: list[Block], fields: dict) -> None:
    """The page's first line, when it is a short upper-case name or a domain: the site."""
    if fields.get("site") or not blocks:
        return
    b = blocks[0]
    t = b.text
    if b.label in ("title", BODY) or b.action is not None or len(t) > 30 or len(WORD.findall(t)) > 4:
        return
    if regex.fullmatch(_DOMAIN, t) or (t.upper() == t and regex.search(r"\p{Lu}{2}", t)):
        fields["site"] = t
        b.label, b.reason = "site", "heuristic.masthead"
