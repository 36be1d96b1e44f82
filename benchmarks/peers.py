"""The tools being compared, all text-level: each takes a page's raw visible text
(site chrome included) and its language (ISO 639-1 code or None) and returns the
article body as plain text.

The HTML extractors (jusText, trafilatura) are given the text rebuilt as HTML,
one ``<p>`` per non-empty line: they then judge lines by their words, links and
neighbours only, as the cleaner must, and not by the page's markup, which the
cleaner never sees.  That makes the comparison fair, and is why their scores
here are lower than on real HTML.

Third-party packages are imported lazily, so a missing one disables one tool,
not the suite: see :func:`unavailable_reason`.
"""

from __future__ import annotations

import html
import importlib
import logging
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


def cleaner(text: str, lang: str | None) -> Extraction:
    """The cleaner under test: its body and metadata.  It detects the language itself:
    ``lang`` (the set's label) is not passed, so its language figure is a real detection."""
    from cleaner import clean

    a = clean(text)
    return Extraction(a.body, {"title": a.title, "author": a.author, "date": a.date, "site": a.site,
                               "source": a.source, "description": a.description,
                               "language": a.language})


PEERS: dict[str, Peer] = {
    "keep_all": keep_all,
    "c4": c4,
    "justext": justext,
    "trafilatura": trafilatura,
    "cleaner": cleaner,
}

# The module each tool needs, checked before a run so a missing one is reported
# once instead of as a crash on every page.
_REQUIRES = {"justext": "justext", "trafilatura": "trafilatura", "cleaner": "cleaner"}


def unavailable_reason(name: str) -> str | None:
    """Why tool ``name`` cannot run here (its import error), or None if it can."""
    module = _REQUIRES.get(name)
    if module is None:
        return None
    try:
        loaded: Any = importlib.import_module(module)
    except Exception as error:  # noqa: BLE001 - any import failure disables the tool
        return f"{type(error).__name__}: {error}".splitlines()[0]
    if name == "cleaner" and not hasattr(loaded, "clean"):
        return "the cleaner package has no clean() yet"
    if name == "trafilatura":
        # trafilatura logs a warning for every page it finds too short; they would
        # drown the report and say nothing the scores do not.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return None
