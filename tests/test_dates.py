"""Dates as printed -> ISO 8601, table-driven; no guessing on ambiguous numeric dates."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cleaner import dates
from cleaner.dates import ambiguous_date, find_date, updated_date

CASES = [
    ("• Rabu, 07 September 2022, 07:47 WIB", None, "2022-09-07T07:47:00+07:00"),
    ("Kamis, 1 Agustus 2023 10:15 WITA", None, "2023-08-01T10:15:00+08:00"),
    ("Senin, 3 Juli 2023 | 09:00 WIT", None, "2023-07-03T09:00:00+09:00"),
    ("Reuters November 18, 2019 11:03 PM", None, "2019-11-18T23:03:00"),
    ("Nov. 18, 2019 at 3:45 p.m. EST", None, "2019-11-18T15:45:00-05:00"),
    ("Published 2019-11-19T00:21:00Z", None, "2019-11-19T00:21:00+00:00"),
    ("2019-11-19 08:30:00+07:00", None, "2019-11-19T08:30:00+07:00"),
    ("18 de noviembre de 2019", None, "2019-11-18"),
    ("7. Mai 2022, 14:30 Uhr", None, "2022-05-07T14:30:00"),
    ("12 juin 2019 à 18h30", None, "2019-06-12T18:30:00"),
    ("13/09/2022 10:00", None, "2022-09-13T10:00:00"),
    ("07/09/2022", True, "2022-09-07"),
    ("07/09/2022", False, "2022-07-09"),
    ("Updated 0339 GMT (1139 HKT) November 20, 2019", None, "2019-11-20T03:39:00+00:00"),
    ("Published 10:02 AM EST Nov 19, 2019", None, "2019-11-19T10:02:00-05:00"),
    ("16 November 2017 • 2:15pm", None, "2017-11-16T14:15:00"),
    ("November 19, 2019 / 12:21 AM / Updated 14 hours ago", None, "2019-11-19T00:21:00"),
    ("sexta-feira, 22 de outubro de 2010 às 20:13", None, "2010-10-22T20:13:00"),
    ("Rabu (30/8/2023) pukul 10.00 WIB", None, "2023-08-30T10:00:00+07:00"),
    # The update's date first, the publication's after it: the publication's.
    ("Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET", None, "2019-11-19T08:02:00"),
    ("Mis à jour le 05.05.2015 à 20h13 | Publié le 04.05.2015 à 13h36", None, "2015-05-04T13:36:00"),
    ("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019", None, "2019-11-19T10:48:00"),
    ("Last Updated: January 7, 2025", None, "2025-01-07"),  # no other date: the only one there is
    # A year glued to its time, and a zone to the next word (spans rendered with no space).
    ("Published Wed, Nov 20 20194:29 AM ESTUpdated an hour ago", None, "2019-11-20T04:29:00-05:00"),
    ("Nov 20, 2019 10:00 Esther said", None, "2019-11-20T10:00:00"),  # a name, not a zone
]

# Every supported language: a date with its day name and time, and at least one other form.
LANGUAGES = [
    # en
    ("Wednesday, November 20, 2019 2:30 PM EST", "2019-11-20T14:30:00-05:00"),
    ("Wed, 20 Nov 2019 14:30:00 +0700", "2019-11-20T14:30:00+07:00"),
    ("1st March 2020", "2020-03-01"),
    # id
    ("Rabu, 20 November 2019 14:30 WIB", "2019-11-20T14:30:00+07:00"),
    ("Selasa, 20 Agt 2019", "2019-08-20"),
    ("20 Nopember 2019", "2019-11-20"),
    # ms
    ("Rabu, 20 Ogos 2019 10:15 MYT", "2019-08-20T10:15:00+08:00"),
    ("1 Mac 2019", "2019-03-01"),
    # es
    ("miércoles, 20 de noviembre de 2019, 14:30 CET", "2019-11-20T14:30:00+01:00"),
    ("20 nov. 2019 a las 14:30", "2019-11-20T14:30:00"),
    ("5 de septiembre del 2019", "2019-09-05"),
    # pt
    ("quarta-feira, 20 de novembro de 2019 às 14:30", "2019-11-20T14:30:00"),
    ("20 de set. de 2019", "2019-09-20"),
    # fr
    ("mercredi 20 novembre 2019 à 14h30", "2019-11-20T14:30:00"),
    ("Publié le 1er févr. 2019", "2019-02-01"),
    # de
    ("Mittwoch, 20. November 2019, 14:30 Uhr MEZ", "2019-11-20T14:30:00+01:00"),
    ("3. März 2019", "2019-03-03"),
    ("12. Jänner 2019", "2019-01-12"),
    # it
    ("mercoledì 20 novembre 2019 alle 14:30", "2019-11-20T14:30:00"),
    ("20 nov 2019 ore 14:30 CET", "2019-11-20T14:30:00+01:00"),
    # nl
    ("woensdag 20 november 2019 om 14:30", "2019-11-20T14:30:00"),
    ("20 mrt. 2019", "2019-03-20"),
    # ru: genitive month names
    ("среда, 20 ноября 2019, 14:30 МСК", "2019-11-20T14:30:00+03:00"),
    ("20 ноября 2019 г. в 14:30", "2019-11-20T14:30:00"),
    ("1 мая 2019", "2019-05-01"),
    # tr: a day name may stand between the date and the time
    ("20 Kasım 2019 Çarşamba 14:30", "2019-11-20T14:30:00"),
    ("Çarşamba, 20 KASIM 2019 - 14:30 TRT", "2019-11-20T14:30:00+03:00"),
    ("20 Nisan 2019", "2019-04-20"),
    ("20 Agustos 2019", "2019-08-20"),  # typed without Turkish letters
    # vi
    ("Thứ Tư, 20/11/2019, 14:30 (GMT+7)", "2019-11-20T14:30:00+07:00"),
    ("Thứ tư, ngày 20 tháng 11 năm 2019 lúc 14:30", "2019-11-20T14:30:00"),
    ("ngày 05 tháng 01 năm 2019", "2019-01-05"),
    # pl: genitive month names
    ("środa, 20 listopada 2019, 14:30", "2019-11-20T14:30:00"),
    ("20 listopada 2019 r. o 14:30", "2019-11-20T14:30:00"),
    ("3 maja 2019", "2019-05-03"),
    # ar: Egyptian and Levantine month names, Arabic-Indic digits, م = pm
    ("الأربعاء 20 نوفمبر 2019 - 02:30 م", "2019-11-20T14:30:00"),
    ("الأربعاء، 20 تشرين الثاني 2019 الساعة 14:30", "2019-11-20T14:30:00"),
    ("٢٠ نوفمبر ٢٠١٩", "2019-11-20"),
    ("20 تشرين الثاني/نوفمبر 2019", "2019-11-20"),
    ("5 يونيه 2019", "2019-06-05"),
    # zh
    ("2019年11月20日 星期三 下午2:30", "2019-11-20T14:30:00"),
    ("发布时间：2019年11月20日14:30", "2019-11-20T14:30:00"),
    ("2016 年 6 月 29 日", "2016-06-29"),
    # ja
    ("2019年11月20日(水) 14:30", "2019-11-20T14:30:00"),
    ("2019年11月20日 午後2時30分", "2019-11-20T14:30:00"),
    ("２０１９年１１月２０日", "2019-11-20"),
    # ko
    ("2019년 11월 20일 (수) 오후 2:30", "2019-11-20T14:30:00"),
    ("2019년 11월 20일 오전 12:05", "2019-11-20T00:05:00"),
    ("입력 2019.11.20 14:30", "2019-11-20T14:30:00"),
]

NUMERIC = [
    # year first is never ambiguous
    ("2019-11-20", None, "2019-11-20"),
    ("2019/11/20 14:30", None, "2019-11-20T14:30:00"),
    ("2019.11.20", None, "2019-11-20"),
    ("2019/1/2", False, "2019-01-02"),
    ("기사입력 2019. 11. 20. 오후 2:30", None, "2019-11-20T14:30:00"),
    # dd.mm.yyyy is day first, whatever day_first says
    ("20.11.2019", None, "2019-11-20"),
    ("07.09.2022 12:46", None, "2022-09-07T12:46:00"),
    ("07.09.2022", False, "2022-09-07"),
    # slashes and dashes: settled by a part over 12, else by day_first
    ("20/11/2019", None, "2019-11-20"),
    ("11/20/2019 10:08 AM", None, "2019-11-20T10:08:00"),
    ("20-11-2019", None, "2019-11-20"),
    ("05/05/2023", None, "2023-05-05"),  # both readings are the same day
    ("03/04/2023", True, "2023-04-03"),
    ("03/04/2023", False, "2023-03-04"),
    ("3-4-2023", True, "2023-04-03"),
]

ZONES = [
    ("20 November 2019 14:30 CET", "2019-11-20T14:30:00+01:00"),
    ("20 November 2019 14:30 CEST", "2019-11-20T14:30:00+02:00"),
    ("20 November 2019 14:30 WET", "2019-11-20T14:30:00+00:00"),
    ("20 November 2019 14:30 WEST", "2019-11-20T14:30:00+01:00"),
    ("20 November 2019 14:30 IST", "2019-11-20T14:30:00+05:30"),  # India
    ("Nov 20 2019, 11:06am ist", "2019-11-20T11:06:00+05:30"),  # lower case after am/pm
    ("20 November 2019 14:30 AST", "2019-11-20T14:30:00+03:00"),  # Arabia
    ("2019/11/20 14:30 HKT", "2019-11-20T14:30:00+08:00"),
    ("20/11/2019 14:30 ICT", "2019-11-20T14:30:00+07:00"),
    ("20.11.2019 14:30 MSK", "2019-11-20T14:30:00+03:00"),
    ("2019년 11월 20일 14:30 KST", "2019-11-20T14:30:00+09:00"),
    ("20 November 2019 10:00 UTC+7", "2019-11-20T10:00:00+07:00"),
    ("20 November 2019 10:00 GMT+07:00", "2019-11-20T10:00:00+07:00"),
    ("20 November 2019 10:00 UTC-3", "2019-11-20T10:00:00-03:00"),
    ("20 November 2019 10:00 UTC+05:30", "2019-11-20T10:00:00+05:30"),
    ("14:53 GMT +3 20 November 2019", "2019-11-20T14:53:00+03:00"),
    ("26 September 2019, at 11:35 (UTC)", "2019-09-26T11:35:00+00:00"),
    ("7. Mai 2022, 14:30 Uhr MESZ", "2022-05-07T14:30:00+02:00"),
    # no zone: a French "est" ("is"), a time range
    ("le 20/11/2019 à 14h30 est annulé", "2019-11-20T14:30:00"),
    ("20 November 2019 10:00-12:00", "2019-11-20T10:00:00"),
]

# (text, day-first reading, month-first reading): find_date gives None, ambiguous_date both.
AMBIGUOUS = [
    ("03/04/2023", "2023-04-03", "2023-03-04"),
    ("03-04-2023", "2023-04-03", "2023-03-04"),
    ("Posted 1/2/2020", "2020-02-01", "2020-01-02"),
    ("12/11/2019 10:00 WIB", "2019-11-12T10:00:00+07:00", "2019-12-11T10:00:00+07:00"),
    ("11/12/2019 | 2:30 PM", "2019-12-11T14:30:00", "2019-11-12T14:30:00"),
    ("Thứ Tư, 06/07/2021", "2021-07-06", "2021-06-07"),
    ("updated 10/09/2018 - 08:15", "2018-09-10T08:15:00", "2018-10-09T08:15:00"),
]

NOT_DATES = [
    "07/09/2022",
    "03/04/2023",
    "no date here",
    "31 Februari 2022",
    "99/99/2022",
    "Call 021-555-2019",
    "Tel. 0812-10-10-2019",
    "+62 812 2019 1120",
    "Final score 2-1 (2019)",
    "Python 3.10.2",
    "v2.11.2019",
    "Price $12.10.2019",
    "Rp 20.112.019",
    "€2,019.50",
    "2019-2020 season",
    "2 jam lalu",  # relative: only with a reference time
]

REFERENCE = datetime(2019, 11, 20, 15, 45, 30, tzinfo=timezone(timedelta(hours=7)))

# (text, lang, ISO with REFERENCE): minutes and hours give a time, days and weeks a date.
RELATIVE = [
    ("2 jam lalu", None, "2019-11-20T13:45:00+07:00"),
    ("3 hari yang lalu", None, "2019-11-17"),
    ("sejam yang lalu", None, "2019-11-20T14:45:00+07:00"),
    ("kemarin", None, "2019-11-19"),
    ("kemarin pukul 14.30 WIB", None, "2019-11-19T14:30:00+07:00"),
    ("5 minit yang lalu", "ms", "2019-11-20T15:40:00+07:00"),
    ("2 minggu lalu", "ms", "2019-11-06"),
    ("2 hours ago", None, "2019-11-20T13:45:00+07:00"),
    ("an hour ago", None, "2019-11-20T14:45:00+07:00"),
    ("3 weeks ago", None, "2019-10-30"),
    ("5m ago", None, "2019-11-20T15:40:00+07:00"),
    ("yesterday", None, "2019-11-19"),
    ("Yesterday at 2:30 PM", None, "2019-11-19T14:30:00+07:00"),
    ("hace 2 días", None, "2019-11-18"),
    ("hace una hora", None, "2019-11-20T14:45:00+07:00"),
    ("ayer", None, "2019-11-19"),
    ("há 15 minutos", None, "2019-11-20T15:30:00+07:00"),
    ("2 horas atrás", None, "2019-11-20T13:45:00+07:00"),
    ("ontem", None, "2019-11-19"),
    ("il y a 3 heures", None, "2019-11-20T12:45:00+07:00"),
    ("il y a 2 semaines", None, "2019-11-06"),
    ("hier", "fr", "2019-11-19"),
    ("hier à 18h30", None, "2019-11-19T18:30:00+07:00"),
    ("vor 3 Stunden", None, "2019-11-20T12:45:00+07:00"),
    ("vor einer Stunde", None, "2019-11-20T14:45:00+07:00"),
    ("vor 2 Tagen", None, "2019-11-18"),
    ("gestern, 14:30 Uhr", None, "2019-11-19T14:30:00+07:00"),
    ("2 ore fa", None, "2019-11-20T13:45:00+07:00"),
    ("un'ora fa", None, "2019-11-20T14:45:00+07:00"),
    ("ieri", None, "2019-11-19"),
    ("2 uur geleden", None, "2019-11-20T13:45:00+07:00"),
    ("een week geleden", None, "2019-11-13"),
    ("gisteren", None, "2019-11-19"),
    ("3 часа назад", None, "2019-11-20T12:45:00+07:00"),
    ("час назад", None, "2019-11-20T14:45:00+07:00"),
    ("2 дня назад", None, "2019-11-18"),
    ("вчера", None, "2019-11-19"),
    ("2 saat önce", None, "2019-11-20T13:45:00+07:00"),
    ("10 dakika önce", None, "2019-11-20T15:35:00+07:00"),
    ("dün", None, "2019-11-19"),
    ("2 giờ trước", None, "2019-11-20T13:45:00+07:00"),
    ("3 ngày trước", None, "2019-11-17"),
    ("hôm qua", None, "2019-11-19"),
    ("2 godziny temu", None, "2019-11-20T13:45:00+07:00"),
    ("godzinę temu", None, "2019-11-20T14:45:00+07:00"),
    ("wczoraj", None, "2019-11-19"),
    ("منذ ساعتين", None, "2019-11-20T13:45:00+07:00"),
    ("منذ 3 ساعات", None, "2019-11-20T12:45:00+07:00"),
    ("منذ ٣ ساعات", None, "2019-11-20T12:45:00+07:00"),
    ("منذ يومين", None, "2019-11-18"),
    ("أمس", None, "2019-11-19"),
    ("3小时前", None, "2019-11-20T12:45:00+07:00"),
    ("5分钟前", None, "2019-11-20T15:40:00+07:00"),
    ("昨天", None, "2019-11-19"),
    ("3時間前", None, "2019-11-20T12:45:00+07:00"),
    ("3日前", None, "2019-11-17"),
    ("昨日", None, "2019-11-19"),
    ("3시간 전", None, "2019-11-20T12:45:00+07:00"),
    ("1주 전", None, "2019-11-13"),
    ("어제", None, "2019-11-19"),
]

# Read as nothing even with a reference time.
NOT_RELATIVE = [
    ("Mehr Infos hier", None),  # German "here", not French "yesterday"
    ("hier", "de"),
    ("hier", None),  # which language? only with a time or lang="fr"
    ("2 hours of work", None),
    ("in 3 days", None),
    ("version 2 hours", None),
    ("1.5 hours ago", None),
]


@pytest.mark.parametrize(("text", "day_first", "iso"), CASES + NUMERIC)
def test_dates(text: str, day_first: bool | None, iso: str) -> None:
    found = find_date(text, day_first=day_first)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(("text", "iso"), LANGUAGES + ZONES)
def test_languages_and_zones(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found.iso == iso


def test_span_covers_date_time_and_zone() -> None:
    text = "• Rabu, 07 September 2022, 07:47 WIB | Editor"
    found = find_date(text)
    assert found is not None and text[found.start : found.end] == "07 September 2022, 07:47 WIB"
    text = "Ngày ٢٠ نوفمبر ٢٠١٩ م"  # Arabic-Indic digits: spans are in the original text
    found = find_date(text)
    assert found is not None and text[found.start : found.end] == "٢٠ نوفمبر ٢٠١٩ م"
    text = "Published Tue, Nov 19 20197:05 AM ESTUpdated Tue, Nov 19 20197:16 AM EST"
    found = find_date(text)  # a space put between year and time: spans are in the original text
    assert found is not None and text[found.start : found.end] == "Nov 19 20197:05 AM EST"
    text = "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET"
    found = find_date(text)
    assert found is not None and text[found.start : found.end] == "Nov. 19, 2019 8:02 am"


UPDATED = [
    ("Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET", "2019-11-19T08:21:00"),
    ("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019", "2019-11-19T11:05:00"),
    ("Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019", "2019-11-18T17:36:00-06:00"),
    ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13", "2015-05-05T20:13:00"),
    ("Veröffentlicht am 7. Mai 2022 | Aktualisiert am 8. Mai 2022, 09:15 Uhr", "2022-05-08T09:15:00"),
    ("Diperbarui Rabu, 07 September 2022, 09:00 WIB", "2022-09-07T09:00:00+07:00"),
    ("Published November 18, 2019", None),  # no update stated
    ("Updated 3 times since 12 May 2020", None),  # a count between the label and the date
]


@pytest.mark.parametrize(("text", "iso"), UPDATED)
def test_the_update_date_is_the_one_its_label_names(text: str, iso: str | None) -> None:
    found = updated_date(text, day_first=False)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize(("text", "day_first_iso", "month_first_iso"), AMBIGUOUS)
def test_ambiguous_dates_are_reported_not_guessed(text: str, day_first_iso: str, month_first_iso: str) -> None:
    assert find_date(text) is None
    assert ambiguous_date(text) == (day_first_iso, month_first_iso)
    assert ambiguous_date(text) == dates.Readings(day_first=day_first_iso, month_first=month_first_iso)


@pytest.mark.parametrize("text", ["05/05/2023", "03.04.2023", "2023-04-03", "13/04/2023", "no date", "3 April 2023"])
def test_settled_dates_are_not_ambiguous(text: str) -> None:
    assert ambiguous_date(text) is None


def test_a_settled_date_after_an_ambiguous_one_is_found() -> None:
    text = "03/04/2023 (updated 2023-05-06)"
    found = find_date(text)
    assert found is not None and found.iso == "2023-05-06"
    assert ambiguous_date(text) == ("2023-04-03", "2023-03-04")


@pytest.mark.parametrize("text", NOT_DATES)
def test_no_guessing(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(("text", "lang", "iso"), RELATIVE)
def test_relative_dates_need_a_reference(text: str, lang: str | None, iso: str) -> None:
    assert find_date(text, lang=lang) is None  # never "now"
    found = find_date(text, reference=REFERENCE, lang=lang)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(("text", "lang"), NOT_RELATIVE)
def test_not_relative(text: str, lang: str | None) -> None:
    assert find_date(text, reference=REFERENCE, lang=lang) is None


def test_relative_reference_offset_and_precedence() -> None:
    naive = datetime(2019, 11, 20, 1, 10)
    found = find_date("2 hours ago", reference=naive)
    assert found is not None and found.iso == "2019-11-19T23:10:00"  # no offset: none given
    utc = datetime(2019, 11, 20, 1, 10, tzinfo=UTC)
    found = find_date("vor 2 Stunden", reference=utc)
    assert found is not None and found.iso == "2019-11-19T23:10:00+00:00"
    # A printed date wins over "14 hours ago" on the same line.
    found = find_date("November 19, 2019 / Updated 14 hours ago", reference=REFERENCE)
    assert found is not None and found.iso == "2019-11-19"


def test_data_is_lower_case_and_covers_every_language() -> None:
    doc = tomllib.loads(dates._DATA.read_text(encoding="utf-8"))
    langs = {"id", "ms", "en", "es", "pt", "fr", "de", "it", "nl", "ru", "tr", "vi", "pl", "ar", "zh", "ja", "ko"}
    assert set(doc["months"]) == langs - {"zh", "ja", "ko"}  # CJK months are numeric
    assert set(doc["days"]) == langs
    assert {k for k, v in doc["relative"].items() if isinstance(v, dict)} == langs
    for table in ("months", "days"):
        for lang, names in doc[table].items():
            assert len(names) == (12 if table == "months" else 7), lang
            assert all(f == f.lower() for forms in names for f in forms), lang
    assert all(z == z.lower() for z in doc["zones"])
    # A month name means one month, whatever the language.
    seen: dict[str, int] = {}
    for names in doc["months"].values():
        for i, forms in enumerate(names, 1):
            for f in forms:
                assert seen.setdefault(f, i) == i, f
    dates._relative_tables(None)  # raises if a relative word means two things
