"""CP932 bytes straight to UTF-8 bytes through the C library's iconv (GNU libc), on Linux.

Why: Python's cp932 codec decodes to ``str`` holding the GIL (0.62 s for the 95 MB sample of 460,000 residents),
and the text is then encoded to UTF-8 (0.17 s): 0.8 s of a CP932 export on the reader thread that no other thread
can overlap. glibc's iconv converts the same file to UTF-8 in 0.33 s, and ctypes releases the GIL during the call,
so the parsers run meanwhile.

Exactly the strict decoder's result (:func:`exporter.text_blocks.decoder`): glibc's CP932 table
(``iconvdata/CP932``) gives the same characters as Python's cp932 for every one- and two-byte sequence that both
decode, and refuses exactly the five single bytes that CP932 leaves undefined (0x80, 0xA0, 0xFD-0xFF), which the
strict decoder refuses too; CP932 has no shift states, so equal sequences make equal files.
``tests/test_cp932_iconv.py`` compares all 65,792 sequences on every machine the tests run on. A process also
compares a sample of every region of the table (ASCII, half-width katakana, JIS X 0208, NEC and IBM extensions,
the user-defined area) once before trusting its C library, and uses Python's codec when the library has no CP932
or another table. iconv's complaint about a byte is not explained here: the caller reads the file again with the
strict decoder, which names the line.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import sys
import weakref

_FAILED = ctypes.c_size_t(-1).value  # iconv's (size_t) -1 and (iconv_t) -1
_WIDEST = 3  # UTF-8 bytes for one CP932 byte at most: a half-width katakana (0xA1-0xDF) becomes U+FF61-U+FF9F
# A few characters of each region of the table, written as CP932: ASCII with the backslash and tilde that some
# Shift_JIS tables map to the yen sign and overline, half-width katakana, kana and kanji of JIS X 0208, NEC's row 13
# (①, ㈱), the NEC-selected and the IBM extensions (纊, ⅰ, 髙), the user-defined area (外字, U+E000-U+E757).
_SAMPLE = bytes.fromhex(
    "41205c7e7b7d0d0a"  # A, space, backslash, tilde, braces, CR LF
    "a1b1dfde"  # ｡ｱﾟﾞ
    "82a0838b8ea0889f9ffceaa4"  # あ ル 滋 亜 滌 熙
    "81608160815c817c8191"  # ～ ～ ― － ￠
    "87408782878a8790"  # ① № ㈱ ≒
    "ed40eefcfa40fa55fa68fbfc"  # 纊 ＂ ⅰ ￤ 丨 髙
    "f040f0fcf540f9fc"  # the user-defined area: U+E000, U+E0BB, U+E3AC, U+E757
)


class IconvError(ValueError):
    """iconv refused the bytes (or converted them otherwise than exactly): read them with the strict decoder."""


@functools.cache
def _library() -> ctypes.CDLL | None:
    """The C library's iconv functions, when it is GNU libc on Linux and its CP932 is the table described above."""
    if not sys.platform.startswith("linux"):
        return None
    try:  # asked of the running C library itself (platform.libc_ver reads the executable, which PyInstaller made)
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc "):  # type: ignore[union-attr]
            return None
    except (ValueError, OSError, AttributeError):  # not GNU libc
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.iconv_open.restype = ctypes.c_void_p
        libc.iconv_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        libc.iconv.restype = ctypes.c_size_t
        pointer = ctypes.POINTER(ctypes.c_void_p)
        size = ctypes.POINTER(ctypes.c_size_t)
        libc.iconv.argtypes = [ctypes.c_void_p, pointer, size, pointer, size]
        libc.iconv_close.restype = ctypes.c_int
        libc.iconv_close.argtypes = [ctypes.c_void_p]
    except (OSError, AttributeError):
        return None
    try:
        converted = Converter(libc).convert(_SAMPLE, final=True)
    except (OSError, IconvError):
        return None
    return libc if converted == _SAMPLE.decode("cp932").encode("utf-8") else None


def converter() -> Converter | None:
    """A new converter from CP932 to UTF-8, or None where this C library cannot be trusted with it (Windows,
    macOS, musl, a glibc without CP932 or with another table): then Python's strict decoder is used."""
    libc = _library()
    return None if libc is None else Converter(libc)


class Converter:
    """One conversion from CP932 to UTF-8 in blocks of any size; a character split between two blocks is held
    until the next one. Not for use by two threads at once."""

    def __init__(self, libc: ctypes.CDLL) -> None:
        handle = libc.iconv_open(b"UTF-8", b"CP932")
        if handle is None or handle == _FAILED:
            raise OSError(ctypes.get_errno(), "iconv_open")
        self._libc = libc
        self._handle: int = handle
        self._held = b""  # the first byte of a character that the last block cut in two
        self._output = ctypes.create_string_buffer(0)
        self._closer = weakref.finalize(self, libc.iconv_close, ctypes.c_void_p(handle))

    def convert(self, data: bytes, *, final: bool) -> bytes:
        """The UTF-8 bytes of ``data`` after what was held. Raises :class:`IconvError` for bytes CP932 does not
        define, for a character cut short at the end (``final``), or for anything iconv did not convert exactly
        (the caller then lets the strict decoder name the byte)."""
        source = self._held + data if self._held else data
        self._held = b""
        room = _WIDEST * len(source) + 16
        if ctypes.sizeof(self._output) < room:
            self._output = ctypes.create_string_buffer(room)
        pinned = ctypes.c_char_p(source)  # the bytes' own buffer (no copy), alive while ``source`` is; only read
        in_at = ctypes.c_void_p(ctypes.cast(pinned, ctypes.c_void_p).value)
        in_left = ctypes.c_size_t(len(source))
        out_at = ctypes.c_void_p(ctypes.addressof(self._output))
        out_left = ctypes.c_size_t(room)
        byref = ctypes.byref
        result = self._libc.iconv(self._handle, byref(in_at), byref(in_left), byref(out_at), byref(out_left))
        produced = room - out_left.value
        if result == _FAILED:
            code = ctypes.get_errno()
            if code != errno.EINVAL or final or in_left.value > 1:  # EILSEQ, E2BIG or a cut longer than a lead byte
                self._reset()
                raise IconvError(errno.errorcode.get(code, str(code)))
            self._held = source[len(source) - in_left.value :]  # a lead byte at the end: its trail byte comes next
        elif result != 0:  # conversions iconv calls irreversible: not the exact characters
            self._reset()
            raise IconvError("irreversible")
        return ctypes.string_at(self._output, produced)

    def _reset(self) -> None:
        self._held = b""
        self._libc.iconv(self._handle, None, None, None, None)


__all__ = ["Converter", "IconvError", "converter"]
