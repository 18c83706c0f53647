"""HTML pages of zoek.officielebekendmakingen.nl (and pages built like them), read with selectolax.

What such a page holds, as far as public scrapers and converters of these pages show it
(openkamer's scraper and its tests, the tkconv XSLT that renders the official XML the same
way, scrapers that read the page's ``<meta>`` tags):

- ``<head>`` carries the publication's metadata as ``<meta name=… content=…>``:
  ``DC.identifier`` (``ah-tk-20232024-1108``, ``kv-tk-2024Z18794``),
  ``OVERHEIDop.vergaderjaar``, ``OVERHEIDop.vraagnummer`` (the zaak number),
  ``OVERHEIDop.datumIndiening`` and ``OVERHEIDop.datumOntvangst`` (ISO dates).
- Site chrome (logo, navigation, search form, "Terug naar zoekresultaten", table of
  contents, download links, footer, scripts) surrounds the document, which sits in
  ``div#broodtekst`` inside ``div#main-column``.
- The heading paragraphs have classes starting with ``kamervraagomschrijving``
  (``h1.kamervraagomschrijving_kop``); a notice of postponement keeps its text in
  ``div.kamervraagopmerking``.
- Each question is a ``div.vraag`` and each answer a ``div.antwoord``: a heading
  (``h2.stuktitel`` "Vraag 1", "Antwoord 2, 3 en 4", or ``p.nummer`` with the bare
  numbers) and paragraphs, lists and tables.
- A footnote marker is a link to its note (``<a class="nootnum" href="#ID-…">1</a>``, often
  inside ``<sup>``); the notes follow the document in ``div#noten`` as
  ``div.voet.noot`` entries: a close button (``h5.note-close`` "X Noot"), the number
  (``sup > span.nootnum``) and the note's paragraphs.

The reader keeps the document's text only: it finds the element that holds the structure
(the nearest document container around every question, answer and heading paragraph),
writes from the first part of the structure to the end of the last, skipping chrome
inside, takes the markers out of the text and emits every footnote as a role="footnote"
line "N text" after the body, numbered in order (``markers=False``). Each paragraph is a
line that starts a paragraph; ``<br>`` starts a new line in the same paragraph; a blank
line separates blocks; a question or answer block whose heading is a bare number
(``p.nummer``) gets "Vraag"/"Antwoord" before it. The metadata goes into
``Extract.meta`` where it has the form of the field (an official id, a zaak number, a
vergaderjaar, an ISO date) and is not contradicted by a second tag. A page without that
structure is read from its main content as plain text, and the parser decides whether it
is a Kamervragen document.

No real page was available when this was written: tests/data/html holds pages built from
that documented structure (see its README).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract, Line
from kamervragen.readers._limits import check_markup_size
from kamervragen.readers.text import wide_codec
from kamervragen.text.furniture import OFFICIAL_ID, ZAAK

# --- decoding ------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: in a web page these labels mean windows-1252, and a meta tag's UTF-16 means UTF-8.
_LABELS = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "utf_16": "utf-8"}


def _declared(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name.replace("-", "_") if m else ""
    except LookupError:
        return None
    return _LABELS.get(name.removesuffix("_le").removesuffix("_be"), name) or None


def _decode(data: bytes) -> str:
    """The page as text: by its byte-order mark, its meta charset, else UTF-8 or cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", errors="replace")
    wide = wide_codec(data, markup=True)  # UTF-16 or UTF-32
    if wide is not None:
        return data.decode(wide, errors="replace")
    for encoding in (_declared(data), "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
    return data.decode("cp1252", errors="replace")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _check_not_binary(text: str) -> None:
    junk = len(_CONTROL.findall(text))
    if "\x00" in text or junk > max(8, len(text) // 200):
        raise ParseError(f"damaged HTML page: {junk} binary (control) characters in it")


# --- size ----------------------------------------------------------------------------------

# The fixture pages nest 7 to 14 elements deep and hold 38 to 275 elements; a page with the
# site's whole chrome a few thousand. XML is refused past 256 levels (libxml2's limit), and
# the HTML reader reads a question or answer block within the one around it: deeper
# nesting is damage or an attack, and 100,000 nested divs took 29 s to read.
MAX_HTML_DEPTH = 256
# 25,000 question blocks (75,000 elements, 1.3 MB) take 5 s to read and parse.
MAX_HTML_ELEMENTS = 50_000
# lexbor builds the tree in time quadratic in its depth (10,000 nested divs: 0.2 s, 40,000:
# 4.5 s), so a page of more tags than this is measured before it is parsed: the tags
# that stay open, skipping void ones, those whose end tag may be left out, and scripts.
_PRESCAN_TAGS = 4096
_PRESCAN_SKIP = re.compile(r"<(script|style|textarea|title)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_PRESCAN_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_PRESCAN_FLAT = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "rb", "rt", "rp", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
})  # fmt: skip


def _check_markup(text: str) -> None:
    """Refuse markup that would take lexbor long to parse: more than _PRESCAN_TAGS tags
    left open (well past MAX_HTML_DEPTH, which the tree itself is checked against)."""
    if text.count("<") <= _PRESCAN_TAGS:
        return  # no deeper than that many tags: parsed in a few milliseconds
    level = 0
    for m in _PRESCAN_TAG.finditer(_PRESCAN_SKIP.sub("", text)):
        if m.group(3) or m.group(2).lower() in _PRESCAN_FLAT:
            continue
        level = max(level - 1, 0) if m.group(1) else level + 1
        if level > _PRESCAN_TAGS:
            raise ParseError(f"HTML nested more than {MAX_HTML_DEPTH} deep")


def _check_size(root: LexborNode) -> None:
    """Refuse a page nested too deep or of too many elements, before reading it."""
    depth: dict[int, int] = {}
    for count, node in enumerate(root.traverse(), start=1):
        parent = node.parent
        level = depth[parent.mem_id] + 1 if parent is not None and parent.mem_id in depth else 0
        if level > MAX_HTML_DEPTH:
            raise ParseError(f"HTML nested more than {MAX_HTML_DEPTH} deep")
        if count > MAX_HTML_ELEMENTS:
            raise ParseError(f"HTML page with more than {MAX_HTML_ELEMENTS:,} elements")
        depth[node.mem_id] = level


# --- metadata ------------------------------------------------------------------------------

_META_FIELDS = {
    "dc.identifier": "id",
    "dcterms.identifier": "id",
    "overheidop.vergaderjaar": "session_year",
    "overheidop.vraagnummer": "zaak",
    "overheidop.datumindiening": "submitted",
    "overheidop.datumontvangst": "received",
}
_SESSION = re.compile(r"(\d{4})\s*[–-]\s*(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AH_ID = re.compile(r"^a[hk]-(?:tk|ek)-(\d{4})(\d{4})-")


def _meta_value(field_name: str, content: str) -> str | None:
    """``content`` as the record field's value, or None where it does not have that form."""
    s = content.strip()
    if field_name == "id":
        m = OFFICIAL_ID.fullmatch(s)
        return re.sub(r"z(?=\d{4,6}$)", "Z", s.lower()) if m else None
    if field_name == "zaak":
        m = ZAAK.fullmatch(s)
        return m.group(1).replace(" ", "") if m else None
    if field_name == "session_year":
        m = _SESSION.fullmatch(s)
        ok = m and int(m.group(2)) == int(m.group(1)) + 1
        return f"{m.group(1)}-{m.group(2)}" if m and ok else None
    m = _ISO_DATE.match(s)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(0)).isoformat()
    except ValueError:
        return None


def _metadata(tree: LexborHTMLParser) -> dict[str, str]:
    """The facts the page's meta tags state; a fact stated twice differently is left out."""
    found: dict[str, set[str]] = {}
    for meta in tree.css("meta[name]"):
        field_name = _META_FIELDS.get((meta.attributes.get("name") or "").strip().lower())
        value = field_name and _meta_value(field_name, meta.attributes.get("content") or "")
        if field_name and value:
            found.setdefault(field_name, set()).add(value)
    meta = {name: values.pop() for name, values in found.items() if len(values) == 1}
    ident = meta.get("id", "")
    if "zaak" not in meta and (zaak := ZAAK.search(ident)):
        meta["zaak"] = zaak.group(1)
    if "session_year" not in meta and (years := _AH_ID.match(ident)):
        meta["session_year"] = f"{years.group(1)}-{years.group(2)}"
    return meta


# --- what an element is --------------------------------------------------------------------


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").lower().split())


_HEADING_CLASSES = ("kamervraagomschrijving", "kamervraagopmerking", "kamervraagmededeling")


def _structure(node: LexborNode) -> str | None:
    """The part of the document an element is: "vraag", "antwoord", "heading" or None."""
    classes = _classes(node)
    if "vraag" in classes:
        return "vraag"
    if "antwoord" in classes:
        return "antwoord"
    return "heading" if any(c.startswith(_HEADING_CLASSES) for c in classes) else None


_STRUCTURE_SELECTOR = ".vraag, .antwoord, " + ", ".join(f"[class*={c}]" for c in _HEADING_CLASSES)
_NOTE_CLASSES = frozenset({"voetnoot", "noot", "footnote"})
_MARKER_CLASSES = frozenset({"nootnum", "nootref", "noot-ref", "footnote-ref", "voetnootref"})

_SKIPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "nav",
    "header", "footer", "form", "button", "input", "select", "option", "textarea", "label",
    "iframe", "object", "embed", "svg", "canvas", "img", "picture", "video", "audio", "map",
    "area", "dialog", "menu",
})  # fmt: skip
# Classes and ids of chrome.
_CHROME_NAMES = frozenset({
    "breadcrumb", "breadcrumbs", "broodkruimels", "skiplink", "skip-link", "sr-only",
    "visually-hidden", "visuallyhidden", "element-invisible", "note-close", "toc",
    "inhouds-opgave", "actie-lijst", "resultaat-navigatie", "terug", "verberg", "hidden",
    "left-column", "right-column", "logo-nummer", "kamervraagkop", "kamerstukkop",
    "volledigeinhoudsopgave", "inhoudsopgave", "korteinhoudsopgave", "servicenavigatie",
    "resultaatnavigatie", "logonummer",
})  # fmt: skip
# The list of notes after the document: its notes are read apart from the text.
_NOTE_LISTS = frozenset({"noten", "voetnoten", "footnotes"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "ul",
})  # fmt: skip
# Where a page without the Kamervragen structure keeps its text, most specific first.
_PAGE_CONTAINERS = (
    "#broodtekst", ".officiele-publicatie", ".stuk", "article", "main", "[role=main]",
    "#main-column", "#content",
)  # fmt: skip


def _is_chrome(node: LexborNode) -> bool:
    """Site chrome: navigation, forms, hidden text, tables of contents, scripts…"""
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    chrome = (
        node.tag in _SKIPPED_TAGS
        or "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or "display:none" in style
        or (attrs.get("id") or "").lower() in _CHROME_NAMES
        or bool(_classes(node) & _CHROME_NAMES)
    )
    # Tag soup can nest the document inside a chrome element: never drop the document.
    return chrome and node.css_first(_STRUCTURE_SELECTOR) is None


def _is_note(node: LexborNode) -> bool:
    classes = _classes(node)
    return bool(classes & _NOTE_CLASSES) and not classes & _MARKER_CLASSES


def _is_note_list(node: LexborNode) -> bool:
    names = _classes(node) | {(node.attributes.get("id") or "").lower()}
    return bool(names & _NOTE_LISTS)


def _elements(root: LexborNode, prune: Callable[[LexborNode], bool]) -> Iterator[LexborNode]:
    """The elements under ``root`` in document order, not looking inside pruned ones."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if node.mem_id == root.mem_id or not prune(node):
            stack.extend(reversed([child for child in node.iter() if child.is_element_node]))


# --- writing text ----------------------------------------------------------------------------

_WHITE = re.compile(r"[ \t\n\r\f]+")
_MARK = "\ue000"  # where a footnote marker was taken out
_MARK_BEFORE_PUNCTUATION = re.compile(rf"[ {_MARK}]*{_MARK}(?=[.,;:!?)»”’]|$)")
_NOTE_NUMBER = re.compile(r"\s*[\[(]?\s*(\d{1,3})\s*[\])]?[.:]?\s+")
_MARKER_TEXT = re.compile(r"[\s\d\[\](),*†‡-]{1,8}")
_BACK_LINK_TEXT = re.compile(r"\s*(?:[↩↑⤴^\ufe0e]{1,3}|[Tt]erug)\s*")


@dataclass
class _Out:
    """Lines as they are written: inline text gathers until a block or a break ends it."""

    lines: list[tuple[str, bool]] = field(default_factory=list)  # (text, starts a paragraph)
    parts: list[str] = field(default_factory=list)
    start: bool = True

    def flush(self) -> None:
        text = _MARK_BEFORE_PUNCTUATION.sub("", "".join(self.parts)).replace(_MARK, "")
        text = _WHITE.sub(" ", text.replace("\u00ad", "")).strip()
        self.parts = []
        if text:
            self.lines.append((text, self.start))
            self.start = False

    def block(self) -> None:
        """End the paragraph; what follows starts a new one, after a blank line."""
        self.flush()
        if self.lines and self.lines[-1][0]:
            self.lines.append(("", False))
        self.start = True

    def preformatted(self, text: str) -> None:
        """Text of a <pre>: its own lines, an empty one ending the paragraph."""
        *ended, rest = text.split("\n")
        for line in ended:
            self.parts.append(line)
            if "".join(self.parts).strip():
                self.flush()
            else:
                self.block()
        self.parts.append(rest)

    def text(self) -> str:
        self.flush()
        return " ".join(text for text, _ in self.lines if text)


_BARE_NUMBERS = re.compile(
    r"^(?:nr\.?\s*)?\d{1,3}[a-z]?(?:\s*(?:,|en|t/m|tot en met|-|–)\s*\d{1,3}[a-z]?)*\s*[.:]?$"
)
_HEADING_WORD = re.compile(r"^(?:Vraag|Vragen|Antwoord|Antwoorden)\b", re.IGNORECASE)


@dataclass
class _Writer:
    """Writes a subtree's text in reading order; markers out, notes skipped."""

    note_targets: frozenset[str]
    last_question: int = 0
    # Text is written only from the first part of the document to the end of the last:
    # what a container holds before or after them (a title, "Relaties") is the site's.
    first: LexborNode | None = None
    last: LexborNode | None = None
    active: bool = True

    def _is_marker(self, node: LexborNode) -> bool:
        if _classes(node) & _MARKER_CLASSES:
            return True
        href = (node.attributes.get("href") or "") if node.tag == "a" else ""
        if href.startswith("#") and href[1:] in self.note_targets:
            return _MARKER_TEXT.fullmatch(node.text(deep=True)) is not None
        return False

    def _is_back_link(self, node: LexborNode) -> bool:
        """A note's link back to its marker ("↩"): no text of the note."""
        href = (node.attributes.get("href") or "") if node.tag == "a" else ""
        return href.startswith("#") and _BACK_LINK_TEXT.fullmatch(node.text(deep=True)) is not None

    def _is_marker_sup(self, node: LexborNode) -> bool:
        """A <sup> holding markers and nothing else but separators."""
        markers = [n for n in node.traverse() if n.mem_id != node.mem_id and self._is_marker(n)]
        rest = node.text(deep=True)
        for marker in markers:
            rest = rest.replace(marker.text(deep=True), "", 1)
        return bool(markers) and not rest.strip(" ,;–-\u00a0\n\t")

    def write(self, root: LexborNode, out: _Out, skip: LexborNode | None = None) -> None:
        """Write ``root``'s text to ``out``; iterative, as pages can nest deeply."""
        # Nodes are compared by mem_id: LexborNode's == is slow.
        top, skipped = root.mem_id, skip.mem_id if skip is not None else None
        first = self.first.mem_id if self.first is not None else None
        last = self.last.mem_id if self.last is not None else None
        stack: list[tuple[LexborNode, bool]] = [(root, False)]
        preformatted = 0  # inside how many <pre>
        while stack:
            node, leaving = stack.pop()
            tag = node.tag or ""
            here = node.mem_id
            if leaving:
                if tag in _BLOCK_TAGS:
                    out.block()
                elif tag == "tr":
                    out.flush()
                preformatted -= tag == "pre"
                self.active = self.active and here != last
                continue
            if node.is_text_node:
                if self.active and preformatted:
                    out.preformatted(node.text_content or "")
                elif self.active:
                    out.parts.append(node.text_content or "")
                continue
            if not node.is_element_node or here == skipped:
                continue
            self.active = self.active or here == first
            if here != top and (kind := _structure(node)) in ("vraag", "antwoord"):
                self._question_or_answer(node, kind, out)
                self.active = here != last
                continue
            if here != top and (_is_chrome(node) or _is_note_list(node)):
                continue
            if here != top and (
                _is_note(node)
                or self._is_marker(node)
                or (tag == "sup" and self._is_marker_sup(node))
                or self._is_back_link(node)
            ):
                if tag not in _BLOCK_TAGS:
                    out.parts.append(_MARK)
                continue
            if tag == "br":
                out.flush()
                continue
            if tag in _BLOCK_TAGS:
                out.block()
            elif tag in ("td", "th"):
                out.parts.append(" ")
            preformatted += tag == "pre"
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))

    def _question_or_answer(self, node: LexborNode, kind: str, out: _Out) -> None:
        """A vraag or antwoord block under its heading: "1" (p.nummer) becomes "Vraag 1";
        a block without a heading gets "Vraag N" (the next number) or "Antwoord"."""
        block = _Out()
        self.write(node, block)
        block.flush()
        lines = block.lines
        word = "Vraag" if kind == "vraag" else "Antwoord"
        if lines and _BARE_NUMBERS.match(lines[0][0]):
            lines[0] = (f"{word} {lines[0][0]}", True)
        elif not lines or not _HEADING_WORD.match(lines[0][0]):
            heading = f"Vraag {self.last_question + 1}" if kind == "vraag" else "Antwoord"
            lines.insert(0, (heading, True))
        if kind == "vraag":
            numbers = re.findall(r"\d+", lines[0][0])
            self.last_question = int(numbers[-1]) if numbers else self.last_question + 1
        out.block()
        out.lines.extend(lines)
        out.block()

    def note(self, note: LexborNode, number: int) -> str:
        """Footnote ``number``'s text without its number, all its paragraphs on one line."""
        label = _note_label(note)
        out = _Out()
        self.write(note.css_first(".noottekst") or note, out, skip=label)
        text = out.text()
        if label is None and (m := _NOTE_NUMBER.match(text)) and m.group(1) == str(number):
            text = text[m.end() :]
        return text


def _note_label(note: LexborNode) -> LexborNode | None:
    """The element that prints a note's own number: span.nootnum, or a <sup> before its text."""
    label = note.css_first(".nootnum")
    if label is not None:
        return label
    for child in note.iter(include_text=True):
        if child.is_text_node and (child.text_content or "").strip():
            return None
        if child.is_element_node and not _is_chrome(child):
            number = _NOTE_NUMBER.fullmatch(child.text(deep=True) + " ")
            return child if child.tag == "sup" and number else None
    return None


# --- the page --------------------------------------------------------------------------------


def _ancestors(node: LexborNode) -> list[LexborNode]:
    """``node`` and every element above it, from the root down."""
    chain = []
    current: LexborNode | None = node
    while current is not None:
        chain.append(current)
        current = current.parent
    return chain[::-1]


def _common_ancestor(nodes: list[LexborNode]) -> LexborNode:
    common = _ancestors(nodes[0])
    for node in nodes[1:]:
        chain = _ancestors(node)
        depth = 0
        while depth < min(len(common), len(chain)) and common[depth].mem_id == chain[depth].mem_id:
            depth += 1
        common = common[:depth]
    return common[-1]


def _container(tree: LexborHTMLParser, body: LexborNode) -> tuple[LexborNode, list[LexborNode]]:
    """The element holding the document, and the parts of its Kamervragen structure
    (headings, questions, answers) in order: the nearest document container around every
    part, else the page's main content."""
    # The selector finds every class that contains a heading class; the structure's are
    # those that start with one ("x-kamervraagomschrijving" is none).
    parts = [node for node in body.css(_STRUCTURE_SELECTOR) if _structure(node)]
    if parts:
        common = _common_ancestor(parts)
        if _structure(common) and common.parent is not None:
            common = common.parent  # one question or answer alone: its parent holds it
        for node in _ancestors(common)[::-1]:
            if node.mem_id == body.mem_id:
                break
            if _is_document_container(node):
                return node, parts
        return common, parts
    for selector in _PAGE_CONTAINERS:
        node = tree.css_first(selector)
        if node is not None and node.text(deep=True).strip():
            return node, []
    return body, []


def _is_document_container(node: LexborNode) -> bool:
    """The element that holds one publication (#broodtekst, .officiele-publicatie, …)."""
    return (
        node.tag == "article"
        or node.attributes.get("id") == "broodtekst"
        or bool(_classes(node) & {"officiele-publicatie", "stuk", "kamervragen"})
    )


def _outermost(part: LexborNode) -> LexborNode:
    """The outermost part of the structure that holds ``part``."""
    return next(a for a in _ancestors(part) if a.is_element_node and _structure(a))


def _notes(body: LexborNode) -> list[LexborNode]:
    """Every footnote on the page, in order (not those in chrome, nor a note's own notes)."""
    return [
        node
        for node in _elements(body, lambda n: _is_chrome(n) or _is_note(n))
        if _is_note(node) and not _is_chrome(node)
    ]


_LONG = 1200
_BREAK = re.compile(r"(?<=[^\s(/-])\s+(?=[^\s.,;:)])")


def _wrap(text: str) -> list[str]:
    """A very long paragraph as lines of at most about _LONG characters, cut between words,
    at a sentence end where one is near: the parser takes a document of a few very long
    lines for a text extraction that lost its line breaks."""
    out: list[str] = []
    while len(text) > _LONG:
        cuts = [m for m in _BREAK.finditer(text, 0, _LONG) if m.start() > _LONG // 2]
        if not cuts:
            break
        sentence = [m for m in cuts if text[m.start() - 1] in ".?!;»”’"]
        cut = (sentence or cuts)[-1]
        out.append(text[: cut.start()])
        text = text[cut.end() :]
    out.append(text)
    return out


def read_html(data: bytes) -> Extract:
    """Read an HTML page of a Kamervragen document into lines, footnotes and metadata."""
    check_markup_size(len(data), "the HTML page")
    text = _decode(data)
    _check_not_binary(text)
    _check_markup(text)
    tree = LexborHTMLParser(text)
    if tree.root is not None:
        _check_size(tree.root)
    body = tree.body
    if body is None or not body.text(deep=True).strip():
        raise ParseError("empty HTML page: no text in its body")
    container, parts = _container(tree, body)
    notes = _notes(body)
    targets = frozenset(n.id for note in notes for n in note.traverse() if n.id)
    writer = _Writer(targets)
    if parts:
        writer.first, writer.last, writer.active = parts[0], _outermost(parts[-1]), False
    out = _Out()
    writer.write(container, out)
    out.flush()
    lines = [
        Line(text=part, page=0, role="body", para_start=starts and k == 0)
        for line, starts in out.lines
        for k, part in enumerate(_wrap(line))
    ]
    if not any(line.text for line in lines):
        raise ParseError("empty HTML page: no text in its main content")
    note_writer = _Writer(targets)
    note_texts = [t for t in (note_writer.note(n, k) for k, n in enumerate(notes, 1)) if t]
    lines.extend(
        Line(text=f"{number} {note}", page=0, role="footnote", para_start=True)
        for number, note in enumerate(note_texts, start=1)
    )
    # The markup says where the notes are: the parser must not look for markers in the
    # text; a page without that structure may still print its markers as text.
    markers = not (parts or notes)
    return Extract(
        lines=lines,
        format="html",
        meta=_metadata(tree),
        markers=markers,
        structured=bool(parts),  # the page's own markup, not text read from its main part
    )
