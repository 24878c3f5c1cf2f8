"""Properties of the transforms over any text (hypothesis): what a pseudonym, a mask and formula-safe promise."""

from __future__ import annotations

import base64
import hmac
from datetime import date

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.address_town import town
from exporter.pseudonym import PseudonymKey
from exporter.transforms import FORMULA_STARTS, Transform, TransformContext, apply_transform, formula_like

# Cells as a CSV file can hold them: any text without NUL (the reader refuses NUL), including full-width forms,
# kana, controls, surrogate-free astral characters; and a few shapes that matter.
CELL = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30),
    st.sampled_from(["", "=1+2", "＝１", "-", "\t", "\r\n", "0000030001", "昭和45年3月2日", "ｱｲｳ"]),
)
CELLS = st.lists(CELL, min_size=1, max_size=40)
KEY_BYTES = st.binary(min_size=32, max_size=32)
REFERENCE = date(2026, 4, 1)
RFC4648 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
CROCKFORD = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's alphabet: no I, L, O, U


def apply(transform: Transform, cells: list[str], key: PseudonymKey | None = None) -> list[str]:
    result = apply_transform(transform, pa.array(cells, pa.string()), TransformContext(REFERENCE, key))
    assert len(result) == len(cells)
    assert result.null_count == 0
    return result.to_pylist()


@settings(max_examples=200, deadline=None)
@given(cells=CELLS, key=KEY_BYTES)
def test_a_pseudonym_never_equals_its_input_and_empty_stays_empty(cells, key):
    tokens = apply(Transform("pseudonym"), cells, PseudonymKey(key))
    for cell, token in zip(cells, tokens, strict=True):
        if cell:
            assert token != cell
            assert len(token) == 19
        else:
            assert token == ""


@settings(max_examples=200, deadline=None)
@given(cells=CELLS, key=KEY_BYTES)
def test_the_same_input_and_key_give_the_same_token(cells, key):
    first = apply(Transform("pseudonym"), cells, PseudonymKey(key))
    again = apply(Transform("pseudonym"), list(reversed(cells)), PseudonymKey(key))
    assert first == list(reversed(again))
    by_value = {}
    for cell, token in zip(cells, first, strict=True):
        assert by_value.setdefault(cell, token) == token


@settings(max_examples=200, deadline=None)
@given(cell=CELL.filter(bool), one=KEY_BYTES, other=KEY_BYTES)
def test_different_keys_give_different_tokens(cell, one, other):
    if one != other:
        assert PseudonymKey(one).token(cell) != PseudonymKey(other).token(cell)


@settings(max_examples=300, deadline=None)
@given(cells=CELLS, keep=st.integers(min_value=0, max_value=100))
def test_a_mask_keeps_the_length_and_the_last_characters(cells, keep):
    masked = apply(Transform("mask", keep), cells)
    for cell, out in zip(cells, masked, strict=True):
        assert len(out) == len(cell)
        kept = keep if len(cell) > keep else 0  # a value no longer than keep is masked whole
        assert not cell or out != cell or set(cell) <= {"*"}
        assert out[len(cell) - kept :] == cell[len(cell) - kept :]
        assert set(out[: len(cell) - kept]) <= {"*"}


@settings(max_examples=300, deadline=None)
@given(cells=CELLS)
def test_formula_safe_output_never_starts_with_a_dangerous_character_and_leaves_safe_cells(cells):
    safe = apply(Transform("formula-safe"), cells)
    dangerous = formula_like(pa.array(cells, pa.string())).to_pylist()
    for cell, out, was_dangerous in zip(cells, safe, dangerous, strict=True):
        assert not out[:1] or out[0] not in FORMULA_STARTS
        assert was_dangerous == bool(cell[:1] and cell[0] in FORMULA_STARTS)
        assert out == ("'" + cell if was_dangerous else cell)
    assert not any(formula_like(pa.array(safe, pa.string())).to_pylist())


@settings(max_examples=300, deadline=None)
@given(cell=CELL.filter(bool), key=KEY_BYTES)
def test_a_token_is_the_hmac_of_the_utf8_value_in_crockford_base32(cell, key):
    digest = hmac.digest(key, cell.encode("utf-8"), "sha256")[:10]
    text = base64.b32encode(digest).translate(bytes.maketrans(RFC4648, CROCKFORD)).decode("ascii")
    assert PseudonymKey(key).token(cell) == "-".join(text[i : i + 4] for i in range(0, 16, 4))


SEPARATORS = st.characters(categories=["Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs"])


@settings(max_examples=400, deadline=None)
@given(
    numeral=st.text(alphabet="〇一二三四五六七八九十百千壱弐参拾", min_size=1, max_size=4),
    separator=SEPARATORS | st.sampled_from("ｰー"),
    rest=st.text(alphabet="〇一二三四五六七八九十0123456789０１２３", max_size=4),
)
def test_address_town_never_keeps_kanji_numerals_followed_by_a_separator(numeral, separator, rest):
    """Kanji numerals followed by anything that cannot continue a name are a block or house number: cut."""
    assert town("港町" + numeral + separator + rest) == "港町"
