"""The binary framing between the grader (Node) and this child, over two private pipes.

A frame is:
    u32 LE  header length H
    u32 LE  body length B
    H bytes UTF-8 JSON header: {"value": <JSON with {"$nd": i} where array i goes and
                                          {"$num": "NaN"|"Infinity"|"-Infinity"} for such floats>,
                                "arrays": [{"dtype": "f64"|"f32"|"i64"|"bool"|"u8", "shape": [...]}, ...]}
    B bytes the arrays' raw little-endian bytes, in order, each starting at a multiple of 8.

The TypeScript side is packages/runner/src/python/framing.ts; both must agree byte for byte.
"""

import json
import os
import struct

import numpy as np

DTYPES = {
    "f64": np.dtype("<f8"),
    "f32": np.dtype("<f4"),
    "i64": np.dtype("<i8"),
    "bool": np.dtype("|b1"),
    "u8": np.dtype("|u1"),
}
NAMES = {v: k for k, v in DTYPES.items()}
MAX_HEADER = 16 * 1024 * 1024
MAX_BODY = 1024 * 1024 * 1024


class FramingError(Exception):
    """The peer sent something that is not a frame."""


def _pad(n):
    return (8 - n % 8) % 8


class Channel:
    """Reads and writes frames on two file descriptors (blocking)."""

    def __init__(self, fd_in, fd_out):
        self._in = fd_in
        self._out = fd_out

    def _read_exact(self, n):
        chunks = []
        while n > 0:
            b = os.read(self._in, min(n, 1 << 20))
            if not b:
                raise EOFError("the grader closed the channel")
            chunks.append(b)
            n -= len(b)
        return b"".join(chunks)

    def receive(self):
        """The next frame's value, arrays decoded as writable numpy arrays."""
        h, b = struct.unpack("<II", self._read_exact(8))
        if h > MAX_HEADER or b > MAX_BODY:
            raise FramingError(f"frame too large (header {h}, body {b})")
        header = json.loads(self._read_exact(h).decode("utf-8"))
        body = memoryview(self._read_exact(b)) if b else memoryview(b"")
        arrays = []
        offset = 0
        for meta in header.get("arrays", []):
            dtype = DTYPES[meta["dtype"]]
            shape = tuple(int(d) for d in meta["shape"])
            count = int(np.prod(shape, dtype=np.int64)) if shape else 1
            nbytes = count * dtype.itemsize
            if offset + nbytes > len(body):
                raise FramingError("array bytes run past the frame")
            arrays.append(np.frombuffer(body, dtype=dtype, count=count, offset=offset).reshape(shape).copy())
            offset += nbytes + _pad(nbytes)
        return _revive(header.get("value"), arrays)

    def send(self, value):
        """Sends a value: numpy arrays (f64, f32, i64, bool) travel as raw bytes, the rest as JSON."""
        arrays = []
        plain = _flatten(value, arrays)
        metas = []
        parts = []
        for a in arrays:
            metas.append({"dtype": NAMES[a.dtype], "shape": list(a.shape)})
            raw = np.ascontiguousarray(a).tobytes()
            parts.append(raw)
            parts.append(b"\0" * _pad(len(raw)))
        header = json.dumps({"value": plain, "arrays": metas}, allow_nan=False).encode("utf-8")
        body = b"".join(parts)
        data = struct.pack("<II", len(header), len(body)) + header + body
        view = memoryview(data)
        while view:
            n = os.write(self._out, view)
            view = view[n:]


_NON_FINITE = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def _revive(v, arrays):
    if isinstance(v, dict):
        if len(v) == 1 and "$nd" in v:
            return arrays[int(v["$nd"])]
        if len(v) == 1 and "$num" in v:
            return _NON_FINITE[v["$num"]]
        return {k: _revive(x, arrays) for k, x in v.items()}
    if isinstance(v, list):
        return [_revive(x, arrays) for x in v]
    return v


def _flatten(v, arrays):
    if isinstance(v, np.ndarray):
        if v.dtype not in NAMES:
            v = v.astype(np.float64)
        arrays.append(v)
        return {"$nd": len(arrays) - 1}
    if isinstance(v, dict):
        return {str(k): _flatten(x, arrays) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_flatten(x, arrays) for x in v]
    if isinstance(v, float) or isinstance(v, np.floating):
        v = float(v)
        if v != v:
            return {"$num": "NaN"}
        if v in (float("inf"), float("-inf")):
            return {"$num": "Infinity" if v > 0 else "-Infinity"}
        return v
    if isinstance(v, (bool, int, str)) or v is None:
        return v
    if isinstance(v, np.generic):
        return v.item()
    raise TypeError(f"cannot send a {type(v).__name__}")
