"""The C library's CP932 converter against the strict decoder, on every one- and two-byte sequence of this machine.

CP932 has no shift states: a file is a run of one- and two-byte characters, so a converter that agrees with the
strict decoder on every such sequence, and holds a lead byte cut off at a block's end, agrees on every file. The
reader tests (tests/test_reader_exact.py, tiny blocks) and the fuzzer go through it for every CP932 input too.
"""

from __future__ import annotations

import platform
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter import cp932_iconv
from exporter.text_blocks import decoder

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"  # the test runs unfrozen


def strict(data: bytes) -> bytes | None:
    """What the reader made of ``data`` before: the strict decoder's UTF-8, or None when it refuses the bytes."""
    try:
        return decoder("cp932").decode(data, final=True).encode("utf-8")
    except UnicodeDecodeError:
        return None


def converted(converter: cp932_iconv.Converter, data: bytes, block: int) -> bytes | None:
    try:
        pieces = [converter.convert(data[at : at + block], final=False) for at in range(0, len(data), block)]
        return b"".join(pieces) + converter.convert(b"", final=True)
    except cp932_iconv.IconvError:
        return None


def test_the_converter_is_used_on_glibc():
    """On the machines the .deb is for (and CI), the fast path is really taken, not silently left for Python's."""
    if not GLIBC:
        pytest.skip("not GNU libc: Python's codec is used")
    assert cp932_iconv.converter() is not None


def test_every_one_and_two_byte_sequence_converts_as_the_strict_decoder_decodes_it():
    converter = cp932_iconv.converter()
    if converter is None:
        pytest.skip("no trusted iconv here: Python's codec is used")
    sequences = [bytes([first]) for first in range(256)]
    sequences += [bytes([first, second]) for first in range(256) for second in range(256)]
    differing = [data.hex() for data in sequences if converted(converter, data, len(data)) != strict(data)]
    assert differing == []
    assert len(sequences) == 65_792


def test_a_character_cut_between_blocks_is_held_and_one_cut_at_the_end_is_refused():
    converter = cp932_iconv.converter()
    if converter is None:
        pytest.skip("no trusted iconv here")
    assert converter.convert(b"a\x82", final=False) == b"a"
    assert converter.convert(b"\xa0b", final=False) == "あb".encode()
    with pytest.raises(cp932_iconv.IconvError):
        converter.convert(b"c\x82", final=True)
    assert converter.convert(b"\x88\x9f", final=True) == "亜".encode()  # nothing left over from the refusal


# Text of characters from every region of the table, with bytes CP932 does not define mixed in now and then.
_CHARACTERS = st.sampled_from(
    ["a", ",", '"', "\r", "\n", "\\", "~", "ｱ", "ﾟ", "あ", "亜", "熙", "①", "㈱", "纊", "ⅰ", "髙", "\ue000", "\ue757"]
)
_PIECES = st.one_of(
    _CHARACTERS.map(lambda char: char.encode("cp932")),
    st.sampled_from([b"\x80", b"\xa0", b"\xfd", b"\xfe", b"\xff", b"\x82", b"\x85\x40", b"\x81\x7f"]),
)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=60), block=st.integers(min_value=1, max_value=9))
def test_any_text_in_any_blocks_converts_as_the_strict_decoder_decodes_it(pieces, block):
    converter = cp932_iconv.converter()
    if converter is None:
        pytest.skip("no trusted iconv here")
    data = b"".join(pieces)
    assert converted(converter, data, block) == strict(data)


def test_a_library_whose_table_differs_is_not_trusted(monkeypatch):
    """The check each process makes: a library converting its sample otherwise than Python is left alone."""
    if not GLIBC:
        pytest.skip("not GNU libc")
    cp932_iconv._library.cache_clear()
    monkeypatch.setattr(cp932_iconv, "_SAMPLE", b"\x80")  # one byte glibc refuses and Python's codec decodes
    try:
        assert cp932_iconv.converter() is None
    finally:
        monkeypatch.undo()
        cp932_iconv._library.cache_clear()
    assert cp932_iconv.converter() is not None
