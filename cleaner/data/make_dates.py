"""Add CLDR's month and day names (from Babel) to the [months] and [days] tables of dates.toml.

    python cleaner/data/make_dates.py

Only a development tool: the runtime reads dates.toml alone. The script never removes a form:
forms already in the file (hand-added ones CLDR lacks, such as Indonesian "agt" or "nopember")
stay first, CLDR's forms and their spelling variants are appended, so it can be run again after
a hand edit. Everything else in the file is kept as it is. Forms are lower case, without a
trailing dot (the reader allows one).
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from pathlib import Path

from babel import Locale

TOML = Path(__file__).with_name("dates.toml")

# Language -> the CLDR locales whose names it reads (regional variants print other names:
# Levantine/Iraqi "تشرين الثاني", Maghreb "نونبر", Austrian "jänner", Taiwanese "週三").
LOCALES = {
    "en": ["en"], "id": ["id"], "ms": ["ms"], "es": ["es"], "pt": ["pt", "pt_PT"], "fr": ["fr"],
    "de": ["de", "de_AT"], "it": ["it"], "nl": ["nl"], "ru": ["ru"], "tr": ["tr"], "vi": ["vi"],
    "pl": ["pl"], "ar": ["ar", "ar_SY", "ar_LB", "ar_IQ", "ar_DZ", "ar_TN", "ar_MA"],
    "zh": ["zh", "zh_Hant"], "ja": ["ja"], "ko": ["ko"],
}
# CJK dates are numeric ("2019年11月20日"), read by their own pattern: no month names for them.
NO_MONTHS = {"zh", "ja", "ko"}
CJK = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]")
# Letters NFKD does not take apart, for the ASCII spellings of Latin-script names.
ASCII = str.maketrans({"ł": "l", "ı": "i", "đ": "d", "ß": "ss"})
# Arabic is often typed without hamza on the alif ("ابريل", "الاربعاء").
HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})


def _clean(form: str) -> str:
    return form.replace("\xa0", " ").strip().rstrip(".").lower()


def _latin(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def _variants(lang: str, form: str) -> list[str]:
    out = [form]
    if lang == "ar":
        out.append(form.translate(HAMZA))
    elif not form.isascii() and _latin(form):
        plain = unicodedata.normalize("NFKD", form.translate(ASCII))
        out.append("".join(c for c in plain if not unicodedata.combining(c)))
    if lang == "vi" and re.fullmatch(r"(?:tháng|thg) \d", form):
        out.append(form[:-1] + "0" + form[-1])  # "tháng 01"
    return out


def _cldr(lang: str, kind: str) -> list[list[str]]:
    """The names of each month (1-12) or day (Monday first) in `lang`, all widths and contexts."""
    n = 12 if kind == "months" else 7
    names: list[list[str]] = [[] for _ in range(n)]
    for code in LOCALES[lang]:
        table = getattr(Locale.parse(code), kind)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated", "short"):
                by_index = table[context].get(width) or {}
                for i in range(n):
                    raw = by_index.get(i + 1 if kind == "months" else i)
                    if not raw:
                        continue
                    form = _clean(raw)
                    if lang not in NO_MONTHS and CJK.search(form):
                        continue  # Babel falls back to root (CJK) names for some stand-alone forms
                    names[i].extend(_variants(lang, form))
    return names


def _merge(old: list[list[str]] | None, new: list[list[str]]) -> list[list[str]]:
    merged = [list(forms) for forms in old] if old else [[] for _ in new]
    for forms, extra in zip(merged, new, strict=True):
        for f in extra:
            if f not in forms:
                forms.append(f)
    return merged


def _section(text: str, name: str, lines: list[str]) -> str:
    """Replace the `lang = [...]` lines of [name], keeping its comments."""
    head = re.search(rf"^\[{name}\]\n((?:#.*\n)*)", text, re.MULTILINE)
    if head is None:
        raise SystemExit(f"no [{name}] table in {TOML}")
    body = re.compile(r"(?:^\w+ = .*\n)*", re.MULTILINE).match(text, head.end())
    assert body is not None
    return text[: head.end()] + "".join(line + "\n" for line in lines) + text[body.end() :]


def main() -> None:
    text = TOML.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    for kind in ("months", "days"):
        lines = []
        for lang in LOCALES:
            if kind == "months" and lang in NO_MONTHS:
                continue
            table = _merge(doc.get(kind, {}).get(lang), _cldr(lang, kind))
            lines.append(f"{lang} = {json.dumps(table, ensure_ascii=False, separators=(',', ':'))}")
        text = _section(text, kind, lines)
    TOML.write_text(text, encoding="utf-8")
    # A form naming two different months would be read as whichever language comes first.
    seen: dict[str, tuple[str, int]] = {}
    for lang, months in tomllib.loads(text)["months"].items():
        for i, forms in enumerate(months, 1):
            for f in forms:
                if f in seen and seen[f][1] != i:
                    print(f"warning: {f!r} is month {seen[f][1]} in {seen[f][0]}, {i} in {lang}")
                seen.setdefault(f, (lang, i))


if __name__ == "__main__":
    main()
