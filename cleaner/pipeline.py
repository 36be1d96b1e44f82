"""The one place where the stages are chained:

    text: normalize -> segment -------------------> rules -> classify -> metadata -> assemble
    HTML: html.parse (DOM -> lines + evidence, page metadata) -> normalize -> dom rules -> ...

Each stage only adds evidence to the blocks; `assemble` is the only one that removes.
"""

from __future__ import annotations

import gc
import re
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from cleaner import classify, html, lang, metadata
from cleaner.article import Article, Block
from cleaner.classify import FAVORS
from cleaner.assemble import assemble
from cleaner.normalize import normalize
from cleaner.rules import RuleSet, load_rules
from cleaner.segment import segment


class Config(NamedTuple):
    """How to clean. One typed object instead of keyword flags (after ftfy's TextFixerConfig).

    language: ISO 639-1 hint; when given it wins over detection (and over the HTML's lang).
    rules: extra rule files (TOML), applied before the built-in packs.
    builtin_rules: False to run only the user's rules.
    format: "auto" (HTML when the input looks like HTML), "html" or "text".
    engine: "cleaner", or "trafilatura" for its extraction instead of ours.
    reference: when the page was fetched (timezone-aware is best): relative dates such as
        "2 hours ago" or "kemarin" are read against it; without it they are not read.
    favor: "balanced", or "precision" (less chrome let through, more article lost) or
        "recall" (the reverse): one knob, set in heuristics.toml's [favor] profiles.
    """

    language: str | None = None
    rules: tuple[str, ...] = ()
    builtin_rules: bool = True
    format: str = "auto"
    engine: str = "cleaner"
    reference: datetime | None = None
    favor: str = "balanced"


@lru_cache(maxsize=16)
def _ruleset(files: tuple[str, ...], builtin: bool) -> RuleSet:
    return load_rules(list(files), builtin=builtin)


_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.{3}|…)$")


_SPACE_RUN = re.compile(r"\s{4,}")


def _label(text: str) -> str:
    """A line as its rules read it: "Você pode gostar..." and "Read more…" are the labels
    "Você pode gostar" and "Read more" trailing off (every pack's patterns need not say so);
    a long run of spaces reads as one (no pattern needs more, and some would backtrack on it)."""
    if "    " in text:
        text = _SPACE_RUN.sub(" ", text)
    if len(text) <= 120 and (text.endswith("...") or text.endswith("…")):
        return _TRAILING_ELLIPSIS.sub("", text) or text
    return text


def apply_rules(text: str, blocks: list[Block], rules: RuleSet, language: str | None) -> None:
    """Stage 3: tag blocks with the rule that matches them, cut inline chrome spans."""
    to_strip = rules.strip_lines(text, language)
    for b in blocks:
        # Lines of a <pre> are code or verse: its "<div>" is the listing's, not a leaked tag.
        # (A hard-wrapped paragraph's block spans several lines: a span on any of them counts.)
        hit = b.index in to_strip or (b.span > 1 and any(b.index + k in to_strip for k in range(1, b.span)))
        if hit and (b.dom is None or b.dom.tag != "pre"):
            new, fired = rules.strip_spans(b.text, language)
            if fired:
                b.text, b.stripped = new, fired
            if not b.text:
                b.action, b.rule = "drop", fired[0] if fired else None
    # Nor do line rules ("}" is punctuation only) apply to them.
    texts = [_label(b.text) if b.action is None and (b.dom is None or b.dom.tag != "pre") else "" for b in blocks]
    for b, m in zip(blocks, rules.match_lines(texts, language)):
        if m is not None:
            b.rule, b.action, b.guard, b.box = m.rule.id, m.rule.action, m.rule.guard, m.rule.box
            b.field, b.value = m.rule.field, m.value
    # Lines the DOM put in a chrome box are still read for sure end markers: "View Comments" in
    # a comment box says the article is over ("Related" in a box may stand mid-article).
    boxed = [b.text if b.rule and b.rule.startswith("dom.chrome") else "" for b in blocks]
    if any(boxed):
        for b, m in zip(blocks, rules.sure_ends.match_lines(boxed, language)):
            if m is not None:
                b.rule, b.action, b.guard = m.rule.id, m.rule.action, m.rule.guard


def run(text: str, config: Config | None = None) -> Article:
    # The cyclic garbage collector pauses for the call: a page makes up to millions of small
    # objects and no cycles, and the collector's passes over them cost a third of the time on
    # a 1,000,000-line page. Its state is restored after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(text, config)
    finally:
        if enabled:
            gc.enable()


def _run(text: str, config: Config | None = None) -> Article:
    config = config or Config()
    if config.format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {config.format!r}")
    if config.engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {config.engine!r}")
    if config.favor not in FAVORS:
        raise ValueError(f"favor must be one of {', '.join(FAVORS)}, not {config.favor!r}")
    is_html = config.format == "html" or (config.format == "auto" and html.looks_like_html(text))
    if config.engine == "trafilatura":
        from cleaner.engines import trafilatura_article

        return trafilatura_article(text, is_html, config.language, precision=config.favor == "precision",
                                   recall=config.favor == "recall")
    if is_html:
        return _run_html(text, config)
    rules = _ruleset(tuple(config.rules), config.builtin_rules).for_input("text")
    norm = normalize(text)
    n_lines = norm.count("\n") + 1 if norm else 0
    blocks = segment(norm)
    language = config.language or lang.detect(norm)
    return _decide(norm, n_lines, blocks, rules, language, {"captions": []}, reference=config.reference, favor=config.favor)


FORMATS = ("auto", "html", "text")
ENGINES = ("cleaner", "trafilatura")


def _run_html(source: str, config: Config) -> Article:
    rules = _ruleset(tuple(config.rules), config.builtin_rules).for_input("html")
    page = html.parse(source)
    text, page.text = page.text, ""  # (held once: the page's lines are as large as the page)
    norm = normalize(text)
    if norm.count("\n") != text.count("\n"):  # an entity decoded to a line break
        norm = "\n".join(normalize(line).replace("\n", " ") for line in text.split("\n"))
    del text
    n_lines = norm.count("\n") + 1 if norm else 0
    # The text path's segmenting: a paragraph broken by <br>s at a fixed width is one block
    # (only across <br>s: separate elements stay separate).
    blocks = segment(norm, page.broken)
    for b in blocks:
        b.dom = page.dom[b.index]
    # A hint wins over detection: the caller's, then the page's own <html lang> or metadata.
    language = config.language or page.meta.get("language", (None, ""))[0] or lang.detect(norm)
    html.tag_blocks(blocks)
    fields: dict = {"captions": [], "notes": list(page.notes)}
    return _decide(norm, n_lines, blocks, rules, language, fields, page.meta, config.reference, config.favor)


def _decide(
    norm: str, n_lines: int, blocks: list[Block], rules: RuleSet, language: str | None,
    fields: dict, page_meta: dict[str, tuple[str, str]] | None = None, reference: datetime | None = None,
    favor: str = "balanced",
) -> Article:
    apply_rules(norm, blocks, rules, language)
    classify.classify(blocks, language, favor)
    for b in blocks:  # rule decisions become labels; metadata may still claim field lines
        if b.action in ("drop", "end"):
            b.label, b.reason = "dropped", b.rule or ""
    known_title = None
    if page_meta is not None:
        # HTML: the title the page names, else its first <h1>; never a guess from the lines.
        known_title = page_meta["title"][0] if "title" in page_meta else next(
            (b.text for b in blocks if b.dom is not None and b.dom.heading == 1), "")
    html_title = page_meta["html_title"][0] if page_meta and "html_title" in page_meta else None
    metadata.extract(blocks, language, fields, known_title, reference, html_title)
    if page_meta:
        html.merge_metadata(blocks, fields, page_meta)
    if language is None:
        fields.setdefault("notes", []).append(
            "language unknown: no stopword evidence, length and punctuation only")
    article = assemble(blocks, n_lines, fields, language, norm)
    # The decisions are made: the blocks go (the caller's list is emptied with them) before the
    # body is joined, so that a huge page never holds both; the body is as large as the article.
    blocks.clear()
    article.body = "\n\n".join(article.paragraphs)
    return article
