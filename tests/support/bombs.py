"""PDFs built to exhaust a reader: small files that would inflate to gigabytes, or hold a
million pages. Each is written at test time in well under a second, and is a valid PDF
(cross-reference stream, object stream), so that only the read limits can stop it.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MEGABYTE = 1 << 20
HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
ZLIB_HEADER = b"\x78\xda"  # deflate, 32 KiB window, best compression
ADLER_MODULUS = 65521


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<<" + dictionary + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"


def _deflated(byte: bytes, megabytes: int) -> bytes:
    """A zlib stream of `megabytes` MB of one repeated byte, made without compressing them
    all: one MB is compressed once and ends in a full flush, after which zlib starts afresh,
    so that every further MB compresses to the same bytes; the stream's Adler-32 checksum of
    `byte` repeated is worked out directly."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)  # raw deflate blocks
    block = compressor.compress(byte * MEGABYTE) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()  # the final, empty block
    count, value = megabytes * MEGABYTE, byte[0]
    low = (1 + count * value) % ADLER_MODULUS  # 1 + the sum of the bytes
    high = (count + value * count * (count + 1) // 2) % ADLER_MODULUS  # the sum of the lows
    return ZLIB_HEADER + block * megabytes + end + struct.pack(">I", high << 16 | low)


def pdf_bytes(objects: dict[int, bytes], packed: dict[int, bytes] | None = None) -> bytes:
    """A PDF of `objects` (number -> the object's text), and of `packed` ones stored in one
    object stream, indexed by a cross-reference stream; object 1 is the catalog."""
    packed = packed or {}
    out = bytearray(HEADER)
    entries: dict[int, tuple[int, int, int]] = {}
    for number, body in sorted(objects.items()):
        entries[number] = (1, len(out), 0)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    size = max([*objects, *packed]) + 1
    if packed:
        stream_number, size = size, size + 1
        index, bodies, offset = [], bytearray(), 0
        for position, (number, body) in enumerate(sorted(packed.items())):
            index.append(b"%d %d" % (number, offset))
            bodies += body + b"\n"
            offset += len(body) + 1
            entries[number] = (2, stream_number, position)
        head = b" ".join(index) + b"\n"
        data = zlib.compress(head + bytes(bodies), 6)
        entries[stream_number] = (1, len(out), 0)
        dictionary = b"/Type/ObjStm/N %d/First %d/Filter/FlateDecode" % (len(packed), len(head))
        out += b"%d 0 obj\n" % stream_number + _stream(dictionary, data) + b"\nendobj\n"
    xref_number, size = size, size + 1
    entries[xref_number] = (1, len(out), 0)
    rows = b"".join(struct.pack(">BII", *entries.get(n, (0, 0, 0))) for n in range(size))
    dictionary = b"/Type/XRef/Size %d/W[1 4 4]/Root 1 0 R/Filter/FlateDecode" % size
    start = len(out)
    out += b"%d 0 obj\n" % xref_number + _stream(dictionary, zlib.compress(rows)) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def _one_page(contents: bytes, extra: dict[int, bytes]) -> dict[int, bytes]:
    return {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        2: b"<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595 842]>>",
        3: b"<</Type/Page/Parent 2 0 R/Contents 4 0 R>>",
        4: contents,
        **extra,
    }


def stream_bomb(folder: Path, megabytes: int = 256) -> Path:
    """One page whose content stream inflates to `megabytes` MB of spaces (a file of
    a thousandth of that): past the limit for one stream."""
    contents = _stream(b"/Filter/FlateDecode", _deflated(b" ", megabytes))
    path = folder / "stream-bomb.pdf"
    path.write_bytes(pdf_bytes(_one_page(contents, {})))
    return path


def nested_bomb(folder: Path, megabytes: int = 1024) -> Path:
    """A content stream compressed twice (/Filter [/FlateDecode /FlateDecode]): a file of a
    few kilobytes whose second step inflates to `megabytes` MB."""
    data = zlib.compress(_deflated(b" ", megabytes), 9)
    contents = _stream(b"/Filter[/FlateDecode/FlateDecode]", data)
    path = folder / "nested-bomb.pdf"
    path.write_bytes(pdf_bytes(_one_page(contents, {})))
    return path


def document_bomb(folder: Path, streams: int = 6, megabytes: int = 100) -> Path:
    """`streams` images, each inflating to `megabytes` MB (under the limit for one stream),
    together past the limit for one document."""
    image = _stream(
        b"/Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray"
        b"/BitsPerComponent 8/Filter/FlateDecode",
        _deflated(b"\x00", megabytes),
    )
    extra = {5 + n: image for n in range(streams)}
    path = folder / "document-bomb.pdf"
    path.write_bytes(pdf_bytes(_one_page(_stream(b"", b""), extra)))
    return path


def million_pages(folder: Path, pages: int = 1_000_000, fan_out: int = 1000) -> Path:
    """`pages` distinct pages under `pages // fan_out` intermediate page-tree nodes, all in
    one object stream: a file of a few megabytes."""
    nodes = pages // fan_out
    first_node, first_page = 3, 3 + nodes
    kids = b" ".join(b"%d 0 R" % (first_node + n) for n in range(nodes))
    objects = {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        2: b"<</Type/Pages/Kids[%s]/Count %d/MediaBox[0 0 595 842]>>" % (kids, pages),
    }
    packed: dict[int, bytes] = {}
    for n in range(nodes):
        start = first_page + n * fan_out
        leaves = b" ".join(b"%d 0 R" % (start + i) for i in range(fan_out))
        packed[first_node + n] = b"<</Type/Pages/Parent 2 0 R/Kids[%s]/Count %d>>" % (
            leaves,
            fan_out,
        )
        for i in range(fan_out):
            packed[start + i] = b"<</Type/Page/Parent %d 0 R>>" % (first_node + n)
    path = folder / "million-pages.pdf"
    path.write_bytes(pdf_bytes(objects, packed))
    return path
