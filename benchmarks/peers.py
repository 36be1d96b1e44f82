"""The tools being compared.  Each takes one input and the page's language (ISO 639-1 code or
None) and returns the article body as plain text, or an :class:`Extraction` when it gives
metadata too.  :data:`INPUT` says which input a tool takes:

- ``text`` tools get the page's raw visible text (site chrome included).  The HTML extractors
  among them (jusText, trafilatura) get that text rebuilt as HTML, one ``<p>`` per non-empty
  line: they then judge lines by their words, links and neighbours only, as a text cleaner
  must, which is why their scores there are lower than on real HTML.
- ``html`` tools (names ending in ``-html``, and ``html-text``) get the page's HTML source.
  Where a tool returns HTML (readability), it is rendered to text with html-text, as for
  every HTML tool here.

Third-party packages are imported lazily, so a missing one disables one tool,
not the suite: see :func:`unavailable_reason`.
"""

from __future__ import annotations

import html
import importlib
import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Extraction:
    """A tool's answer when it gives metadata too: the body and ``{field: value or None}``
    for the fields of :data:`benchmarks.sets.META_FIELDS` it knows."""

    body: str
    meta: dict[str, str | None]


Peer = Callable[[str, str | None], "str | Extraction"]


def keep_all(text: str, lang: str | None) -> str:
    """Return the text unchanged: the floor for precision, the ceiling for recall."""
    return text


# C4 (Raffel et al. 2020) as datatrove's C4QualityFilter implements it, reduced to
# its line rules.  C4 drops a whole page for "lorem ipsum" or "{"; here every rule
# drops only the line, since we want a body out of every page.
_C4_END_PUNCTUATION = (".", "!", "?", '"', "”", "’", "'", "。", "！", "？")
_C4_BANNED_SUBSTRINGS = ("javascript", "lorem ipsum", "{", "cookie policy", "privacy policy")
_C4_MIN_WORDS = 3


def c4(text: str, lang: str | None) -> str:
    """C4-style line filter: keep lines that end in terminal punctuation, have at
    least 3 whitespace-separated words and contain none of the banned substrings
    (case-insensitive); join the kept lines with blank lines.

    Words are whitespace-separated as in C4, so unspaced scripts (Chinese,
    Japanese) rarely reach 3 words: a known weakness of this baseline.
    """
    kept = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line.endswith(_C4_END_PUNCTUATION):
            continue
        if len(line.split()) < _C4_MIN_WORDS:
            continue
        lowered = line.lower()
        if any(banned in lowered for banned in _C4_BANNED_SUBSTRINGS):
            continue
        kept.append(line)
    return "\n\n".join(kept)


def text_to_html(text: str) -> str:
    """Rebuild ``text`` as an HTML page: each non-empty line, escaped, in a ``<p>``."""
    paragraphs = "".join(
        f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip()
    )
    return f"<html><body>\n{paragraphs}</body></html>"


# ISO 639-1 code -> jusText stoplist name.  Only names jusText actually ships are
# used (checked in _justext_stoplist), so an entry here can never break a run.
_JUSTEXT_LANGUAGES = {
    "af": "Afrikaans", "an": "Aragonese", "ar": "Arabic", "az": "Azerbaijani",
    "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali", "br": "Breton",
    "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cv": "Chuvash", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "fy": "West_Frisian", "ga": "Irish", "gl": "Galician",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "io": "Ido",
    "is": "Icelandic", "it": "Italian", "jv": "Javanese", "ka": "Georgian",
    "kk": "Kazakh", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "nb": "Norwegian_Bokmal", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "oc": "Occitan",
    "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian",
    "ru": "Russian", "sh": "Serbo_Croatian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "su": "Sundanese", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tk": "Turkmen", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "vo": "Volapuk", "wa": "Walloon", "yo": "Yoruba",
}  # fmt: skip


def justext_stoplist_name(lang: str | None) -> str:
    """The jusText stoplist used for ``lang``: its own language's when jusText
    has one, else English (the default of most pages here)."""
    import justext

    name = _JUSTEXT_LANGUAGES.get((lang or "").lower())
    return name if name is not None and name in justext.get_stoplists() else "English"


@lru_cache(maxsize=None)
def _justext_stoplist(name: str) -> frozenset[str]:
    # jusText reads the stoplist file on every get_stoplist() call: cache it so the
    # timing measures the extraction, not file reads.
    import justext

    return frozenset(justext.get_stoplist(name))


def justext(text: str, lang: str | None) -> str:
    """jusText on the ``<p>``-per-line HTML; keeps the non-boilerplate paragraphs."""
    import justext as jt

    stoplist = _justext_stoplist(justext_stoplist_name(lang))
    paragraphs = jt.justext(text_to_html(text), stoplist)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura(text: str, lang: str | None) -> str:
    """trafilatura.extract on the ``<p>``-per-line HTML, comments excluded."""
    import trafilatura as tf

    return tf.extract(text_to_html(text), include_comments=False) or ""


def cleaner(text: str, lang: str | None, favor: str = "balanced") -> Extraction:
    """The cleaner under test, on text: its body and metadata.  It detects the language
    itself: ``lang`` (the set's label) is not passed, so its language figure is a real one.
    ``favor``: its precision/recall knob (the -precision and -recall tools)."""
    from cleaner import Config, clean

    return _cleaner_extraction(clean(text, Config(format="text", favor=favor)))


def _cleaner_extraction(a: Any) -> Extraction:
    return Extraction(a.body, {"title": a.title, "author": a.author, "date": a.date, "site": a.site,
                               "source": a.source, "description": a.description,
                               "language": a.language})


# --- HTML input ----------------------------------------------------------------------


def html_text(page: str, lang: str | None) -> str:
    """html-text: every visible text of the page, no cleaning (the floor on HTML)."""
    import html_text as ht

    return str(ht.extract_text(page))


def _trafilatura_html(page: str, precision: bool) -> Extraction:
    from cleaner.engines import trafilatura_article

    a = trafilatura_article(page, True, None, precision=precision)
    return Extraction(a.body, {"title": a.title, "author": a.author, "date": a.date, "site": a.site,
                               "description": a.description, "language": a.language})


def trafilatura_html(page: str, lang: str | None) -> Extraction:
    """trafilatura on the HTML with its defaults, comments excluded; with its metadata."""
    return _trafilatura_html(page, precision=False)


def trafilatura_precision_html(page: str, lang: str | None) -> Extraction:
    """trafilatura with ``favor_precision=True``, comments excluded."""
    return _trafilatura_html(page, precision=True)


def readability_html(page: str, lang: str | None) -> Extraction:
    """readability-lxml: its article HTML, rendered to text by html-text; and its title."""
    import html_text as ht
    from readability import Document

    doc = Document(page)
    return Extraction(str(ht.extract_text(doc.summary(html_partial=True))), {"title": doc.short_title()})


def justext_html(page: str, lang: str | None) -> str:
    """jusText on the HTML, with the page's language stoplist (English when unknown)."""
    import justext as jt

    stoplist = _justext_stoplist(justext_stoplist_name(lang))
    return "\n\n".join(p.text for p in jt.justext(page, stoplist) if not p.is_boilerplate)


def boilerpy3_html(page: str, lang: str | None) -> str:
    """boilerpy3's ArticleExtractor (a port of boilerpipe)."""
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor(raise_on_failure=False).get_content(page))


def newspaper_html(page: str, lang: str | None) -> Extraction:
    """newspaper4k: parse the given HTML (nothing downloaded), with its metadata."""
    from newspaper import Article

    a = Article(url="https://example.invalid/", fetch_images=False)
    a.download(input_html=page)
    a.parse()
    date = a.publish_date.isoformat() if a.publish_date else None
    return Extraction(a.text or "", {"title": a.title or None, "author": ", ".join(a.authors) or None,
                                     "date": date, "site": a.meta_site_name or None,
                                     "description": a.meta_description or None,
                                     "language": a.meta_lang or None})


def cleaner_html(page: str, lang: str | None, favor: str = "balanced") -> Extraction:
    """The cleaner under test, on the HTML (its DOM path), with its metadata."""
    from cleaner import Config, clean

    return _cleaner_extraction(clean(page, Config(format="html", favor=favor)))


def resiliparse_html(page: str, lang: str | None) -> str:
    """resiliparse's main-content extraction (plain text)."""
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(page, main_content=True))


PEERS: dict[str, Peer] = {
    "keep_all": keep_all,
    "c4": c4,
    "justext": justext,
    "trafilatura": trafilatura,
    "cleaner": cleaner,
    "html-text": html_text,
    "trafilatura-html": trafilatura_html,
    "trafilatura-precision-html": trafilatura_precision_html,
    "readability-html": readability_html,
    "justext-html": justext_html,
    "boilerpy3-html": boilerpy3_html,
    "newspaper-html": newspaper_html,
    "resiliparse-html": resiliparse_html,
    "cleaner-html": cleaner_html,
    # The knob's two other settings, to show what it trades.
    "cleaner-precision": lambda text, lang: cleaner(text, lang, "precision"),
    "cleaner-recall": lambda text, lang: cleaner(text, lang, "recall"),
    "cleaner-precision-html": lambda page, lang: cleaner_html(page, lang, "precision"),
    "cleaner-recall-html": lambda page, lang: cleaner_html(page, lang, "recall"),
}
# Not timed: the knob's other settings run after `cleaner` on the same pages, in the same
# process, and its memos (rules, line features) would answer them from memory: a speed that
# reads high. The knob does not change the work done.
UNTIMED = frozenset({"cleaner-precision", "cleaner-recall", "cleaner-precision-html", "cleaner-recall-html"})
# Which input each tool takes (see the module's docstring).
INPUT = {name: "html" if name.endswith("-html") or name == "html-text" else "text" for name in PEERS}
# The tool each kind's speed is compared with.
SPEED_REFERENCE = {"text": "c4", "html": "trafilatura-html"}

# The modules each tool needs, checked before a run so a missing one is reported
# once instead of as a crash on every page.
_REQUIRES = {
    "justext": ("justext",), "trafilatura": ("trafilatura",), "cleaner": ("cleaner",),
    "html-text": ("html_text",), "trafilatura-html": ("trafilatura",),
    "trafilatura-precision-html": ("trafilatura",), "readability-html": ("readability", "html_text"),
    "justext-html": ("justext",), "boilerpy3-html": ("boilerpy3",), "newspaper-html": ("newspaper",),
    "resiliparse-html": ("resiliparse.extract.html2text",), "cleaner-html": ("cleaner",),
    "cleaner-precision": ("cleaner",), "cleaner-recall": ("cleaner",),
    "cleaner-precision-html": ("cleaner",), "cleaner-recall-html": ("cleaner",),
}


def unavailable_reason(name: str) -> str | None:
    """Why tool ``name`` cannot run here (its import error), or None if it can."""
    for module in _REQUIRES.get(name, ()):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # newspaper warns that nltk is missing: not needed
                importlib.import_module(module)
        except Exception as error:  # noqa: BLE001 - any import failure disables the tool
            return f"{type(error).__name__}: {error} (pip install -e '.[bench]')".splitlines()[0]
        # trafilatura, readability... log a warning for every page they find too short or
        # odd; they would drown the report and say nothing the scores do not.
        logging.getLogger(module.split(".")[0]).setLevel(logging.CRITICAL)
    return None
