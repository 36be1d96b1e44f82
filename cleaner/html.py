"""Stage 2 for HTML input: a selectolax (lexbor) DOM turned into lines of text, one per block
element, each line carrying its DOM evidence; and the metadata the page states about itself.

The lines then go through the same rules and heuristics as text input, so one rule set serves
both and every decision is still explained line by line. The DOM adds what text cannot know:
that a line sits in a <nav>, a "related-posts" box or a comment thread, that it is a heading
or a caption, how much of it is link text.

Where the page's own metadata (JSON-LD, OpenGraph, <meta>, <time>, <html lang>) names a field,
it is more specific than a guess from the visible text; `merge_metadata` says which source won.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from html import escape, unescape
from pathlib import Path
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.metadata import TITLE_SEPARATORS as _TITLE_SEPARATORS
from cleaner.metadata import key, names_list

_DATA = Path(__file__).parent / "data" / "dom.toml"
_SPACES = re.compile(r"\s+")
_TOKEN_SPLIT = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")  # "related-posts", "RelatedContent"
_DASHES = re.compile(r"[-_]+")
_new = tuple.__new__
_HIDDEN_STYLES = ("display:none", "display: none", "visibility:hidden", "visibility: hidden")
_HIDDEN_OR_FORM = ", ".join(["[hidden]", '[aria-hidden="true"]', *(f'[style*="{s}"]' for s in _HIDDEN_STYLES), "form"])
# A document that starts like HTML, or text dense with tags that only HTML has.
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml|head[\s>]|body[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|li|td|h[1-6]|img|meta|script|table)[\s/>]", re.IGNORECASE)
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")  # a JSON-LD block wrapped for XHTML


class Dom(NamedTuple):
    """What the DOM says about one line of an HTML page. (A NamedTuple: one is built per line,
    and a frozen dataclass costs several times more to build.)"""

    tag: str  # innermost block element: p, li, h2, td, div, pre, blockquote, figcaption ...
    heading: int = 0  # 1..6 inside <h1>..<h6>, else 0
    link_density: float = 0.0  # share of the line's characters inside <a>
    chrome: str | None = None  # the tag, role or class token of a chrome container around it
    content: bool = False  # inside the article's own container (itemprop=articleBody, .entry-content ...)
    caption: bool = False  # inside <figcaption>, a <figure>, or a "caption" classed element
    table: bool = False  # inside a table cell
    figure: bool = False  # inside <figure> or <figcaption> (the markup says it, not a class name)
    quote: bool = False  # inside <blockquote>


@dataclass
class HtmlPage:
    text: str  # one block element per line
    dom: list[Dom]  # one per line of `text`
    meta: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (value, source)
    notes: list[str] = field(default_factory=list)
    broken: set[int] = field(default_factory=set)  # lines a <br> ended (they may join the next)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    d = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    return {
        "skip": list(d["skip_tags"]),
        "block": frozenset(d["block_tags"]),
        "cells": frozenset(d["cell_tags"]),
        "chrome_tags": frozenset(d["chrome_tags"]),
        "chrome_roles": frozenset(d["chrome_roles"]),
        "chrome_tokens": frozenset(d["chrome_tokens"]),
        "modifiers": frozenset(d["modifier_tokens"]),
        "content": frozenset(d["content_tokens"]),
        "always_chrome": frozenset(d["always_chrome_tokens"]),
        "caption_tokens": frozenset(d["caption_tokens"]),
        "expanders": frozenset(d["expander_tokens"]),
        "embed_tokens": frozenset(d["embed_tokens"]),
        "in_flow": frozenset(d["in_flow_tokens"]),
        "content_flow": frozenset(d["in_flow_tokens"] + d["content_flow_tokens"]),
        **d["limits"],
    }


def in_flow_tokens() -> frozenset[str]:
    """Chrome tokens of boxes set in the article's flow (dom.toml): they do not part it."""
    return _data()["in_flow"]


def content_flow_tokens() -> frozenset[str]:
    """Chrome tokens of boxes that do not part the article inside its marked container: the
    in-flow ones and the insets of dom.toml's content_flow_tokens."""
    return _data()["content_flow"]


def looks_like_html(text: str) -> bool:
    """HTML, not text: it starts as a document does, or its head is dense with HTML tags.
    (A text with a leaked <a href> fragment or two stays text.)"""
    head = text[:4096].lstrip("\x00\ufeff")  # a BOM or NUL bytes before the document
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head)) >= 8 and head.lstrip().startswith("<")


# --- class names --------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _classify_names(names: str) -> tuple[str | None, bool, bool]:
    """(chrome token, content?, caption?) of an element's class names and id, cached: they
    repeat. The first name with a chrome token names the box."""
    chrome = None
    content = caption = False
    for name in names.split():
        c, is_content, is_caption = _classify_name(name)
        chrome = chrome or c
        content = content or is_content
        caption = caption or is_caption
    return chrome, content, caption


@lru_cache(maxsize=16384)
def _classify_name(name: str) -> tuple[str | None, bool, bool]:
    """(chrome token, content?, caption?) of one class name or id: names recur across pages
    and sites in ever new combinations, so each is judged once."""
    d = _data()
    low = name.lower()
    if low in d["content"]:
        return None, True, False
    if name == low or name.isupper():  # no camel case to part: str.split, not the regex (most names)
        tokens = _DASHES.split(low) if "_" in low or "--" in low else low.split("-")
    else:
        tokens = [t.lower() for t in _TOKEN_SPLIT.split(name)]
    if tokens[0] in d["modifiers"]:
        return None, False, False  # "has-sidebar", "no-comments": a state, not a box
    if len(tokens) > d["max_name_tokens"]:
        return None, False, False  # a slug ("sharing-with-a-single-developer"), a heading's anchor: not a box
    if not d["embed_tokens"].isdisjoint(tokens):
        return None, False, False  # an embedded post quoted by the article
    caption = False
    for t in tokens:
        if t in d["caption_tokens"]:
            caption = True
        elif t in d["chrome_tokens"]:
            return t, False, caption
    return None, False, caption


# --- the walk -----------------------------------------------------------------------


# Container tags that always have an end tag: their nesting depth can be counted by a scan.
_NESTING = re.compile(
    r"<(/?)(?:div|section|article|aside|main|header|footer|nav|blockquote|center|ul|ol|table|figure|span|font)\b[^>]*>",
    re.IGNORECASE,
)
MAX_DEPTH = 1000  # deeper than any real page; the parser's time grows with depth squared
_DEEP_SUSPECT = 5000  # a page with fewer tags than this is not scanned (most are not)


def _flatten(html: str) -> tuple[str, bool]:
    """`html` with the container tags nested deeper than MAX_DEPTH removed (their text stays),
    and whether any was. lexbor's tree builder walks the open elements at every block start,
    so 100,000 nested <div>s take minutes; no page nests a thousand deep for its content."""
    if html.count("<") < _DEEP_SUSPECT:
        return html, False
    depth, last, parts, changed = 0, 0, [], False
    for m in _NESTING.finditer(html):
        closing = bool(m.group(1))
        if not closing:
            depth += 1
        if depth > MAX_DEPTH:
            parts.append(html[last : m.start()])
            last, changed = m.end(), True
        if closing:
            depth = max(0, depth - 1)
    if not changed:
        return html, False
    parts.append(html[last:])
    return "".join(parts), True


# A page longer than twice this is parsed in parts of about PART characters, each freed before
# the next: lexbor's tree is about 6x the markup it holds (120 MB for a 20 MB page parsed whole).
# Each part re-opens the elements open where the last one ended, so a line keeps its containers;
# parsed in 64 KB parts, every dev-set page gives the same lines, evidence and body as whole.
# Text a part leaves unfinished goes on into the next, so a cut ends no line. What parts can still
# change, on markup built for it: the evidence of a chrome box nested in one of the same kind
# that a later part finds the headline in; text of a misnested table, or of a form with no prose
# open across a cut (the parser repairs each part on its own).
PART = 1 << 19
# A part ends before a block's start tag that follows a tag's end ("...</p>\n<div"), never inside
# a comment or an element whose content is raw text (a "<div" in a script is not a tag).
_RAW_OPEN = re.compile(r"<!--|<(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|template|plaintext)(?=[\s/>])",
                       re.IGNORECASE)
_RAW_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in
              ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "template")}
_BLOCK_START = re.compile(r">\s*(<(?:p|div|li|h[1-6]|section|article|aside|blockquote|figure|ul|ol|dl|table"
                          r"|header|footer|nav|main)(?=[\s/>]))", re.IGNORECASE)
# Put at a part's end, it lands in the element open there: its ancestors are what the next part
# re-opens, so each line keeps the containers (and their classes) the whole page gives it.
_CUT_MARK = "cleaner-part-end"
_SPINE_MARK = "data-cleaner-spine"
_BOX_MARK = "data-cleaner-box"
_KEPT_MARK = "data-cleaner-kept"
_OPEN_MARK = "data-cleaner-open"
_MARKS = (_SPINE_MARK, _BOX_MARK, _KEPT_MARK, _OPEN_MARK)


def _raw_end(html: str, m: re.Match[str]) -> int:
    """Where the comment or raw-text element `m` opens ends, or -1 if it never does."""
    if m.group(1) is None:
        k = html.find("-->", m.end())
        return k + 3 if k >= 0 else -1
    close = _RAW_CLOSE.get(m.group(1).lower())  # <plaintext> has no end
    c = close.search(html, m.end()) if close is not None else None
    return c.end() if c is not None else -1


def _cuts(html: str, part: int) -> list[int]:
    """Offsets where `html` may be cut into parts of about `part` characters (none for a page
    under twice that). An unclosed comment or script makes the rest one part. Linear: each
    search starts where the last ended."""
    cuts: list[int] = []
    n = len(html)
    if n <= 2 * part:
        return cuts
    i, target = 0, part
    raw = _RAW_OPEN.search(html)  # the next comment or raw-text element at or after i
    while n - target > part // 2:
        if raw is not None and raw.start() < target:
            i = _raw_end(html, raw)
            if i < 0:
                break
            raw = _RAW_OPEN.search(html, i)
            continue
        # (from the ">" just before: it may end the comment or script skipped last)
        cut = _BLOCK_START.search(html, max(i, target) - 1, raw.start() if raw is not None else n)
        if cut is not None:
            i = cut.start(1)
            cuts.append(i)
            target = i + part
        elif raw is None:
            break
        else:  # none before that comment or script: look after it
            i = _raw_end(html, raw)
            if i < 0:
                break
            raw = _RAW_OPEN.search(html, i)
    return cuts


Opened = list[tuple[str, dict[str, str | None], int]]  # (tag, attributes, id) of open elements, outermost first


def _open_at_mark(tree: LexborHTMLParser) -> Opened:
    """The elements open at the part's end (found by its mark, which goes); none when the mark
    is not under <body> (the parser moved or dropped it)."""
    mark = tree.root  # the last node of the document, as a rule: found without a scan
    while mark is not None and mark.last_child is not None:
        mark = mark.last_child
    if mark is None or mark.tag != _CUT_MARK:
        mark = tree.css_first(_CUT_MARK)  # the parser put it elsewhere (a table moves it out)
        if mark is None:
            return []
    opened = []
    node = mark.parent
    while node is not None and node.tag not in ("body", "html", "head"):
        opened.append((node.tag or "div", node.attributes, node.mem_id))
        node = node.parent
    mark.decompose()
    return opened[::-1] if node is not None and node.tag == "body" else []


def _reopen(opened: Opened, spine: set[int], box_of: dict[int, int]) -> str:
    """Start tags for the next part that re-open `opened`. What this part learnt about them goes
    along as attributes: on the page's spine (_SPINE_MARK), or the chrome box they started
    (_BOX_MARK: a later part may find the headline inside it, which makes it layout after all);
    a form that was kept (_KEPT_MARK) stays kept."""
    tags = []
    for tag, attrs, mem_id in opened:
        at = "".join(f' {k}="{escape(v or "", quote=True)}"' for k, v in attrs.items() if not k.startswith(_MARKS))
        if mem_id in spine:
            at += f" {_SPINE_MARK}"
        elif mem_id in box_of:
            at += f' {_BOX_MARK}="{box_of[mem_id]}"'
        if tag == "form":
            at += f" {_KEPT_MARK}"
        tags.append(f"<{tag}{at} {_OPEN_MARK}>")
    return "<body>" + "".join(tags) if tags else ""


def parse(html: str, part: int | None = None) -> HtmlPage:
    """Lines of text with their DOM evidence, and the page's metadata. A page over twice
    `part` (default PART) characters is parsed a part at a time."""
    notes: list[str] = []
    html, flattened = _flatten(html)
    if flattened:
        notes.append(f"markup nested deeper than {MAX_DEPTH} levels was flattened (its text is kept)")
    cuts = _cuts(html, part or PART)
    if cuts:
        notes.append(f"a page of {len(html):,} characters was parsed in {len(cuts) + 1} parts to bound memory; "
                     "the containers open at each cut were re-opened in the next part")
    walked = _Walked(box_of={} if cuts else None)
    meta: dict[str, tuple[str, str]] = {}
    ranks: dict[str, int] = {}
    reopen, has_body = "", False
    for start, end in zip([0, *cuts], [*cuts, len(html)]):
        if not cuts:
            source = html
        else:
            source = reopen + html[start:end] + ("" if end == len(html) else f"<{_CUT_MARK}></{_CUT_MARK}>")
        walked.last = end == len(html)
        reopen, body = _parse_part(source, walked, meta, ranks, start == 0)
        has_body = has_body or body
        del source
    if not has_body:
        return HtmlPage("", [], meta, [*notes, "the HTML has no body"])
    lines, doms, boxes, broken = walked.lines, walked.doms, walked.boxes, walked.broken
    if walked.pending and "".join(walked.pending).strip():  # (the last part had no body to end it in)
        lines.append(" ".join("".join(walked.pending).split()))
        doms.append(Dom("body"))
        boxes.append(-1)
    if walked.spine_boxes:  # boxes a later part found the headline in: layout, not chrome
        for i, b in enumerate(boxes):
            if b in walked.spine_boxes:
                doms[i], boxes[i] = doms[i]._replace(chrome=None), -1
    _unmark_wrappers(lines, doms, boxes, walked.inner, _data())
    del walked
    text = "\n".join(lines)
    del lines
    return HtmlPage(text, doms, meta, notes, broken)


def _parse_part(
    source: str, walked: _Walked, meta: dict[str, tuple[str, str]], ranks: dict[str, int], first: bool
) -> tuple[str, bool]:
    """Parse one part (or the whole page) into `walked` and `meta`; return the start tags that
    re-open what is open at its end, and whether it had a body."""
    d = _data()
    tree = LexborHTMLParser(source)
    # The parser keeps the UTF-8 bytes it parsed (a copy of the page) for cloning, which we
    # never do: let them go, the tree is already several times the page.
    tree.raw_html = b""
    opened = _open_at_mark(tree) if walked.box_of is not None else []
    # Each field from the most specific source in any part (JSON-LD in the body beats the
    # <head>'s <meta>, as in a page parsed whole), the earlier part on a tie; and, as in a page
    # parsed whole, only the first JSON-LD article object counts.
    part_ranks: dict[str, int] = {}
    had_json_ld = 0 in ranks.values()
    for fld, value in page_metadata(tree, part_ranks, None if first else set(meta)).items():
        if (fld not in meta or part_ranks[fld] < ranks[fld]) and not (had_json_ld and part_ranks[fld] == 0):
            meta[fld], ranks[fld] = value, part_ranks[fld]
    tree.strip_tags(d["skip"], recursive=True)
    # Hidden elements and forms, found in one scan and removed last to first: a descendant
    # goes before its ancestor (no node is touched after its subtree is freed), and a form is
    # judged once the hidden parts inside it are gone.
    # (A form still open at the part's end may hold its prose in the next part: it stays, and
    # stays in the next.)
    still_open = {mem_id for _, _, mem_id in opened}
    for node in reversed(tree.css(_HIDDEN_OR_FORM)):
        # Some sites wrap the whole page in a <form> (ASP.NET): keep a form that holds prose.
        if node.tag != "form" or _is_hidden(node) or (
            node.mem_id not in still_open and _KEPT_MARK not in node.attributes and node.css_first("p, article") is None
        ):
            node.decompose()
    spine = _spine(tree, walked.anchored, not first)
    if walked.box_of is not None and _BOX_MARK in source:
        for n in tree.css(f"[{_BOX_MARK}]"):
            box = n.attributes[_BOX_MARK] or ""
            if n.mem_id in spine and box.isdigit():  # (a page could carry the attribute itself)
                walked.spine_boxes.add(int(box))
    root = tree.body or tree.root
    if root is None:
        return "", False
    if walked.box_of is not None:
        walked.box_of.clear()  # ids are addresses: the last part's are free to come again
        walked.open_ids = still_open
    _walk(root, d, spine, walked)
    return _reopen(opened, spine, walked.box_of or {}), True


# Elements that mark where the article is: their ancestors are its containers.
_ANCHOR_LIST = "[itemprop=articleBody], h1, article, main"
_ANCHOR_LIST_LATER = f"{_ANCHOR_LIST}, [{_SPINE_MARK}]"  # a later part of a page parsed in parts


def _is_hidden(node: LexborNode) -> bool:
    """What the hidden part of _HIDDEN_OR_FORM matches, asked of one node."""
    attrs = node.attributes
    style = attrs.get("style") or ""
    return "hidden" in attrs or attrs.get("aria-hidden") == "true" or any(s in style for s in _HIDDEN_STYLES)


def _spine(tree: LexborHTMLParser, anchored: set[str], later: bool = False) -> set[int]:
    """Ids of the elements that contain the headline or the article's own container. Whatever
    their class says ("and-w-sidebar", "has-ads"), they are the page's layout, not chrome.
    `anchored`: the kinds of anchor an earlier part of the page had (its first wins); this
    part's are added."""
    spine: set[int] = set()
    firsts: dict[str, LexborNode] = {}
    for anchor in tree.css(_ANCHOR_LIST_LATER if later else _ANCHOR_LIST):  # one scan; the first of each kind anchors
        if anchor.attributes.get("itemprop") == "articleBody":
            firsts.setdefault("articleBody", anchor)
        if anchor.tag in ("h1", "article", "main"):
            firsts.setdefault(anchor.tag, anchor)
        if _SPINE_MARK in anchor.attributes:  # re-opened from an earlier part, where it was:
            firsts[_SPINE_MARK] = anchor  # they nest, so the last is the innermost
    for kind in anchored:
        firsts.pop(kind, None)
    anchored.update(k for k in firsts if k != _SPINE_MARK)
    for first in firsts.values():
        node: LexborNode | None = first
        while node is not None and node.mem_id not in spine:
            spine.add(node.mem_id)
            node = node.parent
    return spine


def _unmark_wrappers(lines: list[str], doms: list[Dom], boxes: list[int], inner: set[int], d: dict[str, Any]) -> None:
    """Clear the chrome mark of containers that hold much of the page's prose (dom.toml
    [limits]): chrome boxes are small. Comment threads are the exception: they can outgrow the
    article they follow; so are boxes inside the article's container (`inner`: a gallery
    widget of fifty teasers), which cannot be the layout around it."""
    prose_line = d["prose_line"]
    total = sum(n for n in map(len, lines) if n >= prose_line) or 1
    size: dict[int, int] = {}
    for line, b in zip(lines, boxes):
        if b >= 0 and len(line) >= prose_line:
            size[b] = size.get(b, 0) + len(line)
    wrappers = {b for b, n in size.items() if n >= d["wrapper_share"] * total and b not in inner}
    if not wrappers:
        return
    cleared: dict[Dom, Dom] = {}
    for i, b in enumerate(boxes):
        if b in wrappers and doms[i].chrome not in d["always_chrome"]:
            dom = doms[i]._replace(chrome=None)
            doms[i] = cleared.setdefault(dom, dom)


@dataclass
class _Walked:
    """The lines a walk gathers, over all the parts of a page."""

    lines: list[str] = field(default_factory=list)
    doms: list[Dom] = field(default_factory=list)  # one per line
    boxes: list[int] = field(default_factory=list)  # per line: the chrome container it is in (a number), or -1
    inner: set[int] = field(default_factory=set)  # the chrome containers that start inside the article's container
    broken: set[int] = field(default_factory=set)  # lines a <br> ended
    shared: dict[Dom, Dom] = field(default_factory=dict)  # most lines share their evidence with another
    found: int = 0  # chrome containers numbered so far
    # For a page parsed in parts: the chrome box each element started (by id), the boxes a later
    # part found on the spine, and the kinds of anchor already found (see _spine).
    box_of: dict[int, int] | None = None
    last: bool = True  # this part is the page's last
    open_ids: set[int] = field(default_factory=set)  # the elements open where it is cut
    pending: list[str] = field(default_factory=list)  # and the text it left unfinished
    pending_links: int = 0
    spine_boxes: set[int] = field(default_factory=set)
    anchored: set[str] = field(default_factory=set)


def _walk(root: LexborNode, d: dict[str, Any], spine: set[int], out: _Walked) -> None:
    """Depth-first, iteratively (pages nest elements 1000s deep), flushing a line at every
    block element's start and end and at <br>; the lines go to `out`."""
    block_tags, chrome_tags, chrome_roles, cells = d["block"], d["chrome_tags"], d["chrome_roles"], d["cells"]
    lines, doms, shared, boxes, inner, broken = out.lines, out.doms, out.shared, out.boxes, out.inner, out.broken
    found, box_of, open_ids = out.found, out.box_of, out.open_ids
    parts, link_chars = out.pending, out.pending_links  # text a part before left unfinished
    # The context of the element being walked; saved on the stack and restored on leaving.
    tag, heading, chrome, content, caption, pre, in_link, in_article = "body", 0, None, False, False, False, False, False
    table = figure = quote = False
    marked = False  # inside a container its class or itemprop names the article's (not just <article>)
    box = -1

    def flush() -> None:
        nonlocal link_chars
        if parts:
            raw = "".join(parts)
            parts.clear()
            texts = raw.split("\n") if pre else [raw]
            for t in texts:
                text = " ".join(t.split())  # runs of whitespace as one space, as a browser shows them
                if text:
                    density = min(1.0, link_chars / len(text)) if link_chars else 0.0
                    lines.append(text)
                    # (tuple.__new__ skips the NamedTuple's keyword-handling constructor: a line each)
                    dom = _new(Dom, (tag, heading, density, chrome, content, caption, table, figure, quote))
                    # Most lines share their evidence with another: one tuple serves them all.
                    doms.append(shared.setdefault(dom, dom))
                    boxes.append(box if chrome is not None else -1)
        link_chars = 0

    stack: list[tuple[Any, tuple, bool]] = [(root.iter(include_text=True), (), True)]
    while stack:
        it, saved, is_block = stack[-1]
        node = next(it, None)
        if node is None:
            stack.pop()
            if saved:
                if is_block and parts:
                    flush()
                tag, heading, chrome, content, caption, pre, in_link, in_article, box, table, figure, quote, marked = saved
            continue
        name = node.tag
        if name == "-text":
            t = node.text_content
            if t and (parts or not t.isspace()):  # whitespace between blocks is no text
                parts.append(t)
                if in_link:
                    link_chars += len(t.strip())
            continue
        if name is None or name[0] == "-":
            continue  # comments, doctype
        if name == "br":
            if parts:
                flush()
                broken.add(len(lines) - 1)  # this line ended at a <br>: it may join the next
            continue
        if name == "img":
            continue
        saved = (tag, heading, chrome, content, caption, pre, in_link, in_article, box, table, figure, quote, marked)
        was = chrome
        attrs = node.attributes
        is_block = name in block_tags
        if is_block:
            # (An element a part re-opens does not start here: the text before it goes on.)
            if parts and not (box_of is not None and attrs and _OPEN_MARK in attrs):
                flush()
            tag = name
            if name[0] == "h" and len(name) == 2 and name[1].isdigit():
                heading = int(name[1])
            elif name == "figcaption" or name == "figure":
                caption = figure = True
            elif name == "pre":
                pre = True
            elif name == "blockquote":
                quote = True
            elif name == "article":
                in_article = True
                if chrome is None:
                    content = True
            if name in chrome_tags and not (in_article and name in ("header", "footer")):
                chrome = name
        elif name in cells:
            table = True
            # (as at a block's start: a cell a part re-opens does not start here)
            if parts and "".join(parts).strip() and not (box_of is not None and attrs and _OPEN_MARK in attrs):
                parts.append(" | ")
        elif name == "a" and attrs and "href" in attrs:
            # A link; <a name=...> is only an anchor, and <a href="javascript:..."> a script's
            # handle around text that goes nowhere.
            in_link = not (attrs["href"] or "").lstrip().lower().startswith("javascript:")
        if attrs:
            role = attrs.get("role")
            if role and role in chrome_roles:
                chrome = f"role={role}"
            names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
            if names != " ":
                token, is_content, is_caption = _classify_names(names)
                if is_caption:
                    caption = True  # "wp-caption-text", "image-caption": a caption without <figcaption>
                if is_content:
                    content, chrome, marked = True, None, True  # innermost evidence wins
                elif token:
                    chrome = token
            if attrs.get("itemprop") == "articleBody":
                content, chrome, marked = True, None, True
        if chrome is not None and chrome != was:
            if node.mem_id in spine:
                chrome = was  # it holds the headline or the article: a layout wrapper, not chrome
            else:
                box, found = found, found + 1  # a new chrome container starts here
                if box_of is not None:  # (a page parsed in parts: a box re-opened goes on)
                    carried = attrs.get(_BOX_MARK) or ""
                    if carried.isdigit() and int(carried) < box:
                        box, found = int(carried), found - 1
                    box_of[node.mem_id] = box
                if saved[-1] and chrome not in d["expanders"]:
                    inner.add(box)
        # (An element still open where this part is cut does not end at the part's end: no line ends there.)
        stack.append((node.iter(include_text=True), saved, is_block and not (open_ids and node.mem_id in open_ids)))
    if out.last:
        flush()
    else:  # the page goes on in the next part: its first block boundary ends this text
        out.pending_links = link_chars
    out.found = found


# --- the page's own metadata ----------------------------------------------------------

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "askpublicnewsarticle", "satiricalarticle", "advertisercontentarticle", "discussionforumposting",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "webpage",
                  "techarticle", "scholarlyarticle", "socialmediaposting", "liveblogposting", "report"}
# <meta> keys per field, most specific first. Keys are normalised as Readability does: lower
# case, no spaces, "." as ":" ("DC.title" -> "dc:title"); a property may list several keys.
_META_KEYS = {
    "title": ("dc:title", "dcterm:title", "dcterms:title", "og:title", "weibo:article:title",
              "weibo:webpage:title", "title", "twitter:title", "sailthru:title", "parsely-title"),
    # (not article:author: a profile URL on most sites, the column's owner on some)
    "author": ("dc:creator", "dcterm:creator", "dcterms:creator", "author", "parsely-author",
               "sailthru:author", "byl"),
    "date": ("article:published_time", "og:published_time", "parsely-pub-date", "datepublished", "pubdate",
             "publishdate", "publish-date", "publish_date", "dc:date:issued", "dcterms:issued", "dc:date",
             "dcterms:created", "date", "sailthru:date", "article:published", "published_time", "og:pubdate",
             "release_date"),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "dcterms:modified", "dc:date:modified",
                 "last-modified", "lastmod"),
    "site": ("og:site_name", "application-name"),
    "description": ("dc:description", "dcterm:description", "dcterms:description", "og:description",
                    "weibo:article:description", "weibo:webpage:description", "description",
                    "twitter:description"),
    "url": ("og:url",),
}


def _meta_tags(nodes: list[LexborNode]) -> dict[str, str]:
    """Every <meta> key of `nodes` with its content (the first one wins, `property` before `name`)."""
    metas: dict[str, str] = {}
    tags = []
    for m in nodes:
        attrs = m.attributes
        v = attrs.get("content")
        if v and v.strip():
            tags.append((attrs, v))
            for k in (attrs.get("property") or "").lower().split():
                metas.setdefault(k, v)
    # A `property` (RDFa: how OpenGraph and Dublin Core are meant to be written) wins over a
    # `name` with the same key.
    named: set[str] = set()
    for attrs, v in tags:
        name = attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        if name:
            k = "".join(name.lower().split()).replace(".", ":")
            if k in named and k in _AUTHOR_KEYS and v not in metas[k].split(" ; "):
                metas[k] += " ; " + v  # each co-author has a tag of their own (DC.Creator)
            elif k not in metas:
                metas[k] = v
                named.add(k)
    return metas


_AUTHOR_KEYS = frozenset(_META_KEYS["author"])


def page_metadata(
    tree: LexborHTMLParser, ranks: dict[str, int] | None = None, known: set[str] | None = None
) -> dict[str, tuple[str, str]]:
    """field -> (value, source) from JSON-LD, <meta>, <time>, <link rel=canonical>, <html lang>,
    <title>: the first source that names a field wins, in order of specificity. `ranks`, when
    given, gets each field's rank in that order (lower is more specific), to weigh the parts of
    a page parsed in parts against each other. `known`, for a part after the first: the fields
    earlier parts found; such a part has no <head> (the first part holds it), so what only the
    head says is not looked for, nor what the page's markup adds to a field already known
    (each look is a scan of the whole part)."""
    found: dict[str, tuple[str, str]] = {}
    rank = ranks if ranks is not None else {}

    def offer(fld: str, value: Any, source: str, order: int) -> None:
        if fld not in found and isinstance(value, str):
            if "&" in value:
                value = unescape(value)  # escaped twice in the source ("&amp;#8211;")
            value = _SPACES.sub(" ", value).strip()
            if value:
                found[fld] = (value, source)
                rank[fld] = order

    later = known is not None
    known = known or set()
    title_el = tree.css_first("title") if not later else None
    page_title = _SPACES.sub(" ", title_el.text()).strip() if title_el is not None else ""
    # One scan of the document for both (each css() call walks the whole tree).
    nodes = tree.css('meta[content], script[type="application/ld+json"]')
    ld = _json_ld([n for n in nodes if n.tag == "script"], page_title)
    created = ld.pop("created", None)
    for fld, value in ld.items():
        offer(fld, value, "json-ld", 0)
    metas = _meta_tags([n for n in nodes if n.tag == "meta"])
    for fld, keys in _META_KEYS.items():
        for i, k in enumerate(keys, 1):
            v = metas.get(k)
            if v and fld == "author":
                names = [n for n in v.split(" ; ") if not n.startswith(("http://", "https://", "@"))]
                # "Kooman, F." writes a name with a comma: then names are parted by ";".
                v = ("; " if any("," in n for n in names) else ", ").join(names)
            if v:
                offer(fld, v, f"meta {k}", i)
                break
    # (Each selector scans the whole page: asked only when the field is still open.)
    # (The microdata's dateModified is read in the same scan, not in one of its own.)
    if "date" not in found and "date" not in known:
        for t in tree.css("time[datetime][itemprop=datePublished], time[datetime][pubdate], [itemprop=datePublished][content], "
                          "[itemprop=dateModified][datetime], [itemprop=dateModified][content]"):
            value = t.attributes.get("datetime") or t.attributes.get("content")
            if t.attributes.get("itemprop") == "dateModified":
                offer("modified", value, "itemprop dateModified", 100)
            else:
                offer("date", value, "time/itemprop datePublished", 100)
        # When the record was made, not published (a re-save gives a later one): only when the
        # page states no publication date.
        offer("date", created, "json-ld dateCreated", 101)
    # Microdata names the author only inside the article's own markup (a sidebar's author
    # links name other people).
    if "author" not in found and "author" not in known:
        a = tree.css_first('[itemprop=articleBody] [itemprop=author] [itemprop=name], article [itemprop=author] [itemprop=name]')
        if a is not None:
            offer("author", a.text(deep=True), "itemprop author", 100)
    link = tree.css_first('link[rel=canonical][href]') if not later else None
    if link is not None:
        offer("url", link.attributes.get("href"), "link canonical", 100)
    html_el = tree.css_first("html") if not later else None  # (a later part's <html> is ours)
    lang = html_el.attributes.get("lang") if html_el is not None else None
    offer("language", lang, "html lang", 100)
    offer("language", metas.get("content-language") or metas.get("og:locale"), "meta language", 101)
    if "site" in found and found["site"][1].startswith("meta") and page_title:
        # A site name that is not the site's domain ("U.S." on reuters.com: a section) gives way
        # to the part of the <title> that is ("... - Reuters").
        domain = _domain_core(found.get("url", ("", ""))[0])
        if domain and not _names_domain(found["site"][0], domain):
            named = [p for p in _TITLE_SEPARATORS.split(page_title)[1:] if _names_domain(p, domain)]
            if named:
                found["site"] = (named[-1].strip(), "html title (the meta site name is not the domain's)")
    if page_title:
        offer("title", clean_title(page_title, found.get("site", (None,))[0],
                                   lambda: {key(h.text(deep=True)) for h in tree.css("h1, h2")}), "html title", 200)
        # (Not a field: the <title> as it stands, whose headline an <h1> may print when the
        # metadata's title is a social-media one.)
        found["html_title"] = (page_title, "html title")
        rank["html_title"] = 200
    for fld in ("date", "modified"):
        if fld in found:
            iso = iso_date(found[fld][0])
            if iso is None:
                del found[fld]
            else:
                found[fld] = (iso, found[fld][1])
    if "date" in found and "modified" in found and _before(found["modified"][0], found["date"][0]):
        del found["modified"]  # updated before it was published: one of the two is wrong, and not the date
    if "language" in found:
        code = found["language"][0].replace("_", "-").split("-")[0].lower()
        if re.fullmatch(r"[a-z]{2,3}", code):
            found["language"] = (code, found["language"][1])
        else:
            del found["language"]
    return found


def _json_ld(scripts: list[LexborNode], page_title: str) -> dict[str, Any]:
    """Fields of the first Article-like JSON-LD object of `scripts` (in @graph, lists, nested mainEntity).
    Its title is its `name` or its `headline`, whichever is nearer the page's <title> when they
    differ (some sites put a summary in one of them)."""
    for script in scripts:
        try:
            data = json.loads(_CDATA.sub("", script.text() or ""))
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            types = obj.get("@type")
            types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
            if not any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                continue
            publisher = obj.get("publisher")
            site = publisher.get("name") if isinstance(publisher, dict) else None
            name = obj.get("name")
            if isinstance(name, str) and isinstance(site, str) and name.strip().lower() == site.strip().lower():
                name = None  # the site's name, not the article's
            out: dict[str, Any] = {"title": _pick_title(name, obj.get("headline"), page_title),
                                   "date": obj.get("datePublished"), "created": obj.get("dateCreated"),
                                   "modified": obj.get("dateModified"),
                                   "description": obj.get("description"), "url": obj.get("url")}
            author = _names(obj.get("author"))  # (not `creator`: often the CMS account, "CC7567")
            if author and isinstance(site, str) and author.strip().lower() == site.strip().lower():
                author = None  # the publisher named as the author ("BBC News"): no byline
            if author:
                out["author"] = author
            if isinstance(site, str):
                out["site"] = site
            if isinstance(obj.get("inLanguage"), str):
                out["language"] = obj["inLanguage"]
            if any(isinstance(t, str) and t.lower() == "webpage" for t in types) and len(types) == 1:
                out = {k: out.get(k) for k in ("date", "created", "modified", "language")}  # a page, not an article: only these
            return {k: v for k, v in out.items() if isinstance(v, str) and v.strip()}
    return {}


def _pick_title(name: Any, headline: Any, page_title: str) -> Any:
    """`headline` when the page's <title> reads like it and not like `name`, else `name`
    (Readability's rule: some sites put the site's name, others a summary, in one of them)."""
    if not (isinstance(name, str) and isinstance(headline, str)) or name.strip() == headline.strip():
        return headline if isinstance(headline, str) and headline.strip() else name
    if _similar(headline, page_title) and not _similar(name, page_title):
        return headline
    return name


_WORDS = re.compile(r"\w+")


def _similar(text: str, title: str) -> bool:
    """Most of `title` (by characters of its words) is words of `text`."""
    have = set(_WORDS.findall(text.lower()))
    words = _WORDS.findall(title.lower())
    total = len(" ".join(words))
    missing = len(" ".join(w for w in words if w not in have))
    return bool(total) and 1 - missing / total > 0.75


def _objects(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [o for item in data for o in _objects(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    out = [data]
    for k in ("@graph", "mainEntity", "mainEntityOfPage"):
        if k in data:
            out += _objects(data[k], depth + 1)
    # Article-like objects before pages, so a WebPage wrapper does not hide its article.
    return sorted(out, key=lambda o: str(o.get("@type")).lower() in ("webpage", "['webpage']"))


def _names(author: Any) -> str | None:
    if isinstance(author, str):
        return None if author.startswith(("http://", "https://")) else author
    if isinstance(author, dict):
        name = author.get("name")
        return name if isinstance(name, str) else None
    if isinstance(author, list):
        names = [n for n in (_names(a) for a in author) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _domain_core(url: str) -> str:
    """The name in a URL's host: "reuters" for https://www.reuters.com/article/..."""
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    labels = [x for x in host.split(".") if x and x != "www"]
    return labels[-2] if len(labels) >= 2 else ""


def _names_domain(name: str, domain: str) -> bool:
    """Whether a site name spells the domain's name ("Le Monde.fr" / lemonde, "The Hill" / thehill)."""
    letters = "".join(ch for ch in name.lower() if ch.isalnum())
    return bool(letters) and (domain in letters or letters in domain)


def clean_title(title: str, site: str | None, headings: Callable[[], set[str]] | None = None) -> str:
    """The <title> without the site's name ("Headline | Site", "Site - Headline"). `headings`:
    the keys of the page's <h1>/<h2> texts, asked for only when the site's name does not tell:
    the part the page prints as a heading is the headline."""
    title = _SPACES.sub(" ", title).strip()
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        kept = [p for p in parts if p.lower() != site.lower()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    if headings is not None:
        printed = headings()
        shown = [p for p in parts if key(p) in printed]
        if len(shown) == 1:
            return shown[0]
    # No site name to go by: the longest part is the headline when it has most of the words.
    longest = max(parts, key=len)
    return longest if len(longest.split()) >= 4 else title


def _before(a: str, b: str) -> bool:
    """Whether ISO date `a` is earlier than `b` (False when one lacks the zone the other has)."""
    try:
        return datetime.fromisoformat(a) < datetime.fromisoformat(b)
    except (ValueError, TypeError):
        return False


def iso_date(value: str) -> str | None:
    """A metadata date to ISO 8601 (with its offset when given); None if it is not a date."""
    v = value.strip()
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00") if v.endswith("Z") else v)
    except ValueError:
        from cleaner.dates import find_date

        found = find_date(v, day_first=None)
        return found.iso if found else None
    if len(v) <= 10:
        return dt.date().isoformat()
    return dt.replace(microsecond=0).isoformat()  # (a CMS's fraction of a second tells a reader nothing)


# --- decisions from the DOM -------------------------------------------------------------


def tag_blocks(blocks: list[Any]) -> None:
    """Decide what the DOM alone decides, as a rule would (with an id a user can read):
    lines inside chrome containers are dropped, figure captions go to `captions`."""
    for b in blocks:
        dom = b.dom
        if dom is None:
            continue
        if dom.chrome is not None:
            b.rule, b.action = f"dom.chrome:{dom.chrome}", "drop"
        elif dom.caption and (dom.figure or dom.link_density < 0.5):
            # (a linked "caption" outside a <figure> is a teaser card)
            b.rule, b.action, b.field = "dom.figcaption", "field", "captions"


# Fields whose page metadata, when present, wins over what the visible text suggested.
_MERGED = ("title", "author", "date", "modified", "site", "description", "url")


def merge_metadata(blocks: list[Any], fields: dict[str, Any], page: dict[str, tuple[str, str]]) -> None:
    """Put the page's own metadata into `fields` where it is more specific than the text's
    guess, record every field's source in fields["sources"], and say in the notes where the
    two disagreed."""
    sources: dict[str, str] = fields.setdefault("sources", {})
    notes: list[str] = fields.setdefault("notes", [])
    if "description" in page:
        # The page's description printed as a heading right under the headline, or as the
        # body's first line above the byline or the date line, is its standfirst (a "dek");
        # printed as a paragraph the article goes on from, it is the lead itself.
        dkey, why = key(page["description"][0]), f"html.standfirst ({page['description'][1]})"
        title_at = next((i for i, b in enumerate(blocks) if b.label == "title"), None)
        first = next((i for i, b in enumerate(blocks) if b.label == "body"), None)
        under_title = blocks[title_at + 1] if title_at is not None and title_at + 1 < len(blocks) else None
        if (under_title is not None and under_title.label == "body" and under_title.dom is not None
                and under_title.dom.heading > 1 and key(under_title.text) == dkey):
            under_title.label, under_title.reason = "description", why
        elif (first is not None and first + 1 < len(blocks) and blocks[first + 1].label in ("author", "date")
                and key(blocks[first].text) == dkey):
            blocks[first].label, blocks[first].reason = "description", why
    # A figure's caption and its credit are often separate blocks: one caption per figure.
    captions: list[str] = []
    last = -2
    for b in blocks:
        if b.label == "captions":
            if b.rule == "dom.figcaption" and b.index == last + 1 and captions:
                captions[-1] += " " + b.text
            else:
                captions.append(b.text)
            last = b.index
    fields["captions"] = captions
    for f in _MERGED:
        if f not in page:
            continue
        value, source = page[f]
        guess = fields.get(f)
        if f in ("date", "modified") and guess and guess[:10] == value[:10] and len(guess) > len(value):
            sources[f] = "text"  # same day, and the text gives the time too: more specific
            continue
        if guess and guess != value and (f != "title" or key(guess) != key(value)):
            notes.append(f"{f}: the page's {source} says {value!r}, the text suggested {guess!r}; "
                         f"{source} won")
        fields[f] = value if f != "author" else names_list(value)
        sources[f] = source
    author, site = fields.get("author"), fields.get("site")
    if author and site and ", " in author:
        # "Jill Disis, CNN Business": the publication after the name is not an author.
        head, _, last = author.rpartition(", ")
        if key(last).startswith(key(site)) or key(site).startswith(key(last)):
            fields["author"] = head
