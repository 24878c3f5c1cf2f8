"""The choice of ICU data for the Linux bundle (packaging/slim_linux.py); the bundle itself is proven in CI by
packaging/ci-package.sh, which also compares Qt's answers on the trimmed and the full data."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))

import slim_linux

KEPT = [
    "root.res",
    "ja.res",
    "ja_JP.res",
    "en.res",
    "en_GB.res",
    "en_001.res",
    "res_index.res",
    "pool.res",
    "supplementalData.res",
    "likelySubtags.res",
    "zoneinfo64.res",
    "timezoneTypes.res",
    "metaZones.res",
    "coll/root.res",
    "coll/ja.res",
    "coll/en.res",
    "coll/res_index.res",
    "coll/ucadata.icu",
    "zone/ja.res",
    "zone/root.res",
    "zone/res_index.res",
    "zone/pool.res",
    "zone/tzdbNames.res",
    "cnvalias.icu",
    "ibm-943_P15A-2003.cnv",
    "euc-jp-2007.cnv",
    "jisx-212.cnv",
    "nfkc.nrm",
    "uts46.nrm",
]
DROPPED = [
    "de.res",
    "zh_Hant_TW.res",
    "yue.res",
    "coll/de.res",
    "coll/zh.res",
    "zone/fr.res",
    "brkitr/root.res",
    "brkitr/res_index.res",
    "brkitr/cjdict.dict",
    "translit/root.res",
    "rbnf/ja.res",
    "lang/ja.res",
    "region/en.res",
    "curr/ja.res",
    "unit/en.res",
    "ibm-1252_P100-2000.cnv",
    "gb18030.cnv",
    "unames.icu",
    "confusables.cfu",
]


def test_icu_data_keeps_root_english_japanese_and_the_japanese_codecs():
    items = [f"icudt73l/{name}" for name in KEPT + DROPPED]
    assert sorted(slim_linux.icu_items_to_drop(items)) == sorted(DROPPED)


def test_qt_icu_calls_that_the_data_was_chosen_for():
    for call in (
        "ucol_open",
        "ucol_strcoll",
        "ucal_getTimeZoneDisplayName",
        "ucnv_toUnicode",
        "u_strToUpper",
        "UCNV_TO_U_CALLBACK_SUBSTITUTE",
    ):
        assert slim_linux.QT_ICU_CALLS.fullmatch(call), call
    for call in ("ubrk_open", "udat_format", "uloc_getDisplayName", "utrans_open"):
        assert not slim_linux.QT_ICU_CALLS.fullmatch(call), call
