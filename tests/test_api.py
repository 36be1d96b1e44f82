"""The public API: clean(), Article, Config; bytes, empty input, the never-lose fallback."""

from __future__ import annotations

import json

import pytest

from cleaner import Article, BinaryInputError, Config, clean, decode

PROSE = "Ini adalah kalimat panjang yang menjelaskan isi berita dengan cukup rinci bagi para pembaca kami."

SCHEMA = {
    "title", "body", "paragraphs", "author", "date", "modified", "site", "source", "dateline", "editor",
    "description", "captions", "language", "url", "sources", "kinds", "notes", "lines",
}


def test_article_schema_and_json_roundtrip() -> None:
    a = clean("Judul Berita Hari Ini\n\n" + "\n\n".join([PROSE] * 4))
    d = a.to_dict()
    assert set(d) == SCHEMA
    assert json.loads(a.to_json()) == d
    assert set(a.to_dict(lines=False)) == SCHEMA - {"lines"}
    assert a.paragraphs == a.body.split("\n\n")
    assert {ln["decision"] for ln in d["lines"]} <= {"body", "dropped", "title", "author", "date", "site",
                                                      "source", "dateline", "editor", "description", "captions"}
    assert all(ln["reason"] for ln in d["lines"])


def test_every_input_line_has_a_decision() -> None:
    text = "Judul Berita Hari Ini\n\n" + "\n\n".join([PROSE] * 4) + "\n\nPost a Comment"
    a = clean(text)
    assert [ln.line for ln in a.lines] == list(range(1, text.count("\n") + 2))
    assert a.lines[-1].decision == "dropped" and a.lines[-1].reason == "neutral.comment-form"


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\t \r\n"])
def test_empty_input_gives_empty_article(text: str) -> None:
    a = clean(text)
    assert isinstance(a, Article) and a.body == "" and a.paragraphs == []


def test_one_word_and_bytes() -> None:
    assert clean("Halo").body in ("", "Halo")
    a = clean(("\ufeff" + "Judul\n\n" + "\n\n".join([PROSE] * 3)).encode("utf-8"))
    assert a.body.startswith("Ini adalah")


def test_windows_1252_bytes_are_decoded() -> None:
    raw = ("Caf\u00e9 " + PROSE).encode("cp1252")
    assert decode(raw).startswith("Café")


def test_binary_input_is_refused() -> None:
    with pytest.raises(BinaryInputError):
        clean(b"\x00\x01\x02\x03" * 100)


def test_wrong_type_is_refused() -> None:
    with pytest.raises(TypeError):
        clean(42)  # type: ignore[arg-type]


def test_text_without_chrome_is_returned_intact() -> None:
    paras = [PROSE, "Pemerintah mengatakan bahwa rencana itu akan dibahas lagi pada pekan depan bersama DPR.",
             "Para pengamat menilai langkah tersebut sebagai tanda bahwa kebijakan baru akan segera berlaku."]
    a = clean("\n\n".join(paras))
    assert a.paragraphs == paras


def test_mojibake_and_odd_spaces_repaired_quotes_kept() -> None:
    a = clean("Judul\n\n" + "\n\n".join(["â€œKami tetap khawatir,â€\x9d kata\u00a0Kirby kepada para wartawan pada hari Rabu lalu."] * 3))
    assert a.paragraphs[0] == "“Kami tetap khawatir,” kata Kirby kepada para wartawan pada hari Rabu lalu."


def test_never_lose_the_article() -> None:
    # Prose that no language evidence supports (lorem ipsum) must not vanish.
    lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore."
    a = clean("\n\n".join([lorem] * 5))
    assert a.body


def test_language_hint_wins() -> None:
    a = clean("\n\n".join([PROSE] * 3), Config(language="ms"))
    assert a.language == "ms"
    assert clean("\n\n".join([PROSE] * 3), language="ms").language == "ms"


def test_deterministic_and_idempotent() -> None:
    text = open_seed()
    a, b = clean(text), clean(text)
    assert a.to_dict() == b.to_dict()
    again = clean(a.body)
    assert again.body == a.body


def open_seed() -> str:
    from conftest import FIXTURES

    return (FIXTURES / "seed-002" / "input.txt").read_text(encoding="utf-8")


def test_scraper_variations_indentation_entities_crlf() -> None:
    """Scrapers that indent nested blocks, leave HTML entities or use CRLF give the same body."""
    raw = open_seed()
    base = clean(raw)
    indented = "\r\n".join(("    " * (i % 3)) + line for i, line in enumerate(raw.split("\n")))
    assert clean(indented).body == base.body
    with_entities = raw.replace("“", "&ldquo;").replace("”", "&rdquo;").replace(" ", "&nbsp;", 3)
    assert clean(with_entities).body == base.body


def test_relative_dates_need_the_fetch_time_and_ambiguous_dates_are_noted() -> None:
    from datetime import datetime, timedelta, timezone

    body = ("Pemerintah kota mengumumkan rencana pembangunan jalan baru yang akan menghubungkan "
            "dua kecamatan di wilayah utara, kata pejabat setempat kepada wartawan pada hari ini.")
    page = f"Jalan Baru Dibangun\n\n2 jam lalu\n\n{body}\n\n{body}"
    assert clean(page).date is None  # no reference time: no guess at "now"
    fetched = datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    assert clean(page, Config(reference=fetched)).date == "2024-03-05T07:30:00+07:00"

    english = ("The city council approved the new budget on Tuesday after a long debate that lasted "
               "well into the night, with several members asking for more money for schools.")
    a = clean(f"Council approves budget\n\n03/04/2023\n\n{english}\n\n{english}")
    assert a.date is None
    assert any("2023-04-03" in n and "2023-03-04" in n for n in a.notes)
    # a day-first language settles the order
    assert clean(f"Jalan Baru Dibangun\n\n03/04/2023\n\n{body}\n\n{body}").date == "2023-04-03"


def test_a_list_of_stories_with_many_bylines_has_no_author() -> None:
    blurb = ("The city council approved the new budget on Tuesday after a long debate that lasted "
             "well into the night, with several members asking for more money for schools.")
    stories = "\n\n".join(f"Story number {i} about the city\n\n{blurb}\n\nBy Writer{'abc'[i]} Person" for i in range(3))
    a = clean(stories)
    assert a.author is None and any("bylines" in n for n in a.notes)
    one = clean(f"Council approves budget\n\nBy Jane Roe\n\n{blurb}\n\n{blurb}")
    assert one.author == "Jane Roe"


@pytest.mark.parametrize(("encoding", "text"), [
    ("gbk", "国务院总理李克强20日主持召开国务院常务会议，部署进一步做好稳就业工作。会议指出，今年以来各地区各部门认真落实党中央、国务院决策部署。"),
    ("cp1251", "Президент России Владимир Путин провел совещание с членами правительства, на котором обсуждались вопросы экономики."),
    ("shift_jis", "日本銀行は金融政策決定会合で大規模な金融緩和策の修正を決めたと発表した。市場では円高が進んだ。"),
    ("utf-16", "Le gouvernement a déclaré lundi que le projet serait de nouveau discuté la semaine prochaine."),
])
def test_undeclared_encodings_are_detected(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_a_long_page_mostly_dropped_says_so() -> None:
    para = ("The city council approved the new budget on Tuesday after a long debate that lasted "
            "well into the night, with several members asking for more money for schools.")
    menu = "\n".join(f"Section {i} | News | Sport | Weather | Business" for i in range(80))
    a = clean(f"{menu}\n\n{para}\n\n{para}\n\n{menu}")
    assert a.paragraphs == [para, para]
    assert any(n.startswith("dropped more than kept") for n in a.notes)
    assert not any(n.startswith("dropped more than kept") for n in clean(f"{para}\n\n{para}").notes)


def test_lines_read_as_a_sequence_of_line_decisions() -> None:
    """Article.lines is held compactly but reads as the list of LineDecisions it stands for."""
    import pickle

    from cleaner.article import LineDecision

    a = clean(open_seed())
    as_list = list(a.lines)
    assert all(isinstance(ln, LineDecision) for ln in as_list)
    assert [ln.line for ln in as_list] == list(range(1, len(a.lines) + 1))
    assert a.lines == as_list and as_list == list(a.lines)
    assert a.lines[-1] == as_list[-1] and a.lines[2:5] == as_list[2:5]
    with pytest.raises(IndexError):
        a.lines[len(a.lines)]
    assert pickle.loads(pickle.dumps(a)).lines == as_list
    assert a.to_dict()["lines"] == [ln._asdict() for ln in as_list]


LONG = [
    "The city council approved the new budget on Tuesday after a long debate that lasted well into the night, with several members asking for more money for schools and for the repair of roads.",
    "Supporters said the plan would repair roads and parks across the city, while critics warned that the spending would leave the city with a deficit within two years of its adoption.",
    "The mayor is expected to sign the budget next week, and the first projects could begin as early as the spring, according to officials who are familiar with the plan and its timetable.",
]
# Prose half as long as LONG's: in the article for "balanced", not for "precision".
SHORTER = ["Residents were split on the plan, a poll by the local paper found on the day of the vote.",
           "Many said that the roads came first, and that the parks could wait for another year or two.",
           "Others asked why the schools had waited so long, and who would pay for the new buildings."]


def test_one_knob_trades_precision_for_recall() -> None:
    widget = ["Budget at a glance", "Total spending up 4%", "Schools get the most", "Vote was 7 to 2"]
    gap = ["Advertisement", "Sponsored", "Ad Feedback"]
    page = "\n".join(["City Times", "Home", "News", "Sport", "Council approves the new budget", LONG[0], *widget,
                      LONG[1], LONG[2], *gap, *SHORTER, "Privacy Policy", "Contact us"])
    body = {favor: clean(page, Config(favor=favor)).paragraphs for favor in ("precision", "balanced", "recall")}
    # balanced: the widget's lines inside the article go; the shorter paragraphs after the ad
    # slots read like the article and join it.
    assert [p for p in body["balanced"] if p in widget] == [] and SHORTER[0] in body["balanced"]
    # recall: inside the article only rules remove lines, so the widget's lines stay.
    assert set(widget) <= set(body["recall"]) and set(LONG) <= set(body["recall"])
    why = {ln.text: ln.reason for ln in clean(page, Config(favor="recall")).lines}
    assert why[widget[0]] == "heuristic.in-article:favor-recall"
    # precision: the run of much shorter paragraphs does not join the article.
    assert set(LONG) <= set(body["precision"]) and not set(SHORTER) & set(body["precision"])
    with pytest.raises(ValueError, match="favor must be one of"):
        clean(page, Config(favor="max"))
