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
    """Bytes to text: UTF-8 (BOM allowed), else the charset an HTML page declares in its
    <meta>, else Windows-1252 (ftfy then repairs what it can).

    Raises BinaryInputError when the bytes are clearly not text.
    """
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
    return data.decode("cp1252", errors="replace")


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
