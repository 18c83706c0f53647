"""Made-up PDFs for the reader's tests: Helvetica text objects placed by hand (pdfium)."""

from __future__ import annotations

import ctypes
import io

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
