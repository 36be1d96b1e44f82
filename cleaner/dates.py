"""Read a printed date ("• Rabu, 07 September 2022, 07:47 WIB") into ISO 8601.

No guessing: a numeric date whose day/month order the text does not settle (03/04/2023) is not
returned; a time zone is added only when the page names it. Month names and zone names are data
(data/dates.toml).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

import regex

_DATA = Path(__file__).parent / "data" / "dates.toml"
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str  # "2022-09-07T07:47:00+07:00", "2022-09-07T07:47:00" or "2022-09-07"
    start: int  # span of the date (with time and zone) in the searched text
    end: int


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, str]]:
    doc = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    months: dict[str, int] = {}
    for names in doc["months"].values():
        for i, forms in enumerate(names, 1):
            for f in forms:
                months.setdefault(f, i)
    return months, doc["zones"]


@lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern[str], ...]:
    months, zones = _tables()
    mon = "|".join(sorted((regex.escape(m) for m in months), key=len, reverse=True))
    zone = "|".join(sorted((regex.escape(z) for z in zones if z != "z"), key=len, reverse=True))
    time = (
        rf"(?:\s*(?:,|\bat\b|\bpukul\b|\bjam\b|\bum\b|\bà\b|\ba las\b|\bàs\b|-|–|\||•|·|/)?\s*"
        rf"(?P<h>[01]?\d|2[0-3])[:.h](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?"
        rf"(?:\s*(?P<zone>{zone})\b|\s*(?P<off>(?:utc|gmt)?\s*[+-]\d{{1,2}}(?::?\d{{2}})?))?)?"
    )
    flags = regex.IGNORECASE
    return (
        # 2022-09-07T07:47:00+07:00 and 2022-09-07 07:47
        regex.compile(
            r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
            r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?"
            r"\s*(?P<off>Z|[+-]\d\d:?\d\d)?)?\b",
            flags,
        ),
        # 07 September 2022, 7. Mai 2022, 18 de noviembre de 2019
        regex.compile(
            rf"\b(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th)?\s*(?:de\s+)?(?P<mon>{mon})\.?,?\s*(?:de\s+)?(?P<y>(?:19|20)\d\d)\b{time}",
            flags,
        ),
        # November 18, 2019 / Nov. 18 2019 11:03 PM EST
        regex.compile(
            rf"\b(?P<mon>{mon})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b{time}",
            flags,
        ),
        # 07/09/2022 or 7.9.2022 (order settled only when one part is > 12)
        regex.compile(rf"\b(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:19|20)\d\d)\b{time}", flags),
    )


def _offset(zone: str | None, off: str | None) -> str:
    _, zones = _tables()
    if zone:
        return zones.get(zone.lower(), "")
    if off:
        o = regex.sub(r"(?i)utc|gmt|\s", "", off)
        if o.upper() == "Z":
            return "+00:00"
        sign, digits = o[0], o[1:].replace(":", "")
        if len(digits) <= 2:
            digits = digits.zfill(2) + "00"
        return f"{sign}{digits[:2]}:{digits[2:4]}"
    return ""


@lru_cache(maxsize=1)
def _time_pattern() -> regex.Pattern[str]:
    """A time standing apart from the date: "10:02 AM EST", "0339 GMT" (four digits only
    with a UTC zone, or any number would do)."""
    _, zones = _tables()
    zone = "|".join(sorted((regex.escape(z) for z in zones if z != "z"), key=len, reverse=True))
    return regex.compile(
        rf"(?<![\d:.])(?:(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?"
        rf"|(?P<h2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)(?=\s*(?:gmt|utc)\b))(?![\d:])"
        rf"(?:\s*(?P<zone>{zone})\b)?",
        regex.IGNORECASE,
    )


def _time_elsewhere(text: str, start: int, end: int) -> str:
    """A date line states one time, before or after the date ("10:02 AM EST Nov 19, 2019",
    "Updated 0339 GMT ... November 19, 2019"): find it outside the date's span."""
    rest = text[:start] + " " * (end - start) + text[end:]
    m = _time_pattern().search(rest)
    if not m:
        return ""
    h = int(m.group("h") or m.group("h2"))
    mi = m.group("mi") or m.group("mi2")
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    return f"T{h:02d}:{mi}:00{_offset(m.group('zone'), None)}"


def find_date(text: str, *, day_first: bool | None = None) -> FoundDate | None:
    """The first date in `text`, as ISO 8601, or None.

    `day_first` settles numeric dates like 07/09/2022 (True for most of the world, False for US
    English); with None such a date is returned only when one of its parts is over 12.
    """
    if _YEAR.search(text) is None:  # every form below has a four-digit year: skip most lines
        return None
    months, _ = _tables()
    best: tuple[int, FoundDate] | None = None
    for i, pat in enumerate(_patterns()):
        m = pat.search(text)
        if not m:
            continue
        g = m.groupdict()
        try:
            y = int(g["y"])
            if i == 3:
                a, b = int(g["a"]), int(g["b"])
                if a > 12 or (day_first and b <= 12):
                    d, mo = a, b
                elif b > 12 or day_first is False:
                    d, mo = b, a
                else:
                    continue  # ambiguous: no evidence for the order
            elif i == 0:
                d, mo = int(g["d"]), int(g["m"])
            else:
                d, mo = int(g["d"]), months[g["mon"].lower()]
            _date(y, mo, d)  # validates
        except (ValueError, KeyError):
            continue
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        if g.get("h"):
            h = int(g["h"])
            ampm = (g.get("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and h < 12:
                h += 12
            elif ampm == "am" and h == 12:
                h = 0
            iso += f"T{h:02d}:{g['mi']}:{g.get('s') or '00'}{_offset(g.get('zone'), g.get('off'))}"
        elif i != 0:
            iso += _time_elsewhere(text, m.start(), m.end())
        found = FoundDate(iso, m.start(), m.end())
        if best is None or m.start() < best[0]:
            best = (m.start(), found)
    return best[1] if best else None
