"""HTML input: detection, the DOM walk and its evidence, page metadata, the engine switch."""

from __future__ import annotations

import json

import pytest

from cleaner import Config, clean
from cleaner.html import clean_title, iso_date, looks_like_html, parse

P1 = ("The city council approved the new budget on Tuesday after a long debate that lasted "
      "well into the night, with several members asking for more money for schools.")
P2 = ("Supporters said the plan would repair roads and parks, while critics warned that the "
      "spending would leave the city with a deficit within two years of its adoption.")
P3 = ("The mayor is expected to sign the budget next week, and the first projects could "
      "begin as early as the spring, according to officials familiar with the plan.")

LD = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves budget",
      "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "John Doe"}],
      "datePublished": "2024-03-05T09:30:00-05:00", "publisher": {"@type": "Organization", "name": "City Times"}}

PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Council approves budget | City Times</title>
<meta property="og:title" content="Council approves budget">
<meta name="description" content="The council passed the budget.">
<link rel="canonical" href="https://example.com/budget">
<script type="application/ld+json">{json.dumps(LD)}</script>
<style>p {{ color: red }}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Council approves budget</h1>
<p>{P1}</p>
<figure><img src="a.jpg"><figcaption>The council chamber on Tuesday. (Photo: City Times)</figcaption></figure>
<h2>What comes next</h2>
<p>{P2}</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<p>{P3}</p>
<pre>budget = 1_000_000
print(budget)</pre>
</article>
<aside class="related"><h3>Related stories</h3><p>Another story about the council that is long enough to read as prose on its own, really.</p></aside>
<div id="comments"><p>Great article, thanks for writing it, I learned so much about the budget today!</p></div>
<script>var x = "never text";</script>
</body></html>"""


def test_html_is_detected_and_text_with_a_leaked_tag_is_not() -> None:
    assert looks_like_html(PAGE)
    assert looks_like_html("  <html><body><p>x</p></body></html>")
    assert not looks_like_html(f"{P1}\n<a href='x'>RENI ERINA</a>\n{P2}")


def test_body_is_the_article_in_order_without_chrome() -> None:
    a = clean(PAGE)
    assert a.paragraphs[:2] == [P1, "What comes next"]
    assert P2 in a.paragraphs and P3 in a.paragraphs
    assert a.paragraphs.index(P2) < a.paragraphs.index(P3)
    for chrome in ("Home", "Share on Facebook", "Related stories", "Great article", "never text", "color"):
        assert chrome not in a.body
    assert a.captions == ["The council chamber on Tuesday. (Photo: City Times)"]


def test_every_dropped_line_names_the_dom_evidence() -> None:
    a = clean(PAGE)
    reasons = {ln.text: ln.reason for ln in a.lines}
    assert reasons["Home"] == "dom.chrome:nav"
    assert reasons["Share on Facebook Tweet"] == "dom.chrome:share"
    assert reasons["Related stories"] == "dom.chrome:related"  # the innermost evidence names it
    assert reasons["Great article, thanks for writing it, I learned so much about the budget today!"] == "dom.chrome:comments"


def test_page_metadata_wins_and_says_where_it_came_from() -> None:
    a = clean(PAGE)
    assert a.title == "Council approves budget"
    assert a.author == "Jane Roe, John Doe"
    assert a.date == "2024-03-05T09:30:00-05:00"
    assert a.site == "City Times"
    assert a.language == "en"
    assert a.url == "https://example.com/budget"
    assert a.description == "The council passed the budget."
    assert a.sources["title"] == a.sources["author"] == a.sources["date"] == "json-ld"
    assert a.sources["description"] == "meta og:description" or a.sources["description"].startswith("meta")
    # the headline printed above the article is the title line, not body
    assert next(ln for ln in a.lines if ln.text == "Council approves budget").decision == "title"


def test_a_record_s_creation_date_gives_way_to_the_publication_date_the_page_states() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves budget",
          "dateCreated": "2024-03-06T10:41:09Z", "creator": ["CC7567"]}
    head = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
    stated = f'<time itemprop="datePublished" datetime="2024-03-05T14:15+0000">5 March 2024</time><p>{P1}</p><p>{P2}</p>'
    a = clean(head + stated + "</article></body></html>")
    assert (a.date, a.sources["date"]) == ("2024-03-05T14:15:00+00:00", "time/itemprop datePublished")
    assert a.author is None  # a record's creator is the CMS account as often as the writer
    a = clean(head + f"<p>{P1}</p><p>{P2}</p></article></body></html>")
    assert (a.date, a.sources["date"]) == ("2024-03-06T10:41:09+00:00", "json-ld dateCreated")


def test_every_news_article_type_is_read_and_a_publisher_named_as_author_is_no_byline() -> None:
    ld = {"@context": "https://schema.org", "@type": "ReportageNewsArticle", "headline": "Council approves budget",
          "datePublished": "2024-03-05T09:44:09+00:00", "publisher": {"@type": "NewsMediaOrganization", "name": "City Times"},
          "author": {"@type": "NewsMediaOrganization", "name": "City Times"}}
    page = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
            f"<p>{P1}</p><p>{P2}</p></article></body></html>")
    a = clean(page)
    assert (a.date, a.sources["date"]) == ("2024-03-05T09:44:09+00:00", "json-ld")
    assert a.site == "City Times" and a.author is None


def test_the_last_update_is_its_own_field_from_the_page_metadata_or_the_text() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves budget",
          "datePublished": "2024-03-05T09:30:00-05:00", "dateModified": "2024-03-06T11:00:00-05:00"}
    page = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
            f"<p>{P1}</p><p>{P2}</p></article></body></html>")
    a = clean(page)
    assert (a.date, a.modified, a.sources["modified"]) == ("2024-03-05T09:30:00-05:00", "2024-03-06T11:00:00-05:00", "json-ld")
    page = ('<html><head><meta property="article:published_time" content="2024-03-05T09:30:00Z">'
            '<meta property="article:modified_time" content="2024-03-06T11:00:00Z"></head>'
            f"<body><article><p>{P1}</p><p>{P2}</p></article></body></html>")
    assert clean(page).modified == "2024-03-06T11:00:00+00:00"
    # A fraction of a second is dropped; an update before the publication is no update.
    ld.update(datePublished="2024-03-05T09:30:00.871000-05:00", dateModified="2024-03-05T08:00:00-05:00")
    page = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body><article>'
            f"<p>{P1}</p><p>{P2}</p></article></body></html>")
    a = clean(page)
    assert (a.date, a.modified) == ("2024-03-05T09:30:00-05:00", None)
    text = "\n".join(["Council approves budget", "PUBLISHED: 10:48, Tue, Mar 5, 2024 | UPDATED: 11:05, Wed, Mar 6, 2024", P1, P2])
    a = clean(text)
    assert (a.date, a.modified) == ("2024-03-05T10:48:00", "2024-03-06T11:05:00")
    assert clean("\n".join(["Council approves budget", "March 5, 2024", P1, P2])).modified is None


def test_an_h1_printing_the_pages_own_headline_is_not_body_when_the_social_headline_differs() -> None:
    h1 = "Council approves the new city budget after a debate that went on well into the night"
    page = (f'<html><head><title>{h1} - City Times</title>'
            '<meta property="og:title" content="Budget row seems to be over"><meta property="og:site_name" content="City Times">'
            f"</head><body><article><h1>{h1}</h1><p>{P1}</p><p>{P2}</p></article></body></html>")
    a = clean(page)
    assert a.title == "Budget row seems to be over"  # the metadata's, as Readability reads it
    assert a.paragraphs == [P1, P2]
    assert next(ln for ln in a.lines if ln.text.startswith("Council approves")).reason == "html.headline"


def test_structure_survives_as_markdown() -> None:
    md = clean(PAGE).markdown()
    assert "## What comes next" in md
    assert "```\nbudget = 1_000_000\nprint(budget)\n```" in md


def test_lists_and_tables_become_paragraphs() -> None:
    page = f"<html><body><article><p>{P1}</p><ul><li>First point of the plan, in some detail here</li>" \
           f"<li>Second point of the plan, in some detail too</li></ul><p>{P2}</p></article></body></html>"
    a = clean(page)
    assert "First point of the plan, in some detail here" in a.paragraphs
    assert a.kinds[a.paragraphs.index("First point of the plan, in some detail here")] == "li"


@pytest.mark.parametrize("bad", [
    "<html><body><p>unclosed <b>bold <i>italic</body>",
    "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
    "<html></html>",
    "<!DOCTYPE html>",
    "<html><body>" + "<div>" * 20000 + "deep" + "</div>" * 20000 + "</body></html>",
])
def test_broken_or_empty_pages_give_a_clean_result(bad: str) -> None:
    a = clean(bad)
    assert isinstance(a.body, str)
    assert len(a.body) < 200


def test_a_page_without_chrome_keeps_all_its_prose() -> None:
    a = clean(f"<html><body><p>{P1}</p><p>{P2}</p><p>{P3}</p></body></html>")
    assert a.paragraphs == [P1, P2, P3]


def test_format_can_be_forced() -> None:
    as_text = clean(PAGE, Config(format="text"))
    assert "<article>" in as_text.body or "DOCTYPE" not in as_text.body  # treated as text: no DOM
    assert clean(f"<p>{P1}</p>", Config(format="html")).paragraphs == [P1]


def test_invalid_format_or_engine_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="format"):
        clean(PAGE, Config(format="pdf"))
    with pytest.raises(ValueError, match="engine"):
        clean(PAGE, Config(engine="magic"))


def test_trafilatura_engine_gives_the_same_article_shape() -> None:
    a = clean(PAGE, Config(engine="trafilatura"))
    assert P1 in a.body and "Home" not in a.paragraphs
    assert a.title == "Council approves budget"
    assert "engine: trafilatura" in " ".join(a.notes)
    for favor in ("precision", "recall"):  # the knob becomes trafilatura's favor_precision / favor_recall
        assert P1 in clean(PAGE, Config(engine="trafilatura", favor=favor)).body


def test_helpers() -> None:
    assert clean_title("Council approves budget | City Times", "City Times") == "Council approves budget"
    assert clean_title("City Times - Council approves the new budget", None) == "Council approves the new budget"
    # no site name to go by: the part the page prints as a heading is the headline
    on_page = lambda: {"on recent controversial events"}  # noqa: E731
    assert clean_title("On Recent Controversial Events - Bradley M. Kuhn ( Brad ) ( bkuhn )", None, on_page) == "On Recent Controversial Events"
    assert iso_date("2024-03-05T14:30:00Z") == "2024-03-05T14:30:00+00:00"
    assert iso_date("2024-03-05") == "2024-03-05"
    assert iso_date("not a date") is None
    assert parse("<html><body><p>a<br>b</p></body></html>").text == "a\nb"


def test_a_table_row_is_one_line_and_a_plain_list_stays_in_the_article() -> None:
    rows = "".join(f"<tr><td>Stage {i}</td><td>{10 + i} May</td><td>Interlagos</td></tr>" for i in range(1, 6))
    items = "".join(f"<li>item number {i} of the list</li>" for i in range(1, 6))
    page = (f"<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav><article><p>{P1}</p>"
            f"<table>{rows}</table><p>{P2}</p><ul>{items}</ul><p>{P3}</p></article></body></html>")
    a = clean(page)
    assert "Stage 1 | 11 May | Interlagos" in a.paragraphs
    assert "item number 3 of the list" in a.paragraphs
    assert a.paragraphs[-1] == P3 and "Home" not in a.paragraphs
    assert "| Stage 2 | 12 May | Interlagos |" in a.markdown()


def test_html_bytes_are_decoded_with_the_charset_they_declare() -> None:
    page = (f"<html><head><meta charset='windows-1251'></head><body><p>{P1}</p>"
            "<p>Москва — столица России, крупнейший по численности населения город страны.</p>"
            "</body></html>")
    a = clean(page.encode("cp1251"))
    assert "Москва — столица России, крупнейший по численности населения город страны." in a.paragraphs


def test_a_quoted_paragraph_is_a_markdown_quote() -> None:
    page = f"<html><body><article><p>{P1}</p><blockquote><p>{P2}</p></blockquote><p>{P3}</p></article></body></html>"
    a = clean(page)
    assert a.kinds == ["p", "blockquote", "p"]
    assert f"> {P2}" in a.markdown()


def test_a_heading_under_the_headline_that_prints_the_description_is_the_standfirst() -> None:
    dek = "The council approved the plan after weeks of debate and some last-minute changes."
    page = (f"<html><head><meta name='description' content='{dek}'><title>Budget passes</title></head>"
            f"<body><article><h1>Budget passes</h1><h2>{dek}</h2><p>{P1}</p><p>{P2}</p></article></body></html>")
    a = clean(page)
    assert dek not in a.paragraphs and a.description == dek
    assert next(ln for ln in a.lines if ln.text == dek).decision == "description"
    # further down, the same sentence in a heading is part of the article
    later = page.replace(f"<h2>{dek}</h2><p>{P1}</p>", f"<p>{P1}</p><h2>{dek}</h2>")
    assert dek in clean(later).paragraphs


def test_markup_nested_absurdly_deep_is_flattened_and_its_text_kept() -> None:
    # 100,000 nested <div>s: lexbor alone would take minutes (its time grows with depth squared)
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{P1}</p>" + "</div>" * 100_000 + "</body></html>"
    a = clean(page)
    assert a.paragraphs == [P1]
    assert any("flattened" in note for note in a.notes)


def test_the_publication_after_a_byline_name_is_not_an_author() -> None:
    ld = {"@type": "NewsArticle", "headline": "Markets fall", "author": {"name": "Jill Disis, CNN Business"},
          "publisher": {"name": "CNN"}}
    page = (f"<html><head><script type='application/ld+json'>{json.dumps(ld)}</script></head>"
            f"<body><h1>Markets fall</h1><p>{P1}</p><p>{P2}</p></body></html>")
    assert clean(page).author == "Jill Disis"


def test_co_authors_each_in_their_own_meta_tag_are_all_kept() -> None:
    def page(metas: str) -> str:
        return f"<html><head>{metas}</head><body><h1>Markets fall</h1><p>{P1}</p><p>{P2}</p></body></html>"

    two = '<meta name="author" content="Ann Lee"><meta name="author" content="Bo Kim">'
    assert clean(page(two)).author == "Ann Lee, Bo Kim"
    # "Last, First" names: then the names are parted by ";"
    dc = '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">'
    assert clean(page(dc)).author == "Kooman, F.; Jong, Michiel de"
    # the same author written as RDFa property and as name is one author
    same = '<meta property="dc:creator" content="Ann Lee"><meta name="dc.creator" content="Ann Lee">'
    assert clean(page(same)).author == "Ann Lee"


def test_class_names_in_camel_case_are_read_as_words() -> None:
    page = (f"<html><body><article><p>{P1}</p><p>{P2}</p>"
            "<div class='RelatedContent'><p>Read this other story about the council and its many members now</p></div>"
            f"<p>{P3}</p></article></body></html>")
    a = clean(page)
    assert a.paragraphs == [P1, P2, P3]
    assert any(ln.reason == "dom.chrome:related" for ln in a.lines)


def test_a_table_of_contents_does_not_part_the_lead_from_the_article() -> None:
    toc = "".join(f"<li><a href='#s{i}'>{i} Section {i}</a></li>" for i in range(1, 30))
    page = (f"<html><body><h1>Budget</h1><p>{P1}</p><div id='toc' class='toc'><ul>{toc}</ul></div>"
            f"<h2>History</h2><p>{P2}</p><p>{P3}</p><p>{P1}</p></body></html>")
    a = clean(page)
    assert a.paragraphs[0] == P1 and P2 in a.paragraphs
    assert not any("Section" in p for p in a.paragraphs)


def test_a_teaser_list_after_a_related_header_ends_the_article_however_long() -> None:
    teasers = "".join(
        f"<li><h3><a href='/s{i}'>Another story number {i} about the city</a></h3>"
        f"<p>{P2 if i % 2 else P3}</p><span>City Times</span></li>" for i in range(6))
    page = (f"<html><body><h1>Budget</h1><p>{P1}</p><p>{P3}</p>"
            f"<h2>Recommended for You</h2><ul>{teasers}</ul></body></html>")
    a = clean(page)
    assert a.paragraphs == [P1, P3]
    # without the repeated label, more prose after the header than before: a box mid-article
    mid = page.replace("<span>City Times</span>", "")
    assert P2 in clean(mid).paragraphs


def test_a_gallery_inside_the_article_container_does_not_part_the_article() -> None:
    # A fifty-slide gallery widget in the middle of the story (the Independent's "news in
    # pictures"): its slides stay chrome, and the sections after it are still the article.
    slides = "".join(
        f"<div class='slide'><h4>{i}/50 Slide title {i}</h4><p>Slide text {i}.</p><span>Getty</span></div>"
        for i in range(1, 51))
    page = (f"<html><body><h1>Budget</h1><div itemprop='articleBody'><p>{P1}</p><p>{P2}</p>"
            f"<div class='gallery-widget'>{slides}</div><p>{P3}</p></div>"
            "<footer><p>Copyright City Times, all rights reserved.</p></footer></body></html>")
    a = clean(page)
    assert a.paragraphs == [P1, P2, P3]
    assert any(ln.reason == "dom.chrome:widget" for ln in a.lines)
    # outside the marked container the same box still parts the page: a widget there is not
    # known to sit inside the story
    loose = page.replace(" itemprop='articleBody'", "")
    assert not any("Slide" in p for p in clean(loose).paragraphs)


def test_a_tag_the_page_prints_as_text_is_kept_and_a_leaked_one_in_text_is_cut() -> None:
    para = "To centre the picture, wrap the <img> element in a <figure> and give it a caption of its own."
    page = f"<html><body><article><p>{P1}</p><p>{para.replace('<', '&lt;').replace('>', '&gt;')}</p><p>{P2}</p></article></body></html>"
    assert clean(page).paragraphs == [P1, para, P2]
    text = clean(f"{P1}\n\n{para}\n\n{P2}", Config(format="text"))
    assert "To centre the picture, wrap the element in a and give it a caption of its own." in text.paragraphs


def test_section_headings_inside_the_article_container_do_not_part_it() -> None:
    # A recipe card after the story, inside the container the page marks as the article:
    # its headings open sections, and its short steps are still the article.
    ingredients = "".join(f"<li>{x}</li>" for x in ("8 ripe pears, cored", "1 lemon", "1 tsp cinnamon", "1 jar honey"))
    steps = ["Fill the canner with water and set it to simmer.", "Core, peel and cube the pears.",
             "Boil until thick enough to stick to a spoon.", "Spoon the jam into jars and let them cool."]
    page = (f"<html><body><div class='entry-content'><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
            f"<h2>Spiced Honey Pear Jam</h2><h3>Ingredients</h3><ul>{ingredients}</ul><h3>Instructions</h3>"
            + "".join(f"<p>{s}</p>" for s in steps) + "</div>"
            "<footer><p>Copyright 2017, all rights reserved.</p></footer></body></html>")
    a = clean(page)
    assert a.paragraphs[:3] == [P1, P2, P3] and a.paragraphs[-4:] == steps and "Ingredients" in a.paragraphs


def test_a_list_under_its_own_heading_closes_the_article() -> None:
    teams = ["England (Group A): 10th appearance", "Ukraine (Group B): Third appearance",
             "Spain (Group F): 11th appearance", "Poland (Group G): Fourth appearance"]
    page = (f"<html><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
            "<h3>Qualified teams</h3><ul>" + "".join(f"<li>{t}</li>" for t in teams) + "</ul>"
            "<footer><a href='/about'>About us</a> <a href='/terms'>Terms</a></footer></body></html>")
    a = clean(page)
    assert a.paragraphs == [P1, P2, P3, "Qualified teams", *teams]


def test_a_meta_site_name_that_is_not_the_domain_gives_way_to_the_title_that_is() -> None:
    head = ("<html><head><title>Oil drags lower, stocks drift near highs - Reuters</title>"
            "<meta property='og:site_name' content='U.S.'>"
            "<link rel='canonical' href='https://www.reuters.com/article/us-global-markets-idUS'></head>")
    a = clean(head + f"<body><article><p>{P1}</p><p>{P2}</p></article></body></html>")
    assert a.site == "Reuters" and a.title == "Oil drags lower, stocks drift near highs"
    # a site name that spells the domain stays, however the <title> ends
    same = head.replace("content='U.S.'", "content='Reuters.com'")
    assert clean(same + f"<body><article><p>{P1}</p></article></body></html>").site == "Reuters.com"


def test_a_list_that_is_the_whole_article_is_kept_over_a_promo_in_the_sidebar() -> None:
    # The page's article container holds a headline and a calendar, no prose; the only prose
    # on the page is a promo beside it.
    stages = [f"<p>{n}a etapa: {d} de março – {place}</p>" for n, d, place in
              [(1, 10, "Interlagos"), (2, 17, "Curitiba"), (3, 24, "Velopark"), (4, 31, "Londrina")]]
    promo = ("Clique na foto do colunista e veja as colunas sobre Fórmula 1, MotoGP e outras que ele "
             "escreve para o site todas as semanas.")
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/f1'>F1</a></nav>"
            "<div class='post-content'><h1>Calendário da Stock Car 2018</h1>" + "".join(stages) + "</div>"
            f"<div class='widget'><p>{promo}</p></div></body></html>")
    a = clean(page, Config(format="html"))
    assert a.paragraphs[:4] == [s[3:-4] for s in stages]
    assert promo not in a.paragraphs


def test_an_embedded_tweet_is_quoted_by_the_article_but_a_share_bar_goes() -> None:
    p1 = "The state spent nearly half a million dollars on the campaign, and its slogan drew attention at once."
    tweet = "Yes this is real and yes the state spent nearly half a million dollars on it."
    p2 = "So many people were talking about the slogan that it became one of the most discussed topics of the day."
    page = (f"<html><body><article><h1>The slogan everyone talked about</h1><p>{p1}</p>"
            f"<div class='social-media-embed'><blockquote class='twitter-tweet'><p>{tweet}</p>"
            "— Dianna E. Anderson (@diannaeanderson) November 18, 2019</blockquote></div>"
            f"<p>{p2}</p><div class='social-share'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>"
            "</article></body></html>")
    a = clean(page, Config(format="html"))
    assert p1 in a.paragraphs and tweet in a.paragraphs and p2 in a.paragraphs
    assert not any("Facebook" in p for p in a.paragraphs)


def test_hidden_elements_and_forms_go_but_a_form_around_the_page_stays() -> None:
    hidden = ['<div hidden>HIDDEN ONE</div>', '<div aria-hidden="true">HIDDEN TWO</div>',
              '<p style="color:red; display:none">HIDDEN THREE</p>', '<span style="visibility: hidden">HIDDEN FOUR</span>']
    page = f"""<html><body>
<form action="/search"><input name="q"><button>Search the site now</button></form>
<form id="aspnetForm"><article><h1>Budget</h1><p>{P1}</p>{"".join(hidden)}<p>{P2}</p>
</article></form>
<form style="display:none"><p>HIDDEN FIVE is a form with a paragraph in it.</p></form>
</body></html>"""  # (forms do not nest: a parser ignores a <form> inside another)
    text = parse(page).text
    assert P1 in text and P2 in text  # the page-wide form holds prose: kept
    assert "HIDDEN" not in text and "Search the site" not in text


def test_a_step_label_after_a_list_or_a_caption_is_a_subheading() -> None:
    # "Step 2" follows the photo of step 1: past the caption, the section before it is prose;
    # "Step 1" follows the list of materials: a list ends a section as a paragraph does.
    page = f"""<html><body><nav><a href="/">Home</a> <a href="/diy">DIY</a></nav><article>
<h1>How to Build a Terrarium</h1><p>{P1}</p><ul><li>Glass cloche</li><li>Foam oasis</li><li>Moss and tweezers</li></ul>
<div class="step"><span class="headline">Step 1</span><p>{P2}</p>
<figure><img src="a.jpg"><figcaption>Dig a hole in the oasis. (Lucy Akins)</figcaption></figure></div>
<div class="step"><span class="headline">Step 2</span><p>{P3}</p></div>
</article><footer>About us</footer></body></html>"""
    a = clean(page, Config(format="html"))
    assert a.paragraphs == [P1, "Glass cloche", "Foam oasis", "Moss and tweezers", "Step 1", P2, "Step 2", P3]
    assert a.captions == ["Dig a hole in the oasis. (Lucy Akins)"]


def test_a_section_heading_over_a_note_a_caption_or_a_subheading_stays_but_a_teaser_run_goes() -> None:
    # An encyclopedia's sections: "Software" over its subheading "Firefox", which heads a
    # "Main article:" note and a MediaWiki thumbnail caption before its prose. Then a run of
    # same-level teaser headlines over an ad slot: no section of the article.
    page = f"""<html><body><nav><a href="/">Home</a> <a href="/wiki">Wiki</a></nav><div id="mw-content-text">
<p>{P1}</p><h2>Software</h2><h3>Firefox</h3><div class="hatnote">Main article: Firefox</div>
<div class="thumb"><img src="f.png"><div class="thumbcaption">Firefox logo</div></div><p>{P2}</p>
<h3>Teaser one about the council vote</h3><h3>Teaser two about the city budget</h3>
<div class="ad">Advertisement</div><p>{P3}</p></div><footer>About us</footer></body></html>"""
    a = clean(page, Config(format="html"))
    assert a.paragraphs == [P1, "Software", "Firefox", P2, P3]
    assert a.captions == ["Firefox logo"]


def test_a_linked_teaser_headline_after_a_related_label_is_not_a_section_heading() -> None:
    # "More:" and the headlines of three related stories, links all, set between two paragraphs:
    # the last one stands over the article's next paragraph but heads no section of it.
    teasers = "".join(f'<h3><a href="/s/{i}">{t}</a></h3>' for i, t in enumerate(
        ["The new space race", "Spacewalking into history", "China completes a landing test for its Mars mission"]))
    page = (f"<html><body><article><p>{P1}</p><p>{P2}</p><p>More:</p>{teasers}<p>{P3}</p></article>"
            "<footer>About us</footer></body></html>")
    assert clean(page, Config(format="html")).paragraphs == [P1, P2, P3]


def test_the_description_printed_above_the_byline_is_the_standfirst_but_printed_as_the_lead_stays() -> None:
    dek = "The council passed the budget after a long night of talks."
    head = f'<html><head><meta property="og:description" content="{dek}"></head><body><article>'
    a = clean(head + f"<p>{dek}</p><p>By Jane Roe</p><p>{P1}</p><p>{P2}</p></article></body></html>")
    assert a.description == dek and a.paragraphs == [P1, P2] and a.author == "Jane Roe"
    a = clean(head.replace(dek, P1) + f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>")
    assert a.paragraphs == [P1, P2, P3]  # the lead the description repeats is the article's


# --- a page parsed in parts (cleaner.html.PART) -------------------------------------------

def _same_parse(page: str, part: int) -> None:
    whole, parted = parse(page, part=1 << 40), parse(page, part=part)
    assert any("parsed in" in n for n in parted.notes)  # it was parsed in parts ...
    assert (parted.text, parted.dom, parted.meta, parted.broken) == (whole.text, whole.dom, whole.meta, whole.broken)


def test_a_page_parsed_in_parts_gives_the_lines_evidence_and_metadata_of_the_whole() -> None:
    _same_parse(PAGE, 300)
    # The hand-labelled HTML fixtures (real pages), in 16 KB parts
    from pathlib import Path
    pages = sorted(Path(__file__).parent.parent.glob("fixtures/*/input.html"))
    assert len(pages) >= 20
    for path in pages:
        page = path.read_text(encoding="utf-8")
        if len(page) > 2 * 16384:
            _same_parse(page, 16384)


def test_a_container_open_at_a_cut_keeps_its_role_in_the_next_part() -> None:
    # The layout wrapper's class says "sidebar", but it holds the headline, which comes after
    # the cut: the lines before the cut are not sidebar chrome after all. The article body that
    # the wrapper holds is one box across the cut, and the page-wide form (which holds prose
    # only after the cut) is kept in both parts.
    filler = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(40))
    page = (f"<html><head><title>Budget</title></head><body><form id='aspnetForm'><nav><ul>{filler}</ul></nav>"
            f"<div class='layout-with-sidebar'><p>{P3}</p><div>{'<br>'.join(['x'] * 5)}</div>"
            f"<div class='lead'><h1>Council approves budget</h1><p>{P1}</p><p>{P2}</p></div></div>"
            f"<aside class='related'><p>Another story</p></aside></form></body></html>")
    assert len(page) > 2200
    for part in (200, 400, 700, 1000):  # cuts before, inside and after the wrapper
        _same_parse(page, part)
    assert P3 in clean(page).body


def test_a_cut_never_falls_inside_a_script_a_comment_or_a_tag() -> None:
    from cleaner.html import _cuts

    block = "<div class='x'><p>text</p></div>\n"
    script = "<script>var s = '<div>not a tag</div>';" + " " * 3000 + "</script>\n"
    comment = "<!-- <div>commented out</div>" + " " * 3000 + "-->\n"
    attr = "<img alt='<p>not a tag'>\n"
    page = "<html><body>" + (block * 20 + script + block * 20 + comment + attr) * 20 + "</body></html>"
    cuts = _cuts(page, 1000)
    assert cuts and cuts == sorted(set(cuts))
    for c in cuts:
        assert page.startswith(("<div", "<p"), c) and page[:c].rstrip().endswith(">")
        before = page[:c]
        assert before.count("<script") == before.count("</script>") and before.count("<!--") == before.count("-->")
        assert before.rfind("<img") < before.rfind(">")  # not inside the img tag
    # An unclosed script or comment makes the rest one part; a small page is not cut at all.
    for opener in ("<script>", "<!--", "<style>"):
        tail = "<p>a</p>" * 500 + opener + "<p>a</p>" * 2000
        cuts = _cuts(tail, 1000)
        assert cuts and all(c < tail.index(opener) for c in cuts)
    assert _cuts(block * 10, 1 << 20) == []
    # A comment or script after every cut point (the search goes on past it, and ends).
    dense = ("<p>a</p>" + "<!--c-->" * 50) * 200
    assert len(_cuts(dense, 1000)) > 5


def test_a_page_carrying_the_parsers_own_marks_is_parsed_in_parts_without_harm() -> None:
    junk = "".join(f"<div data-cleaner-box='x{i}' data-cleaner-spine data-cleaner-kept><p>{P1}</p></div>" for i in range(30))
    a = parse(f"<html><body><article>{junk}</article></body></html>", part=500)
    assert a.text.count(P1) == 30


def test_what_a_part_learns_about_a_container_goes_on_to_the_next() -> None:
    # A page-wide form whose prose all comes before the cut (its labels after it stay too); a
    # layout box classed "sidebar" that holds most of the prose, on both sides of the cut (one
    # box, so it is seen as the wrapper it is); and a second <h1> in a related box after the
    # cut (only the page's first <h1> marks the article's place).
    prose = "".join(f"<p>{p}</p>" for p in (P1, P2, P3) * 3)
    labels = "".join(f"<div><label>Edition {i}</label><input type='checkbox'></div>" for i in range(20))
    page = (f"<html><body><form id='aspnetForm'><article><h1>Council approves budget</h1><p>{P1}</p></article>"
            f"<div class='sidebar-layout'>{prose}{prose}</div>"
            f"<aside class='related'><h1>Other news</h1><div>Another story</div></aside>"
            f"<div class='newsletter'>{labels}</div></form></body></html>")
    for part in range(300, len(page) // 2, 300):
        _same_parse(page, part)


def test_a_cut_inside_a_layout_table_ends_no_line_and_adds_no_cell() -> None:
    # A row's first cell is read, the cut falls inside its second: the row's line goes on into
    # the next part, where the re-opened cell adds no second " | " and the line ends where the
    # page parsed whole ends it (with its table evidence).
    rows = "".join(f"<tr><td class='nav'><a href='/s{i}'>Section {i}</a></td><td class='content'><p>{P1}</p>"
                   f"<div>Note {i}</div></td></tr>\n" for i in range(60))
    page = f"<html><body><table width='100%'><tr><td><h1>Budget</h1></td></tr>{rows}</table></body></html>"
    for part in (1000, 2500, 4000):
        _same_parse(page, part)
