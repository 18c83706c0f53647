"""Real documents without gold: each parses, and what comes out is plausible.

These are the text documents of the corpus's ``unlabelled`` folder (copied to
tests/data/unlabelled). There is no gold to compare with, so the checks are the
ones any correct record passes: it has questions, every answer answers questions
that exist, and no page furniture has leaked into a text. A few real documents
are unusual in a way that relaxes one of these checks; they are listed below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kamervragen

DATA = Path(__file__).parent / "data" / "unlabelled"
DOCUMENTS = sorted(p for p in DATA.iterdir() if p.suffix in {".txt", ".md"})

# Files that may be refused with a ParseError. Every other file must parse.
# WetSuite "qa-printout" files are a dump of question/answer pairs ("Q1 ... A1 ...")
# made by another tool, with no heading, askers or dates: not a document as published.
MAY_BE_REFUSED = re.compile(r"\.wetsuite-qa-printout\.txt$")

# Registrations of oral questions ("Mondelinge vragen van het lid Krul (CDA) aan ...
# (ingezonden 19 november 2024)"): a kv-tk document that is only the heading. It is a
# record with askers, addressees and subject, and no question texts.
HEADING_ONLY = re.compile(r"^\s*Mondelinge vragen van ", re.MULTILINE)

# ah-tk-20232024-1770 asks "Vraag 2" and "Vraag 3" again for each of the goals l–o and
# answers them as "Antwoord 2l", "Antwoord 3l", "Antwoord 2m", ...: question numbers
# repeat as printed, and an answer's number is a question number plus the goal's letter.
REPEATED_NUMBERS = {"ah-tk-20232024-1770.pypdf.txt"}

# Page furniture that must never reach a text: the ISSN and place-and-year lines, and
# the running footer with the document's own id. (Only its own: an answer may cite
# another publication, "Zoals ik u op 20 maart 2024 (ah-tk-20232024-1283) heb laten weten".)
FURNITURE = re.compile(r"ISSN 0921|[’']s-Gravenhage 20\d\d")
OWN_ID = re.compile(r"(?:^|__)(ah-tk-\d{8}-\d+)")


def furniture(path: Path, record: kamervragen.Record) -> re.Pattern[str]:
    """The furniture patterns for this document, including its own publication id."""
    ids = {m.group(1) for m in [OWN_ID.search(path.name)] if m}
    if record.id and record.id.startswith("ah-tk-"):
        ids.add(record.id)
    own = [re.escape(i) + r"(?!\d)" for i in sorted(ids)]
    return re.compile("|".join([FURNITURE.pattern, *own]))


def test_unlabelled_corpus_is_present() -> None:
    assert len(DOCUMENTS) >= 90


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_unlabelled_document_parses_plausibly(path: Path) -> None:
    try:
        record = kamervragen.parse_file(path)
    except kamervragen.ParseError as error:
        if MAY_BE_REFUSED.search(path.name):
            pytest.skip(f"refused, as allowed: {error}")
        raise
    heading_only = bool(HEADING_ONLY.search(path.read_text(encoding="utf-8")))
    repeats = path.name in REPEATED_NUMBERS

    numbers = [q.number for q in record.questions]
    if heading_only:
        assert record.kind == "questions"
        assert record.askers, "the heading names who asks"
        assert record.subject, "the heading says what about"
    elif record.kind == "postponement":
        assert not record.answers, "a postponement notice has no answers"
    else:
        assert numbers, "no questions found"
    assert all(n.strip() for n in numbers), f"empty question number in {numbers}"
    if not repeats:
        assert len(set(numbers)) == len(numbers), f"question numbers repeat: {numbers}"
    if record.kind == "questions":
        assert not record.answers, "a questions-only document has no answers"
        assert not record.answered_by
    if record.kind == "answer":
        assert record.answers, "an answer document without answers"

    for answer in record.answers:
        assert answer.questions, "an answer that answers no question"
        named = [n.rstrip("lmno") if repeats else n for n in answer.questions]
        unknown = [n for n in named if n not in numbers]
        assert not unknown, f"answer {answer.questions} names questions not in {numbers}"
    answered = [n for a in record.answers for n in a.questions]
    assert len(set(answered)) == len(answered), f"a question is answered twice: {answered}"

    texts = {f"question {q.number} (#{i + 1})": q.text for i, q in enumerate(record.questions)}
    texts |= {f"answer {a.questions} (#{i + 1})": a.text for i, a in enumerate(record.answers)}
    texts["subject"] = record.subject or ""
    leaks = furniture(path, record)
    for where, text in texts.items():
        if where != "subject":
            assert text.strip(), f"{where} is empty"
        leaked = leaks.search(text)
        assert not leaked, f"page furniture {leaked.group(0)!r} in {where}: …{text[-200:]}"
    for note in record.footnotes:
        assert note.text.strip(), f"footnote {note.number} is empty"
