"""Dates as printed -> ISO 8601, table-driven; no guessing on ambiguous numeric dates."""

from __future__ import annotations

import pytest

from cleaner.dates import find_date

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
]


@pytest.mark.parametrize(("text", "day_first", "iso"), CASES)
def test_dates(text: str, day_first: bool | None, iso: str) -> None:
    found = find_date(text, day_first=day_first)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize("text", ["07/09/2022", "03/04/2023", "no date here", "31 Februari 2022", "99/99/2022"])
def test_no_guessing(text: str) -> None:
    assert find_date(text) is None
