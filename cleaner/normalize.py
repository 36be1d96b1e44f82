"""Stage 1: make the text trustworthy before anything reads it.

ftfy repairs mojibake ("â€œ" -> "“") and stray control characters; we turn it away from
anything that would rewrite the article itself (curly quotes, full-width forms stay as
published). Odd spaces become plain spaces and invisible characters go, because they break
every pattern downstream. HTML entities a scraper left behind are decoded.
"""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

# ftfy's defaults straighten quotes and fold full-width characters: that would change the
# article's own text, which a cleaner must not do. HTML entities are decoded below instead,
# because ftfy's "auto" mode declines whenever the text holds a leaked tag.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=False,
)

# These simple patterns use the standard library's `re`, 2-3x faster than `regex` on them.
# No-break and typographic spaces, ideographic space excluded from CJK? No: U+3000 inside a
# paragraph is layout, not content, in scraped text.
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width characters, BOM, soft hyphen, word joiner, bidi marks left without context.
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060\ufeff\u200e\u200f]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What UTF-8 read as Latin-1/Windows-1252 looks like: a lead byte \xc2-\xf4 followed by a
# continuation byte shown as \x80-\xbf or as its cp1252 glyph ("Ã©", "â€œ"); plus C0/C1
# control characters and U+FFFD. Text without any of them skips ftfy, the slowest step by far
# (ftfy's own badness check alone costs more than the whole rest of the pipeline).
_NEEDS_FTFY = re.compile(
    "[\xc2-\xf4][\x80-\xbf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
    "\u0153\u017e\u0178]|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]"
)


def normalize(text: str) -> str:
    """Return `text` repaired: mojibake fixed, composed (NFC), line endings `\\n`, odd spaces
    plain, invisible characters removed, HTML entities decoded, trailing spaces of each line
    removed.

    Leading indentation is removed too: scrapers that indent nested blocks would otherwise make
    every pattern anchored at line start miss.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    if not text.isascii():  # ASCII has no mojibake, odd spaces or invisible characters
        if _NEEDS_FTFY.search(text):
            text = ftfy.fix_text(text, _FTFY)
        elif not unicodedata.is_normalized("NFC", text):
            # What ftfy would also do: "e" + combining acute is "é" on every page, not only on
            # the pages that needed repairs (NFC, not NFKC: full-width forms stay).
            text = unicodedata.normalize("NFC", text)
        text = _ODD_SPACE.sub(" ", text)
        text = _INVISIBLE.sub("", text)
    text = text.replace("\t", " ")
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        text = _ODD_SPACE.sub(" ", text)  # &nbsp; decodes to a no-break space
    # Most texts have no space at a line's edge: they are returned as they are, not rebuilt
    # line by line (on a 100 MB input that copy is 100 MB).
    if text[:1].isspace() or text[-1:].isspace() or any(s in text for s in _EDGE_SPACE):
        return "\n".join(line.strip() for line in text.split("\n"))
    return text


# What str.strip() would find at a line's edge once odd spaces, tabs and breaks are plain: a
# space, or the separators and breaks nothing above turns into one.
_EDGE_SPACE = ("\n ", " \n", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u2028", "\u2029")
