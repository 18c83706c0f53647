"""Rebuild ``sentences.json``: real sentence material for the synthetic corpus (bench/corpus.py).

    .venv/bin/python bench/material/build.py [--shared ../shared]

Everything here is cut from real Kamervragen publications; nothing is written by hand:

- question and answer texts, subjects, member names and footnotes from the gold records of
  tests/data/dev, and from parsing every document of tests/data/unlabelled,
  ``SHARED/corpus/unlabelled`` and ``SHARED/corpus/formats/docx`` with this project's parser
  (the four WetSuite "Q1/A1" printouts are read by a few lines below; the WetSuite
  structured JSON records give their question and answer strings);
- subjects with their submission date from the Tweede Kamer open data
  (``SHARED/data/odata/zaak-schriftelijke-vragen.jsonl.gz``, the "Onderwerp" of each case),
  a sample of at most ``SUBJECTS_PER_YEAR`` a year;
- member names from ``SHARED/data/odata/persoon-page.json``.

The retrieval set ``SHARED/data/retrieval/qa-pairs-dev.jsonl`` is deliberately not used:
it is the search benchmark's gold, and a synthetic corpus that holds its answers would
flatter any search run against it.

Texts are split into sentences; a sentence is kept when it is whole (capital start, final
stop, brackets and quotes balanced) and when nothing in it can be misread by the parser
once the sentence is laid out on a page: a word-glued digit or "3)" that could pass for a
footnote marker, a "Vraag 3" / "Antwoord 2" heading, page furniture ("’s-Gravenhage 2024",
"ISSN", "vergaderjaar", ah-tk ids, zaak numbers), a lower-case hyphenated word whose hyphen
the parser judges by the document's vocabulary, markdown marks, or a URL. The output is
deterministic (sorted, de-duplicated; the subject sample is seeded).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SUBJECTS_PER_YEAR = 600
OUT = HERE / "sentences.json"

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "o.a", "bijv", "nr", "nrs", "dhr", "mw", "mevr", "jl", "art", "artt", "resp", "ca", "zgn",
    "m.b.t", "t.a.v", "i.v.m", "d.d", "e.d", "etc", "incl", "excl", "mln", "mld", "blz", "p",
    "vgl", "z.s.m", "n.a.v", "m.u.v", "i.c.m", "c.q", "a.s", "e.v", "mr", "drs", "dr", "prof",
    "ir", "ing", "St", "Stb", "Stcrt", "jr", "min", "max", "o.b.v", "t.o.v", "i.p.v", "m.n",
    "bv", "evt", "z.g", "d.w.z", "i.e", "e.g", "cf", "ibid", "jo", "lid", "sub",
}  # fmt: skip
# A sentence ends at a stop and a space before a capital; extractions that lost the space
# ("… niet?Zo ja") end it at a question mark or after a word's full stop all the same.
_SENTENCE_END = re.compile(
    r"(?<=[.?!])([»”’\"']?)\s+(?=[A-ZÀ-Ý«„“‘\"(])|(?<=\?)()(?=[A-Z][a-z])|(?<=[a-z]{3}\.)()(?=[A-Z][a-z])"
)
_WORD_BEFORE = re.compile(r"(\S+)\.$")

# What a laid-out sentence must not contain (see the module docstring).
_UNSAFE = [
    re.compile(p)
    for p in (
        r"(?<=[^\s\d(])[1-9](?=$|[\s,.;:!?)»”’\]])",  # a digit glued to a word: a marker
        r"\b(?:19|20)\d\d[1-9](?=$|[\s,.;:!?)»”’\]])",  # a digit glued to a year
        r"[1-9]\)",  # "3)": Word's marker form
        r"\[\s*\d",  # "[1]"
        r"\b(?:Vraag|Vragen|Antwoord(?:en)?)\b[^.?!]{0,30}\d",  # a heading
        r"\b(?:Vraag|Vragen|Antwoord(?:en)?)\s*[:.]?\s*$",
        r"[Vv]ergaderjaar|ISSN|Gravenhage|Staten-Generaal|Aanhangsel|Kamer,",  # furniture
        r"\b(?:ah|kv|kst|h|blg|stb|stcrt)-(?:tk|ek)-",  # publication ids
        r"\d{4}Z ?\d{4}",  # zaak numbers
        r"\bAH ?\d",
        r"(?<![\w-])[a-zà-ÿ]+-[a-zà-ÿ]+(?![\w-])",  # a hyphen judged by the vocabulary
        r"\*\*|__|^[#>]|https?:|www\.|@",  # markdown, URLs, mail
        r"[•▪·\t|_~^\\{}<>=]|\s[–-]\s*$|\s-\s|\s–\s(?=[a-z])",
        r"\.\.|\s[,.;:?!]|[,;:]$",
        r"[´¸˜¨ˆ]",  # spacing accents the parser would rejoin
        r"(?:^|\s)[–•·▪-]\s",  # a list item
    )
]


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u200b", "")
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def _balanced(text: str) -> bool:
    pairs = [("(", ")"), ("«", "»"), ("[", "]"), ("“", "”"), ("„", "”")]
    if any(text.count(a) != text.count(b) for a, b in pairs if a != "„"):
        return False
    return text.count('"') % 2 == 0


def split_sentences(text: str) -> Iterator[str]:
    """The sentences of one paragraph."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(1) or "")
        head = text[start:end]
        word = _WORD_BEFORE.search(head)
        if word and word.group(1).lower().rstrip(".") in {a.lower() for a in _ABBREVIATIONS}:
            continue
        yield head.strip()
        start = m.end()
    tail = text[start:].strip()
    if tail:
        yield tail


def safe(sentence: str) -> bool:
    """Whether the sentence can be laid out without any parser rule misreading it."""
    if not 20 <= len(sentence) <= 420 or len(sentence.split()) < 4:
        return False
    first = sentence[0]
    if not (first.isupper() or first in '«‘“"('):
        return False
    if not re.search(r"[.?!][»”’\"')]?$", sentence) or re.search(r"\s\d{1,2}[.?!]$", sentence):
        return False  # no stop, or a footnote marker the extraction left: "openbaargemaakt 3."
    if not _balanced(sentence):
        return False
    if sum(c.isdigit() for c in sentence) > len(sentence) // 6:
        return False
    return not any(p.search(sentence) for p in _UNSAFE)


def safe_name(name: str) -> bool:
    return bool(
        re.fullmatch(r"[A-ZÀ-Ý][\w’'.-]*(?: [\w’'-]+){0,4}", name)
        and not re.search(r"\d|\ben\b|\bvan$|\bde$|[,()]", name)
        and 2 <= len(name) <= 40
    )


def safe_subject(subject: str) -> bool:
    """A subject must also survive the heading regexes: no full stop, no "(ingezonden"."""
    if not 12 <= len(subject) <= 260 or "." in subject or "(" in subject or ")" in subject:
        return False
    if re.search(r"\bingezonden\b|\bontvangen\b|\b(?:Vragen|Antwoord|Mededeling) van\b", subject):
        return False
    if not _balanced(subject) or subject.endswith((",", ":", ";", "-", "–")):
        return False
    return not any(p.search(subject) for p in _UNSAFE)


def subject_from_onderwerp(onderwerp: str, common: set[str]) -> str:
    """'Het bericht …' as the heading writes it after 'over': 'het bericht …'. The first
    letter is made small unless the first word is a name (``common`` holds the words the
    subjects write in small letters more often than capitalised)."""
    s = _clean(onderwerp).rstrip(" .")
    s = re.sub(r"^(?:Vragen|Schriftelijke vragen)\s+(?:van|over)\s+.*?\bover\s+", "", s)
    first = s.split(" ", 1)[0]
    if first[1:].islower() and first.lower() in common:
        s = s[0].lower() + s[1:]
    return s


def safe_footnote(text: str) -> bool:
    if not 8 <= len(text) <= 320 or text[0].isdigit() or text[0] in ".[(":
        return False
    ids = r"\b(?:ah|kv|kst|h|blg|stb|stcrt)-(?:tk|ek)-|\d{4}Z ?\d{4}|\bAH ?\d"
    if re.search(ids + r"|ISSN|Gravenhage", text):
        return False
    if re.search(r"[Vv]ergaderjaar|Aanhangsel|\b(?:Vraag|Vragen|Antwoord)\b|\*\*|[´¸˜¨ˆ]", text):
        return False
    # A continuation line must never start with a digit or a lone word the joiner keeps
    # apart from a URL; sources with a space inside a URL are left out.
    return not re.search(r"(?:https?://|www\.)\S*\s+\S*[/.]\S", text)


# --- sources ---------------------------------------------------------------------------


# Extractions that keep the spaces at line ends; the others glue words ("verzoekentot").
_CLEAN_SOURCE = re.compile(r"pdfminer|wetsuite|learninglion|seed__|docx|\.md$")


def _records_from_gold(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for gold in sorted(folder.glob("*.gold.json")):
        yield gold.name, json.loads(gold.read_text(encoding="utf-8"))


def _records_from_documents(paths: Iterable[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    sys.path.insert(0, str(ROOT / "src"))
    import kamervragen

    for path in paths:
        try:
            yield path.name, kamervragen.parse_file(path).to_dict()
        except kamervragen.KamervragenError:
            continue


def _wetsuite_printout(path: Path) -> dict[str, Any]:
    """'Q1      text' / 'A1      text' blocks with indented continuation lines."""
    questions: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([QA])(\d+)\s+(.*)$", line)
        if m:
            current = [m.group(3)]
            if m.group(1) == "Q":
                questions.append({"number": m.group(2), "lines": current})
            else:
                answers.append({"questions": [m.group(2)], "lines": current})
        elif current is not None and line.startswith(" "):
            current.append(line.strip())
    for item in [*questions, *answers]:
        item["text"] = " ".join(item.pop("lines"))
    return {"questions": questions, "answers": answers}


def _strings_under(data: Any, key: str) -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key and isinstance(v, list):
                yield from (s for s in v if isinstance(s, str))
            else:
                yield from _strings_under(v, key)
    elif isinstance(data, list):
        for v in data:
            yield from _strings_under(v, key)


_TOKEN = re.compile(r"[a-zà-ÿ]+", re.I)


class Glue:
    """Words an extraction glued together at a line end: "hetpassend", "Norgtegen".

    A word is glued when the vocabulary does not know it but knows it as a frequent short
    word joined to another known word. The vocabulary is every word of the clean
    extractions and of the open-data subjects, and every word seen in three documents."""

    def __init__(self, clean_texts: Iterable[str], all_documents: Iterable[str]) -> None:
        counts: dict[str, int] = defaultdict(int)
        self.vocabulary: set[str] = set()
        for text in clean_texts:
            for w in _TOKEN.findall(text):
                w = w.lower()
                self.vocabulary.add(w)
                counts[w] += 1
        documents: dict[str, int] = defaultdict(int)
        for text in all_documents:
            for w in {w.lower() for w in _TOKEN.findall(text)}:
                documents[w] += 1
        self.vocabulary |= {w for w, n in documents.items() if n >= 3}
        frequent = sorted(counts, key=lambda w: -counts[w])
        self.short = {w for w in frequent[:400] if len(w) <= 6}

    def glued(self, word: str) -> bool:
        w = word.lower()
        if len(w) < 4 or w in self.vocabulary:
            return False
        for i in range(2, len(w) - 1):
            left, right = w[:i], w[i:]
            if (left in self.short and right in self.vocabulary) or (
                right in self.short and left in self.vocabulary
            ):
                return True
        return False

    def clean(self, text: str) -> bool:
        return not any(self.glued(w) for w in _TOKEN.findall(text))


def _texts(rec: dict[str, Any]) -> list[str]:
    out = [q["text"] for q in rec.get("questions", [])]
    out += [a["text"] for a in rec.get("answers", [])]
    return [*out, rec.get("subject") or ""]


def collect(shared: Path) -> dict[str, Any]:
    dev = ROOT / "tests" / "data" / "dev"
    unlabelled = [ROOT / "tests" / "data" / "unlabelled", shared / "corpus" / "unlabelled"]
    seen_names: set[str] = set()
    documents: list[Path] = []
    printouts: list[Path] = []
    for folder in unlabelled:
        for p in sorted(folder.glob("*")):
            if p.suffix not in {".txt", ".md"} or p.name in seen_names:
                continue
            seen_names.add(p.name)
            (printouts if "wetsuite-qa-printout" in p.name else documents).append(p)
    documents += sorted((shared / "corpus" / "formats" / "docx").glob("*.docx"))
    records = list(_records_from_gold(dev)) + list(_records_from_documents(documents))
    records += [(p.name, _wetsuite_printout(p)) for p in printouts]
    for p in sorted((shared / "corpus" / "formats" / "json").glob("*wetsuite-struct.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        questions = [{"number": "", "text": t} for t in _strings_under(data, "vraag")]
        answers = [{"questions": [], "text": t} for t in _strings_under(data, "antwoord")]
        records.append((p.name, {"questions": questions, "answers": answers}))

    zaak_subjects = _odata_onderwerpen(
        shared / "data" / "odata" / "zaak-schriftelijke-vragen.jsonl.gz"
    )
    glue = Glue(
        [t for name, rec in records if _CLEAN_SOURCE.search(name) for t in _texts(rec)]
        + [s for _, s in zaak_subjects],
        [" ".join(_texts(rec)) for _, rec in records],
    )

    def good(sentence: str) -> bool:
        return safe(sentence) and glue.clean(sentence)

    def good_text(text: str) -> str | None:
        """A whole question or answer whose every sentence is good, paragraphs kept."""
        paragraphs = []
        for para in text.split("\n\n"):
            sentences = list(split_sentences(_clean(para)))
            if not sentences or not all(good(s) for s in sentences):
                return None
            paragraphs.append(" ".join(sentences))
        joined = "\n\n".join(paragraphs)
        return joined if len(joined) <= 2400 else None

    question_sentences: set[str] = set()
    context_sentences: set[str] = set()
    answer_sentences: set[str] = set()
    short_answers: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    subjects_any: set[str] = set()
    askers: set[str] = set()
    ministers: set[str] = set()
    footnotes: set[str] = set()

    for _, rec in records:
        by_number = {q["number"]: q["text"] for q in rec.get("questions", []) if q["number"]}
        for q in rec.get("questions", []):
            for para in q["text"].split("\n\n"):
                for s in split_sentences(_clean(para)):
                    if good(s):
                        asks = s.rstrip("»”’\"')").endswith("?")
                        (question_sentences if asks else context_sentences).add(s)
        for a in rec.get("answers", []):
            for para in a["text"].split("\n\n"):
                for s in split_sentences(_clean(para)):
                    if good(s) and not s.rstrip("»”’\"')").endswith("?"):
                        answer_sentences.add(s)
            whole = _clean(a["text"])
            short = len(whole) < 60 and re.fullmatch(r"(?:Ja|Nee)\b[^?]*[.!]", whole)
            if short and not any(p.search(whole) for p in _UNSAFE):
                short_answers.add(whole)
            if len(a["questions"]) == 1 and a["questions"][0] in by_number:
                q_text = good_text(by_number[a["questions"][0]])
                a_text = good_text(a["text"])
                if q_text and a_text and q_text.rstrip("»”’)").endswith("?"):
                    pairs.add((q_text, a_text))
        subject = _clean(rec.get("subject") or "")
        if subject and safe_subject(subject) and glue.clean(subject):
            subjects_any.add(subject)
        for asker in rec.get("askers", []):
            if safe_name(_clean(asker["name"])):
                askers.add(_clean(asker["name"]))
        for who in rec.get("answered_by", []):
            if who.get("name") and safe_name(_clean(who["name"])):
                ministers.add(_clean(who["name"]))
        for note in rec.get("footnotes", []):
            t = _clean(note["text"])
            if safe_footnote(t) and glue.clean(re.sub(r"\S*[/.]\S*", "", t)):
                footnotes.add(t)

    members, member_full_names = _members(shared / "data" / "odata" / "persoon-page.json")
    return {
        "about": "Real sentence material for bench/corpus.py; rebuilt by bench/material/build.py.",
        "question_sentences": sorted(question_sentences),
        "context_sentences": sorted(context_sentences),
        "answer_sentences": sorted(answer_sentences),
        "short_answers": sorted(short_answers),
        "pairs": [list(p) for p in sorted(pairs)],
        "subjects": sorted(subjects_any),
        "subjects_by_year": _sample_subjects(zaak_subjects),
        "askers": sorted(askers),
        "members": members,
        "member_full_names": member_full_names,
        "ministers": sorted(ministers),
        "footnotes": sorted(footnotes),
    }


def _odata_onderwerpen(path: Path) -> list[tuple[str, str]]:
    """(year, subject) of every case in the open data whose subject is safe."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    small: dict[str, int] = defaultdict(int)
    capital: dict[str, int] = defaultdict(int)
    for rec in records:
        for word in _TOKEN.findall(rec.get("Onderwerp") or "")[1:]:
            (small if word.islower() else capital)[word.lower()] += 1
    common = {w for w, n in small.items() if n > capital.get(w, 0)}
    out = []
    for rec in records:
        subject = subject_from_onderwerp(rec.get("Onderwerp") or "", common)
        year = (rec.get("GestartOp") or "")[:4]
        if year.isdigit() and safe_subject(subject):
            out.append((year, subject))
    return out


def _sample_subjects(subjects: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_year: dict[str, set[str]] = defaultdict(set)
    for year, subject in subjects:
        by_year[year].add(subject)
    rng = random.Random(20240229)
    return {
        year: sorted(rng.sample(sorted(pool), min(SUBJECTS_PER_YEAR, len(pool))))
        for year, pool in sorted(by_year.items())
    }


def _members(path: Path) -> tuple[list[str], list[str]]:
    """Members' names as headings write them: 'Van der Plas', and 'Inge van Dijk' where a
    first name tells two members apart."""
    surnames, full_names = set(), set()
    for p in json.loads(path.read_text(encoding="utf-8")):
        surname = _clean(p.get("Achternaam") or "")
        prefix = _clean(p.get("Tussenvoegsel") or "")
        if not surname:
            continue
        name = f"{prefix[:1].upper()}{prefix[1:]} {surname}" if prefix else surname
        if safe_name(name):
            surnames.add(name)
        first = _clean(p.get("Roepnaam") or "")
        full = " ".join(x for x in (first, prefix, surname) if x)
        if first and safe_name(full):
            full_names.add(full)
    return sorted(surnames), sorted(full_names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    material = collect(args.shared)
    args.out.write_text(json.dumps(material, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    counts = {k: len(v) for k, v in material.items() if isinstance(v, list | dict)}
    counts["subjects_by_year"] = sum(len(v) for v in material["subjects_by_year"].values())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
