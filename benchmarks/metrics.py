"""Bag-of-words and shingle precision/recall/F1 between a predicted and a gold text.

Tokens are Unicode word runs (``\\w+`` of the ``regex`` module, which follows
Unicode's definition of a word character, so accented and non-Latin scripts
tokenise sensibly), lowercased.  Both measures compare multisets, so a
paragraph kept twice is penalised and a repeated gold word must be found as
often as it occurs.

The shingle measure is the one of scrapinghub's article-extraction-benchmark:
4-token windows, so it also rewards keeping the words in their order and
punishes text glued in the middle of a paragraph.  (Their tokens keep case;
ours are lowercased, and we average F1 per page instead of taking the harmonic
mean of the averaged precision and recall, see :func:`harmonic_mean_f1`.)

Every function here is pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import regex

_WORD = regex.compile(r"\w+", regex.UNICODE)

SHINGLE_SIZE = 4

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one prediction against one gold text."""

    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    """Return the lowercased Unicode word tokens (``\\w+`` runs) of ``text``. Invisible
    characters are no word break: "Vladi\u00admir" (a soft hyphen) is the one word a reader sees."""
    return _WORD.findall(text.lower().translate(_INVISIBLE))


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200c\u200d\u2060\ufeff"))  # (not U+200B: a word break in Thai)


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Return the multiset of ``size``-token windows of ``tokens``.

    A text shorter than ``size`` tokens (but not empty) is one shingle made of all
    its tokens, so that short texts still count; an empty text has no shingle.
    """
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def prf_counts(predicted: Counter[T], gold: Counter[T]) -> PRF:
    """Precision/recall/F1 of two multisets, matching items by multiset overlap.

    Conventions for empty sides: both empty -> 1, 1, 1 (nothing to find, nothing
    wrongly kept); exactly one empty -> 0, 0, 0 (an empty prediction found
    nothing, and a prediction for an empty gold is all noise).
    """
    n_pred = sum(predicted.values())
    n_gold = sum(gold.values())
    if n_pred == 0 and n_gold == 0:
        return PRF(1.0, 1.0, 1.0)
    if n_pred == 0 or n_gold == 0:
        return PRF(0.0, 0.0, 0.0)
    overlap = sum((predicted & gold).values())
    precision = overlap / n_pred
    recall = overlap / n_gold
    return PRF(precision, recall, f1_score(precision, recall))


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def token_prf(predicted: Sequence[str], gold: Sequence[str]) -> PRF:
    """Bag-of-words precision/recall/F1 of two token lists."""
    return prf_counts(Counter(predicted), Counter(gold))


def shingle_prf(predicted: Sequence[str], gold: Sequence[str], size: int = SHINGLE_SIZE) -> PRF:
    """Shingle (``size``-gram multiset) precision/recall/F1 of two token lists."""
    return prf_counts(shingles(predicted, size), shingles(gold, size))


def text_scores(predicted: str, gold: str) -> tuple[PRF, PRF]:
    """Token and shingle scores of two texts, as ``(token, shingle)``."""
    pred_tokens, gold_tokens = tokenize(predicted), tokenize(gold)
    return token_prf(pred_tokens, gold_tokens), shingle_prf(pred_tokens, gold_tokens)


def harmonic_mean_f1(precisions: Sequence[float], recalls: Sequence[float]) -> float:
    """F1 the way scrapinghub's benchmark reports it: harmonic mean of the mean
    precision and the mean recall over pages (not the mean of per-page F1)."""
    if not precisions or not recalls:
        return 0.0
    return f1_score(sum(precisions) / len(precisions), sum(recalls) / len(recalls))


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values``, linearly interpolated
    between closest ranks (numpy's default); 0.0 for no value."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# --- line decisions (hand-labelled pages) ----------------------------------------------

_WRAPPED_MIN = 20  # a line this long found inside a kept paragraph is kept (re-flowed text)


def _squash(text: str) -> str:
    return " ".join(text.split())


def kept_lines(lines: Sequence[str], output: str) -> list[bool | None]:
    """Which input ``lines`` a tool's ``output`` kept (None for blank lines).

    A line is kept when it is an output paragraph, when it is long enough to be found inside
    one (a hard-wrapped paragraph re-joined, a tool that re-flows), or when a long output
    paragraph is found inside it (inline chrome cut from the line).  Whitespace runs are
    compared as one space.  Both sides must be normalised alike (see
    :func:`benchmarks.run.line_scores`)."""
    paragraphs = [p for p in (_squash(x) for x in output.split("\n")) if p]
    exact = set(paragraphs)
    joined = "\n".join(paragraphs)
    long_paragraphs = [p for p in paragraphs if len(p) >= _WRAPPED_MIN]
    kept: list[bool | None] = []
    for raw in lines:
        line = _squash(raw)
        if not line:
            kept.append(None)
        elif line in exact or (len(line) >= _WRAPPED_MIN and line in joined):
            kept.append(True)
        else:
            kept.append(any(p in line for p in long_paragraphs))
    return kept


@dataclass(frozen=True)
class LineCounts:
    """Line decisions of one tool against the hand labels, counted over non-blank lines."""

    dropped_right: int = 0  # chrome the tool dropped
    chrome_kept: int = 0  # chrome the tool kept
    body_lost: int = 0  # body lines the tool dropped
    body_kept: int = 0  # body lines the tool kept

    def __add__(self, other: LineCounts) -> LineCounts:
        return LineCounts(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.dropped_right, self.chrome_kept, self.body_lost, self.body_kept)

    @property
    def dropped_precision(self) -> float:
        """Of the lines the tool dropped, the share that were chrome (low: body lost)."""
        dropped = self.dropped_right + self.body_lost
        return self.dropped_right / dropped if dropped else 1.0

    @property
    def dropped_recall(self) -> float:
        """Of the chrome lines, the share the tool dropped (low: chrome kept)."""
        chrome = self.dropped_right + self.chrome_kept
        return self.dropped_right / chrome if chrome else 1.0


def line_counts(gold: Sequence[bool | None], predicted: Sequence[bool | None]) -> LineCounts:
    """Count a tool's kept/dropped lines against the gold ones (blank lines skipped)."""
    counts = [0, 0, 0, 0]
    for g, p in zip(gold, predicted):
        if g is None:
            continue
        counts[(0 if not p else 1) if not g else (2 if not p else 3)] += 1
    return LineCounts(*counts)


# --- metadata -------------------------------------------------------------------------

RIGHT, MISSING, WRONG = "right", "missing", "wrong"
NAME_FIELDS = frozenset({"author", "site", "source", "editor"})
# Between two names: a comma, a conjunction, or a co-author's parenthesis ("X (avec Y et Z)").
_NAME_SPLIT = regex.compile(
    r"\s*(?:,|;|&|\band\b|\bdan\b|\bund\b|\bet\b|\by\b|\be\b|\((?:with|avec|con|com|mit|dengan|met)\b|\))\s*", regex.I)
_ISO = regex.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def _date_parts(value: str) -> tuple[str, str | None, str | None] | None:
    m = _ISO.match(value.strip())
    if m is None:
        return None
    zone = m.group(3)
    if zone == "Z":
        zone = "+00:00"
    elif zone and ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    return m.group(1), m.group(2), zone


def same_date(predicted: str, gold: str) -> bool:
    """Same instant (to the minute) when both give a time and a zone; else same day, same
    minute when both give a time, same offset when both give a zone. (A date without the time
    the gold has is not wrong, only less precise.)"""
    p, g = _date_parts(predicted), _date_parts(gold)
    if p is None or g is None:
        return _squash(predicted) == _squash(gold)
    if p[1] and g[1] and p[2] and g[2]:  # two instants: compare them, whatever the zones
        return _instant(p) == _instant(g)
    if p[0] != g[0]:
        return False
    if p[1] and g[1] and p[1] != g[1]:
        return False
    return not (p[2] and g[2] and p[2] != g[2])


def _instant(parts: tuple[str, str | None, str | None]) -> datetime:
    return datetime.fromisoformat(f"{parts[0]}T{parts[1]}{parts[2]}")


# A byline's lead word is not part of the name ("By Ana Sandoiu", "Par Sébastien Farcis").
_BYLINE_WORD = regex.compile(r"^(?:written\s+by|by|par|por|von|oleh|di|door|av|przez|автор:?)\s+", regex.I)


def _names(value: str) -> frozenset[str]:
    """The names of a byline, without case or order. Only its first line: a byline element's
    raw text (the readability gold's) goes on with the date or the desk on further lines."""
    lines = [_BYLINE_WORD.sub("", _squash(line) + " ").strip() for line in value.splitlines()]
    first = next((line for line in lines if line and not _BYLINE_WORD.match(line + " ")), "")
    names = (n.casefold().strip(" .") for n in _NAME_SPLIT.split(_BYLINE_WORD.sub("", _squash(first))))
    return frozenset(n for n in names if n and n not in _CREDENTIALS)


# Degrees and suffixes after a name ("Brenda Goodman, MA"): not a second author.
_CREDENTIALS = frozenset({"ma", "md", "phd", "ph.d", "mph", "rn", "jr", "sr", "ms", "mba", "msc", "bsc"})


def same_value(field: str, predicted: str, gold: str) -> bool:
    """Compare two metadata values the way a reader would: whitespace runs as one space,
    curly quotes as straight ones, names without case and in any order, dates to the minute with their zone, languages
    by their primary subtag."""
    if field == "date":
        return same_date(predicted, gold)
    if field == "language":
        return predicted.split("-")[0].lower() == gold.split("-")[0].lower()
    if field in NAME_FIELDS:
        return _names(predicted) == _names(gold)
    return _squash(predicted).translate(_PLAIN_QUOTES) == _squash(gold).translate(_PLAIN_QUOTES)


# Curly and straight quotes read alike: a page's headline prints ‘Star Wars’ where its
# <title> (a gold's source) has 'Star Wars'.
_PLAIN_QUOTES = str.maketrans("‘’‚‛“”„‟", "''''" + '""""')


def field_outcome(field: str, predicted: str | None, gold: str | None) -> str:
    """right, missing or wrong.  A gold None means the page does not state the field: then
    saying nothing is right and any value is wrong (invented)."""
    predicted = predicted or None
    if gold is None:
        return RIGHT if predicted is None else WRONG
    if predicted is None:
        return MISSING
    return RIGHT if same_value(field, predicted, gold) else WRONG
