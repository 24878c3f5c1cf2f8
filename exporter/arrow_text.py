"""Arrow arrays and scalars built from Python values without ``pa.array`` or ``pa.scalar``: both import pandas
whenever pandas is installed (0.2 s or more; pandas must stay out of the export), and so does passing a Python
value (``pc.equal(values, "")``) to a compute function, which converts it with ``pa.scalar``."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import date
from itertools import accumulate

import pyarrow as pa
import pyarrow.compute as pc

_INT32_MAX = 2**31 - 1
_EPOCH = date(1970, 1, 1).toordinal()


def string_array(values: Sequence[str | None]) -> pa.Array:
    """A ``pa.string()`` array of ``values`` (None becomes null), built from one data buffer and its offsets;
    ``pa.large_string()`` when the text passes 2 GiB."""
    encoded = [b"" if value is None else value.encode("utf-8") for value in values]
    ends = list(accumulate(len(data) for data in encoded))
    large = bool(ends) and ends[-1] > _INT32_MAX
    offsets = array("q" if large else "i", [0])
    offsets.extend(ends)
    validity = None
    nulls = sum(value is None for value in values)
    if nulls:
        bits = bytearray((len(values) + 7) // 8)
        for position, value in enumerate(values):
            if value is not None:
                bits[position >> 3] |= 1 << (position & 7)
        validity = pa.py_buffer(bytes(bits))
    return pa.Array.from_buffers(
        pa.large_string() if large else pa.string(),
        len(values),
        [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))],
        null_count=nulls,
    )


def text_scalar(value: str | None, kind: pa.DataType) -> pa.Scalar:
    """A string scalar of type ``kind`` (string or large_string; None: null), made without ``pa.scalar``, which
    imports pandas as ``pa.array`` does."""
    return string_array([value]).cast(kind)[0]


def int_scalar(value: int, kind: pa.DataType | None = None) -> pa.Scalar:
    """An int32 (or int64) scalar, made without ``pa.scalar``: pass it to compute functions instead of a Python
    int, which pyarrow would convert through ``pa.scalar``."""
    kind = pa.int32() if kind is None else kind
    code = "i" if kind == pa.int32() else "q"
    return pa.Array.from_buffers(kind, 1, [None, pa.py_buffer(array(code, [value]))])[0]


_INT_CODES = {8: "b", 16: "h", 32: "i", 64: "q"}


def scalar(value: bool | int | float | date | str | None, kind: pa.DataType) -> pa.Scalar:
    """A scalar of type ``kind`` (boolean, an integer type, float64, date32 or string) made from a buffer:
    ``pa.scalar``, and a Python value handed to a compute function (which pyarrow converts with it), import
    pandas whenever it is installed, and dateutil after it. None gives the type's null."""
    if value is None:
        return pa.nulls(1, kind)[0]
    if isinstance(value, str):
        return text_scalar(value, kind)
    if isinstance(value, bool):
        return pa.Array.from_buffers(pa.bool_(), 1, [None, pa.py_buffer(b"\x01" if value else b"\x00")])[0]
    if isinstance(value, date):
        days = value.toordinal() - _EPOCH
        return pa.Array.from_buffers(pa.date32(), 1, [None, pa.py_buffer(array("i", [days]))])[0]
    if pa.types.is_floating(kind):
        return pa.Array.from_buffers(pa.float64(), 1, [None, pa.py_buffer(array("d", [float(value)]))])[0].cast(kind)
    code = _INT_CODES[kind.bit_width]
    code = code.upper() if pa.types.is_unsigned_integer(kind) else code
    return pa.Array.from_buffers(kind, 1, [None, pa.py_buffer(array(code, [int(value)]))])[0]


def first_true(mask: pa.Array) -> int | None:
    """The index of the first True of a boolean array (nulls count as False), or None."""
    found = pc.indices_nonzero(mask)
    return int(found[0].as_py()) if len(found) else None


def is_empty(values: pa.Array) -> pa.Array:
    """Boolean array: True where a string (or binary) cell is empty (null for a null cell)."""
    large = pa.types.is_large_string(values.type) or pa.types.is_large_binary(values.type)
    return pc.equal(pc.binary_length(values), int_scalar(0, pa.int64() if large else pa.int32()))


def is_blank(values: pa.Array) -> pa.Array:
    """Boolean array: True where a string cell is empty or holds only white space (full-width spaces too)."""
    return is_empty(pc.utf8_trim_whitespace(values))
