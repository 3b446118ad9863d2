"""Bytes to text: UTF-8 first, byte-order marks, then the legacy Windows and Latin encodings."""

from __future__ import annotations

import re

from fabula.errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = bytes([*range(1, 9), *range(0x0E, 0x1A), *range(0x1C, 0x20)])
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ESCAPED = re.compile("[\udc80-\udcff]")
_SAMPLE = 65536


def decode(data: bytes, name: str) -> str:
    """The text of a story file; raises ``InputError`` for binary data (a PDF, an image, many NUL bytes)."""
    if data.startswith(b"%PDF"):
        raise InputError(
            f"{name}: this is a PDF, not a text story; save it as plain text, HTML or EPUB first"
        )
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_utf(data[len(bom) :], codec)
    codec = _bomless_utf16(data)
    if codec:
        return data.decode(codec, errors="replace")
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if sample.count(b"\x00") > max(1, len(sample) // 1000) or controls > len(sample) // 50:  # a stray NUL is kept
        raise InputError(
            f"{name}: this looks like a binary file, not a story; "
            "give a plain text, Markdown, HTML or EPUB file"
        )
    return _decode_utf(data, "utf-8")


def _decode_utf(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return _decode_legacy(data) if codec == "utf-8" else data.decode(codec, errors="replace")


def _decode_legacy(data: bytes) -> str:
    """Not valid UTF-8: mostly UTF-8 with stray Windows bytes, or a cp1252 / Latin-1 file."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_ESCAPED.findall(text))
    if len(_UTF8_SEQUENCE.findall(data)) > stray:
        return _ESCAPED.sub(lambda m: _byte_char(ord(m.group()) - 0xDC00), text)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _byte_char(byte: int) -> str:
    """One stray byte read as cp1252 (Latin-1 where cp1252 leaves it undefined)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by the zero high bytes of its ASCII characters."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None
