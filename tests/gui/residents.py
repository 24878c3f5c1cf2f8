"""The tests' own reading of the synthetic residents' birth dates, independent of exporter.dates."""

from __future__ import annotations

import re
from datetime import date

ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}  # the year before each era's first


def era_date(text: str) -> date:
    """The test's own reading of the sample's era dates (昭和24年5月8日), independent of exporter.dates."""
    match = re.fullmatch(r"(明治|大正|昭和|平成|令和)(\d+|元)年(\d+)月(\d+)日", text)
    assert match, text
    year = 1 if match[2] == "元" else int(match[2])
    return date(ERAS[match[1]] + year, int(match[3]), int(match[4]))


def age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
