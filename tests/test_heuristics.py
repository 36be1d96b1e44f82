"""Each heuristic on its own, on small pages built for it."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.article import Block
from cleaner.classify import _code_lines, _max_region, classify_block, features
from cleaner.lang import detect, stopwords

P1 = "Pemerintah mengatakan bahwa rencana itu akan dibahas lagi pada pekan depan bersama para anggota DPR."
P2 = "Para pengamat menilai langkah tersebut sebagai tanda bahwa kebijakan baru akan segera diberlakukan."
P3 = "Sebelumnya, menteri itu menyatakan bahwa pihaknya masih menunggu hasil kajian dari tim independen."
EN1 = "The government said on Monday that the plan would be discussed again next week with lawmakers."


def test_line_classes() -> None:
    sw = stopwords("id")
    assert classify_block(features(P1, sw)) == "good"
    assert classify_block(features("Home", sw)) == "bad"
    assert classify_block(features("Berita | Politik | Ekonomi | Olahraga", sw)) == "bad"
    # Every separator a site's menus use: bars, bullets, middle dots, guillemets, slashes, squares.
    for sep in "|•·»/▪":
        line = f"Les rubriques International {sep} Politique {sep} Société {sep} Économie {sep} Culture {sep} Sport"
        assert classify_block(features(line, stopwords("fr"))) == "bad", sep
    assert classify_block(features("Harga Emas Naik Lagi Hari Ini", sw)) in ("short", "bad")


@pytest.mark.parametrize("sentence", [
    "日本銀行は金融政策決定会合で大規模な金融緩和策の修正を決めたと発表した。",
    "新华社北京11月20日电 国务院总理20日主持召开国务院常务会议，部署进一步做好稳就业工作。",
    "นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเร่งแก้ไขปัญหาเศรษฐกิจและช่วยเหลือประชาชนที่ได้รับผลกระทบจากน้ำท่วม",
])
def test_scripts_without_spaces_are_not_scored_as_no_words(sentence: str) -> None:
    f = features(sentence, frozenset())
    assert f.words >= 12 and classify_block(f) in ("good", "neargood")
    assert classify_block(features("分享到：", frozenset())) in ("bad", "short")


def test_max_region() -> None:
    assert _max_region([-1, -1, 5, -1, 4, -9, 3]) == (2, 5)
    assert _max_region([-1, -2]) == (0, 0)


def test_region_drops_head_and_tail_runs() -> None:
    page = "\n".join(["Home", "Berita", "Politik", "Pemerintah Akan Membahas Rencana Itu Bersama DPR", P1, P2, P3, "Tentang Kami", "Kontak"])
    a = clean(page)
    assert a.paragraphs == [P1, P2, P3]
    assert a.title == "Pemerintah Akan Membahas Rencana Itu Bersama DPR"


def test_end_marker_cuts_the_tail_but_not_before_the_article() -> None:
    page = "\n".join(["Related Posts", "Pemerintah Akan Membahas Rencana Itu Bersama DPR", P1, P2, P3, "Related Posts", P1 + " Lagi."])
    a = clean(page)
    assert a.paragraphs == [P1, P2, P3]
    assert any(ln.reason == "neutral.related-posts" for ln in a.lines)


def test_title_printed_twice_and_tagline_before_it() -> None:
    tagline = "Ikuti perkembangan terbaru di lapangan dengan berita berbasis fakta, foto, dan peta terbaru."
    page = "\n".join(["SITUS TV", tagline, "Pemerintah Akan Membahas Rencana Itu Bersama DPR", "Pemerintah Akan  Membahas Rencana Itu Bersama DPR", P1, P2, P3])
    a = clean(page)
    assert a.title == "Pemerintah Akan Membahas Rencana Itu Bersama DPR"
    assert a.paragraphs == [P1, P2, P3]
    assert a.site == "SITUS TV"


def test_standfirst_repeated_by_lead_is_description() -> None:
    stand = "Pemerintah akan membahas lagi rencana itu pada pekan depan bersama DPR."
    page = "\n".join(["Pemerintah Akan Membahas Rencana Itu Bersama DPR", stand, P1, P2, P3])
    a = clean(page)
    assert a.description == stand and a.paragraphs == [P1, P2, P3]


def test_date_line_and_lead_credits() -> None:
    page = "\n".join(["Pemerintah Akan Membahas Rencana Itu Bersama DPR", "Senin, 3 Juli 2023 09:00 WIB",
                      "JAKARTA, KOMPAS.com - " + P1, P2, P3])
    a = clean(page)
    assert a.date == "2023-07-03T09:00:00+07:00"
    assert (a.dateline, a.site) == ("JAKARTA", "KOMPAS.com")
    assert a.paragraphs[0].startswith("JAKARTA, KOMPAS.com - ")  # the lead stays as published


def test_a_date_line_in_the_author_box_under_the_first_paragraph_is_the_date() -> None:
    # The author's box: name, a bio that reads as prose, links to the author's posts, then
    # the bare date; the article follows.
    bio = "Fan of new technology, but no gadget collector. Interested in the business side of the IT sector."
    page = "\n".join(["Pemerintah Akan Membahas Rencana Itu Bersama DPR", "Maciej Sikorski", bio,
                      "* Another story by the author", "* And one more story", "* A third story", "2016-01-25",
                      P1, P2, P3])
    assert clean(page).date == "2016-01-25"


def test_wire_dateline() -> None:
    en2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    en3 = "Officials did not say when a final vote would be held, but it could come before the end of the year."
    page = "\n".join(["Lawmakers to Discuss the Government Plan Next Week", "WASHINGTON (Reuters) - " + EN1, en2, en3])
    a = clean(page)
    assert (a.dateline, a.source) == ("WASHINGTON", "Reuters")


def test_language_detection() -> None:
    assert detect("\n".join([P1, P2, P3])) == "id"
    assert detect("\n".join([EN1] * 3)) == "en"
    assert detect("日本銀行は金融政策決定会合で大規模な金融緩和策の修正を決めたと発表した。" * 3) == "ja"
    assert detect("") is None


def test_title_shares_words_with_the_lead_widget_labels_do_not() -> None:
    page = "\n".join(["Emirates Orders Boeing Jets Worth Billions", "By Jane Doe", "Key Points",
                      "Emirates finalized a deal on Wednesday to buy thirty Boeing jets worth billions of dollars.",
                      EN1, "Analysts said the Boeing order was widely expected after weeks of talks."])
    assert clean(page).title == "Emirates Orders Boeing Jets Worth Billions"
    # No line above the article shares its words: no title rather than a wrong one.
    page = "\n".join(["Watch Live", "Most Popular Stories Today", EN1,
                      "Analysts said the decision was widely expected after weeks of talks.", EN1])
    assert clean(page).title is None


def test_the_headline_over_the_byline_beats_a_video_headline_printed_twice() -> None:
    # CNN: headline, byline, date line, then a video box whose headline is printed twice,
    # then a list of videos, then the article. The repeat bonus must not carry the video's.
    lead = "A muddled view of US-China trade talks weighed on investors in Asia, as President Trump spoke."
    video = "Trump: Trade talks between US and China going well"
    related = [f"Related video number {n} about markets" for n in range(8)]
    page = "\n".join(["Investors don't seem to know what to make of the US-China trade war", "By Jane Doe, CNN Business",
                      "Updated 0339 GMT (1139 HKT) November 19, 2019", "JUST WATCHED", video, "Replay",
                      "More Videos ...", "MUST WATCH", video, *related, lead,
                      "The trade war has weighed on investors and on markets across Asia for months.", EN1])
    assert clean(page).title == "Investors don't seem to know what to make of the US-China trade war"


def test_a_byline_with_a_handle_or_a_captioned_sentence_is_not_the_headline() -> None:
    lead = "Emirates finalized a deal on Wednesday to buy thirty Boeing jets worth billions of dollars."
    for line in ("Jane Boeing, @janeboeing", "Emirates jets on the tarmac in Dubai. (Jane Boeing)",
                 "Emirates jets on the tarmac (Jane Boeing)", "Jets  Emirates     Boeing  Orders"):
        page = "\n".join(["Watch Live", line, lead, EN1, "Analysts said the Boeing order was widely expected."])
        assert clean(page).title is None, line


def test_a_comment_count_label_in_a_box_of_counts_does_not_end_the_article() -> None:
    # A scraper that writes each text node on its own line splits "Comments: 1664" in two;
    # the label over a bare count is a statistic, not the comment section's header.
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    stats = ["Words:", "67379", "Comments:", "1664", "Kudos:", "7142"]
    page = "\n".join(["Home", "News", "Sport", EN1, e2, EN1, *stats, e2, EN1, e2, EN1, "Comments", "Great story, thanks!"])
    a = clean(page)
    assert a.paragraphs[-4:] == [e2, EN1, e2, EN1] and "Great story, thanks!" not in a.paragraphs


def test_a_one_word_link_printed_twice_in_the_header_is_not_the_headline() -> None:
    # A headline printed twice earns a bonus; a header link repeated in a menu ("Start a Wiki")
    # that shares one word with the lead ("started") does not.
    lead = "Officials started talks on Wednesday about a budget plan that lawmakers may discuss next week."
    page = "\n".join(["Start a Wiki", "Fan Central", "Start a Wiki", "Lawmakers to Discuss the Budget Plan Next Week",
                      lead, EN1, "Analysts said the budget plan was widely expected after weeks of talks."])
    assert clean(page).title == "Lawmakers to Discuss the Budget Plan Next Week"


def test_a_two_word_headline_whose_words_the_lead_has_is_found() -> None:
    lead = ("In mathematics, a Hermitian matrix is a complex square matrix that is equal to its own "
            "conjugate transpose, so the element in row i and column j equals the conjugate of the other.")
    more = "Hermitian matrices can be understood as the complex extension of real symmetric matrices."
    page = "\n".join(["Hermitian matrix", "From Wikipedia, the free encyclopedia", "Jump to navigation", lead, more, EN1])
    assert clean(page).title == "Hermitian matrix"
    # A two-word label that shares one word with the lead is no headline.
    page = "\n".join(["Next story", "Story Archive", lead.replace("matrix", "story matrix"), more, EN1])
    assert clean(page).title is None


def test_byline_beside_the_date() -> None:
    page = "\n".join(["Lawmakers to Discuss the Government Plan Next Week", "Posted on March 30, 2015 by Admin", EN1,
                      "Analysts said the government plan was widely expected after weeks of talks.", EN1])
    a = clean(page)
    assert (a.date, a.author) == ("2015-03-30", "Admin")
    page = page.replace("Posted on March 30, 2015 by Admin", "20 November 2019 11:42 UK")
    assert clean(page).author is None  # a zone-like leftover is not a name
    # a list item's bullet before the byline is no part of the name
    page = page.replace("20 November 2019 11:42 UK", "* by Steven Musil January 18, 2017 11:00 PM PST")
    assert (clean(page).author, clean(page).date[:10]) == ("Steven Musil", "2017-01-18")


def test_flattened_page_is_cut_into_sentences_and_chrome_inside_goes() -> None:
    from conftest import FIXTURES

    raw = (FIXTURES / "seed-002" / "input.txt").read_text(encoding="utf-8")
    flat = " ".join(line for line in raw.split("\n") if line.strip())
    a = clean(flat)
    assert "BACA JUGA" not in a.body
    assert "Pesan tersebut disampaikan dalam rangka perayaan" in a.body
    # The sentence glued after an injected headline goes with it: no boundary marks where it starts.
    assert len(a.lines) == 1 and a.lines[0].decision == "body" and "partly-kept" in a.lines[0].reason


def test_digits_and_title_case_lines_without_a_sentence_end() -> None:
    sw = stopwords("en")
    assert classify_block(features("$139.00 - $164.99 (2019)", sw)) == "bad"
    assert classify_block(features("Apple Watch Series Four With Sport Band And Case", sw)) == "short"
    assert classify_block(features("The watch comes in four colours and costs less than before.", sw)) != "bad"


# A hard-wrapped paragraph (an RFC's abstract).
WRAPPED = [
    "This draft describes a protocol by which client-side applications,",
    "running inside a web browser, can communicate with a data storage",
    "server that is hosted on a different domain name. This way, the",
    "provider of a web application need not also play the role of data",
    "storage provider.",
]


def test_hard_wrapped_paragraph_is_one_block() -> None:
    wrapped = WRAPPED
    page = "\n".join(["Home", "", "Abstract", "", *wrapped, "", "Contact us"])
    a = clean(page)
    assert a.paragraphs == [" ".join(wrapped)]
    assert [ln.decision for ln in a.lines[4:9]] == ["body"] * 5  # every wrapped line reports it
    assert a.lines[5].text == wrapped[1]


def test_a_wrapped_sentence_whose_middle_line_opens_with_a_quote_is_one_block() -> None:
    # An RFC's paragraph: its only middle line opens with a quoted keyword, not in lower case.
    wrapped = ['The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT",',
               '"SHOULD", "SHOULD NOT", "RECOMMENDED", "MAY", and "OPTIONAL" in this',
               "document are to be interpreted as described in RFC 2119 [WORDS]."]
    page = "\n".join(["Home", "", "2. Terminology", "", *wrapped, "", *WRAPPED, "", "Contact us"])
    assert " ".join(wrapped) in clean(page).paragraphs


def test_a_paragraph_broken_at_its_inline_elements_is_one_block() -> None:
    # get_text("\n") puts each text node on a line of its own: a link, an emphasis.
    pieces = ["The ministry said on", "Monday", ", adding that the new rules would", "apply",
              "to every port in", "East Java", "from next year, after a review by the", "transport agency", "."]
    second = "Officials expect the change to cut waiting times for cargo ships by almost a third, they said."
    page = "\n".join(["Home", "", "Ports to get new rules", "", *pieces, "", second, "", "Contact us"])
    a = clean(page)
    assert a.paragraphs == ["The ministry said on Monday, adding that the new rules would apply to every port in "
                            "East Java from next year, after a review by the transport agency.", second]
    assert [ln.decision for ln in a.lines[4:13]] == ["body"] * 9  # every piece reports the block's decision
    assert a.lines[5].text == "Monday"


@pytest.mark.parametrize("lines", [
    # code goes on in lower case too
    ["const res = await fetch(url)", "console.log(res.status)", "return res.json()"],
    # a list item and the label under it; a sub-item's "o " bullet
    ["* 14:32 An artist was arrested for dyeing a geyser pink", "artnet"],
    ["+ Sections", "o world", "o politics"],
    # a byline is no sentence going on; nor are a label and its value, both short
    ["Share it With Friends", "by India Post News Weekly"],
    ["by Regan September 15, 2014", "written by Regan"],
    ["Jan Novák", "před 2 hodinami"],
    ["Politics", "Society", "more..."],
    # two long lines: a caption, then a paragraph that a glued alt text opens in lower case
    ["An aerial view of the airfield at the Saki air base in Crimea after the explosions on Tuesday 6 September 2022/Net",
     "rmol news logo The Pentagon said on Monday that Russia was buying millions of rockets and artillery shells."],
])
def test_lines_that_do_not_go_on_a_sentence_stay_apart(lines: list[str]) -> None:
    from cleaner.segment import segment

    blocks = segment("\n".join(lines))
    assert [b.text for b in blocks] == lines


def test_lines_of_wrap_length_that_never_go_on_in_lower_case_are_no_wrapped_paragraph() -> None:
    # A scraper that prints no blank lines: five headlines of similar length, none ending a
    # sentence, read like a hard-wrapped paragraph but every one opens with a capital.
    from cleaner.segment import segment

    headlines = ["Google is reportedly acquiring Lytro for around $40 million",
                 "'Hyper Light Drifter' is another indie game coming to Switch",
                 "Samsung's commercial-grade Galaxy Tab Active 2 is available in the US",
                 "Xbox One X review: A console that keeps up with gaming PCs"]
    assert [b.text for b in segment("\n".join(headlines))] == headlines
    wrapped = ["This draft describes a protocol by which client-side applications,",
               "running inside a web browser, can communicate with a data storage",
               "server that is hosted on a different domain name."]
    assert [b.span for b in segment("\n".join(wrapped))] == [3]


@pytest.mark.parametrize("rows", [
    ["Path A: Iceland, Bulgaria, Hungary, Romania", "Path B: Bosnia and Herzegovina, Slovakia, Northern Ireland",
     "Path C: Scotland, Norway, Serbia, Israel"],
    ["Aug. 8 – Tinley Park, IL @ Hollywood Casino Amphitheatre – Chicago", "Aug. 14 – St. Louis, MO @ The Pavilion",
     "Aug. 30 – Denver, CO @ Pepsi Center"],
])
def test_label_value_and_dated_rows_are_one_list(rows: list[str]) -> None:
    from cleaner.classify import _row_kind

    kinds = {_row_kind(r) for r in rows}
    assert len(kinds) == 1 and None not in kinds
    assert _row_kind("Read the plan: the council will vote on it next week, officials said.") is None
    assert _row_kind("The plan – backed by most of the council members present – was adopted") is None


def test_a_double_spaced_page_keeps_its_wrapped_paragraphs_and_listings_whole() -> None:
    # A scraper that puts a blank line after every line: the blank lines part nothing.
    wrapped = WRAPPED
    code = ['fetch("/data.json").then(function(res) {', "if (res.ok) {", "console.log(res.status);", "}", "});"]
    lines = ["Home", "Abstract", *wrapped, "The request below fetches the data and logs its status when it arrives.",
             *code, "Contact us"]
    a = clean("\n\n".join(lines))
    assert a.paragraphs[0] == " ".join(wrapped)
    assert all(c in a.paragraphs for c in code[:3])
    assert a.lines[5].decision == "body"  # a blank line inside the paragraph reports the paragraph


def test_a_joined_run_loses_no_line_before_it() -> None:
    # (A regression: the first line went missing when a later run was joined.)
    from cleaner.segment import segment

    blocks = segment("#tags #of #a #post\nthe council said on\n, adding that it would")
    assert [(b.index, b.span) for b in blocks] == [(0, 1), (1, 2)]
    a = clean("Site name\n\nThe council said on\nMonday\n, adding that it would review the plan next year.")
    assert a.lines[0].text == "Site name" and a.lines[0].reason != "blank"


def test_too_little_evidence_gives_no_language_rather_than_a_guess() -> None:
    # Wikipedia-derived stoplists share words across languages; one caption is not enough.
    assert detect("A man walks past an armoured personnel carrier parked on a Harare street on Thursday") is None


def test_datelines_with_region_or_state() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    e3 = "Officials did not say when a final vote would be held, but it could come before the end of the year."
    for lead, place in [("SIOUX FALLS, S.D. — ", "SIOUX FALLS, S.D."), ("DUBAI, United Arab Emirates — ", "DUBAI, United Arab Emirates")]:
        a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", lead + EN1, e2, e3]))
        assert (a.dateline, a.site) == (place, None)


def test_datelines_in_any_case_or_script_and_their_credit() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    e3 = "Officials did not say when a final vote would be held, but it could come before the end of the year."
    for lead, place, source in [
        ("HAYWARD, Calif. (AP) — ", "HAYWARD, Calif.", "AP"),
        ("Hong Kong (CNN Business) — ", "Hong Kong", "CNN Business"),
        ("Hong Kong (CNN Business)", "Hong Kong", "CNN Business"),  # set in its own element: glued
        ("دمشق، سوريا (CNN) -- ", "دمشق، سوريا", "CNN"),
        ("Washington, DC, United States : ", "Washington, DC, United States", None),  # Al Jazeera's
    ]:
        a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", lead + EN1, e2, e3]))
        assert (a.dateline, a.source) == (place, source), lead


def test_no_dateline_from_a_sentence() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    e3 = "Officials did not say when a final vote would be held, but it could come before the end of the year."
    for lead in ["Apple (AAPL) shares rose on Monday. ", "Brace yourself, Swifties: ", "Yesterday, Officials: "]:
        a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", lead + EN1, e2, e3]))
        assert (a.dateline, a.source) == (None, None), lead


def test_the_dateline_of_a_lead_under_key_points_or_a_caption() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    caption = "The minister, center, passes a passenger aircraft during the opening day of the air show on Monday."
    points = ["* The carrier has finalized a deal to purchase 30 jets, executives announced on Wednesday.",
              "* The deal comes in addition to five sales earlier this week."]
    a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", *points, caption,
                         "DUBAI, United Arab Emirates — " + EN1, e2, EN1]))
    assert a.dateline == "DUBAI, United Arab Emirates"
    # Past the first paragraph, a bare upper-case word before a dash is no dateline ("UPDATE —").
    a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", caption, "UPDATE — " + EN1, e2, EN1]))
    assert a.dateline is None


def test_standfirst_between_headline_and_byline() -> None:
    stand = "A protocol lets web applications keep their data on a server of the user's choice."
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", stand, "By Jane Doe", EN1, e2, EN1]))
    assert a.description == stand and a.author == "Jane Doe" and stand not in a.paragraphs


def test_a_standfirst_above_a_date_line_and_not_names_or_a_caption() -> None:
    # Headline, standfirst, date line with the byline, lead. (A standfirst the article's
    # region leaves out is found too: fixtures sh-skynews and rd-ars-1.)
    head = "Jose Mourinho Agrees Deal to Replace Mauricio Pochettino as Tottenham Manager"
    stand = "The Portuguese boss had been out of work since being sacked by Manchester United in December."
    lead = ("Jose Mourinho has agreed a deal to become the new Tottenham manager, hours after the club sacked "
            "Mauricio Pochettino following a poor start to the season in the Premier League.")
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    menu = ["* News", "* Sport", "* Business", "* Weather", "Watch Live"]
    a = clean("\n".join([*menu, head, stand, "Dan Goodin - Apr 16, 2015 8:02 pm UTC", lead, e2, EN1]))
    assert a.description == stand and stand not in a.paragraphs
    # Names over the byline ("Jane Doe and John Roe Sioux Falls Argus Leader") are no
    # standfirst; a sentence with its photo credit there is the lead photo's caption.
    names = "Jane Doe and John Roe Sioux Falls Argus Leader"
    a = clean("\n".join([*menu, head, names, "Published 10:02 AM EST Nov 19, 2019", lead, e2, EN1]))
    assert a.description is None
    caption = "Spain's Rafael Nadal celebrates a point against Russia in Madrid. (Manu Fernandez/AP)"
    a = clean("\n".join([*menu, head, caption, "Published 10:02 AM EST Nov 19, 2019", lead, e2, EN1]))
    assert a.description is None and a.captions == [caption] and caption not in a.paragraphs


def test_headline_above_its_standfirst_both_outside_the_article() -> None:
    # Headline, then a standfirst without a full stop, then the photo and date chrome: both
    # lines share the lead's words; the first is the headline.
    head = "Coach says he was wrong to take the cup to the former president in 2012"
    stand = "On that occasion the coach and club officials handed a replica of the trophy to the president"
    lead = ("The coach said on Friday that he was wrong to take the cup won in 2012 to the former "
            "president, after club officials handed him a replica of the trophy at his institute.")
    more = ("He added that the team would not visit the new president either, whatever the "
            "occasion, and that the club had agreed with him on that point.")
    page = "\n\n".join(["Home", "Sport", "Follow us", head, stand, "*", "Listen", "*", "Share", "Print", lead, more, EN1])
    a = clean(page)
    assert a.title == head and a.description == stand and a.paragraphs[0] == lead


def test_short_subheading_between_paragraphs_stays() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    page = "\n".join(["Home", "News", "Sport", EN1, "Feature detection", e2, EN1, "Contact", "About"])
    a = clean(page)
    assert "Feature detection" in a.paragraphs and "Home" not in a.paragraphs


def test_a_subheading_over_a_note_a_rule_drops_stays() -> None:
    # An encyclopedia's section: its heading, a "Main article:" note, then the section's prose.
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    page = "\n".join(["Home", "News", "Sport", EN1, "Firefox Mobile", "Main article: Firefox Mobile", e2, EN1,
                      "Contact", "About"])
    a = clean(page)
    assert "Firefox Mobile" in a.paragraphs and "Main article: Firefox Mobile" not in a.paragraphs


def test_a_numbered_section_heading_between_paragraphs_stays_but_a_numbered_run_goes() -> None:
    # A listicle: "2. Avoid skipping meals" heads the paragraph under it. A numbered list of
    # teasers after the article has no prose between its lines.
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    teasers = ["1. Oil prices fall on supply fears", "2. Markets rally after rate cut", "3. Gold hits a record high"]
    page = "\n".join(["Home", "News", "Sport", EN1, "2. Avoid skipping meals", e2, "12) Dunkirk", EN1,
                      "Most read", *teasers, "Contact", "About"])
    a = clean(page)
    assert "2. Avoid skipping meals" in a.paragraphs and "12) Dunkirk" in a.paragraphs
    assert not set(teasers) & set(a.paragraphs)


def test_quote_split_over_short_lines_between_paragraphs_stays() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    split = ["[HR. At-Tirmidzi no.1997 dan dishahihkan", "dalam Shahih Al-Jami no. 178]"]
    page = "\n".join(["Home", "News", "Sport", EN1, *split, e2, EN1, "Contact", "About", "Login"])
    a = clean(page)
    assert all(s in a.paragraphs for s in split) and "Contact" not in a.paragraphs


def test_bare_name_byline_under_the_headline_and_not_a_menu() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    head = ["Government Plan to Be Discussed Again Next Week"]
    a = clean("\n".join([*head, "Rodrigo Campos", EN1, e2, EN1]))
    assert a.author == "Rodrigo Campos"
    a = clean("\n".join([*head, "More Options", EN1, e2, EN1]))
    assert a.author is None  # function words: a label, not a name
    a = clean("\n".join([*head, "World News", "Rodrigo Campos", "Tech Review", EN1, e2, EN1]))
    assert a.author is None  # a run of capitalised lines is a menu
    a = clean("\n".join([*head, "VICTOR TANGERMANN, FUTURISM", EN1, e2, EN1]))
    assert a.author == "VICTOR TANGERMANN"  # in capitals, with the outlet after a comma
    a = clean("\n".join([*head, "LIVE UPDATES", EN1, e2, EN1]))
    assert a.author is None  # capitals alone: a label


STANDINGS = [
    "Pos.  Driver               Points  Wins  Poles",
    "1     Kyle Busch             5040     5      1",
    "2     Martin Truex Jr.       5035     7      0",
    "3     Kevin Harvick          5033     4      6",
    "4     Denny Hamlin           5027     6      3",
]


def test_a_table_laid_out_in_columns_of_spaces_stays_with_its_article() -> None:
    """Rows of 3 cells or more, 3 rows or more: a table, neutral as an HTML table row (no
    weight, no gap), kept inside or at the edge of the article; not one hard-wrapped paragraph,
    though its rows are as long and as unended."""
    intro = [EN1, "The final standings of the season after the last of its 36 races were as follows."]
    page = "\n".join(["Home | Sport | Motor racing", "", *intro, "", *STANDINGS, "", "Related Posts", "Share this"])
    a = clean(page)
    assert a.paragraphs == [*intro, *STANDINGS]
    assert {ln.reason for ln in a.lines if ln.text in STANDINGS} == {"heuristic.table-in-article"}
    # Two rows are not a table, and prose with double spaces between sentences is still prose.
    spaced = "The council met on Monday.  It approved the budget.  The vote was close, officials said."
    assert clean("\n\n".join([EN1, spaced, EN1])).paragraphs == [EN1, spaced, EN1]


def test_table_rows_do_not_vote_for_the_language() -> None:
    """Names and figures in columns of spaces are not prose: a standings table of English first
    names must not outvote the page's own sentences (Finnish's stoplist holds 'kevin', 'ryan')."""
    names = ["Martin Truex", "Kevin Harvick", "Ryan Blaney", "William Byron", "Alex Bowman", "Kurt Busch",
             "Ryan Newman", "Erik Jones", "Daniel Suarez", "Paul Menard", "Chris Buescher", "Martin Jones"]
    rows = [f"{n:<4}  {name:<22} {5000 - 97 * n:>5}  {n % 7:>3}  {n % 3:>3}" for n, name in enumerate(names * 3, 1)]
    prose = "Nesta página você terá sempre a classificação atualizada da NASCAR até a última corrida!"
    assert detect("\n".join(["Classificação final da temporada:", *rows, prose])) == "pt"
    # ... nor cells parted by " | ", as an HTML table row's text is (and a menu's items)
    cells = [f"{n} | {name} | {5000 - 97 * n} | {n % 7} | {n % 3} | {n % 11} | {n % 13}" for n, name in enumerate(names * 3, 1)]
    assert detect("\n".join(["Classificação final da temporada:", *cells, prose])) == "pt"


def test_inline_chrome_on_any_line_of_a_hard_wrapped_paragraph_is_cut() -> None:
    """Strip rules find spans line by line; a hard-wrapped paragraph is one block over several
    lines, and a leaked tag on its second line is cut as on its first (so that cleaning the
    body again, where the paragraph is one line, changes nothing)."""
    wrapped = [
        "The destination is a string which would be image if the request is from an",
        "<img>tag in the controlled document, worker if the request is from a worker",
        "script, and so on for the other kinds of request a page can make.",
        "Requests also carry their mode, which says how a cross-origin request goes.",
    ]
    a = clean(_between_chrome(wrapped))
    assert a.paragraphs == [" ".join(wrapped).replace("<img>", "")]
    assert clean(a.body).body == a.body


def test_the_prose_after_the_byline_outweighs_a_long_footer_paragraph() -> None:
    """A short story (two paragraphs after its byline and date) and, further down, one long
    paragraph of site boilerplate: the story is the article."""
    story = [
        "The son of a former president was stabbed to death on Tuesday while giving a talk at the "
        "clinic where he worked, and another man was hurt trying to stop the attacker, police said.",
        "The attack happened during a lecture at the hospital in the west of the city, where he had "
        "been chief physician for many years; a man of 57 was arrested at the scene.",
    ]
    teasers = [x for n in range(6) for x in (f"Headline of another story number {n}", "* By STAFF", "* 11/20/2019 01:14 PM")]
    footer = ("The Customer Service Center can be contacted with any questions or requests about your "
              "subscription, delivery, billing or account, by telephone or by e-mail, on working days "
              "between eight in the morning and six in the evening, and on Fridays until one; requests "
              "sent by e-mail are answered within two working days, and those about deliveries the same "
              "day whenever the request reaches us before noon, as our terms of service explain at length.")
    page = "\n".join(["Login", "BREAKING NEWS", "By JERUSALEM POST STAFF", "NOVEMBER 20, 2019 10:43",
                      *story, *teasers, "About Us", footer, "Copyright © 2019 Jpost Inc. All rights reserved"])
    assert clean(page).paragraphs == story


def test_typed_text_with_two_spaces_between_sentences_is_not_a_table() -> None:
    """Two spaces after a sentence's end are typing, not a cell border: a hard-wrapped
    paragraph typed that way is still one paragraph."""
    wrapped = [
        "The draft was sent to the group in May.  It was read twice.  Several of",
        "the members asked for changes.  Most were small.  The chair agreed to",
        "make them before the next meeting.  A vote is expected.  Nobody knows",
        "when the final text will be published, but the group hopes it is soon.",
    ]
    a = clean(_between_chrome(wrapped))
    assert a.paragraphs == [" ".join(wrapped)]


def test_a_list_item_cut_short_is_a_teaser_not_a_sentence() -> None:
    sw = stopwords("en")
    teaser = "* UN regrets new US position on legality of settlements. UNITED NATIONS: The Secretary General said..."
    assert not features(teaser, sw).terminal
    assert features(teaser.replace("said...", "said."), sw).terminal
    assert features("And then the lights went out...", sw).terminal  # not a list item: a sentence may trail off
    teasers = [
        "* Indian-origin man pleads guilty to fraud scheme in US. NEW YORK: An Indian-origin man has pleaded guilty to...",
        "* With shattered dreams, deportees return home from US. NEW DELHI: Their American dream shattered and huge...",
        "* Court asks state government to come out with a law for the temple. NEW DELHI: The Supreme Court on...",
    ]
    story = [EN1, "Lawmakers said they would study the plan before the vote, which is expected in the spring.",
             "The plan has been debated for months, and both parties say they want it passed this year."]
    a = clean(_between_chrome([*story, "", "Latest", *teasers]))
    assert a.paragraphs == story


def test_a_list_the_article_announces_stays_however_short_its_items() -> None:
    intro = "The report ranked the countries by poverty, inequality and mobility, as follows:"
    items = ["1. Finland", "2. Norway", "3. Australia", "4. Canada", "5. Germany"]
    after = ["The low ranking of the United States was due to its inequality, the report said on Monday.",
             "The authors said the American safety net was weak because it reached only half of the poor."]
    page = _between_chrome([EN1, intro, *items, *after])
    assert clean(page).paragraphs == [EN1, intro, *items, *after]
    # the same short items with no sentence announcing them read as a menu
    assert not any(p in items for p in clean(_between_chrome([EN1, EN1, *items, *after])).paragraphs)
    # a list that ends the article, an item of any length, a bare link under each
    deals = ["1) Lego Star Wars 75188 Resistance Bomber", "2) Polistil electric race track",
             "3) Nolan box set: Interstellar / The Dark Knight Trilogy / Inception / The Prestige / Insomnia / Memento (Blu-Ray)"]
    tail = [x for d in deals for x in (d, "http://amzn.to/2iJFhRj")]
    intro2 = "And who are we to stay out of the shopping race? Here are the deals not to miss on Amazon:"
    a = clean(_between_chrome([EN1, *after, intro2, *tail]))
    assert a.paragraphs == [EN1, *after, intro2, *deals]


def test_a_related_list_whose_blurbs_are_each_signed_alike_ends_the_article() -> None:
    # One paragraph, "You may also like...", then five longer blurbs, each followed by the same
    # share bar: more prose after the header than before, but a teaser list all the same.
    blurbs = [f"{EN1[:-1]}, and blurb number {n} says so again in other words for the list." for n in range(5)]
    bar = "Whatsapp Facebook Pin Download"
    story = [EN1.replace("Monday", "Tuesday"), "Lawmakers said they would study the plan before the vote, which is expected in the spring.",
             "The plan has been debated for months, and both parties say they want it passed this year."]
    page = _between_chrome([*story, "You may also like...", *[x for b in blurbs for x in (b, bar)]])
    assert clean(page).paragraphs == story
    # unsigned, the same blurbs are more article than the header's one paragraph before them
    assert len(clean(page.replace(bar, "")).paragraphs) > 1


def test_a_headline_in_a_script_without_spaces_is_found() -> None:
    head = "宇航员在太空中喝酒会怎么样？后果很严重"
    lead = ("翱翔于距地球数千公里的太空中，进入广袤漆黑的未知领域，是一项艰苦卓绝的工作。那么，为什么不能让宇航员"
            "来一杯鸡尾酒来放松一下呢？在太空中喝酒的后果可能比你想象的更严重。")
    more = "美国国家航空航天局的规定禁止宇航员在国际空间站上饮用含酒精的饮料，原因是酒精会影响他们的判断。"
    a = clean("\n".join(["首页 > 科技频道 > 探索者 > 正文", head, "2016-10-14 08:00 来源：光明网", lead, more]))
    assert a.title == head and a.paragraphs == [lead, more]
    # a numbered entry of a table of contents is not the headline
    assert clean("\n".join(["首页 > 科技频道", "3. " + head, lead, more])).title is None


def test_a_short_headline_without_spaces_printed_under_its_breadcrumb_is_found() -> None:
    # One run of characters, fourteen of them: six word units, not one word.
    head = "商品の改造が商標法違反に！？"
    lead = ("先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで20代の男性が逮捕されたというニュースを"
            "耳にしました。商品の改造と商標の関係について、少し考えてみたいと思います。")
    more = "商標権者が販売した商品であっても、改造して販売すると商標権の侵害になる場合があります。"
    a = clean("\n".join(["1. HOME >", "2. ブログ >", "3. " + head, "", head, "", lead, "", more]))
    assert a.title == head and a.paragraphs == [lead, more]


# An article that a related box interrupts: STORY, the box, then MORE.
STORY = [EN1, "Lawmakers said they would study the plan before the vote, which is expected in the spring.",
         "The plan has been debated for months, and both parties say they want it passed this year."]
MORE = ["The mayor is expected to sign the budget next week, and the first projects could begin in spring.",
        "Officials said the first contracts would be awarded before the end of the year, if the vote passes.",
        "Critics warned that the spending would leave the city with a deficit within two years of its adoption."]


@pytest.mark.parametrize("label", ["More from UK", "More:"])
def test_the_links_of_a_related_box_inside_the_article_go(label: str) -> None:
    # A related box's header (an "end" rule held back by its guard: more article follows) or a
    # bare label that a "box" rule drops ("More:"): the list items under it go, up to the next
    # paragraph; the article goes on after them.
    links = ["* Prince Andrew: BT and three universities abandon ties with duke",
             "* Young people, including Taliban youth, must be heard: UN envoy",
             "* Babies and mothers died in what may be worst ever maternity scandal, report says"]
    a = clean(_between_chrome([*STORY, label, *links, *MORE]))
    assert a.paragraphs == [*STORY, *MORE]
    assert [ln.reason for ln in a.lines if ln.text in links] == ["heuristic.in-related-box"] * 3


def test_arabic_headline_words_meet_their_lead_without_their_front_clitics() -> None:
    from cleaner.metadata import _content_words
    # "للصواريخ" (li-l-sawarikh) and "الصواريخ" (al-sawarikh) are one word to compare
    assert _content_words("مخازن للصواريخ") == _content_words("مخازن الصواريخ") == {"مخازن", "صواري"}
    assert _content_words("ولد") == set()  # a short word keeps its letters (and is too short)


def _between_chrome(lines: list[str]) -> str:
    """`lines` as a page prints them, between a menu line and a footer line."""
    return "\n".join(["Home", "", *lines, "", "Contact us"])


def test_a_document_cut_into_many_runs_by_code_blocks_is_kept_whole() -> None:
    # A protocol document: each section a long paragraph, a one-line lead-in to an example,
    # and the example (a request and a response). The longest paragraph is a small part of
    # the prose, so the region is not narrowed to it.
    topics = ["storage", "versioning", "folders", "tokens", "discovery", "conflicts", "caching"]
    long_paras = [
        f"The {t} part of this protocol is described in this section, and it explains how a client "
        f"and a server agree on {t} before any document is read or written. Servers that do not "
        f"support {t} must say so in their response, and clients must then fall back to the plain "
        f"behaviour that the previous sections describe for every request they make." for t in topics
    ]
    lines = ["Internet-Draft remoteStorage December 2014"]
    leads = []
    for k, para in enumerate(long_paras):
        lead = f"A {topics[k]} request may look like this:"
        leads.append(lead)
        request = [f"GET /storage/michiel/{topics[k]}/ HTTP/1.1", "Host: example.com", "{", f'"{topics[k]}": {k}', "}"]
        response = [f"HTTP/1.1 20{k} OK", "Content-Type: application/json", "{", f'"items": {k}', "}"]
        lines += [para, "", *response, "", lead, "", *request, ""]
    a = clean("\n".join(lines))
    # (Kept by the region itself, not by the fallback that rescues a sliver of a body.)
    assert not any("fallback" in note for note in a.notes)
    why = {ln.text: ln.reason for ln in a.lines}
    assert all(why[p] == "heuristic.prose:good" for p in long_paras)
    assert all(why[lead] == "heuristic.prose:neargood" for lead in leads[:-1])
    assert not any("HTTP/1.1" in p for p in a.paragraphs)


@pytest.mark.parametrize("line", [
    'fetch("/data.json").then(function(res) {', "console.log(data.entries);", "} else {", "});",
    "SELECT avg(n) AS mean", "FROM unnest(array[2, 3, 5]) AS n;", "lower_bound │ upper_bound",
    '"Content-Type": "text/plain",', "var reqHeaders = new Headers();", "// res instanceof Response == true.",
    "$ hg commit -m 'prelim change'", "def fit(pages):", "x = compute(y)",
])
def test_code_like_lines(line: str) -> None:
    from cleaner.classify import _code_like

    assert _code_like(line)


@pytest.mark.parametrize("line", [
    "The mean is about 4.33.", "* Akhir Zaman (15)", "Morning Jolt (M-F)", "Home | News | Sport",
    "Name (required)", "Photo: Reuters", "Read more: the council votes (again)", "SELECTED WORKS",
    "Frankly, it was (mostly) fine", "2. 稚内のスーパーが240個のはずのケーキを2400個誤発注 → Twit(",
])
def test_lines_that_are_not_code(line: str) -> None:
    from cleaner.classify import _code_like

    assert not _code_like(line)


def test_a_code_listing_between_paragraphs_stays_and_does_not_part_the_article() -> None:
    intro = ("The most useful, high-level part of the Fetch API is the fetch() function. In its simplest "
             "form it takes a URL and returns a promise that resolves to the response.")
    listing = ['fetch("/data.json").then(function(res) {', "if (res.ok) {", "res.json().then(function(data) {",
               "console.log(data.entries);", "});", "} else {", 'console.log("Looks like the response was not perfect");',
               "}", "});"]
    after = ("The fetch() function's arguments are the same as those passed to the Request() constructor, so "
             "you may directly pass arbitrarily complex requests to fetch() as discussed below.")
    more = ("Fetch introduces three interfaces, Headers, Request and Response, which map directly to the "
            "underlying HTTP concepts but have certain visibility filters in place for privacy reasons.")
    page = "\n".join(["* Home", "* Articles", "* About", "This API Is So Fetching", "", intro, "", *listing, "",
                      after, "", more, "", "* Older Article", "* Newer Article"])
    a = clean(page)
    why = {ln.text: ln.reason for ln in a.lines}
    assert intro in a.paragraphs and after in a.paragraphs and more in a.paragraphs
    assert why["console.log(data.entries);"] == "heuristic.code-in-article"
    assert "if (res.ok) {" in a.paragraphs
    assert "* Older Article" not in a.paragraphs and "* Home" not in a.paragraphs


def test_the_lone_brackets_of_a_listing_do_not_part_the_article() -> None:
    # Brackets alone on their lines are dropped by a rule, but inside a listing they are the
    # listing's: no gap (runs of prose are split at three gap lines), as its code lines are not.
    from cleaner.classify import _no_gap, classify
    from cleaner.pipeline import _ruleset, apply_rules
    from cleaner.segment import segment

    listing = ['fetch("/submit", {', 'method: "POST",', "headers: {", '"Content-Type": "text/plain"', "},",
               "}).then(function(res) {", "if (res.ok) {", 'alert("Saved");', "}", "}, function(e) {",
               'alert("Error");', "});"]
    text = "\n".join([EN1, "", *listing, "", EN1])
    blocks = segment(text)
    apply_rules(text, blocks, _ruleset((), True).for_input("text"), "en")
    classify(blocks, "en")
    brackets = [b for b in blocks if b.rule == "neutral.punct-only"]
    assert len(brackets) == 3 and all(_no_gap(b) for b in brackets)
    assert all(b.label == "dropped" for b in brackets)  # (the rule still drops them)


def test_a_shell_session_with_its_output_is_one_listing() -> None:
    # A command's output ("hello, world !") between its prompt and the next is the listing's,
    # so the session does not cut the article in two.
    session = ["$ emcc hello.cpp -O3 -o hello.wasm", "$ wasmer run hello.wasm", "hello, world !",
               "$ wasmtime hello.wasm", "hello, world !", "$ wavm run hello.wasm", "hello, world !"]
    blocks = [Block(i, t, t) for i, t in enumerate(session)]
    assert _code_lines(blocks) == set(range(len(session)))
    # Without a prompt, short lines after a command are not taken for its output.
    plain = ["int x = 1;", "int y = 2;", "int z = x + y;", "hello, world !"]
    assert _code_lines([Block(i, t, t) for i, t in enumerate(plain)]) == {0, 1, 2}


@pytest.mark.parametrize("value,listed", [
    ("LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER", "LISA MASCARO, MARY CLARE JALONICK, ERIC TUCKER"),
    ("Alexandre Hervaud et Jérémy Piette", "Alexandre Hervaud, Jérémy Piette"),
    ("Andrés Malamud y Martín Schapiro", "Andrés Malamud, Martín Schapiro"),
    ("Ratna Sari dan Budi Santoso", "Ratna Sari, Budi Santoso"),
    ("Jane Doe & John Roe", "Jane Doe, John Roe"),
    ("José Ortega y Gasset", "José Ortega y Gasset"),  # one name: a surname of two parts
    ("Mac & i", "Mac & i"),
    ("Reuters", "Reuters"),
])
def test_several_authors_are_reported_as_one_list(value: str, listed: str) -> None:
    from cleaner.metadata import names_list

    assert names_list(value) == listed


def test_an_english_byline_lists_names_parted_by_commas_only_before_and() -> None:
    lead = ("The House impeachment inquiry heard on Wednesday from the ambassador, who said that he had "
            "followed the orders of the president in the matter of the investigations.")
    more = "He said the orders came through the lawyer of the president, and that everyone knew about the plan."
    for byline, author in [
        ("By LISA MASCARO, MARY CLARE JALONICK and ERIC TUCKER", "LISA MASCARO, MARY CLARE JALONICK, ERIC TUCKER"),
        ("By Lisa Mascaro, Associated Press", "Lisa Mascaro"),
        ("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project",
         "Daniel Kahn Gillmor"),
    ]:
        assert clean(f"{byline}\n\n{lead}\n\n{more}").author == author


def test_a_byline_and_date_strip_feeds_its_fields_and_leaves_the_body() -> None:
    title = "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée"
    strip = ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | "
             "Par Martin Untersinger (avec Damien Leloup et Morgane Tual)")
    lead = ("Largement approuvé par les députés, le projet de loi sur le renseignement sera désormais examiné "
            "par le Sénat, puis par le Conseil constitutionnel, qui devra se prononcer sur le texte.")
    more = ("Le texte a été adopté par 438 voix contre 86, au terme de plusieurs semaines de débats dans "
            "l'hémicycle et d'une mobilisation inédite des associations de défense des libertés.")
    a = clean("\n".join(["Accueil | Politique | Société", title, strip, lead, more]))
    assert a.paragraphs == [lead, more]
    assert a.date == "2015-05-04T13:36:00"
    assert a.author == "Martin Untersinger, Damien Leloup, Morgane Tual"
    assert {ln.text: ln.reason for ln in a.lines}[strip] == "heuristic.date-strip"


def test_a_line_with_separators_and_a_sentence_in_it_is_no_strip() -> None:
    from cleaner.metadata import _strip

    fields: dict = {}
    line = "Published 12 May 2020 | The vote was delayed because the council could not agree on the budget"
    assert not _strip(Block(index=0, text=line, raw=line), "en", None, fields)
    assert fields == {}


def test_a_favor_profile_overrides_only_what_classify_reads(tmp_path, monkeypatch) -> None:
    import cleaner.classify as C

    assert C.params("precision")["segments"]["min_prose_share"] > C.params()["segments"]["min_prose_share"]
    assert C.params("recall")["region"]["keep_short_in_article"] and not C.params()["region"]["keep_short_in_article"]
    assert C.params("precision")["classes"] == C.params()["classes"]
    bad = tmp_path / "heuristics.toml"
    bad.write_text(C._DATA.read_text(encoding="utf-8") + "\n[favor.recall.classes]\ngood_min_words = 3\n", encoding="utf-8")
    monkeypatch.setattr(C, "_DATA", bad)
    C.params.cache_clear()
    try:
        with pytest.raises(ValueError, match="favor.recall may set weights, region, segments, not classes"):
            C.params("recall")
    finally:
        monkeypatch.undo()
        C.params.cache_clear()


def test_a_list_of_pairs_parted_by_the_same_dash_is_one_list_in_the_article() -> None:
    # Tour dates: long lines read as prose and short ones as chrome; as rows of one list they
    # are all kept, like a table's. A bulleted teaser ("* Name -- Headline") is no such row.
    dates = ["June 20 -- Coastal Credit Union Music Park at Walnut Creek, Raleigh, NC",
             "June 26 -- PPL Center, Allentown, PA", "June 27 -- BB&T Pavilion, Camden, NJ",
             "June 29 -- PNC Bank Arts Center, Holmdel, NJ",
             "July 22 -- Blossom Music Center, Cuyahoga Falls, OH, with a second show to be announced"]
    page = "\n".join(["* Home", "* Music", "The Band Announces a Summer Tour", EN1,
                      "The band will play these dates, with more to be announced later this year.", *dates,
                      "Tickets for the tour go on sale to the general public starting this Friday morning.",
                      "Fans who join the band's mailing list can buy tickets two days earlier than others.",
                      "* Privacy Policy"])
    a = clean(page)
    assert all(d in a.paragraphs for d in dates)
    from cleaner.classify import _row_kind
    assert _row_kind(dates[1]) == " -- " and _row_kind("* Miley Cyrus -- Burglary Victim ... AGAIN") is None
    assert _row_kind("He left -- and he never came back to the city again, his family said.") is None


def test_a_table_with_no_prose_before_the_comment_notice_is_the_article() -> None:
    # A race calendar: no sentence in it, while the sidebar's promos after the comment form
    # read as prose. The comment section's notice ends the article, so the rows are it.
    rows = ["Round 1: March 10 – Interlagos", "Round 2: April 8 – Curitiba", "Round 3: April 22 – Velopark",
            "Round 4: May 6 – Londrina", "Round 5: May 20 – Santa Cruz do Sul"]
    promos = ["Click on the photo and read every column our editor has written about Formula 1 this season.",
              "Click on the picture above to see how the drivers rank after the last race of the season so far.",
              "Our weekly podcast is back for its twelfth season, talking about everything in motor racing."]

    def page(notice: str) -> str:
        return "\n".join(["* Home", "* Formula 1", "* Stock Car", "Stock Car Calendar 2018", "",
                          "Monday, 22 January 2018", "", *rows, "", notice, "", *promos, "", "* Privacy Policy"])

    a = clean(page("Your email address will not be published. Required fields are marked *"))
    assert a.paragraphs == rows
    why = {ln.text: ln.reason for ln in a.lines}
    assert why[promos[0]] == "heuristic.after-end-marker"
    # A header's link to the comments is no notice: nothing says the prose after it is not the article.
    b = clean(page("Comments"))
    assert promos[0] in b.paragraphs


def test_a_subheading_over_nothing_but_a_caption_is_dropped() -> None:
    # The last paragraph turns out to be a caption (a credit under it): the short line kept
    # as its subheading heads nothing, and cleaning the body again must not change it.
    s = "The government said on Monday that the plan would be discussed again next week."
    a = clean("\n".join([s, s, "A", s, "Фото:личный архив Олеси Куприн"]))
    assert a.paragraphs == [s, s] and clean(a.body).body == a.body


def test_what_stands_between_two_printings_of_the_headline_is_header() -> None:
    # Headline, byline and date, a gallery whose caption reads as prose, the headline again,
    # then the article: the gallery is the page's header, not the article's first paragraph.
    headline = "Esper Accuses China of Intimidating Smaller Asian Nations"
    caption = ("U.S. Defense Secretary Mark Esper, left, and the Vietnamese Defense Minister shake hands in "
               "Hanoi, Vietnam, on Wednesday, during a visit to strengthen military ties between the two nations.")
    lead = ("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and "
            "intimidation to advance its interests, and of intimidating smaller Asian nations in the South China Sea.")
    page = "\n".join([headline, "By Jane Doe", "November 20, 2019", "Image 1 of 8", caption, headline, "1 / 8", "Back to Gallery", lead,
                      "Esper spoke in Hanoi, where China's claims in the sea were the main topic of the talks.", EN1])
    a = clean(page)
    assert a.title == headline and a.paragraphs[0] == lead


def test_a_republication_credit_names_the_source_and_stays_in_the_body() -> None:
    e2 = "Analysts said the decision was widely expected after weeks of talks between the two sides."
    head = ["Government Plan to Be Discussed Again Next Week", EN1, e2, EN1]
    for credit, source in [("This article was originally published by Futurism. Read the original article.", "Futurism"),
                           ("This article is republished from The Conversation under a Creative Commons license.",
                            "The Conversation"),
                           ("Este artículo fue publicado originalmente en El País.", "El País")]:
        a = clean("\n".join([*head, credit]))
        assert a.source == source and a.paragraphs[-1] == credit, credit
    # Under a short list of related links, after the article's end, it still joins the body.
    a = clean("\n".join([*head, "* 15 Amazing Images of Stars", "* 11 Facts About Our Galaxy",
                         "Originally published on Live Science."]))
    assert a.source == "Live Science" and a.paragraphs[-1] == "Originally published on Live Science."
    # A study's publication is not the article's.
    for line in ["The study was originally published in Nature.", "He originally published it on his blog."]:
        assert clean("\n".join([*head, line])).source is None, line


def test_a_wire_lead_opens_the_article_below_teasers_the_region_took_in() -> None:
    teasers = [f"Police Arrest Two After Death Of Student Number {n}A 24-year-old woman and a 28-year-old man "
               f"have been arrested in connection with the death of a student athlete, police said on day {n}."
               for n in range(6)]
    head = "Michigan Officials: 6th Fatality Linked To Eastern Equine Encephalitis Reported"
    lead = ("ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting a 6th fatality linked to "
            "Eastern Equine Encephalitis, a rare mosquito-borne virus.")
    rest = ["Berrien County Health Department officials said Monday the victim was one of two people who "
            "contracted the mosquito-borne virus in the county.",
            "Cases of Eastern Equine Encephalitis first appeared in West Michigan at the end of August."]
    a = clean("\n".join([*teasers, head, "November 19, 2019 at 9:45 am", lead, *rest]))
    assert a.paragraphs == [lead, *rest]
    assert (a.title, a.dateline, a.source) == (head, "ST. JOSEPH, Mich.", "AP")


def test_a_list_of_stories_gets_no_headline_or_standfirst() -> None:
    # A section front: teasers, each with its headline, summary and byline.
    page = []
    for n, (who, topic) in enumerate([("Steven Lee Myers", "Olympics"), ("Josh Max", "Beatles"),
                                      ("Shira Ovide", "metaverse"), ("Rachel Strugatz", "drinks")]):
        page += [f"A Headline About The {topic.title()} Story", f"The summary of the {topic} story explains "
                 f"what happened and why readers should care about it this week, in a few more words.", f"By {who}"]
    a = clean("\n".join(page))
    assert (a.title, a.author, a.description) == (None, None, None)


def test_a_comments_link_in_the_byline_strip_does_not_end_the_article() -> None:
    # One text node a line: the header's "Jun 7, 2023 | Comments" comes apart; its "Comments"
    # is a link to the comments below, not their header.
    stand = "I tried the headset, and just like the first phone with a sharp screen, there is no going back."
    paras = [EN1, "Analysts said the decision was widely expected after weeks of talks between the two sides.",
             "Officials did not say when a final vote would be held, but it could come before the end of the year.",
             "The plan would be the largest of its kind, and lawmakers from both parties have said they support it."]
    bio = "a deputy editor and author of the Command Line newsletter. He has covered the tech industry for a decade."
    page = ["Government Plan to Be Discussed Again Next Week", stand, "By", "Alex Heath", ",", bio,
            "Jun 7, 2023, 8:54 PM UTC", "|", "Comments", *paras]
    assert clean("\n".join(page)).paragraphs[-len(paras):] == paras
    # Under the article, after its byline, "Comments" still ends it.
    a = clean("\n".join(["Government Plan to Be Discussed Again Next Week", *paras, "By Alex Heath",
                         "Comments", "Great article, thanks for writing it, I agree with every word of it and more."]))
    assert a.paragraphs == paras


def test_a_wrapped_sentences_middle_line_is_no_headline() -> None:
    # A hard-wrapped paragraph whose text nodes come apart (Readability's normalize-spaces
    # test page): a piece that opens in lower case ("ullamco laboris ...") is the middle of a
    # sentence, not a headline to cut the text above it at.
    lorem = ("      ullamco laboris nisi ut aliquip ex ea commodo\n"
             "      consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse\n"
             "      cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non\n"
             "      proident, sunt in culpa qui officia deserunt mollit anim id est laborum.")
    page = ("Lorem\n\nLorem\n      ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod\n\ttab here\n"
            "      incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam,\n"
            "      quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo\n"
            "      consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse\n"
            "      cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non\n"
            "      proident, sunt in culpa qui officia deserunt mollit anim id est laborum.\n\nFoo\n\n"
            "Tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam,\n"
            "      quis nostrud exercitation\n\n\n\n\n" + lorem)
    a = clean(page)
    assert a.title != "ullamco laboris nisi ut aliquip ex ea commodo"
    assert "ullamco laboris nisi ut aliquip ex ea commodo" in a.body


def test_a_comments_item_in_a_share_bar_above_the_article_does_not_end_it() -> None:
    # One text node a line: a disclaimer printed above, then the share bar with its
    # "Comments" link, the byline, the article.
    disclaimer = ("Quotes delayed at least 15 minutes. Market data provided by a data company. Company "
                  "fundamental data provided by another company. Earnings estimates data provided by a third "
                  "company, and economic data provided by a fourth one, under their terms and conditions.")
    paras = [EN1, "Analysts said the decision was widely expected after weeks of talks between the two sides.",
             "Officials did not say when a final vote would be held, but it could come before the end of the year.",
             "The plan would be the largest of its kind, and lawmakers from both parties have said they support it.",
             "Critics said the plan would cost too much and asked for a study of its effects on the budget first."]
    page = [disclaimer, "FAQ", "Updated Privacy Policy", "Earnings", "Published", "1 day ago",
            "Facebook", "Twitter", "Comments", "Print", "Email", "By", "Jonathan Garber", *paras]
    assert clean("\n".join(page)).paragraphs[-len(paras):] == paras
    # A comment form's header under the article still ends it, however long the comments.
    comments = [f"Reader {n} wrote: I do not agree with this at all, the plan will never work and everyone knows it."
                for n in range(8)]
    a = clean("\n".join(["Government Plan to Be Discussed Again", *paras, "Leave a Reply", *comments]))
    assert a.paragraphs == paras


def test_a_live_feed_after_its_header_ends_the_article() -> None:
    # "Direct" (a guarded related-list header) followed by a live feed's time-stamped items and
    # their blurbs: teasers, however much prose they add up to.
    paras = ["Un troisième Français a été tué dans le tremblement de terre samedi au Népal, emporté par une avalanche.",
             "L’appareil, mis à disposition par Airbus, était arrivé à Katmandou mercredi matin avec des médecins.",
             "Le séisme a fait près de 5 500 morts et touche huit des 28 millions d’habitants du Népal, selon l'ONU."]
    feed = ["Direct"]
    for h in range(14, 8, -1):
        feed += [f"* {h}:44 Une nouvelle dépêche de la rédaction sur un tout autre sujet, publiée à {h} heures",
                 f"Le résumé de cette dépêche de {h} heures raconte en quelques lignes ce qui s'est passé ce jour-là "
                 "dans une autre région du monde, loin du Népal et de son tremblement de terre."]
    a = clean("\n".join(["Un troisième Français tué au Népal", *paras, *feed]), language="fr")
    assert a.paragraphs == paras


def test_a_table_one_cell_a_line_stays_with_its_article() -> None:
    # get_text("\n"): every cell of a standings table is a line; the numbers, which a rule
    # alone would read as counters, and the names are the article's table.
    intro = ["Nesta página você terá sempre a classificação atualizada da NASCAR até a última corrida do ano.",
             "Classificação final da Monster Energy NASCAR Cup Series em 2019 após as 36 etapas da temporada."]
    header = ["Pos.", "Piloto", "Pontos", "Vitórias", "Poles"]
    rows = [["1", "Kyle Busch", "5040", "5", "1"], ["2", "Martin Truex Jr.", "5035", "7", "0"],
            ["3", "Kevin Harvick", "5033", "4", "6"], ["4", "Denny Hamlin", "5027", "6", "3"]]
    cells = header + [c for r in rows for c in r]
    a = clean("\n\n".join(["Classificação da NASCAR", *intro, *cells]))
    assert all(c in a.paragraphs for c in ("Kyle Busch", "5040", "Denny Hamlin", "Pontos"))
    # A menu of words, or a list of links with a date among them, is no table.
    menu = ["* shopping", "* saving money", "* personal finances", "3/09/15 8:00am", "* mind hacks",
            "* habits", "* budget", "3/09/15 8:00am", "* psychology", "* Edit", "* Delete", "* Invite"]
    a = clean("\n".join(["Government Plan to Be Discussed Again", EN1,
                         "Analysts said the decision was widely expected after weeks of talks between the two sides.",
                         *menu]))
    assert not any(m in a.paragraphs for m in menu)
