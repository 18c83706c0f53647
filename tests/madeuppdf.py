"""Made-up PDFs for the reader's tests: Helvetica text objects placed by hand (pdfium)."""

from __future__ import annotations

import ctypes
import io
import zlib

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def add_text(
    doc: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    x: float,
    y: float,
    size: float,
    text: str,
    *,
    right_aligned: bool = False,
) -> float:
    """Put one text object on the page at (x, y), or ending at x; return its right edge."""
    obj = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", size)
    encoded = (text + "\x00").encode("utf-16-le")
    buffer = ctypes.create_string_buffer(encoded, len(encoded))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    bounds = [ctypes.c_float() for _ in range(4)]
    pdfium_c.FPDFPageObj_GetBounds(obj, *bounds)
    if right_aligned:
        x -= bounds[2].value - bounds[0].value
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    return x + bounds[2].value


def save(doc: pdfium.PdfDocument, pages: list[pdfium.PdfPage]) -> bytes:
    """The document's bytes, after writing its pages' content streams; closes it."""
    try:
        for page in pages:
            pdfium_c.FPDFPage_GenerateContent(page.raw)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()


def raw_pdf(streams: list[bytes], *, flate: bool = True) -> bytes:
    """A PDF written byte by byte: one page per content stream (already Flate-packed when
    ``flate``), Helvetica as /F1. For what pdfium would not write: bombs, odd streams."""
    count = len(streams)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        packing = b" /Filter /FlateDecode" if flate else b""
        objects.append(
            b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), packing, stream)
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def deflated(text: bytes, size: int) -> bytes:
    """``text`` followed by spaces up to ``size`` bytes, Flate-packed a megabyte at a time
    (never held whole)."""
    packer = zlib.compressobj(9)
    out = [packer.compress(text)]
    chunk = b" " * (1024 * 1024)
    for _ in range((size - len(text)) // len(chunk)):
        out.append(packer.compress(chunk))
    out.append(packer.flush())
    return b"".join(out)


def text_objects(count: int) -> bytes:
    """A content stream of ``count`` text objects of one letter each, Flate-packed."""
    return zlib.compress(
        b"".join(
            b"BT /F1 1 Tf 1 0 0 1 %d %d Tm (a) Tj ET\n" % (i % 500, i % 800) for i in range(count)
        )
    )
