"""cleaner: strip site chrome from scraped article text; keep the body and its metadata.

    >>> from cleaner import clean
    >>> a = clean(open("page.txt").read())
    >>> a.title, a.date, a.body

`clean()` accepts text (str) or raw bytes (decoded as UTF-8, else repaired by ftfy), and a
`Config`. Every line's decision, with the rule or heuristic that made it, is in `Article.lines`.
"""

from __future__ import annotations

import re

from cleaner.article import Article, LineDecision
from cleaner.pipeline import Config, run
from cleaner.rules import RuleError

__all__ = ["Article", "BinaryInputError", "Config", "LineDecision", "RuleError", "clean", "decode"]
__version__ = "0.1.0"


class BinaryInputError(ValueError):
    """The input is not text (a binary file passed by mistake)."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-16 by its BOM, UTF-8 (BOM allowed), else the charset an HTML page
    declares in its <meta>, else the encoding charset-normalizer recognises (GBK, Shift-JIS,
    Windows-1251...), else Windows-1252 (ftfy then repairs what it can).

    Raises BinaryInputError when the bytes are clearly not text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 says so with its BOM (and is full of NULs)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    # Text has (almost) no C0 control bytes besides tab, newlines and form feed; binary has many.
    controls = sum(1 for c in head if c < 32 and c not in (9, 10, 12, 13))
    if head and controls > len(head) // 50:
        raise BinaryInputError("input looks binary (control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(head)  # an HTML page that says what it is (<meta charset=...>)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # a charset Python does not know
    # Undeclared: charset-normalizer tells GBK, Shift-JIS, Windows-1251 and their kin apart. Among
    # the Latin single-byte code pages it cannot really choose: Windows-1252, the web's usual one.
    from charset_normalizer import from_bytes

    guess = from_bytes(data[:_SNIFF]).best()
    if guess is not None and guess.encoding not in _LATIN_SINGLE_BYTE:
        try:
            return data.decode(guess.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


_SNIFF = 65536  # bytes charset detection reads
_LATIN_SINGLE_BYTE = frozenset({
    "ascii", "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman",
    "mac_latin2", "cp437", "cp850", "cp858",
})


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{2,40})""", re.I)


def clean(text: str | bytes, config: Config | None = None, *, language: str | None = None) -> Article:
    """Clean one page of scraped text. `language` is a shortcut for `Config(language=...)`."""
    if isinstance(text, bytes):
        text = decode(text)
    if not isinstance(text, str):
        raise TypeError(f"clean() takes str or bytes, not {type(text).__name__}")
    cfg = config or Config()
    if language:
        cfg = cfg._replace(language=language)
    return run(text, cfg)
