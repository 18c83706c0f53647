"""The content hash of a text: the key under which its vector is kept."""

from __future__ import annotations

import hashlib


def text_hash(text: str) -> str:
    """32 hex digits (128 bits) of the SHA-256 of ``text`` in UTF-8; PostgreSQL computes
    the same as ``substr(encode(sha256(convert_to(text, 'UTF8')), 'hex'), 1, 32)``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
