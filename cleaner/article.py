"""The data model: a page is a list of `Block`s; each block carries the evidence stages add to
it and, in the end, one `Decision`. `Article` is what `clean()` returns.

Deciding and removing are kept apart (as in dolma's taggers): stages only annotate blocks;
`assemble` is the one place that turns decisions into a body. That is what makes the per-line
explanation honest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from dataclasses import field as _field
from collections.abc import Sequence
from collections.abc import Iterator
from typing import Any, NamedTuple, overload

# What a line became. A metadata field name (title, author, ...) is also a valid label.
BODY = "body"
DROPPED = "dropped"
META_FIELDS = (
    "title",
    "author",
    "date",
    "site",
    "source",
    "dateline",
    "editor",
    "description",
    "captions",
)


@dataclass(slots=True)
class Block:
    """One line (paragraph) of the page, with the evidence the stages attach to it."""

    index: int  # 0-based line number in the normalised input (blank lines count)
    text: str  # the line as it will be printed if kept (inline chrome already cut)
    raw: str  # the line as it came in, after normalisation, before inline stripping
    rule: str | None = None  # id of the rule that matched the whole line, if any
    action: str | None = None  # that rule's action: drop | end | field
    guard: bool = False  # an "end" rule that holds only when less prose follows
    box: bool = False  # a "drop" rule's label over a box of related links ("More:")
    field: str | None = None  # metadata field a `field` rule or heuristic moved it to
    value: str | None = None  # the field's value when it is not the whole line
    stripped: Sequence[str] = ()  # ids of inline-strip rules applied (a shared empty tuple: blocks are many)
    score: float = 0.0  # classifier's content score, -1 (chrome) .. +1 (body)
    cls: str = ""  # classifier's label: good | neargood | short | bad
    label: str = DROPPED  # final decision: body | dropped | a metadata field
    reason: str = ""  # id of the rule or heuristic that made the final decision
    part: int = -1  # sentence number when a flattened line was cut into sentences, else -1
    span: int = 1  # input lines this block covers (a hard-wrapped paragraph covers several)
    dom: Any = None  # HTML input: the line's DOM evidence (cleaner.html.Dom)


class LineDecision(NamedTuple):
    """The final decision on one input line, as reported in `Article.lines`.

    A NamedTuple: one is built for every input line, and a frozen dataclass costs several
    times more to construct."""

    line: int  # 1-based line number in the normalised input
    text: str
    decision: str  # "body", "dropped", or a metadata field name
    reason: str  # the rule id or heuristic name that decided


class Lines(Sequence[LineDecision]):
    """`Article.lines`, held compactly: each line's text (the string its block already holds)
    and a small code for its (decision, reason) pair. A page may have a million lines, and a
    LineDecision kept for each (a tuple, its line number) would cost more than the text itself;
    each is built when it is read. Equal to any sequence of the same LineDecisions."""

    __slots__ = ("_texts", "_codes", "_table")

    def __init__(self, texts: list[str], codes: Sequence[int], table: list[tuple[str, str]]):
        self._texts, self._codes, self._table = texts, codes, table

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, i: int) -> LineDecision: ...
    @overload
    def __getitem__(self, i: slice) -> list[LineDecision]: ...
    def __getitem__(self, i: int | slice) -> LineDecision | list[LineDecision]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self._texts)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("line index out of range")
        return LineDecision(i + 1, self._texts[i], *self._table[self._codes[i]])

    def __iter__(self) -> Iterator[LineDecision]:
        table = self._table
        for i, (text, code) in enumerate(zip(self._texts, self._codes), 1):
            yield LineDecision(i, text, *table[code])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable-sequence semantics: equal by content

    def __repr__(self) -> str:
        return f"Lines({list(self)!r})"


@dataclass(slots=True)
class Article:
    """A cleaned article: the body, its metadata and why every line went where it went."""

    title: str | None = None
    body: str = ""
    paragraphs: list[str] = _field(default_factory=list)
    author: str | None = None
    date: str | None = None  # ISO 8601, with the UTC offset when the page names the zone
    # ISO 8601: when the page says it was last updated (`date` is that too when the page
    # gives no other date: the only one a reader sees)
    modified: str | None = None
    site: str | None = None
    source: str | None = None  # wire or originating outlet ("Reuters", "CNN Indonesia")
    dateline: str | None = None  # place of the lead dateline ("WASHINGTON", "Jakarta")
    editor: str | None = None
    description: str | None = None
    captions: list[str] = _field(default_factory=list)
    language: str | None = None  # ISO 639-1
    url: str | None = None  # HTML input: the canonical URL the page states
    # field -> where its value came from: "text" (the visible text), "json-ld", "meta og:title"...
    sources: dict[str, str] = _field(default_factory=dict)
    # what each paragraph is: "p", "h2".."h6", "li", "blockquote", "pre", "tr" (HTML input), else "p"
    kinds: list[str] = _field(default_factory=list)
    notes: list[str] = _field(default_factory=list)  # fallbacks and warnings, for people
    lines: Sequence[LineDecision] = _field(default_factory=list)

    def to_dict(self, *, lines: bool = True) -> dict[str, Any]:
        """A JSON-ready dict; `lines=False` leaves out the per-line decisions."""
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "lines"}
        d["captions"], d["paragraphs"], d["notes"] = list(self.captions), list(self.paragraphs), list(self.notes)
        d["sources"], d["kinds"] = dict(self.sources), list(self.kinds)
        if lines:
            d["lines"] = [ln._asdict() for ln in self.lines]
        return d

    def markdown(self) -> str:
        """The body as Markdown: headings, list items, quotes and code blocks as such."""
        out: list[str] = []
        last = ""
        for text, kind in zip(self.paragraphs, self.kinds or ["p"] * len(self.paragraphs)):
            if kind == "pre" and last == "pre":
                out[-1] = out[-1][: -len("\n```")] + "\n" + text + "\n```"  # one code block
            elif len(kind) == 2 and kind[0] == "h" and kind[1].isdigit():
                out.append("#" * int(kind[1]) + " " + text)
            elif kind == "li":
                out.append("- " + text)
            elif kind == "tr":
                out.append("| " + text + " |")
            elif kind == "blockquote":
                out.append("> " + text)
            elif kind == "pre":
                out.append("```\n" + text + "\n```")
            else:
                out.append(text)
            last = kind
        return "\n\n".join(out)

    def to_json(self, *, lines: bool = True, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(lines=lines), ensure_ascii=False, indent=indent)
