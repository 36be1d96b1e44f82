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
    """Return the lowercased Unicode word tokens (``\\w+`` runs) of ``text``."""
    return _WORD.findall(text.lower())


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
