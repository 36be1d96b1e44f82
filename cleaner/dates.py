"""Read a printed date ("• Rabu, 07 September 2022, 07:47 WIB") into ISO 8601.

    find_date(text, *, day_first=None, reference=None, lang=None) -> FoundDate | None
    ambiguous_date(text) -> Readings | None   # Readings(day_first=ISO, month_first=ISO)

Absolute dates: month names of the supported languages (en id ms es pt fr de it nl ru tr vi pl
ar), day names before them or between them and the time, CJK "2019年11月20日" / Korean
"2019년 11월 20일", numeric dates, Arabic-Indic and full-width digits. A time zone or offset is
added only when the page names it.

No guessing. Year first (2019-11-20, 2019/11/20, 2019.11.20) is never ambiguous; dd.mm.yyyy
is day first (the European convention of German, Russian, Polish, Turkish...); with slashes or
dashes the order is settled when one part is over 12 (or both are equal), else by `day_first`,
else the date is ambiguous: find_date skips it and ambiguous_date gives its two readings (the
first such date in the text), for the caller to note.

Relative dates ("2 jam lalu", "vor 3 Stunden", "yesterday") are read only when the caller gives
a `reference` time: minutes and hours give date and time, days and weeks the date alone, with
the reference's offset. `lang` limits them to one language's words.

Month, day and zone names and the relative phrases are data: data/dates.toml, the only file
read at run time (data/make_dates.py fills its month and day names from CLDR, via Babel).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import regex

_DATA = Path(__file__).parent / "data" / "dates.toml"
# Every absolute form has a four-digit year: lines without one are skipped at once (re's \d
# also takes Arabic-Indic and full-width digits; they are read as ASCII below).
_YEAR = re.compile(r"(?:19|20|١٩|٢٠|۱۹|۲۰|１９|２０)\d\d")
# A year glued to the time after it ("Nov 20 20194:29 AM": two spans with no space between).
_GLUED_TIME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=[012]?\d:[0-5]\d(?!\d))")
# Arabic-Indic, Persian and full-width digits -> ASCII. One character for one: spans stay right.
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x660, 0x6F0, 0xFF10) for i in range(10)})
# Letters of the scripts that put spaces between words: a name must not be a piece of a longer
# word. Chinese, Japanese and Korean run words together, so no edge is required there.
_ALPHA = r"[\p{Latin}\p{Cyrillic}\p{Arabic}]"
_UNITS = {
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str  # "2022-09-07T07:47:00+07:00", "2022-09-07T07:47:00" or "2022-09-07"
    start: int  # span of the date (with time and zone) in the searched text
    end: int


class Readings(NamedTuple):
    """The two readings of an ambiguous numeric date (03/04/2023): 3 April, 4 March."""

    day_first: str
    month_first: str


def _fold(form: str) -> str:
    """Lookup key of a matched name: case, Turkish dotted/dotless i and spacing do not count."""
    return " ".join(form.lower().replace("\u0307", "").replace("ı", "i").split())


def _alt(forms: Iterable[str]) -> str:
    """Literal forms as one alternation, longest first ("tháng 10" before "tháng 1"); a space
    in a form matches any run of spaces."""
    unique = sorted(set(forms), key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(p) for p in f.split()) for f in unique if f)


def _ending_trie(forms: Iterable[str]) -> str:
    """Literal forms as a pattern factored on their shared endings ("(?:(?:nov|dec)emb|...)er"):
    a look-behind matches backwards, so this lets the engine drop most names at their last
    letter instead of trying some 600 names one by one (4x faster on real pages)."""
    rest: dict[str, list[str]] = {}
    for f in set(forms):
        if f:
            rest.setdefault(f[-1], []).append(f[:-1])
    branches = []
    for last, heads in sorted(rest.items()):
        inner = _ending_trie(heads)
        if inner and "" in heads:  # "mar" and "mär" end "...ar", "mars" does not
            inner = f"(?:{inner})?"
        branches.append(inner + (r"\s+" if last == " " else regex.escape(last)))
    if len(branches) <= 1:
        return "".join(branches)
    return f"(?:{'|'.join(branches)})"


@dataclass(frozen=True)
class _Tables:
    doc: dict[str, Any]
    month_names: list[str]  # as written in the data
    months: dict[str, int]  # folded name -> month number
    half: dict[str, str]  # folded am/pm marker (no dots, no spaces) -> "am" | "pm"
    zones: dict[str, str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    doc = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    names = [(i, f) for lang in doc["months"].values() for i, forms in enumerate(lang, 1) for f in forms]
    months: dict[str, int] = {}
    for i, f in names:
        months.setdefault(_fold(f), i)
    w = doc["words"]
    half = {_half_key(f): "am" for f in w["am_before"] + w["am_after"]}
    half |= {_half_key(f): "pm" for f in w["pm_before"] + w["pm_after"]}
    return _Tables(doc, [f for _, f in names], months, half, doc["zones"])


def _half_key(form: str) -> str:
    return _fold(form).replace(".", "").replace(" ", "")


@lru_cache(maxsize=1)
def _clock() -> str:
    """A time: "07:47", "18h30", "3:45 p.m.", "오후 2:30", "午後2時30分", "14:30 Uhr MESZ",
    "08:30:00+07:00", "14:30 (GMT+7)". Groups: pre, h, mi, s, post, zone, off."""
    t = _tables()
    w = t.doc["words"]
    after = _alt(f.rstrip(".") for f in w["am_after"] + w["pm_after"])
    # Zone names that are words too (French "est", German "ist") count in capitals only, or
    # after an English am/pm ("11:06am ist"): "à 14h30 est annulée" names no zone.
    wordy = set(w["zone_words"])
    zone = _alt(z for z in t.zones if z != "z" and z not in wordy)
    return (
        rf"(?:(?P<pre>{_alt(w['am_before'] + w['pm_before'])})\s*)?"
        r"(?P<h>[01]?\d|2[0-3])(?:[:.h]|\s*[時시点點]\s*)(?P<mi>[0-5]\d)(?!\d)(?:\s*[分분])?"
        r"(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?"
        rf"(?:\s*(?P<post>{after})\.?(?!{_ALPHA}))?"
        rf"(?:\s*(?:{_alt(w['after_time'])})(?!{_ALPHA}))?"
        r"(?:\s*[(（]?\s*(?:"
        r"(?P<off>(?:utc|gmt)\s*[+\-−]\s?\d{1,2}(?::?\d\d)?)"  # GMT+7, UTC+05:30
        r"|(?P<off>[+−]\d\d:?\d\d)(?!\d)"
        # a hyphen-minus offset only after seconds, an ISO "T" time or a space: 10:00-12:00 is a range
        r"|(?<=:\d\d:\d\d(?:[.,]\d+)?\s?|t\d\d:\d\d|\d\s)(?P<off>-\d\d:?\d\d)(?!\d)"
        r"|(?P<off>(?-i:Z))(?!\w)"
        rf"|(?P<zone>{zone})(?!\w)"
        rf"|(?P<zone>(?-i:{_alt(z.upper() for z in wordy)}))(?!\w)"
        rf"|(?<=[ap]\.?m\.?\s{{0,3}})(?P<zone>{_alt(wordy)})(?!\w)"
        # in capitals, glued to the capitalised word after it ("4:29 AM ESTUpdated an hour ago")
        rf"|(?P<zone>(?-i:{_alt(z.upper() for z in t.zones if len(z) > 1)}))(?=(?-i:[A-Z][a-z]))"
        r")(?:\s*[)）])?)?"
    )


@lru_cache(maxsize=1)
def _time_after() -> regex.Pattern[str]:
    """What may follow a date (or "yesterday"): a day name ("(水)", "Çarşamba"), a separator or
    word ("um", "à", "pukul", "|"), then the clock. All optional together: a day name alone is
    not read. Matched from the end of the date; it always matches, maybe nothing."""
    t = _tables()
    w = t.doc["words"]
    days = [f for lang in t.doc["days"].values() for forms in lang for f in forms]
    # Alphabetic names must end as words ("T20" in "2019-11-18T20:51" is no Vietnamese "t2").
    joined = [d for d in days if len(d) > 1 and d[-1] >= "\u2e80"]  # 星期三14:30
    spaced = [d for d in days if len(d) > 1 and d[-1] < "\u2e80"]
    gap = (
        rf"(?:\s*[,，、،]?\s*(?:[(（]\s*(?:{_alt(days)})\.?\s*[)）]"
        rf"|(?:{_alt(joined)})|(?:{_alt(spaced)})\.?(?!\w)))?"
    )
    sep = rf"\s*(?:[,，、،|•·/–—-]\s*)?(?:(?<!{_ALPHA})(?:{_alt(w['before_time'])})(?!{_ALPHA})\s*|t(?=\d))?"
    return regex.compile(f"(?:{gap}{sep}{_clock()})?", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """(kind, pattern) pairs. Every pattern is anchored on the four-digit year, what comes
    before the year being a look-behind: the engine works only where a year is, which keeps
    the many month names cheap. The date starts at the group _LEAD[kind]."""
    t = _tables()
    w = t.doc["words"]
    mon = _ending_trie(t.month_names)
    join = rf"(?:(?:{_alt(w['joiners'])})\s+)?"
    year = r"(?P<y>(?:19|20)\d\d)(?!\d)"
    flags = regex.IGNORECASE
    return (
        # 2019-11-19T00:21:00Z, 2019/11/20 14:30, Korean "2019. 11. 20. 오후 2:30"
        ("ymd", regex.compile(
            r"(?<![\d.,/+\-\p{Sc}])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])\s?(?P<m>[01]?\d)(?P=sep)\s?"
            r"(?P<d>[0-3]?\d)(?!\d|[-/]\d)(?:(?<=\d\.\s?\d{1,2}\.\s?\d{1,2})\.)?",
            flags,
        )),
        # 07 September 2022, 7. Mai 2022, 18 de noviembre de 2019, ngày 20 tháng 11 năm 2019,
        # 20 ноября 2019 г., 20 تشرين الثاني/نوفمبر 2019. (The first look-behind is a cheap
        # test: a digit, then at least two other characters, just before the year.)
        ("dmy", regex.compile(
            rf"(?<=\d\D{{2,40}})(?<=(?<!\w)(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er|º|°)?\s*{join}(?P<mon>{mon})\.?"
            rf"(?:\s*/\s*(?:{mon})\.?)?[,،]?\s*{join}){year}"
            rf"(?:\s*(?:{_alt(w['after_year'])})\.?(?!{_ALPHA}))?",
            flags,
        )),
        # November 18, 2019 / Nov. 18 2019 11:03 PM EST
        ("mdy", regex.compile(
            rf"(?<=(?<!\w)(?P<mon>{mon})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+){year}", flags
        )),
        # 07/09/2022, 7.9.2022, 20-11-2019 (the order is settled in _scan)
        ("numeric", regex.compile(
            r"(?<=(?<![\w.,/+\-\p{Sc}])(?P<a>[0-3]?\d)(?:(?P<sep>/)(?P<b>[0-3]?\d)/|(?P<sep>\.)(?P<b>[0-3]?\d)\."
            rf"|(?P<sep>-)(?P<b>[0-3]?\d)-)){year}(?![.,/\-]\d)",
            flags,
        )),
        # 2019年11月20日 14:30, 2019년 11월 20일 (수) 오후 2:30
        ("cjk", regex.compile(
            r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日号號일]",
            flags,
        )),
    )


_LEAD = {"ymd": "y", "dmy": "d", "mdy": "mon", "numeric": "a", "cjk": "y"}


def _offset(zone: str | None, off: str | None) -> str:
    if zone:
        return _tables().zones.get(zone.lower(), "")
    if not off:
        return ""
    o = regex.sub(r"(?i)utc|gmt|\s", "", off).replace("−", "-")
    if o.upper() == "Z":
        return "+00:00"
    sign, digits = o[0], o[1:]
    if ":" in digits:
        hh, mm = digits.split(":")
    elif len(digits) <= 2:
        hh, mm = digits, "00"
    else:
        hh, mm = digits[:-2], digits[-2:]
    if int(hh) > 14 or int(mm) > 59:
        return ""
    return f"{sign}{int(hh):02d}:{mm}"


def _time(g: dict[str, str | None]) -> str:
    """"T07:47:00+07:00" from a match of _clock (empty when it has no time)."""
    if not g.get("h"):
        return ""
    h = int(g["h"] or 0)
    half = _tables().half.get(_half_key(g.get("pre") or g.get("post") or ""))
    if half == "pm" and h < 12:
        h += 12
    elif half == "am" and h == 12:
        h = 0
    return f"T{h:02d}:{g['mi']}:{g.get('s') or '00'}{_offset(g.get('zone'), g.get('off'))}"


@lru_cache(maxsize=1)
def _time_pattern() -> regex.Pattern[str]:
    """A time standing apart from the date: "10:02 AM EST", "0339 GMT" (four digits only
    with a UTC zone, or any number would do)."""
    return regex.compile(
        rf"(?<![\d:.])(?:(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?=\s*(?:GMT|UTC)\b)\s*(?P<zone>GMT|UTC)"
        rf"|{_clock()})(?![\d:])",
        regex.IGNORECASE,
    )


def _time_elsewhere(text: str, start: int, end: int) -> str:
    """A date line states one time, before or after the date ("10:02 AM EST Nov 19, 2019",
    "Updated 0339 GMT ... November 19, 2019"): find it outside the date's span."""
    rest = text[:start] + " " * (end - start) + text[end:]
    m = _time_pattern().search(rest)
    return _time(m.groupdict()) if m else ""


def _orders(a: int, b: int, dots: bool, day_first: bool | None) -> list[tuple[int, int]]:
    """The (day, month) readings of a numeric date a/b/yyyy: one when it is settled, two when
    it is ambiguous, none when neither part can be the month."""
    if a == b or b <= 12 < a:  # the same day either way, or `a` can only be the day
        return [(a, b)]
    if a <= 12 < b:
        return [(b, a)]
    if a > 12:
        return []
    if dots:  # dd.mm.yyyy: the European convention (German, Russian, Polish, Turkish...)
        return [(a, b)]
    if day_first is None:
        return [(a, b), (b, a)]
    return [(a, b) if day_first else (b, a)]


def _scan(text: str, day_first: bool | None) -> tuple[FoundDate | None, tuple[int, Readings] | None]:
    """The first settled date of `text` and the first ambiguous one (with its start)."""
    if _YEAR.search(text) is None:
        return None, None
    if not text.isascii():
        text = text.translate(_DIGITS)
    # A year glued to the time after it ("Nov 20 20194:29 AM EST": two spans with no space
    # between them) is parted with a space; `spaces` maps the spans back.
    spaces: list[int] = []
    if ":" in text and _GLUED_TIME.search(text) is not None:
        spaces = [m.end() + k for k, m in enumerate(_GLUED_TIME.finditer(text))]
        text = _GLUED_TIME.sub(r"\1 ", text)
    found, ambiguous = _scan_dates(text, day_first)
    if spaces and found is not None:
        back = lambda i: i - sum(1 for sp in spaces if sp < i)  # noqa: E731
        found = FoundDate(found.iso, back(found.start), back(found.end))
    return found, ambiguous


def _scan_dates(text: str, day_first: bool | None) -> tuple[FoundDate | None, tuple[int, Readings] | None]:
    months = _tables().months
    best: FoundDate | None = None
    ambiguous: tuple[int, Readings] | None = None
    for kind, pat in _patterns():
        if kind == "cjk" and "年" not in text and "년" not in text:
            continue
        for m in pat.finditer(text):
            start = m.start(_LEAD[kind])
            if best is not None and start >= best.start:
                break
            g = m.groupdict()
            y = int(g["y"])
            if kind == "numeric":
                orders = _orders(int(g["a"]), int(g["b"]), g["sep"] == ".", day_first)
            elif kind in ("dmy", "mdy"):
                orders = [(int(g["d"]), months.get(_fold(g["mon"]), 0))]
            else:
                orders = [(int(g["d"]), int(g["m"]))]
            try:
                for d, mo in orders:
                    _date(y, mo, d)  # validates
            except ValueError:
                continue
            if not orders:
                continue
            after = _time_after().match(text, m.end())
            assert after is not None
            end = after.end() if after.group("h") else m.end()
            own = _time(after.groupdict())
            if not own and not (kind == "ymd" and g["sep"] == "-"):  # ISO dates come with their time
                own = _time_elsewhere(text, start, end)
            isos = [f"{y:04d}-{mo:02d}-{d:02d}{own}" for d, mo in orders]
            if len(isos) == 2:
                if ambiguous is None or start < ambiguous[0]:
                    ambiguous = (start, Readings(*isos))
                continue
            best = FoundDate(isos[0], start, end)
            break
    return best, ambiguous


def find_date(
    text: str,
    *,
    day_first: bool | None = None,
    reference: datetime | None = None,
    lang: str | None = None,
) -> FoundDate | None:
    """The first date in `text`, as ISO 8601, or None.

    `day_first` settles numeric dates like 07/09/2022 (True for most of the world, False for US
    English); with None such a date is not returned (see ambiguous_date). A relative date
    ("3 hours ago") is read only with a `reference` time, and only when the text has no
    absolute date; `lang` (ISO 639-1) limits it to that language's phrases.
    """
    found, _ = _scan(text, day_first)
    if found is None and reference is not None:
        return _relative(text, reference, lang)
    if found is not None and _updated_label().search(text, max(0, found.start - 24), found.start):
        # The first date is the last update's: the publication's, if the line gives it, follows.
        later, _ = _scan(text[found.end :], day_first)
        if later is not None:
            return FoundDate(later.iso, found.end + later.start, found.end + later.end)
    return found


def updated_date(text: str, *, day_first: bool | None = None) -> FoundDate | None:
    """The date `text` labels as its last update ("Updated Nov. 19, 2019 8:21 am ET",
    "UPDATED: 11:05, Tue, Nov 19, 2019", "Mis à jour le 05.05.2015 à 20h13"), or None: the
    first date soon after an update label, with nothing but its time between them."""
    if _YEAR.search(text) is None:
        return None
    for m in _updated_word().finditer(text):
        found, _ = _scan(text[m.end() :], day_first)
        if found is None or found.start > 32:
            continue
        between = _time_pattern().sub("", text[m.end() : m.end() + found.start])
        if not any(c.isdigit() for c in between):
            return FoundDate(found.iso, m.end() + found.start, m.end() + found.end)
    return None


@lru_cache(maxsize=1)
def _updated_word() -> regex.Pattern[str]:
    """A last-update label: "Updated", "Mis à jour" (dates.toml's `updated`)."""
    return regex.compile(rf"(?<!{_ALPHA})(?:{_alt(_tables().doc['words']['updated'])})(?!{_ALPHA})", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _updated_label() -> regex.Pattern[str]:
    """A last-update label just before a date ("Updated ", "Mis à jour le ")."""
    return regex.compile(_updated_word().pattern + r"\D{0,16}$", regex.IGNORECASE)


def ambiguous_date(text: str) -> Readings | None:
    """The two readings of the first numeric date in `text` whose day/month order nothing
    settles (03/04/2023 -> 2023-04-03, 2023-03-04), or None if there is no such date."""
    _, ambiguous = _scan(text, None)
    return ambiguous[1] if ambiguous else None


# --- relative dates ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Relative:
    """The relative phrases of some languages as one pattern, and what their words mean."""

    pattern: regex.Pattern[str]
    numbers: dict[str, int]  # "an" -> 1, "einer" -> 1
    units: dict[str, str]  # "stunden" -> "hour"
    counted: dict[str, tuple[str, int]]  # "ساعتين" -> ("hour", 2)
    days_back: dict[str, int]  # "yesterday" -> 1
    guarded: frozenset[str]  # days_back words read only with a time after them


def _merge(into: dict[str, Any], lang: str, table: dict[str, Any]) -> None:
    """Add a language's words to those of the others; a word may not mean two things."""
    for form, value in table.items():
        if into.setdefault(_fold(form), value) != value:
            raise ValueError(f"dates.toml: {form!r} of [relative.{lang}] means something else elsewhere")


def _template(tpl: str, n: str, unit: str) -> str:
    """A phrase template ("vor {n} {unit}") as a pattern: between {n} and {unit} any spacing
    or none ("3時間前", "2h ago"), elsewhere a run of spaces."""
    tpl = tpl.replace("{n} {unit}", "{n}{unit}")
    parts = {"{n}": n, "{unit}": (r"\s*" if n else "") + unit}
    pieces = regex.split(r"(\{\w+\})", tpl)
    out = [parts[p] if p in parts else r"\s+".join(regex.escape(w) for w in p.split(" ")) for p in pieces]
    return rf"(?<!{_ALPHA}){''.join(out)}(?!{_ALPHA})"


@lru_cache(maxsize=32)
def _relative_tables(lang: str | None) -> _Relative:
    doc = _tables().doc["relative"]
    every = [code for code, table in doc.items() if isinstance(table, dict)]
    langs = [code for code in every if code == lang] or every
    numbers: dict[str, int] = {}
    units: dict[str, str] = {}
    counted: dict[str, tuple[str, int]] = {}
    days_back: dict[str, int] = {}
    alternatives: list[str] = []
    for code in langs:
        r = doc[code]
        forms = {f: unit for unit in _UNITS for f in r.get(unit, [])}
        _merge(numbers, code, r.get("numbers", {}))
        _merge(units, code, forms)
        _merge(counted, code, {f: (u, k) for f, (u, k) in r.get("counted", {}).items()})
        _merge(days_back, code, r.get("days_back", {}))
        # A number: digits (not the tail of "1.5") or a word ("an hour", "vor einer Stunde").
        num = r"(?<![\d.,])\d{1,3}(?!\d)"
        if r.get("numbers"):
            num += rf"|(?<!{_ALPHA})(?:{_alt(r['numbers'])})"
        for tpl in r["ago"]:
            alternatives.append(_template(tpl, f"(?P<n>{num})", f"(?P<unit>{_alt(forms)})"))
            if r.get("counted"):  # "час назад", "منذ ساعتين": the unit word carries the number
                alternatives.append(_template(tpl, "", f"(?P<c>{_alt(r['counted'])})"))
    alternatives.append(rf"(?<!{_ALPHA})(?P<back>{_alt(days_back)})(?!{_ALPHA})")
    # "hier" (French "yesterday", German "here") needs a time after it unless lang says French.
    guarded = frozenset(_fold(f) for f in doc.get("guarded", [])) if len(langs) > 1 else frozenset()
    pattern = regex.compile("|".join(alternatives), regex.IGNORECASE)
    return _Relative(pattern, numbers, units, counted, days_back, guarded)


def _utc_offset(dt: datetime) -> str:
    """"+07:00" for an aware datetime, "" for a naive one."""
    off = dt.utcoffset()
    if off is None:
        return ""
    minutes = int(off.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _relative(text: str, reference: datetime, lang: str | None) -> FoundDate | None:
    if not text.isascii():
        text = text.translate(_DIGITS)
    r = _relative_tables(lang)
    for m in r.pattern.finditer(text):
        g = m.groupdict()
        if g.get("back"):
            key = _fold(g["back"])
            clock = _time_after().match(text, m.end())
            assert clock is not None
            if not clock.group("h"):
                if key in r.guarded:
                    continue
                return FoundDate(
                    (reference - timedelta(days=r.days_back[key])).date().isoformat(), m.start(), m.end()
                )
            day = (reference - timedelta(days=r.days_back[key])).date().isoformat()
            time = _time(clock.groupdict())
            if not (clock.group("zone") or clock.group("off")):
                time += _utc_offset(reference)
            return FoundDate(day + time, m.start(), clock.end())
        if g.get("c"):
            unit, n = r.counted[_fold(g["c"])]
        else:
            n = int(g["n"]) if g["n"].isdigit() else r.numbers[_fold(g["n"])]
            unit = r.units[_fold(g["unit"])]
        when = reference - n * _UNITS[unit]
        if unit in ("minute", "hour"):
            iso = when.replace(second=0, microsecond=0).isoformat()
        else:
            iso = when.date().isoformat()
        return FoundDate(iso, m.start(), m.end())
    return None
