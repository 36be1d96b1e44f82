"""The one place where the stages are chained:

    normalize -> segment -> rules -> classify -> metadata -> assemble

Each stage only adds evidence to the blocks; `assemble` is the only one that removes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from cleaner import classify, lang, metadata
from cleaner.article import Article, Block
from cleaner.assemble import assemble
from cleaner.normalize import normalize
from cleaner.rules import RuleSet, load_rules
from cleaner.segment import segment


class Config(NamedTuple):
    """How to clean. One typed object instead of keyword flags (after ftfy's TextFixerConfig).

    language: ISO 639-1 hint; when given it wins over detection.
    rules: extra rule files (TOML), applied before the built-in packs.
    builtin_rules: False to run only the user's rules.
    """

    language: str | None = None
    rules: tuple[str, ...] = ()
    builtin_rules: bool = True


@lru_cache(maxsize=16)
def _ruleset(files: tuple[str, ...], builtin: bool) -> RuleSet:
    return load_rules(list(files), builtin=builtin)


def apply_rules(text: str, blocks: list[Block], rules: RuleSet, language: str | None) -> None:
    """Stage 3: tag blocks with the rule that matches them, cut inline chrome spans."""
    to_strip = rules.strip_lines(text, language)
    for b in blocks:
        if b.index in to_strip:
            new, fired = rules.strip_spans(b.text, language)
            if fired:
                b.text, b.stripped = new, fired
            if not b.text:
                b.action, b.rule = "drop", fired[0] if fired else None
    for b, m in zip(blocks, rules.match_lines([b.text if b.action is None else "" for b in blocks], language)):
        if m is not None:
            b.rule, b.action, b.guard = m.rule.id, m.rule.action, m.rule.guard
            b.field, b.value = m.rule.field, m.value


def run(text: str, config: Config | None = None) -> Article:
    config = config or Config()
    rules = _ruleset(tuple(config.rules), config.builtin_rules)
    norm = normalize(text)
    n_lines = norm.count("\n") + 1 if norm else 0
    blocks = segment(norm)
    language = config.language or lang.detect(norm)
    apply_rules(norm, blocks, rules, language)
    classify.classify(blocks, language)
    for b in blocks:  # rule decisions become labels; metadata may still claim field lines
        if b.action in ("drop", "end"):
            b.label, b.reason = "dropped", b.rule or ""
    fields: dict = {"captions": []}
    metadata.extract(blocks, language, fields)
    if language is None:
        fields["notes"] = ["language unknown: no stopword evidence, length and punctuation only"]
    return assemble(blocks, n_lines, fields, language, norm)
