"""Load, validate and compile rule packs.

A pack is a TOML file:

    [pack]
    languages = ["id", "ms"]          # default for its rules; "*" = every language
    description = "..."

    [[rule]]
    id = "id.baca-juga"               # unique across all loaded packs
    action = "drop"                   # drop | end | strip | field
    pattern = '''(baca|simak) juga\\b'''
    description = "one line for people"
    # optional: languages = [...], field = "author" (action "field"),
    #           case_sensitive = false, anchor = "start" | "end", max_chars = 300,
    #           examples = ["lines it must match"], not_examples = ["lines it must not"],
    #           guard = true (action "end": only when less prose follows than precedes),
    #           box = true (action "drop": a label over related links, "More:"; the list
    #           items after it, up to the next paragraph, go with it),
    #           requires = ["word"] (tried only on lines holding one of these, lower case)

Line rules (drop, end, field) are matched at the START of the line, or with
`anchor = "anywhere"` anywhere in it (a search: cheaper than a leading `.*?`), or with
`anchor = "end"` at its END ("a line ending in a photo credit"): such rules
are searched right to left, so a line that does not end that way costs one attempt instead of
one per character. Start rules are tried before end rules. `strip` rules cut every span they
find, anywhere in the line. A `field` rule names the
metadata field and may capture its value in a group named `value` (else the whole line).

Speed: a line tries only the start rules that can begin with its first two characters (found
once per pair by partial matching), and a rule's max_chars is checked before its pattern; end
rules likewise by the line's last character (reversed patterns); short lines' answers are
memoised. File order = priority.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, Callable, NamedTuple
from functools import lru_cache, partial
from pathlib import Path

import regex

from cleaner.article import META_FIELDS

ACTIONS = ("drop", "end", "strip", "field")
INPUTS = ("text", "html")  # what a rule may read: scraped text, or the text of a parsed page
# Fields a rule may feed. "caption" is accepted as a friendlier spelling of "captions".
RULE_FIELDS = frozenset(META_FIELDS) | {"caption"}
PACK_DIR = Path(__file__).parent
# Guard against patterns that backtrack without end: a user pattern gets this long per line.
MATCH_TIMEOUT = 0.25
# Lines up to this long have their rule decision memoised (at most MEMO_SIZE of them).
SHORT_LINE = 80
MEMO_SIZE = 50_000
_MISSING = object()
# (language, first two characters) pairs whose candidate rules are cached; past this the cache
# starts over (a crawl in every script would otherwise grow it without end).
_PAIRS_CACHED = 20_000


class RuleError(ValueError):
    """A rule file that cannot be used: says which file, which rule and what is wrong."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    action: str
    pattern: str
    description: str
    languages: tuple[str, ...]
    field: str | None
    compiled: regex.Pattern[str]
    source: str  # file it came from
    anchor: str = "start"  # "end": the pattern must match the END of the line
    max_chars: int = 0  # the rule applies only to lines this long at most (0: any length)
    examples: tuple[str, ...] = ()  # lines the rule must match (tested)
    not_examples: tuple[str, ...] = ()  # lines it must leave alone (tested)
    # action "end" only: honour the marker only when less prose follows it than precedes it
    # (a "Related" heading can head a box in mid-article; a comment form cannot).
    guard: bool = False
    # action "drop" only: the line labels a box of related links ("More:", "Related"), so the
    # list items that follow it, up to the next paragraph, are the box's (heuristic.in-related-box).
    box: bool = False
    # Seconds a match may take. Built-in packs are vetted and tested, and a timeout costs
    # more than the match itself on most lines; user rule files get one (backtracking guard).
    timeout: float | None = None
    # Cheap gate: the rule is tried only on lines whose lower-case text holds one of these.
    requires: tuple[str, ...] = ()
    # The inputs the rule reads: a "<div>" in scraped text is a leaked tag, but in a page's
    # parsed text it is what the page prints (an article about HTML).
    inputs: tuple[str, ...] = INPUTS


def _fail(path: Path | str, rid: str | None, msg: str) -> RuleError:
    where = f"{path}" + (f", rule {rid!r}" if rid else "")
    return RuleError(f"{where}: {msg}")


def _parse_pack(path: Path, timeout: float | None = None) -> list[Rule]:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise _fail(path, None, f"cannot read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise _fail(path, None, f"not valid TOML: {e}") from None
    pack = doc.get("pack", {})
    if not isinstance(pack, dict):
        raise _fail(path, None, "[pack] must be a table")
    default_langs = pack.get("languages", ["*"])
    unknown_top = set(doc) - {"pack", "rule"}
    if unknown_top:
        raise _fail(path, None, f"unknown top-level keys {sorted(unknown_top)} (expected [pack], [[rule]])")
    raw_rules = doc.get("rule", [])
    if not isinstance(raw_rules, list):
        raise _fail(path, None, "rules must be an array of tables: [[rule]]")
    out: list[Rule] = []
    allowed = {"id", "action", "pattern", "description", "languages", "field", "case_sensitive", "anchor", "max_chars", "examples", "not_examples", "guard", "box", "requires", "inputs"}
    for n, r in enumerate(raw_rules, 1):
        rid = r.get("id") if isinstance(r, dict) else None
        if not isinstance(rid, str) or not regex.fullmatch(r"[a-z0-9][a-z0-9_.-]*", rid):
            raise _fail(path, f"#{n}", "needs an id of lowercase letters, digits, '.', '-', '_'")
        extra = set(r) - allowed
        if extra:
            raise _fail(path, rid, f"unknown keys {sorted(extra)}")
        action = r.get("action")
        if action not in ACTIONS:
            raise _fail(path, rid, f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
        pattern = r.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise _fail(path, rid, "needs a non-empty pattern string")
        desc = r.get("description")
        if not isinstance(desc, str) or not desc.strip():
            raise _fail(path, rid, "needs a one-line description")
        langs = r.get("languages", default_langs)
        if isinstance(langs, str):
            langs = [langs]
        if not isinstance(langs, list) or not all(isinstance(x, str) and x for x in langs):
            raise _fail(path, rid, "languages must be a list of ISO 639-1 codes or '*'")
        fld = r.get("field")
        if action == "field":
            if fld not in RULE_FIELDS:
                raise _fail(path, rid, f"action 'field' needs field = one of {sorted(RULE_FIELDS)}")
            fld = "captions" if fld == "caption" else fld
        elif fld is not None:
            raise _fail(path, rid, "only action 'field' takes a field")
        anchor = r.get("anchor", "start")
        if anchor not in ("start", "end", "anywhere"):
            raise _fail(path, rid, f"anchor must be 'start', 'end' or 'anywhere', not {anchor!r}")
        if anchor == "end" and action == "strip":
            raise _fail(path, rid, "strip rules find spans anywhere; anchor does not apply")
        requires = r.get("requires", [])
        if not isinstance(requires, list) or not all(isinstance(x, str) and x and x == x.lower() for x in requires):
            raise _fail(path, rid, "requires must be a list of lower-case strings")
        inputs = r.get("inputs", list(INPUTS))
        if not isinstance(inputs, list) or not inputs or not set(inputs) <= set(INPUTS):
            raise _fail(path, rid, f"inputs must be a non-empty list of {', '.join(map(repr, INPUTS))}")
        guard = r.get("guard", False)
        if not isinstance(guard, bool) or (guard and action != "end"):
            raise _fail(path, rid, "guard (true/false) applies to action 'end' only")
        box = r.get("box", False)
        if not isinstance(box, bool) or (box and action != "drop"):
            raise _fail(path, rid, "box (true/false) applies to action 'drop' only")
        max_chars = r.get("max_chars", 0)
        if not isinstance(max_chars, int) or max_chars < 0:
            raise _fail(path, rid, "max_chars must be a positive integer (0 = no limit)")
        flags = 0 if r.get("case_sensitive", False) else regex.IGNORECASE
        try:
            compiled = regex.compile(pattern, flags)
        except regex.error as e:
            raise _fail(path, rid, f"bad pattern: {e}") from None
        if action != "field" and "value" in compiled.groupindex:
            raise _fail(path, rid, "a group named 'value' only makes sense for action 'field'")
        if compiled.search("") is not None and action != "strip":
            raise _fail(path, rid, "pattern matches the empty string, so it would match every line")
        out.append(Rule(rid, action, pattern, desc.strip(), tuple(langs), fld, compiled, str(path), anchor, max_chars, *_examples(path, rid, r), guard, box, timeout, tuple(requires), tuple(inputs)))
    return out


def _examples(path: Path, rid: str, r: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    out = []
    for k in ("examples", "not_examples"):
        v = r.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise _fail(path, rid, f"{k} must be a list of strings")
        out.append(tuple(v))
    return out[0], out[1]


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    value: str | None  # captured `value` group of a field rule


class RuleSet:
    """Rules from one or more packs, compiled per language on first use."""

    def __init__(self, rules: list[Rule]):
        seen: dict[str, str] = {}
        for r in rules:
            if r.id in seen:
                raise _fail(r.source, r.id, f"duplicate rule id (also in {seen[r.id]})")
            seen[r.id] = r.source
        self.rules = rules
        self._sure_ends: RuleSet | None = None
        self._for_input: dict[str, RuleSet] = {}
        self._by_id = {r.id: r for r in rules}
        self._cache: dict[str, _Compiled] = {}
        self._memo: dict[tuple[str, str | None], Match | None] = {}
        self._last: dict[tuple[str | None, str], list[tuple[float, Callable[[str], object] | None, Callable[[str], object], Rule]]] = {}
        self._first: dict[tuple[str | None, str], list[tuple[float, Callable[[str], object] | None, Callable[[str], object], Rule]]] = {}

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def sure_ends(self) -> RuleSet:
        """The end markers that need no guard (comment forms and the like), as a rule set of
        their own: cheap to try on lines that are dropped anyway (HTML chrome boxes)."""
        if self._sure_ends is None:
            self._sure_ends = RuleSet([r for r in self.rules if r.action == "end" and not r.guard])
        return self._sure_ends

    def for_input(self, kind: str) -> RuleSet:
        """The rules that read `kind` of input ("text" or "html"), as a rule set of their own
        (itself when every rule does)."""
        hit = self._for_input.get(kind)
        if hit is None:  # (asked once a page: the answer is kept)
            every = all(kind in r.inputs for r in self.rules)
            hit = self._for_input[kind] = self if every else RuleSet([r for r in self.rules if kind in r.inputs])
        return hit

    def get(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def _compiled(self, lang: str | None) -> _Compiled:
        key = lang or "*"
        hit = self._cache.get(key)
        if hit is None:
            active = [r for r in self.rules if "*" in r.languages or (lang and lang in r.languages)]
            start = [r for r in active if r.action != "strip" and r.anchor != "end"]
            end = [r for r in active if r.action != "strip" and r.anchor == "end"]
            strip = [r for r in active if r.action == "strip"]
            # Combined patterns get a timeout when any of their rules has one (a user's).
            timeout = max((r.timeout for r in active if r.timeout), default=None)
            hit = _Compiled(start, end, _combine(strip),
                            [regex.compile(r.pattern, r.compiled.flags | regex.MULTILINE) for r in strip], strip,
                            timeout)
            self._cache[key] = hit
        return hit

    def match_line(self, text: str, lang: str | None) -> Match | None:
        """The first line rule (in priority order) that matches `text`."""
        return self.match_lines([text], lang)[0]

    def match_lines(self, texts: list[str], lang: str | None) -> list[Match | None]:
        """The first matching rule of each line (None for an empty line: nothing to match).

        Short lines (menus, labels, widget titles) repeat across the pages of a site and
        across a crawl, so their answers are memoised, boundedly: trying the rules on a short
        line costs more than everything else the pipeline does with it."""
        memo, miss, first = self._memo, _MISSING, self._starting_rules
        out: list[Match | None] = []
        for text in texts:
            if not text:
                out.append(None)
                continue
            short = len(text) <= SHORT_LINE
            if short:
                hit = memo.get((text, lang), miss)
                if hit is not miss:
                    out.append(hit)  # type: ignore[arg-type]
                    continue
            hit = self._match_line(text, lang, first(lang, text[:2]))
            if short:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()  # crude but bounded; refills with the lines that recur
                memo[(text, lang)] = hit
            out.append(hit)
        return out

    def _match_line(self, text: str, lang: str | None, starts: list) -> Match | None:
        rule = None
        n = len(text)
        # Start rules one by one, in priority order, but only those that can begin with this
        # line's first two characters: as fast as one combined alternation, with no extra compiling.
        low = text.lower()
        for limit, gate, test, r in starts:
            if n <= limit and (gate is None or gate(low)) and test(text):
                rule = r
                break
        if rule is None:
            # End rules, only those that can end with this line's last character.
            for limit, gate, test, r in self._ending_rules(lang, text[-1]):
                if n <= limit and (gate is None or gate(low)) and test(text):
                    rule = r
                    break
        if rule is None:
            return None
        value = None
        if rule.action == "field" and "value" in rule.compiled.groupindex:
            match, search = rule.compiled.match, rule.compiled.search
            if rule.timeout is not None:
                match, search = _guarded(match, rule), _guarded(search, rule)
            own = match(text) if rule.anchor == "start" else None
            if own is None:
                own = search(text)
            value = own.group("value") if own else None
        return Match(rule, value)

    def _starting_rules(self, lang: str | None, head: str) -> list[tuple[float, Callable[[str], object] | None, Callable[[str], object], Rule]]:
        """The start rules that can match a line beginning with `head` (its first two characters).

        Exact and automatic: `partial=True` asks the engine whether `head` can begin a match,
        so a line starting "Th" never tries the rules that must start with "baca", a digit or a
        bullet. Computed once per (language, head): two characters select about twice as well
        as one, and their combinations are still few enough to cache."""
        key = (lang, head)
        hit = self._first.get(key)
        if hit is None:
            if len(head) > 1:
                # Narrow the one-character set: far fewer partial matches per new pair.
                candidates = self._starting_rules(lang, head[:-1])
            else:
                # (longest line the rule applies to, its gate, its test, the rule): the loop
                # in _match_line does no attribute lookups.
                candidates = [(r.max_chars or float("inf"), *_test(r), r) for r in self._compiled(lang).start_rules]
            if len(self._first) >= _PAIRS_CACHED:
                self._first.clear()  # a stream of pages in every script: keep the cache bounded
            hit = self._first[key] = [
                c for c in candidates if c[3].anchor == "anywhere" or c[3].compiled.match(head, partial=True) is not None
            ]
        return hit

    def _ending_rules(self, lang: str | None, last: str) -> list[tuple[float, Callable[[str], object] | None, Callable[[str], object], Rule]]:
        """The end rules that can match a line ending with `last`: a reversed pattern's
        partial match on one character says whether it can be a match's last character."""
        key = (lang, last)
        hit = self._last.get(key)
        if hit is None:
            hit = []
            for r in self._compiled(lang).end_rules:
                rev = _reversed(r)
                if rev.match(last, partial=True) is not None:
                    search = rev.search if r.timeout is None else _guarded(rev.search, r)
                    hit.append((r.max_chars or float("inf"), _test(r)[0], search, r))
            if len(self._last) >= _PAIRS_CACHED:
                self._last.clear()
            self._last[key] = hit
        return hit

    def strip_lines(self, text: str, lang: str | None) -> set[int]:
        """0-based numbers of the lines of `text` where some strip rule finds a span: one
        search over the whole document instead of one per line."""
        hits: set[int] = set()
        # One pattern per rule: an alternation of named groups would defeat the engine's
        # literal-prefix scan (10x slower here).
        c = self._compiled(lang)
        for pat in c.strip_doc:
            try:
                for m in pat.finditer(text, timeout=None if c.timeout is None else c.timeout * 20):
                    hits.add(text.count("\n", 0, m.start()))
            except TimeoutError:
                raise _timed_out(c.strip_rules, len(text)) from None
        return hits

    def strip_spans(self, text: str, lang: str | None) -> tuple[str, list[str]]:
        """Cut every span a strip rule finds; return the new text and the ids that fired."""
        c = self._compiled(lang)
        combined, strip_rules = c.strip, c.strip_rules
        if combined is None:
            return text, []
        fired: list[str] = []

        def cut(m: regex.Match[str]) -> str:
            rid = strip_rules[int((m.lastgroup or "r0")[1:])].id  # every alternative is a named group
            if rid not in fired:
                fired.append(rid)
            return "\x00"

        try:
            new = combined.sub(cut, text, timeout=c.timeout)
        except TimeoutError:
            raise _timed_out(strip_rules, len(text)) from None
        if fired:
            # A cut leaves one space where it joined two words, none at either end; the rest
            # of the line keeps its own spacing.
            new = _JOIN.sub(" ", new).strip(" \x00")
        return new, fired


@lru_cache(maxsize=1024)
def _reversed(r: Rule) -> regex.Pattern[str]:
    """An end rule's pattern, anchored at the line's end and searched right to left."""
    return regex.compile(f"(?:{r.pattern})$", r.compiled.flags | regex.REVERSE)


def _check_examples(r: Rule) -> None:
    """A user rule's `examples` must match and its `not_examples` must not, as the built-in
    packs' are tested: a rule that misses its own example is refused at load."""
    gate, test = _test(r)
    if r.anchor == "end":
        test = _guarded(_reversed(r).search, r)

    def found(line: str) -> object:
        return None if gate is not None and not gate(line.lower()) else test(line)

    for ex in r.examples:
        if found(ex) is None:
            raise RuleError(f"{r.source}: rule {r.id!r}: does not match its own example {ex!r}")
    for ex in r.not_examples:
        if found(ex) is not None:
            raise RuleError(f"{r.source}: rule {r.id!r}: matches its not_example {ex!r}")


def _guarded(fn: Callable[..., Any], r: Rule) -> Callable[[str], Any]:
    """A user rule's match or search with its timeout: a pattern that backtracks without end is
    refused with its rule id (a RuleError), not left to hang the page or fail it anonymously."""

    def run(text: str) -> Any:
        try:
            return fn(text, timeout=r.timeout)
        except TimeoutError:
            raise _timed_out([r], len(text)) from None

    return run


def _timed_out(rules: list[Rule], chars: int) -> RuleError:
    users = [r for r in rules if r.timeout is not None]
    names = ", ".join(f"{r.id!r} ({r.source})" for r in users) or "a user rule"
    return RuleError(f"rule {names}: the pattern took more than {MATCH_TIMEOUT} s on a line of {chars:,} "
                     "characters (it backtracks without end): fix or remove it")


def _test(r: Rule) -> tuple[Callable[[str], object] | None, Callable[[str], object]]:
    """The rule as (gate, test): the gate, if any, is a literal search on the lower-cased line
    (a `requires` list), far cheaper than the pattern; the test is the pattern, with a timeout
    only for user rules (a timeout costs more than most matches)."""
    fn = r.compiled.search if r.anchor == "anywhere" else r.compiled.match
    test = fn if r.timeout is None else _guarded(fn, r)
    return _gate(r.requires), test


def _gate(words: tuple[str, ...]) -> Callable[[str], bool] | None:
    """Whether a lower-cased line holds one of `words`: plain substring tests, which beat
    one alternation regex by 2x (and a single word by 10x) on the lines that fail them."""
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        return lambda low: word in low

    def holds(low: str) -> bool:
        for w in words:
            if w in low:
                return True
        return False

    return holds


class _Compiled(NamedTuple):
    start_rules: list[Rule]
    end_rules: list[Rule]
    strip: regex.Pattern[str] | None
    strip_doc: list[regex.Pattern[str]]  # each strip rule, multiline, to find lines to strip
    strip_rules: list[Rule]
    timeout: float | None


def _combine(rules: list[Rule]) -> regex.Pattern[str] | None:
    if not rules:
        return None
    parts = []
    for i, r in enumerate(rules):
        flags = "i" if r.compiled.flags & regex.IGNORECASE else "-i"
        # A rule's own `value` group would clash across alternatives: the combined pattern only
        # has to find WHICH rule matches; the rule's own pattern extracts the value.
        body = regex.sub(r"\(\?P<value>", "(?:", r.pattern)
        parts.append(f"(?P<r{i}>(?{flags}:{body}))")
    pattern = "|".join(parts)
    return regex.compile(pattern)


_JOIN = regex.compile(r" *\x00[ \x00]*")


@lru_cache(maxsize=8)
def _builtin() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for path in sorted(PACK_DIR.glob("*.toml")):
        rules.extend(_parse_pack(path))
    return tuple(rules)


def load_rules(extra: list[str | Path] | None = None, *, builtin: bool = True) -> RuleSet:
    """The built-in packs (unless `builtin=False`) plus user rule files, validated.

    User rules come first, so a user can override a built-in decision for their site.
    Raises `RuleError` naming the file and rule id on any problem.
    """
    rules: list[Rule] = []
    for p in extra or []:
        path = Path(p)
        if not path.is_file():
            raise RuleError(f"{path}: no such rule file")
        for rule in _parse_pack(path, timeout=MATCH_TIMEOUT):
            _check_examples(rule)
            rules.append(rule)
    if builtin:
        rules.extend(_builtin())
    return RuleSet(rules)
