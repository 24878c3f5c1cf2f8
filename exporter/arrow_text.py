"""Arrow string arrays built from Python strings without ``pa.array``, which imports pandas whenever pandas is
installed (0.2 s, and pandas must stay out of the export: see the README's notes on the bundle)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate

import pyarrow as pa

_INT32_MAX = 2**31 - 1


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
