"""Language identification and stopwords, offline.

Stopwords do double duty: their share in a line is the strongest single sign of running prose
(jusText's insight), and which language's stopwords a page is full of says its language. Both
come from jusText's stoplists, read once and cached. Scripts without spaces are recognised by
their characters instead.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import justext
import regex

_DATA = Path(__file__).parent / "data" / "languages.toml"
# Words: the standard library's `re` is faster than `regex` for this simple, hot pattern.
WORD = re.compile(r"\w+")
# ... but its \w leaves out the combining vowel signs and viramas that Indic and Southeast Asian
# scripts write inside words ("भारत" would be "भ", "रत"). Lines in those scripts are read with
# this one (the scripts' marks added); the test for them is cheap, and most text never needs it.
_MARKED = re.compile("[\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_MARKED_WORD = re.compile("[\\w\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")


def words_of(text: str) -> list[str]:
    """The words of `text` (lower-case it first for stopwords), marks kept inside words."""
    return word_pattern(text).findall(text)


def word_pattern(text: str) -> re.Pattern[str]:
    """The pattern that reads the words of `text`: `WORD`, unless its script needs the marks."""
    return WORD if text.isascii() or _MARKED.search(text) is None else _MARKED_WORD


_HAN = regex.compile(r"\p{Han}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HANGUL = regex.compile(r"\p{Hangul}")
_THAI = regex.compile(r"\p{Thai}")
# A line long enough to vote: 40 characters (a clause), or a dozen in Chinese or Japanese,
# where a whole sentence may be 20 characters.
_LONG_LINE = re.compile("^(?:.{40,}|.*[\u3040-\u30ff\u3400-\u9fff].{11,})$", re.MULTILINE)
# Any character of Thai, Hangul, kana or CJK ideographs: a cheap test before the script counts.
_ASIAN = re.compile("[\u0e00-\u0eff\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# Characters of scripts written without spaces between words: Han, kana, Thai, Lao, Khmer,
# Myanmar, as code-point ranges for the standard library's `re` (runs on every non-ASCII line).
NOSPACE = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))["stoplists"]


def supported() -> list[str]:
    """ISO 639-1 codes with stopword evidence, plus the no-space scripts."""
    return sorted([*_codes(), "zh", "ja", "th"])


@lru_cache(maxsize=64)
def stopwords(lang: str | None) -> frozenset[str]:
    """Lower-case stopwords of `lang`; empty when the language has no list (say so upstream)."""
    name = _codes().get(lang or "")
    if name is None:
        return frozenset()
    return frozenset(w.lower() for w in justext.get_stoplist(name))


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[int, ...]]:
    """word -> indices of the languages whose stoplist has it (one dict lookup per token)."""
    idx: dict[str, list[int]] = {}
    for i, code in enumerate(_codes()):
        for w in stopwords(code):
            idx.setdefault(w, []).append(i)
    return {w: tuple(v) for w, v in idx.items()}


MIN_VOTES = 1.5


def _first_words(text: str, n: int) -> list[str]:
    """The first `n` words of `text`, reading no more of it than they need: first up to a space
    after 8 characters a word (a word never spans a space, so the cut splits none)."""
    pattern = word_pattern(text)
    cut = text.find(" ", 8 * n)
    if cut < 0:
        return pattern.findall(text)[:n]
    words = pattern.findall(text, 0, cut)
    if len(words) < n:
        words += pattern.findall(text, cut)
    return words[:n]


def detect(text: str, max_tokens: int = 250) -> str | None:
    """The page's language as an ISO 639-1 code, or None when there is no evidence.

    Votes come only from words of long lines, so that a menu in another language (common on
    sites in Indonesian with English templates) does not outvote the article.
    """
    # Collected lazily: a long page need not be split whole for a 4,000-character sample.
    parts: list[str] = []
    size = 0
    for m in _LONG_LINE.finditer(text):
        line = m.group()
        if "   " in line or line.count(" | ") >= 2:
            # A table row, in columns of spaces or cells parted by " | " (HTML), or a menu:
            # names and figures, not prose (jusText's Finnish list holds "ryan", "kevin"...).
            continue
        parts.append(line)
        size += len(line)
        if size >= 4000:
            break
    joined = "\n".join(parts)[:4000] if parts else text[:4000]
    # Scripts without spaces first: their "words" would be whole sentences.
    asian = not joined.isascii() and _ASIAN.search(joined) is not None
    nospace = len(NOSPACE.findall(joined)) if asian else 0
    if nospace > 0.2 * max(1, len(joined.replace(" ", ""))):
        if _HANGUL.search(joined) and len(_HANGUL.findall(joined)) > nospace:
            return "ko"
        if len(_KANA.findall(joined)) > 0.05 * nospace:
            return "ja"
        if len(_THAI.findall(joined)) > 0.5 * nospace:
            return "th"
        return "zh"
    if asian and len(_HANGUL.findall(joined)) > 0.2 * max(1, len(joined.replace(" ", ""))):
        return "ko"
    idx = _index()
    codes = list(_codes())
    votes = [0.0] * len(codes)
    hits = 0
    for word, count in Counter(_first_words(joined.lower(), max_tokens)).items():
        langs = idx.get(word)
        if langs:
            hits += count
            # A word shared by many languages says little: split its vote among them.
            share = count / len(langs)
            for i in langs:
                votes[i] += share
    best = max(range(len(codes)), key=votes.__getitem__)
    # Too little evidence to name a language (a caption, a menu): say "unknown" rather than
    # guess; the classifier then judges by length and punctuation alone.
    if hits < 3 or votes[best] < MIN_VOTES:
        return None
    return codes[best]
