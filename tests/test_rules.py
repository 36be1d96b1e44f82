"""Each rule on its own (from the examples the packs carry), and the rule loader's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import RuleError, clean
from cleaner.rules import load_rules

RULES = load_rules()


def _lang(rule) -> str | None:
    return None if "*" in rule.languages else rule.languages[0]


@pytest.mark.parametrize("rule", RULES.rules, ids=[r.id for r in RULES.rules])
def test_rule_examples(rule) -> None:
    assert rule.examples, f"{rule.id} has no examples"
    lang = _lang(rule)
    for text in rule.examples:
        if rule.action == "strip":
            assert rule.id in RULES.strip_spans(text, lang)[1], text
        else:
            m = RULES.match_line(text, lang)
            assert m is not None and m.rule.id == rule.id, (text, m and m.rule.id)
    for text in rule.not_examples:
        if rule.action == "strip":
            assert rule.id not in RULES.strip_spans(text, lang)[1], text
        else:  # another rule may well take the line; this one must not
            m = RULES.match_line(text, lang)
            assert m is None or m.rule.id != rule.id, (text, m.rule.id)


def test_field_rules_capture_values() -> None:
    m = RULES.match_line("LAPORAN: RENI ERINA", "id")
    assert (m.rule.field, m.value) == ("author", "RENI ERINA")
    m = RULES.match_line("Sumber : CNN Indonesia", "id")
    assert (m.rule.field, m.value) == ("source", "CNN Indonesia")
    m = RULES.match_line("By JANE DOE and JOHN ROE, Reuters", "en")
    assert (m.rule.field, m.value) == ("author", "JANE DOE and JOHN ROE")


def test_strip_keeps_text_and_spacing() -> None:
    text, fired = RULES.strip_spans("LAPORAN: <a href='https://x.id/a'>RENI ERINA</a>", "id")
    assert text == "LAPORAN: RENI ERINA" and fired == ["neutral.leaked-tag"]
    text, _ = RULES.strip_spans("rmol news logo Klaim terbaru  Pentagon.", "id")
    assert text == "Klaim terbaru  Pentagon."  # the article's own double space stays


def test_a_rule_reads_only_the_inputs_it_names(tmp_path: Path) -> None:
    # The leaked-tag rule is for scraped text: in a parsed page's text a "<div>" is what the
    # page prints (an article about HTML), and it stays.
    assert RULES.for_input("text").strip_spans("Wrap it in a <div> element.", "en")[0] == "Wrap it in a element."
    assert RULES.for_input("html").strip_spans("Wrap it in a <div> element.", "en") == ("Wrap it in a <div> element.", [])
    path = tmp_path / "site.toml"
    path.write_text("[[rule]]\nid = 'mysite.promo'\naction = 'drop'\npattern = 'Promo'\n"
                    "description = 'd'\ninputs = ['html']\n", encoding="utf-8")
    mine = load_rules([path], builtin=False)
    assert mine.for_input("html").match_line("Promo today", None) is not None
    assert mine.for_input("text").match_line("Promo today", None) is None
    assert mine.for_input("html") is mine  # every rule reads HTML: the same set, not a copy


def test_rule_ids_unique_and_described() -> None:
    ids = [r.id for r in RULES.rules]
    assert len(ids) == len(set(ids))
    assert all(r.description for r in RULES.rules)


BAD_RULES = [
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = '('\ndescription = 'd'\n", "bad pattern"),
    ("[[rule]]\nid = 'x'\naction = 'explode'\npattern = 'a'\ndescription = 'd'\n", "action must be"),
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = 'a'\n", "description"),
    ("[[rule]]\nid = 'x'\naction = 'field'\npattern = 'a'\ndescription = 'd'\n", "needs field"),
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = 'a*'\ndescription = 'd'\n", "empty string"),
    ("[[rule]]\nid = 'Bad Id'\naction = 'drop'\npattern = 'a'\ndescription = 'd'\n", "needs an id"),
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = 'a'\ndescription = 'd'\ncolour = 'red'\n", "unknown keys"),
    ("[[rule]\nid = 'x'", "not valid TOML"),
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = 'a'\ndescription = 'd'\ninputs = ['pdf']\n", "inputs must be"),
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = 'a'\ndescription = 'd'\ninputs = []\n", "inputs must be"),
    ("[[rule]]\nid = 'en.byline'\naction = 'drop'\npattern = 'a'\ndescription = 'd'\n", "duplicate rule id"),
    ("[[rule]]\nid = 'x'\naction = 'end'\npattern = 'a'\ndescription = 'd'\nbox = true\n", "box (true/false) applies to action 'drop'"),
    ("[[rule]]\nid = 'x'\naction = 'drop'\npattern = 'a'\ndescription = 'd'\nbox = 'yes'\n", "box (true/false)"),
]


@pytest.mark.parametrize(("text", "message"), BAD_RULES)
def test_malformed_rule_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as e:
        load_rules([path])
    assert str(path) in str(e.value) and message in str(e.value)


def test_user_rule_applies_and_explains(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text(
        "[[rule]]\nid = 'mysite.promo'\naction = 'drop'\npattern = 'Promo hari ini'\n"
        "description = 'our site promo line'\nexamples = ['Promo hari ini: diskon']\n",
        encoding="utf-8",
    )
    from cleaner import Config

    page = "Judul berita yang cukup panjang\n\n" + "\n\n".join(
        ["Ini adalah kalimat panjang yang menjelaskan berita dengan cukup rinci untuk pembaca kami."] * 3
        + ["Promo hari ini: diskon besar untuk semua pembaca setia kami di seluruh Indonesia."]
        + ["Ini adalah kalimat panjang yang menjelaskan berita dengan cukup rinci untuk pembaca kami."]
    )
    a = clean(page, Config(rules=(str(path),)))
    assert "Promo" not in a.body
    assert any(ln.reason == "mysite.promo" for ln in a.lines)


def test_a_label_trailing_off_is_still_the_label() -> None:
    from cleaner import clean

    prose = ("A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor "
             "acontecer, e o pessimismo só faz engessar o sorriso e travar as articulações.")
    a = clean(f"{prose}\n\n{prose}\n\nVocê pode gostar...\n\nOutra história")
    assert any(ln.reason == "pt.related-end" and ln.text == "Você pode gostar..." for ln in a.lines)


def test_a_user_rule_must_match_its_own_examples(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    head = '[pack]\nlanguages = ["*"]\ndescription = "mine"\n[[rule]]\nid = "mine.promo"\naction = "drop"\n'
    rules.write_text(head + "pattern = '''Buy now'''\ndescription = \"promo\"\nexamples = ['Buy now', 'Shop today']\n",
                     encoding="utf-8")
    with pytest.raises(RuleError, match="mine.promo.*Shop today"):
        load_rules([rules])
    rules.write_text(head + "pattern = '''Buy'''\ndescription = \"promo\"\nnot_examples = ['Buy the dip, he said.']\n",
                     encoding="utf-8")
    with pytest.raises(RuleError, match="not_example"):
        load_rules([rules])


def test_requires_gates_start_and_end_rules_alike(tmp_path: Path) -> None:
    """`requires` is a cheap necessary condition: a line holding none of its words is never
    tried, whether the rule is anchored at the start or at the end of the line."""
    rules = tmp_path / "mine.toml"
    for anchor in ("start", "end"):
        rules.write_text(
            '[pack]\nlanguages = ["*"]\ndescription = "mine"\n[[rule]]\nid = "mine.promo"\n'
            f'action = "drop"\nanchor = "{anchor}"\npattern = \'\'\'(?:buy|shop) now\'\'\'\n'
            'description = "promo"\nrequires = ["buy"]\nexamples = ["Buy now"]\n', encoding="utf-8")
        rs = load_rules([rules], builtin=False)
        assert rs.match_line("Buy now", None) is not None
        assert rs.match_line("Shop now", None) is None  # the pattern matches, the gate says no


def test_a_user_rule_whose_gate_excludes_its_own_example_is_refused(tmp_path: Path) -> None:
    """The load-time example check goes through the rule's `requires` gate, as matching does."""
    rules = tmp_path / "mine.toml"
    rules.write_text(
        '[pack]\nlanguages = ["*"]\ndescription = "mine"\n[[rule]]\nid = "mine.promo"\naction = "drop"\n'
        "pattern = '''(?:buy|shop) now'''\ndescription = \"promo\"\nrequires = [\"buy\"]\n"
        "examples = ['Shop now']\n", encoding="utf-8")
    with pytest.raises(RuleError, match="mine.promo.*Shop now"):
        load_rules([rules])
