"""Damaged copies of real documents, for the fuzzer (bench/fuzz.py, tests/test_fuzz.py).

A mutation is a list of operations on a real document of tests/data: bytes deleted,
inserted, flipped, duplicated, repeated up to 64 times, cut off at the end, or a token of
the format (a tag, an operator, a heading) put in. Word files also have one of their zip
members changed and packed again, PDFs one of their streams inflated, changed and packed
again, so that the damage reaches the XML and the drawing operators behind the packing.

An operation is ``(kind, where, size, payload)``: ``where`` in [0, 1) says where in the
document (for a member or stream: which one, and where in it), ``size`` how many bytes,
``payload`` what is put in. Hypothesis draws them in the tests; :func:`random_ops` here.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
FORMATS = ("text", "pdf", "docx", "xml", "html")

Op = tuple[str, float, int, bytes]

BYTE_KINDS = ("delete", "insert", "flip", "truncate", "duplicate", "repeat", "token")
KINDS = {
    "text": BYTE_KINDS,
    "xml": BYTE_KINDS,
    "html": BYTE_KINDS,
    "pdf": (*BYTE_KINDS, *(f"stream-{kind}" for kind in BYTE_KINDS)),
    "docx": (*BYTE_KINDS, *(f"member-{kind}" for kind in BYTE_KINDS)),
}
TOKENS = {
    "text": [
        "Vraag 1\n", "Antwoord 2\n", "Vragen 3 en 4\n", "\f", "1 ", "2) ", "-\n", "\n\n",
        "Vragen van het lid Jansen (PVV) aan de Minister van Financiën over ",
        "(ingezonden 1 mei 2024).", "Antwoord van Minister X (ontvangen 2 mei 2024).",
        "Mededeling van ", "ah-tk-20232024-1314", "ISSN 0921 - 7398", "Kamerstuk 29 754, nr. 430",
        "https://", "«", "\u00ad", "\x00", "\r", "\t", "# ", "**", "[1]", "¹",
    ],
    "xml": [
        "<vraag>", "</vraag>", "<antwoord>", "<nr>Vraag 1</nr>", "<al>", "</al>", "<noot id=\"n\">",
        "<nootref refid=\"n\"/>", "</noot>", "<lijst><li><li.nr>a.</li.nr>", "<tabel><row><entry>",
        "<kamervraagomschrijving>", "<datum isodatum=\"2024-13-45\">", "<!DOCTYPE x>", "&amp;",
        "&lt;", "<![CDATA[", "]]>", "<!--", "-->", "<?pi?>", "<meta name=\"DC.identifier\" ",
        "xmlns:x=\"urn:x\"", "\x00", "<vragen>", "<reactie>",
    ],
    "html": [
        "<div class=\"vraag\">", "<div class=\"antwoord\">", "</div>", "<p class=\"nummer\">1</p>",
        '<h2 class="stuktitel">Vraag 1</h2>', '<sup><a class="nootnum" href="#n1">1</a></sup>',
        "<div class=\"voet noot\" id=\"n1\">", "<p class=\"kamervraagomschrijving\">", "<br>",
        "<table><tr><td>", "<pre>", "</pre>", "<script>", "<!--", "<meta charset=\"utf-16\">",
        "<p class=\"x-kamervraagopmerking\">", "&nbsp;", "&#0;", "<div hidden>", "<template>",
        "<div id=\"noten\">", "<span class=\"nootnum\">1</span>", "\x00",
    ],
    "pdf": [
        " Tj ", " TJ ", "BT ", " ET", " Tf ", " Td ", " Tm ", " cm ", "q ", " Q", "(a) Tj ",
        "[(a) -250 (b)] TJ ", " 0 0 0 rg ", "/F1 ", " 1e308 ", " -1 ", " obj", "endobj",
        "stream\n", "endstream", "<<", ">>", "/Length 99999", "/Filter /FlateDecode", "%%EOF",
        "xref", "trailer", "/Type /Page", "\x00",
    ],
    "docx": [
        "<w:p>", "</w:p>", "<w:r><w:t>Vraag 1</w:t></w:r>", "<w:tbl><w:tr><w:tc>", "</w:tc>",
        "<w:br/>", "<w:br w:type=\"page\"/>", "<w:footnoteReference w:id=\"1\"/>",
        '<w:numPr><w:ilvl w:val="9"/><w:numId w:val="1"/></w:numPr>', '<w:sym w:char="FFFF"/>',
        "<w:txbxContent>", "<w:sdt><w:sdtContent>", "<!DOCTYPE x>", "&amp;", "<w:b/>",
        "<w:pStyle w:val=\"Kop1\"/>", "<w:tab/>", "<w:vanish/>", "<w:del>", "PK\x03\x04", "\x00",
    ],
}  # fmt: skip


@cache
def documents(fmt: str) -> tuple[tuple[str, bytes], ...]:
    """The real documents of ``fmt`` in tests/data, as (name, bytes), sorted by name."""
    patterns = {
        "text": ["dev/*.txt", "unlabelled/*.txt"],
        "pdf": ["pdf/*.pdf"],
        "docx": ["docx/jenv__*.docx"],
        "xml": ["xml/*.xml"],
        "html": ["html/*.html"],
    }[fmt]
    paths = sorted({p for pattern in patterns for p in DATA.glob(pattern)})
    return tuple((p.name, p.read_bytes()) for p in paths)


def mutate(data: bytes, fmt: str, ops: list[Op]) -> bytes:
    """``data`` after every operation of ``ops``, in order."""
    for kind, where, size, payload in ops:
        if kind.startswith("member-"):
            data = _in_member(data, kind.removeprefix("member-"), where, size, payload, fmt)
        elif kind.startswith("stream-"):
            data = _in_stream(data, kind.removeprefix("stream-"), where, size, payload, fmt)
        else:
            data = _bytes(data, kind, where, size, payload, fmt)
    return data


def _bytes(data: bytes, kind: str, where: float, size: int, payload: bytes, fmt: str) -> bytes:
    at = int(where * len(data))
    if kind == "delete":
        return data[:at] + data[at + size :]
    if kind == "insert":
        return data[:at] + payload + data[at:]
    if kind == "flip":
        out = bytearray(data)
        for k in range(at, min(at + min(size, 16), len(out))):
            out[k] ^= payload[k % len(payload)] if payload else 0xFF
        return bytes(out)
    if kind == "truncate":
        return data[:at]
    if kind == "duplicate":
        return data[: at + size] + data[at : at + size] + data[at + size :]
    if kind == "repeat":  # a stretch many times over: a larger document, as large ones come
        copies = 1 + (payload[0] if payload else 0) % 64
        return data[: at + size] + data[at : at + size] * copies + data[at + size :]
    if kind == "token":
        tokens = TOKENS["docx" if fmt == "member" else fmt]
        token = tokens[size % len(tokens)].encode()
        return data[:at] + token * (1 + size // 1000) + data[at:]
    raise ValueError(f"no such mutation: {kind}")


def _in_member(data: bytes, kind: str, where: float, size: int, payload: bytes, fmt: str) -> bytes:
    """One zip member unpacked, changed and packed again (the file as it is if it is no
    readable zip any more)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(info, archive.read(info)) for info in archive.infolist()]
    except Exception:  # damaged by an earlier operation: nothing to unpack
        return data
    if not members:
        return data
    pick, inner = divmod(where * len(members), 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for k, (info, content) in enumerate(members):
            if k == int(pick):
                content = _bytes(content, kind, inner, size, payload, "member")
            archive.writestr(info.filename, content)
    return out.getvalue()


def _streams(data: bytes) -> list[tuple[int, int, bytes]]:
    """The Flate-packed streams of a PDF: (start, end of the packed bytes, inflated)."""
    found = []
    at = data.find(b"stream")
    while at >= 0:
        start = at + 6 + (2 if data.startswith(b"\r\n", at + 6) else 1)
        if data[at - 3 : at] != b"end":
            window = data[start : start + (1 << 22)]
            inflater = zlib.decompressobj()
            try:
                inflated = inflater.decompress(window, 1 << 24)
            except zlib.error:
                inflated = b""
            if inflater.eof:
                found.append((start, start + len(window) - len(inflater.unused_data), inflated))
        at = data.find(b"stream", at + 6)
    return found


def _in_stream(data: bytes, kind: str, where: float, size: int, payload: bytes, fmt: str) -> bytes:
    """One of a PDF's packed streams inflated, changed and packed again."""
    streams = _streams(data)
    if not streams:
        return data
    pick, inner = divmod(where * len(streams), 1)
    start, end, inflated = streams[int(pick)]
    changed = _bytes(inflated, kind, inner, size, payload, fmt)
    return data[:start] + zlib.compress(changed) + data[end:]


def random_ops(rng: random.Random, fmt: str) -> list[Op]:
    """One to four operations, drawn as the tests' strategy draws them."""
    ops = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(KINDS[fmt])
        size = rng.choice((1, 2, 4, 16, 100, 2000, rng.randrange(1, 5000)))
        payload = rng.randbytes(rng.choice((1, 4, 16)))
        ops.append((kind, rng.random(), size, payload))
    return ops
