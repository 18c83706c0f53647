"""Official publications in XML (KOOP, officielebekendmakingen.nl): Kamervragen and answers.

An Aanhangsel van de Handelingen (``ah-tk-…``) or a set of questions (``kv-tk-…``) is an
``officiele-publicatie`` with a ``metadata`` block of ``<meta name content>`` facts and
the document itself::

    <kamervragen>
      <kamervraagkop>…Vergaderjaar 2018-2019…</kamervraagkop>
      <kamervraagnummer>3616</kamervraagnummer>           (the Aanhangsel number)
      <kamervraagomschrijving>Vragen van het lid … (ingezonden
        <datum isodatum="2019-07-19">19 juli 2019</datum>).</kamervraagomschrijving>
      <kamervraagmededeling>Antwoord van … (ontvangen <datum …>…</datum>).</kamervraagmededeling>
      <vraag><nr>Vraag 1</nr><al>… ?<noot id="…" type="voet"><noot.nr>1</noot.nr>
        <noot.al>…</noot.al></noot></al></vraag>
      <antwoord><nr>Antwoord 1</nr><al>…</al><lijst><li><li.nr>a.</li.nr><al>…</al></li>
        </lijst></antwoord>
    </kamervragen>

The older notation has ``vragen`` / ``omschr`` / ``vraag`` with ``nummer`` / ``toelicht``
(answers in ``reactie``). The reader gives the parser what it reads from printed text:

* the heading block first (omschrijving, mededeling, opmerking, toelichting), then every
  ``vraag`` and ``antwoord`` as its heading line ("Vraag 5, 6"; a bare number gets the
  word; a ``vraag`` without number and without a "Vraag 1" paragraph is numbered on)
  followed by its paragraphs;
* one line per paragraph (``al``, list item as "a. …", table row as cells joined by
  " | "), with ``para_start`` set;
* footnotes (``noot``, inline or referred to by ``nootref``) taken out of the text where
  they are anchored and given after the body as footnote lines "N text"; ``markers`` is
  False, so the parser does not look for markers;
* the ``kamervraagkop`` lines as furniture.

What the markup states outright goes into ``meta``: ``id`` (DC.identifier), ``zaak``
(OVERHEIDop.vraagnummer or kamervraagnummer, when it is a zaak number), ``session_year``
(OVERHEIDop.vergaderjaar), ``submitted`` and ``received`` (the ``isodatum`` of the date
after "ingezonden" / "ontvangen" in the heading block, else OVERHEIDop.datumIndiening /
OVERHEIDop.datumOntvangst). Values that are not well formed are left out.
"""

from __future__ import annotations

import re

from lxml import etree

from kamervragen.dates import iso
from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract, Line
from kamervragen.readers._xml import local_name, parse_xml
from kamervragen.text.headings import match_heading

# Where the questions and answers live (the top-most of these are read, else the root).
_CONTAINERS = frozenset({"kamervragen", "vragen", "reactie"})
# The heading block: who asked whom about what, who answered or sent a notice, when.
_HEADER = frozenset(
    {"kamervraagomschrijving", "omschr", "kamervraagmededeling", "kamervraagopmerking", "toelicht"}
)
_ITEMS = {"vraag": "Vraag", "antwoord": "Antwoord"}
_NUMBER_TAGS = frozenset({"nr", "nummer"})
_ZAAK_TAGS = frozenset({"kamervraagnummer", "vraagnummer"})
# Any of these makes the XML a Kamervragen publication.
_KAMERVRAGEN = frozenset({*_CONTAINERS, *_HEADER, *_ITEMS})
_SKIP = frozenset({"metadata", "meta", "kamervraagkop", "titel", *_ZAAK_TAGS})
_BLOCKS = frozenset(
    {"al", "noot.al", "lijst", "li", "tabel", "tussenkop", "kop", "noot", "nootref"}
)
_BLOCK_CHILDREN = _BLOCKS - {"noot", "nootref"}  # notes are taken out, not paragraphs
_LIST_NUMBER = frozenset({"li.nr"})
_NOTE_NUMBER = frozenset({"noot.nr"})

# ah-tk-20232024-1292, kv-tk-2024Z18435, ah-ek-…, and the older kv-2008Z01234.
_ID = re.compile(r"(?:ah|kv)-(?:(?:tk|ek)-)?\d[\w-]*", re.IGNORECASE)
_ZAAK = re.compile(r"\d{4}Z\d{4,6}")
_YEARS = re.compile(r"(\d{4})\s*[-–/]\s*(\d{4})")
_META_DATES = {"submitted": "OVERHEIDop.datumIndiening", "received": "OVERHEIDop.datumOntvangst"}
_SUBMITTED = re.compile(r"ingezonden(?:\s+op)?\s*$", re.IGNORECASE)
_RECEIVED = re.compile(r"ontvangen\s*$", re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    def __init__(self, root: etree._Element) -> None:
        self.root = root
        # Every element by its local name, in document order: one pass over the tree.
        self.index: dict[str, list[etree._Element]] = {}
        for el in root.iter():
            self.index.setdefault(local_name(el), []).append(el)
        self.meta: dict[str, str] = {}
        self.header: list[str] = []
        self.body: list[str | None] = []  # None: a paragraph break between loose paragraphs
        self.items = 0
        self.last_question = 0
        self.notes: list[str] = []
        self._notes_by_id = {el.get("id"): el for el in self.index.get("noot", []) if el.get("id")}
        self._noted: set[etree._Element] = set()  # the index keeps these elements alive
        self._meta_values: dict[str, list[str]] = {}
        self._stated: set[str] = set()  # dates the heading block gives: they win over metadata

    # --- the document -------------------------------------------------------------------

    def read(self) -> Extract:
        self._read_metadata()
        if not _KAMERVRAGEN & self.index.keys():
            raise ParseError(f"not a Kamervragen document: {self._what_it_is()}")
        furniture = [
            text
            for kop in self.index.get("kamervraagkop", [])
            for text in (_squash(t) for t in kop.itertext())
            if text
        ]
        for name in _ZAAK_TAGS:
            for el in self.index.get(name, []):
                self._zaak(el.xpath("string()"))
        for container in self._containers():
            self._walk(container)
        return self._extract(furniture)

    def _containers(self) -> list[etree._Element]:
        found = [
            el
            for el in self.root.iter(*(f"{{*}}{name}" for name in _CONTAINERS))
            if not any(local_name(a) in _CONTAINERS for a in el.iterancestors())
        ]
        return found or [self.root]

    def _walk(self, container: etree._Element) -> None:
        for child in container:
            name = local_name(child)
            if name in _ITEMS:
                self._item(child, name)
            elif name in _HEADER:
                self.header.extend(self._paragraphs(child))
                self._dates(child)
            elif name in ("noot", "nootref"):
                self._note(child)  # the older notation keeps notes apart, after the text
            elif name in _SKIP or not name:
                continue
            elif _contains_kamervragen(child):
                self._walk(child)
            else:
                # A paragraph outside any question or answer ("Vraag 1" as an <al> of its
                # own): the parser then splits at headings and at blank lines.
                for paragraph in self._paragraphs(child):
                    self.body.extend([None, paragraph])

    def _item(self, el: etree._Element, name: str) -> None:
        """A question or answer: its heading line, then its paragraphs."""
        word = _ITEMS[name]
        number = next((c for c in el if local_name(c) in _NUMBER_TAGS), None)
        heading = _squash(self._inline(number)) if number is not None else ""
        if heading[:1].isdigit():
            heading = f"{word} {heading}"  # <nummer>1</nummer>
        paragraphs = self._paragraphs(el, skip=_NUMBER_TAGS | frozenset(_ITEMS))
        if not heading and not (paragraphs and match_heading(paragraphs[0])):
            # No number anywhere: an answer to the questions before it, a question numbered on.
            heading = word if name == "antwoord" else f"{word} {self.last_question + 1}"
        found = match_heading(heading or paragraphs[0])
        if found and found.kind == "vraag" and found.numbers:
            digits = re.match(r"\d+", found.numbers[-1])
            self.last_question = int(digits.group(0)) if digits else self.last_question
        self.items += 1
        self.body.extend(p for p in [heading, *paragraphs] if p)
        for child in el:
            if local_name(child) in _ITEMS:
                self._item(child, local_name(child))

    # --- text -------------------------------------------------------------------------

    def _paragraphs(self, el: etree._Element, skip: frozenset[str] = frozenset()) -> list[str]:
        """The paragraphs of a block element: its ``al``, list items, table rows, loose text."""
        out: list[str] = []
        pending: list[str] = [el.text or ""]

        def flush() -> None:
            text = _squash("".join(pending))
            if text:
                out.append(text)
            pending.clear()

        for child in el:
            name = local_name(child)
            if name in skip or name in _LIST_NUMBER or name in _NOTE_NUMBER:
                pass
            elif name == "lijst":
                flush()
                out.extend(self._list(child))
            elif name == "tabel":
                flush()
                out.extend(self._table(child))
            elif name in ("noot", "nootref"):
                self._note(child)
            elif _has_blocks(child):
                flush()
                out.extend(self._paragraphs(child))
            elif name in _BLOCKS:
                flush()
                out.append(_squash(self._inline(child)))
            else:
                pending.append(self._inline(child))
            pending.append(child.tail or "")
        flush()
        return [p for p in out if p]

    def _list(self, lijst: etree._Element) -> list[str]:
        out: list[str] = []
        for li in lijst:
            mark = next((_squash(c.xpath("string()")) for c in li if local_name(c) == "li.nr"), "")
            items = self._paragraphs(li)
            if mark:
                items[:1] = [f"{mark} {items[0]}" if items else mark]  # "a. …", "– …"
            out.extend(items)
        return out

    def _table(self, tabel: etree._Element) -> list[str]:
        """A table row by row, its cells joined by " | "; a title first."""
        out: list[str] = []
        for el in tabel.iter():
            name = local_name(el)
            if name == "titel" and el.getparent() is tabel:
                out.append(_squash(self._inline(el)))
            elif name == "row":
                cells = [
                    " ".join(self._paragraphs(entry))
                    for entry in el
                    if local_name(entry) == "entry"
                ]
                out.append(" | ".join(c for c in cells if c))
        return [p for p in out if p]

    def _inline(self, el: etree._Element) -> str:
        """The text of ``el`` and its descendants, without notes (they are taken out)."""
        parts = [el.text or ""]
        for child in el:
            name = local_name(child)
            if name in ("noot", "nootref"):
                self._note(child)
            elif name == "br":
                parts.append(" ")
            elif name:
                parts.append(self._inline(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def _note(self, el: etree._Element) -> None:
        """Give the footnote ``el`` (or the one a ``nootref`` refers to) its number, once."""
        if local_name(el) == "nootref":
            target = self._notes_by_id.get(el.get("refid"))
            if target is None:
                return
            el = target
        if el in self._noted:
            return
        self._noted.add(el)
        text = " ".join(self._paragraphs(el))
        if text:
            self.notes.append(f"{len(self.notes) + 1} {text}")

    # --- facts --------------------------------------------------------------------------

    def _read_metadata(self) -> None:
        values: dict[str, list[str]] = {}
        for el in self.index.get("meta", []):
            name = el.get("name") or el.get("property")
            content = el.get("content")
            if name and content and content.strip():
                values.setdefault(name, []).append(content.strip())
        self._meta_values = values
        first = {name: found[0] for name, found in values.items()}
        ident = first.get("DC.identifier", "")
        if _ID.fullmatch(ident):
            # Official ids are lower case but for the Z of a zaak number.
            self.meta["id"] = re.sub(r"z(?=\d{4,6}$)", "Z", ident.lower())
        self._zaak(first.get("OVERHEIDop.vraagnummer", ""))
        years = _YEARS.fullmatch(first.get("OVERHEIDop.vergaderjaar", ""))
        if years and int(years.group(2)) == int(years.group(1)) + 1:
            self.meta["session_year"] = f"{years.group(1)}-{years.group(2)}"
        for key, name in _META_DATES.items():
            value = iso((first.get(name) or "").strip())
            if value:
                self.meta[key] = value

    def _zaak(self, text: str) -> None:
        text = text.strip().replace(" ", "")
        if _ZAAK.fullmatch(text) and "zaak" not in self.meta:
            self.meta["zaak"] = text

    def _dates(self, el: etree._Element) -> None:
        """The dates the heading block gives with their ISO form: "(ingezonden <datum …>"."""
        for datum in el.iter():
            if local_name(datum) != "datum":
                continue
            value = iso((datum.get("isodatum") or "").strip())
            previous, parent = datum.getprevious(), datum.getparent()
            if previous is not None:
                before = previous.tail or ""
            else:
                before = (parent.text if parent is not None else "") or ""
            if value and _SUBMITTED.search(before) and "submitted" not in self._stated:
                self.meta["submitted"] = value
                self._stated.add("submitted")
            elif value and _RECEIVED.search(before) and "received" not in self._stated:
                self.meta["received"] = value
                self._stated.add("received")

    def _what_it_is(self) -> str:
        ident = self._meta_values.get("DC.identifier", [""])[0]
        kinds = [
            k for k in self._meta_values.get("DC.type", []) if k.lower() != "officiële publicatie"
        ]
        if ident or kinds:
            kind = ", ".join(kinds) or "no type given"
            return f"{ident or 'the publication'} ({kind}) has no questions or answers"
        return f"<{local_name(self.root)}> XML without questions or answers"

    # --- the extract ------------------------------------------------------------------------

    def _extract(self, furniture: list[str]) -> Extract:
        lines = [Line(text, role="furniture") for text in furniture]
        if self.items:
            lines += [Line(p, role="body", para_start=True) for p in self.header]
        elif self.header:
            # No question headings: the parser cuts the heading block at its first blank
            # line or "(ingezonden …)." line end, so the block stays one line.
            lines.append(Line(" ".join(self.header), role="body", para_start=True))
        for paragraph in self.body:
            if paragraph is None:
                lines.append(Line("", role="body"))  # loose paragraphs: the parser wants blanks
            else:
                lines.append(Line(paragraph, role="body", para_start=True))
        lines += [Line(note, role="footnote", para_start=True) for note in self.notes]
        return Extract(lines=lines, format="xml", meta=self.meta, markers=False, structured=True)


def _contains_kamervragen(el: etree._Element) -> bool:
    return any(local_name(d) in _KAMERVRAGEN for d in el.iterdescendants())


def _has_blocks(el: etree._Element) -> bool:
    return any(local_name(c) in _BLOCK_CHILDREN for c in el)


def read_xml(data: bytes) -> Extract:
    """Read an official publication in XML into lines, footnotes and stated facts."""
    return _Reader(parse_xml(data, "the XML")).read()
