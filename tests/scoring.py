"""Compare a parsed record with a gold record, field by field.

The rules are those of the parse contract (docs/parse-output.md) and of the scorer
that grades the project (``score_parse.py``): the same normalisation, the same
text tolerance, the same page-furniture patterns and the same way of comparing
names and offices. What this module adds is an explanation: :func:`compare`
returns, for every field that is wrong, a readable account of what differed.

    >>> wrong = compare(gold, record.to_dict())
    >>> assert not wrong, explain(wrong)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TEXT_MATCH = 0.97
"""Similarity (difflib ratio of the normalised texts) at or above which two texts agree."""

FURNITURE = tuple(
    re.compile(p)
    for p in (
        r"ISSN \d",
        r"’s-Gravenhage \d{4}",
        r"'s-Gravenhage \d{4}",
        r"\bah-tk-\d{8}",
        r"Tweede Kamer, vergaderjaar \d{4}",
        r"Aanhangsel van de Handelingen",
    )
)
"""Page furniture: a parsed text containing one of these, where the gold text does not, is wrong."""

FIELDS = (
    "kind",
    "id",
    "zaak",
    "session_year",
    "submitted",
    "received",
    "subject",
    "askers",
    "addressees",
    "answered_by",
    "co_signers",
    "footnotes",
    "question_numbers",
    "answer_groups",
    "question_texts",
    "answer_texts",
)
"""The scored fields, in the scorer's order."""

_SPLIT_DIACRITICS = "\u00b4\u00b8\u02dc\u00a8`^"  # spacing accents that extraction splits off

Json = Mapping[str, Any]


@dataclass(frozen=True)
class Wrong:
    """One field that differs from the gold record, with what differed."""

    field: str
    detail: str

    def __str__(self) -> str:
        return f"{self.field}: {self.detail}"


# --- normalisation ---------------------------------------------------------------------


def norm(value: object) -> str:
    """NFKC, soft hyphens removed, runs of white space as one space, trimmed; None is ''."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def name_key(value: object) -> str:
    """A name or office without case, white space or diacritics."""
    decomposed = unicodedata.normalize("NFKD", norm(value))
    kept = (c for c in decomposed if not unicodedata.combining(c) and c not in _SPLIT_DIACRITICS)
    return re.sub(r"\s+", "", "".join(kept)).lower()


def furniture_in(text: str) -> list[str]:
    """The page-furniture snippets found in ``text``."""
    return [m.group(0) for pattern in FURNITURE if (m := pattern.search(text))]


def similarity(gold: str, got: str) -> float:
    """difflib's ratio of the two normalised texts."""
    return difflib.SequenceMatcher(None, norm(gold), norm(got), autojunk=False).ratio()


def same_text(gold: str, got: str) -> bool:
    """Texts agree when equal after :func:`norm`, or similar enough and without added furniture."""
    g, p = norm(gold), norm(got)
    if g == p:
        return True
    if any(pattern.search(p) and not pattern.search(g) for pattern in FURNITURE):
        return False
    return similarity(g, p) >= TEXT_MATCH


# --- explanations ----------------------------------------------------------------------


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(words: list[str]) -> str:
    text = " ".join(words)
    return text if len(text) <= 160 else f"{_clip(text)} ({len(words)} words)"


def text_diff(gold: str, got: str, *, context: int = 5, hunks: int = 6) -> str:
    """A word-level diff of two texts: ``[-gold words-]{+parsed words+}`` with some context."""
    g, p = norm(gold).split(), norm(got).split()
    if not p:
        return "the parsed text is empty"
    matcher = difflib.SequenceMatcher(None, g, p, autojunk=False)
    parts: list[str] = []
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    for tag, g1, g2, p1, p2 in changes[:hunks]:
        before = " ".join(g[max(0, g1 - context) : g1])
        after = " ".join(g[g2 : g2 + context])
        removed = f"[-{_words(g[g1:g2])}-]" if tag in ("replace", "delete") else ""
        added = f"{{+{_words(p[p1:p2])}+}}" if tag in ("replace", "insert") else ""
        parts.append(" ".join(x for x in (f"…{before}", removed + added, f"{after}…") if x != "…"))
    if len(changes) > hunks:
        parts.append(f"… and {len(changes) - hunks} more changes")
    return "\n      ".join(parts)


def _explain_text(gold: str, got: str) -> str:
    lines = [f"similarity {similarity(gold, got):.3f} (needs {TEXT_MATCH})"]
    added = [f for f in furniture_in(norm(got)) if f not in furniture_in(norm(gold))]
    if added:
        lines.append(f"page furniture in the parsed text: {added}")
    lines.append(text_diff(gold, got))
    return "\n      ".join(lines)


def _show(value: object) -> str:
    return repr(value) if not isinstance(value, str) else repr(_clip(value))


# --- the comparison --------------------------------------------------------------------


def _people(items: Iterable[Json] | None, keys: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(name_key(item.get(k)) for k in keys) for item in items or []]


def _offices(items: Iterable[str] | None) -> list[str]:
    return [name_key(item) for item in items or []]


def _numbers(items: Iterable[Json] | None) -> list[str]:
    return [norm(item.get("number")) for item in items or []]


def _group(answer: Json) -> tuple[str, ...]:
    return tuple(norm(n) for n in answer.get("questions") or [])


def _compare_texts(
    gold_items: Sequence[Json],
    got_items: Sequence[Json],
    key: Callable[[Json], Any],
    label: Callable[[Any], str],
) -> list[str]:
    """The gold items whose text is missing from, or different in, the parsed items."""
    by_key = {key(item): item.get("text", "") for item in got_items}
    problems: list[str] = []
    for item in gold_items:
        k = key(item)
        if k not in by_key:
            problems.append(f"{label(k)}: missing in the parsed record")
        elif not same_text(item.get("text", ""), by_key[k]):
            problems.append(f"{label(k)}: {_explain_text(item.get('text', ''), by_key[k])}")
    return problems


def compare(gold: Json, got: Json) -> list[Wrong]:
    """Every field of ``got`` that the scorer would count wrong against ``gold``."""
    wrong: list[Wrong] = []

    def check(field: str, ok: bool, detail: Callable[[], str]) -> None:
        if not ok:
            wrong.append(Wrong(field, detail()))

    def both(field: str) -> Callable[[], str]:
        return lambda: f"gold {_show(gold.get(field))}, parsed {_show(got.get(field))}"

    check("kind", gold.get("kind") == got.get("kind"), both("kind"))
    for field in ("id", "zaak", "session_year", "submitted", "received"):
        same = norm(gold.get(field)).lower() == norm(got.get(field)).lower()
        check(field, same, both(field))

    g_subject, p_subject = gold.get("subject") or "", got.get("subject") or ""
    check(
        "subject",
        (not g_subject and not p_subject) or same_text(g_subject, p_subject),
        lambda: (
            f"gold {_show(gold.get('subject'))}, parsed {_show(got.get('subject'))}"
            + (f"\n      {_explain_text(g_subject, p_subject)}" if g_subject and p_subject else "")
        ),
    )

    for field, keys in (("askers", ("name", "party")), ("answered_by", ("role", "name"))):
        same = _people(gold.get(field), keys) == _people(got.get(field), keys)
        check(field, same, both(field))
    for field in ("addressees", "co_signers"):
        check(field, _offices(gold.get(field)) == _offices(got.get(field)), both(field))

    g_notes, p_notes = gold.get("footnotes") or [], got.get("footnotes") or []
    check(
        "footnotes",
        len(g_notes) == len(p_notes),
        lambda: (
            f"gold has {len(g_notes)} {_numbers(g_notes)}, "
            f"parsed {len(p_notes)} {_numbers(p_notes)}"
        ),
    )

    g_questions, p_questions = gold.get("questions") or [], got.get("questions") or []
    check(
        "question_numbers",
        _numbers(g_questions) == _numbers(p_questions),
        lambda: f"gold {_numbers(g_questions)}, parsed {_numbers(p_questions)}",
    )
    g_answers, p_answers = gold.get("answers") or [], got.get("answers") or []
    g_groups, p_groups = [list(_group(a)) for a in g_answers], [list(_group(a)) for a in p_answers]
    check("answer_groups", g_groups == p_groups, lambda: f"gold {g_groups}, parsed {p_groups}")

    question_problems = _compare_texts(
        g_questions,
        p_questions,
        lambda q: norm(q.get("number")),
        lambda k: f"question {k}",
    )
    check("question_texts", not question_problems, lambda: "\n    ".join(question_problems))
    answer_problems = _compare_texts(
        g_answers, p_answers, _group, lambda k: f"answer {', '.join(k)}"
    )
    check("answer_texts", not answer_problems, lambda: "\n    ".join(answer_problems))

    order = {field: i for i, field in enumerate(FIELDS)}
    return sorted(wrong, key=lambda w: order[w.field])


def explain(wrong: Sequence[Wrong]) -> str:
    """All wrong fields as one readable block, for an assertion message."""
    if not wrong:
        return "all fields right"
    head = f"{len(wrong)} wrong field(s): {', '.join(w.field for w in wrong)}"
    return "\n".join([head, *(f"  {w}" for w in wrong)])
