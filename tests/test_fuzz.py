"""Fuzz target: generated pages (rule-pack chrome, prose in several languages, random unicode,
random bytes decoded through `cleaner.decode`, HTML fragments with nested tags), as text, as
bytes and as HTML, through `clean()`.

Checked on every page: no exception but the documented ones (BinaryInputError for bytes that
are not text); every body paragraph is text of the (normalised) input; the output `lines`
cover every input line; cleaning is deterministic.

Two profiles, chosen with HYPOTHESIS_PROFILE and applied to this module's tests only:
- "ci" (the default): derandomised, 300 examples, finishes in well under 30 s;
- "fuzz": random, unbounded, for a long run, e.g. an hour:

    HYPOTHESIS_PROFILE=fuzz timeout 3600 pytest -p no:logging tests/test_fuzz.py -x

A failure is shrunk, printed with @reproduce_failure(...), and saved in .hypothesis/ so the
next run replays it first. A long run's memory grows with hypothesis's own bookkeeping.
"""

from __future__ import annotations

import html as _html
import os
import re

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cleaner import BinaryInputError, clean, decode
from cleaner.article import META_FIELDS
from cleaner.html import looks_like_html, parse
from cleaner.normalize import normalize
from cleaner.rules import load_rules

# --- profiles -------------------------------------------------------------------------------
# Registered under this module's own names: hypothesis ships a built-in "ci" profile that it
# loads by itself on CI machines, and re-registering that name would change the settings of
# every other test module. Nor is load_profile() called: the chosen profile is the parent of
# this module's @settings only.
_PROFILES = {"ci": "cleaner-fuzz-ci", "fuzz": "cleaner-fuzz-fuzz"}
settings.register_profile(
    _PROFILES["ci"],
    derandomize=True,
    max_examples=300,
    deadline=None,
    database=None,  # derandomised: nothing to remember, and nothing written to the checkout
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    _PROFILES["fuzz"],
    derandomize=False,
    max_examples=10**9,  # the `timeout` around pytest ends the run
    deadline=None,
    phases=tuple(Phase),  # every phase: replay saved failures, generate, target, shrink
    print_blob=True,  # a failure prints @reproduce_failure(...) to replay it
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_CHOSEN = os.environ.get("HYPOTHESIS_PROFILE", "ci")
try:  # "ci", "fuzz", or a profile some conftest registered under that name
    PROFILE = settings.get_profile(_PROFILES.get(_CHOSEN, _CHOSEN))
except InvalidArgument:
    raise ValueError(f"HYPOTHESIS_PROFILE must be one of {sorted(_PROFILES)} for tests/test_fuzz.py, "
                     f"not {_CHOSEN!r}") from None

# --- generated pages --------------------------------------------------------------------------

RULES = load_rules()
CHROME = sorted({e for r in RULES.rules for e in r.examples})
PROSE = [
    "The government said on Monday that the plan would be discussed again next week in parliament.",
    "Pemerintah mengatakan bahwa rencana itu akan dibahas lagi pada pekan depan bersama DPR.",
    "Le gouvernement a déclaré lundi que le projet serait de nouveau discuté la semaine prochaine.",
    "Die Regierung erklärte am Montag, der Plan werde in der kommenden Woche erneut beraten.",
    "El gobierno dijo el lunes que el plan se discutirá de nuevo la próxima semana en el Congreso.",
    "Правительство заявило в понедельник, что план будет снова обсуждаться на следующей неделе.",
    "قالت الحكومة يوم الاثنين إن الخطة ستناقش مرة أخرى الأسبوع المقبل في البرلمان.",
    "הממשלה הודיעה ביום שני כי התוכנית תידון שוב בשבוע הבא בכנסת.",
    "政府周一表示，该计划将于下周在议会再次讨论，各方代表均将出席会议。",
    "政府は月曜日、計画を来週国会で再び議論すると述べた。",
    "Chính phủ cho biết hôm thứ Hai rằng kế hoạch sẽ được thảo luận lại vào tuần tới.",
    "सरकार ने सोमवार को कहा कि योजना पर अगले सप्ताह संसद में फिर से चर्चा होगी।",
    "Rząd poinformował w poniedziałek, że plan zostanie ponownie omówiony w przyszłym tygodniu.",
    "The team celebrated 🎉 after the final whistle, and fans 🏆 filled the streets until morning.",
    "Le conseil a adopte\u0301 le budget apre\u0300s un long de\u0301bat qui a dure\u0301 toute la nuit.",
]


def _decoded(data: bytes) -> str:
    try:
        return decode(data)
    except BinaryInputError:
        return ""


text_lines = st.one_of(
    st.sampled_from(CHROME),
    st.sampled_from(PROSE),
    st.lists(st.sampled_from(PROSE), min_size=2, max_size=6).map(" ".join),  # a long paragraph
    # pieces of a sentence broken at its links ("said on" / "Monday" / ", adding ...")
    st.sampled_from(["the council said on", "Monday", ", adding that it would", "review", "the plan", ".", "(AP)", "by"]),
    st.text(max_size=120),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.binary(max_size=120).map(_decoded),
    st.sampled_from(["", " ", "\t", "\u00a0", "\u200b", "&amp; &nbsp; &#8220;quoted&#8221;", "|", "»", "..."]),
)
SEPARATORS = ["\n", "\n\n", "\r\n", "\r", "\f", "\n\t", "\v"]
text_pages = st.builds(
    lambda lines, sep: sep.join(lines),
    st.lists(text_lines, max_size=30),
    st.sampled_from(SEPARATORS),
)
# A page glued into one long line (cut into sentences by the cleaner).
flat_pages = st.lists(st.one_of(st.sampled_from(PROSE), st.sampled_from(CHROME)), min_size=25, max_size=60).map(" ".join)

TAGS = ["p", "div", "span", "a", "b", "i", "em", "strong", "li", "ul", "ol", "nav", "aside", "footer",
        "header", "article", "main", "section", "h1", "h2", "h3", "blockquote", "pre", "table", "tr",
        "td", "figure", "figcaption", "script", "style", "form", "time", "code", "button", "label"]
ATTRS = ["", ' class="related"', ' class="share-buttons"', ' class="article-body"', ' id="sidebar"',
         ' class="comments"', ' class="advert"', " hidden", ' style="display:none"', ' role="navigation"',
         ' itemprop="articleBody"', ' href="https://example.invalid/x"', ' datetime="2024-03-05T09:30:00Z"']
html_text = st.one_of(
    st.sampled_from(PROSE).map(_html.escape),
    st.sampled_from(CHROME).map(_html.escape),
    st.text(max_size=40).map(_html.escape),
    st.text(alphabet="<>&;/=\"' abp!-#x0123456789", max_size=30),  # broken markup, bare entities
)


def _element(tag: str, attr: str, children: list[str]) -> str:
    return f"<{tag}{attr}>{''.join(children)}</{tag}>"


html_nodes = st.recursive(
    html_text,
    lambda children: st.one_of(
        st.builds(_element, st.sampled_from(TAGS), st.sampled_from(ATTRS), st.lists(children, max_size=4)),
        st.lists(children, min_size=1, max_size=3).map("<br>".join),
    ),
    max_leaves=40,
)


def _html_page(nodes: list[str], title: str, lang: str, wrap: bool) -> str:
    body = "\n".join(nodes)
    if not wrap:
        return body
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{_html.escape(title)}</title>'
            f"</head><body>{body}</body></html>")


html_pages = st.builds(
    _html_page,
    st.lists(html_nodes, max_size=12),
    st.one_of(st.sampled_from(PROSE), st.text(max_size=30)),
    st.sampled_from(["en", "id", "fr", "ar", "zh", "xx", ""]),
    st.sampled_from([True, True, False]),  # a whole document, or a fragment (maybe read as text)
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]
byte_pages = st.builds(
    lambda page, enc: page.encode(enc, errors="replace"),
    st.one_of(text_pages, html_pages),
    st.sampled_from(ENCODINGS),
) | st.binary(max_size=600)

pages = st.one_of(text_pages, flat_pages, html_pages, html_pages, byte_pages)

# --- the properties ---------------------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.split())


_BEFORE_PUNCT = re.compile(r" (?=[,.;:)\]\u201d\u2019%!?])")


def joined(text: str) -> str:
    """Squashed, with no space before punctuation: a sentence a scraper broke at a link joins
    again with none ("Monday" + ", adding" -> "Monday, adding"), the input had a line break."""
    return _BEFORE_PUNCT.sub("", squash(text))


def _source_lines(text: str) -> list[str]:
    """The input's lines as the cleaner numbers them (normalised text, or the HTML's lines)."""
    if looks_like_html(text):
        page_text = parse(text).text
        norm = normalize(page_text)
        if norm.count("\n") != page_text.count("\n"):  # an entity decoded to a line break
            norm = "\n".join(normalize(line).replace("\n", " ") for line in page_text.split("\n"))
    else:
        norm = normalize(text)
    return norm.split("\n") if norm else []


def _in_order(tokens: list[str], source: str) -> bool:
    pos = 0
    for tok in tokens:
        at = source.find(tok, pos)
        if at < 0:
            return False
        pos = at + len(tok)
    return True


def check(page: str | bytes) -> None:
    try:
        a = clean(page)
    except BinaryInputError:
        assert isinstance(page, bytes)  # the only documented refusal of a str or bytes page
        return
    text = decode(page) if isinstance(page, bytes) else page
    if isinstance(page, bytes):  # bytes are their decoded text
        assert a.to_dict() == clean(text).to_dict()

    # deterministic
    assert clean(page).to_dict() == a.to_dict()

    # the shape
    assert a.body == "\n\n".join(a.paragraphs)
    assert all(a.paragraphs) and len(a.kinds) == len(a.paragraphs)
    decisions = {"body", "dropped", *META_FIELDS}
    assert all(ln.decision in decisions and ln.reason for ln in a.lines)

    # the lines cover every input line, each with its own text
    lines = _source_lines(text)
    assert [ln.line for ln in a.lines] == list(range(1, len(lines) + 1))
    for ln, source in zip(a.lines, lines):
        assert squash(ln.text) == squash(source), (ln, source)

    # every body paragraph is text of the input: whole, unless an inline strip rule cut a span
    # out of its line or the line was a flattened one partly kept; then its words, in order.
    source = squash("\n".join(lines))
    partly = any(ln.reason.startswith("segment.partly-kept") for ln in a.lines)
    for para in a.paragraphs:
        if squash(para) in source or joined(para) in joined(source):
            continue
        stripped = bool(RULES.strip_lines("\n".join(lines), a.language))
        assert partly or stripped, para
        assert _in_order(para.split(), source) or _in_order(joined(para).split(), joined(source)), para


@settings(PROFILE)
@given(pages)
def test_any_page_cleans_keeps_only_its_own_text_and_covers_every_line(page: str | bytes) -> None:
    check(page)
