"""Earlier answers: for a new question, the stored pairs that asked and answered it before.

>>> from kamervragen.search.similar import similar
>>> result = similar(store, "Bent u bekend met het bericht dat de helft van de gemeenten ...")
>>> result.hits[0].answer_text

Two rankings are fused (:data:`WEIGHTS`):

- **words**: bm25 (SQLite; ts_rank in PostgreSQL) over the Dutch index, any of the
  question's content words (:func:`content_terms`: stems without stop words and without
  the formulas that every written question uses, "Bent u bekend met", "Kunt u aangeven",
  "Zo ja, …");
- **meaning**: the cosine of the question's embedding with each stored question's and
  answer's (:mod:`kamervragen.embeddings`), where the store has vectors
  (``kamervragen embed``). Without them the words alone rank, and the result says so.

Each ranking's scores are made comparable per question (their z-scores among the
candidates); a pair's fused score is their weighted sum. A case never finds itself
(``exclude_case``), a pair repeated by a later document of its case is not shown, and a
grouped answer counts once: its first question stands for all it answers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from kamervragen.embeddings import EmbeddingModel, get_model
from kamervragen.embeddings.hubs import hub_scores
from kamervragen.errors import KamervragenError
from kamervragen.search.filters import SearchFilters, conditions, impossible
from kamervragen.search.grams import WEIGHT as GRAM_WEIGHT
from kamervragen.search.grams import gram_scores
from kamervragen.storage import Store, StoredPair
from kamervragen.text.analysis import analyse, words

if TYPE_CHECKING:
    import numpy as np

    from kamervragen.storage.vectors import PairVectors

# How many candidates each ranking gives the fusion.
CANDIDATES = 200
# How many of the best fused candidates have the parts of their long words scored (all
# of them: MRR@10 0.646, p50 288 ms; the best 40: 0.646, 35 ms; 80: 0.648, 48 ms).
RERANKED = 50
# A stored text's cosine with a question, less this share of its hub score (the mean
# cosine of its 10 closest reference questions, kamervragen.embeddings.hubs): a text
# close to every question ("Ja.", "Zie het antwoord op vraag 2") no longer comes first
# for any. From the retrieval study (0.5); MRR@10 0.646 → 0.657 on the dev pairs.
HUB_WEIGHT = 0.5
# The weight of each ranking's z-scores in the fused score.
# Tuned on the dev pairs by 5-fold cross-validation (bench/retrieval.py): 1.25 in each
# fold; MRR@10 0.633 with meaning at 1.0-1.5, 0.627 at 1.0.
WEIGHTS = {"words": 1.0, "meaning": 1.25}
# At most this many of the question's content words are looked up (the rarest first
# would be better; the first in the text are taken, which is where a question names its
# subject).
MAX_TERMS = 48
MAX_WORDS = 2_000  # a longer text is cut: it is a question, not a document
# The words looked up: at most this many, the rarest, none in more than this share of
# the pairs (see _rarest).
RAREST = 10
COMMON = 0.05
COMMON_FLOOR = 500  # pairs: in a small store no word is too common to look up


def _noise_stems() -> frozenset[str]:
    """The stems of ``data/similar-noise-words.txt``: function words and formulas."""
    listed = resources.files("kamervragen.search").joinpath("data/similar-noise-words.txt")
    lines = listed.read_text(encoding="utf-8").splitlines()
    return frozenset(analyse(" ".join(line for line in lines if not line.startswith("#"))))


_NOISE = _noise_stems()
_REFERENCE = re.compile(r"\b(?:Kamerstuk(?:ken)?|Aanhangsel|Handelingen)\b[^.;)]*", re.I)
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z»”\"')])\d{1,2}\b")


# The formulas of written questions, left out of a question before it is embedded (the
# words left say what it is about; with them, every question is a little alike):
# MRR@10 of the embeddings alone 0.516 → 0.550 on the dev pairs.
_FORMULAS = re.compile(
    "|".join(
        [
            r"\bbent u (?:het )?(?:bekend|op de hoogte|bekend geraakt) met\b",
            r"\b(?:kent|herinnert) u (?:zich )?",
            r"\b(?:heeft|hebt) u kennis ?genomen van\b",
            r"\bkunt u (?:deze vragen )?(?:elk )?(?:afzonderlijk )?(?:en )?beantwoorden\b",
            r"\bkunt u (?:uw antwoord )?(?:nader )?(?:aangeven|toelichten|uitleggen|verklaren"
            r"|bevestigen|uiteenzetten|specificeren)\b",
            r"\b(?:kunt|wilt|zou) u\b",
            r"\bzo (?:ja|nee|neen|niet)\b",
            r"\bindien (?:ja|nee|niet|dit niet het geval is)\b",
            r"\bwaarom (?:wel|niet)\b",
            r"\bwat is (?:uw|de) (?:reactie|oordeel|mening|visie|opvatting|appreciatie)"
            r" (?:op|over|van)\b",
            r"\bwat vindt u (?:er )?(?:van)?",
            r"\bhoe (?:beoordeelt|oordeelt|kijkt|reageert|waardeert|duidt) u\b",
            r"\bdeelt u (?:de|het) (?:mening|opvatting|zorgen|zorg|analyse|conclusie|standpunt)"
            r"(?: dat| van)?",
            r"\bbent u (?:het )?eens(?: met)?\b",
            r"\bbent u (?:nog steeds )?bereid(?: om)?\b",
            r"\b(?:klopt het|is het (?:waar|juist|correct)) dat\b",
            r"\bklopt (?:het|dit|dat)\b",
            r"\b(?:op|in) welke (?:wijze|manier)\b",
            r"\bin hoeverre\b",
            r"\bhet feit dat\b",
            r"\bhet (?:nieuws)?(?:bericht|artikel|item)\b",
        ]
    ),
    re.IGNORECASE,
)


def without_formulas(text: str) -> str:
    """The question without the formulas every written question uses ("Bent u bekend
    met het bericht", "Kunt u aangeven", "Zo ja, …"); the text itself if nothing is left."""
    left = " ".join(_REFERENCE.sub(" ", _FORMULAS.sub(" ", text)).split())
    left = re.sub(r"([?.])[,?.]+", r"\1", re.sub(r"\s+([,?.])", r"\1", left)).strip(" ,")
    return left if left.strip(" ,.?") else text


def content_terms(text: str) -> list[str]:
    """The stems of ``text`` that say what it is about, each once, in order."""
    text = _FOOTNOTE_MARK.sub(" ", _REFERENCE.sub(" ", text))
    stems = analyse(" ".join(words(text)[:MAX_WORDS]))
    found = dict.fromkeys(s for s in stems if s not in _NOISE and len(s) > 1 and not s.isdigit())
    return list(found)[:MAX_TERMS]


@dataclass(frozen=True)
class SimilarHit(StoredPair):
    """A stored question with the answer given to it, and how close it is."""

    questions: list[str]  # every question its answer answers (a grouped answer), in order
    score: float  # the fused score: higher is closer
    words: float | None  # this pair's z-score among the word matches (None: not among them)
    meaning: float | None  # and among the closest embeddings


@dataclass
class SimilarResult:
    hits: list[SimilarHit]
    # "words and meaning", or "words only" (no model, or no vectors of it in the store)
    method: str
    model: str | None = None
    note: str | None = None
    terms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "model": self.model,
            "note": self.note,
            "terms": self.terms,
            "hits": [asdict(h) for h in self.hits],
        }


def similar(
    store: Store,
    text: str,
    *,
    limit: int = 10,
    exclude_case: int | None = None,
    filters: SearchFilters | None = None,
    model: EmbeddingModel | str | None = None,
    lexical_only: bool = False,
) -> SimilarResult:
    """The stored pairs closest to ``text`` (a new question, 1–300 words), closest first.

    ``exclude_case``: leave out the pairs of this case (a stored case's own questions);
    ``filters`` as for :func:`kamervragen.search.search`; ``model``: the embedding model
    (its name, or the default); ``lexical_only``: rank by the words alone.
    """
    return similar_many(
        store,
        [text],
        limit=limit,
        exclude_case=exclude_case,
        filters=filters,
        model=model,
        lexical_only=lexical_only,
    )[0]


def similar_many(
    store: Store,
    texts: Sequence[str],
    *,
    limit: int = 10,
    exclude_case: int | None = None,
    filters: SearchFilters | None = None,
    model: EmbeddingModel | str | None = None,
    lexical_only: bool = False,
    vectors: Sequence[Any | None] | None = None,
) -> list[SimilarResult]:
    """:func:`similar` for several texts at once (the questions of a set): the model
    embeds them in one call, and the stored vectors are compared with all of them in
    one product. ``vectors``: a text's query vector where it is known already (a stored
    question's), None where it must be embedded."""
    if limit < 1:
        raise KamervragenError("limit must be at least 1")
    if not any(t.strip() for t in texts):
        raise KamervragenError("no text to compare: give a question")
    wanted = filters.with_cases(store) if filters else None
    kept = conditions(store, wanted) if wanted else None
    terms = [_rarest(store, content_terms(t)) for t in texts]
    if kept is not None and impossible(kept):
        return [SimilarResult([], "words only", None, None, t) for t in terms]
    dense: list[dict[int, float]] = [{} for _ in texts]
    method, name, note = "words only", None, None
    if not lexical_only:
        dense, name, note = _meaning(store, texts, model, vectors)
        if any(dense):
            method = "words and meaning"
    results = []
    for text, text_terms, text_dense in zip(texts, terms, dense, strict=True):
        found = dict(store.ranked_by_terms(text_terms, CANDIDATES)) if text_terms else {}
        first = _fuse({"words": found, "meaning": text_dense})
        best = sorted(first, key=lambda p: (-first[p][0], -p))[:RERANKED]
        rows = _stored(store, set(best))
        parts = gram_scores(
            without_formulas(text),
            {p: f"{row.question_text} {row.answer_text}" for p, row in rows.items()},
        )
        # The best candidates' words score again: bm25 of the words (none: not among
        # the best the words found) and of the parts of their long words.
        lexical = {p: found.get(p, 0.0) + GRAM_WEIGHT * parts.get(p, 0.0) for p in first}
        fused = _fuse({"words": lexical, "meaning": text_dense})
        pairs = sorted(fused, key=lambda p: (-fused[p][0], -p))
        if kept is not None:
            allowed = store.meeting(kept, pairs)
            pairs = [p for p in pairs if p in allowed]
        hits = _hits(store, rows, pairs, fused, exclude_case, limit)
        results.append(SimilarResult(hits, method, name, note, text_terms))
    return results


def _stored(store: Store, pairs: set[int]) -> dict[int, StoredPair]:
    """The stored pairs by id, read 500 at a time."""
    ordered = sorted(pairs)
    rows: dict[int, StoredPair] = {}
    for start in range(0, len(ordered), 500):
        rows.update(store.stored_pairs(ordered[start : start + 500]))
    return rows


def _meaning(
    store: Store,
    texts: Sequence[str],
    model: EmbeddingModel | str | None,
    vectors: Sequence[Any | None] | None,
) -> tuple[list[dict[int, float]], str | None, str | None]:
    """For each text, the pairs whose question or answer embedding is closest to its
    own, with the cosine; the model's name; why there are none, if so."""
    none: list[dict[int, float]] = [{} for _ in texts]
    if not has_vectors(store):
        # Not even the model is loaded: an ingest never waits for vectors.
        return none, None, "words only: the store has no vectors yet (kamervragen embed)"
    try:
        embedder = model if isinstance(model, EmbeddingModel) else get_model(model)
    except KamervragenError as exc:
        return none, None, f"words only: {exc}"
    # Imported here: numpy comes with the [embed] extra, which get_model has checked.
    import numpy as np

    from kamervragen.storage.vectors import held_vectors

    held = held_vectors(store, embedder.name, embedder.dimensions)
    if held.embedded == 0:
        note = f"words only: the store has no vectors of {embedder.name} (kamervragen embed)"
        return none, embedder.name, note
    known = list(vectors) if vectors is not None else [None] * len(texts)
    todo = [i for i, v in enumerate(known) if v is None and texts[i].strip()]
    if todo:
        asked = [without_formulas(texts[i]) for i in todo]
        for i, v in zip(todo, embedder.embed(asked, role="query"), strict=True):
            known[i] = v
    rows = [i for i, v in enumerate(known) if v is not None]
    if not rows or not len(held.texts):
        return none, embedder.name, None
    queries = np.stack([np.asarray(known[i], dtype=np.float32) for i in rows])
    per_text = held.texts @ queries.T  # (stored texts, questions)
    hubs = _hubs(held, embedder)
    if hubs is not None:
        per_text -= HUB_WEIGHT * hubs[:, None]
    # Row -1 of a pair (no vector) reads the last row: a cosine below every real one.
    padded = np.vstack([per_text, np.full((1, len(rows)), -2.0, dtype=np.float32)])
    best = np.maximum(padded[held.question_rows], padded[held.answer_rows])
    found = list(none)
    take = min(CANDIDATES, len(held.pairs))
    for column, i in enumerate(rows):
        scores = best[:, column]
        top = np.argpartition(-scores, take - 1)[:take]
        found[i] = {int(held.pairs[k]): float(scores[k]) for k in top if scores[k] > -2.0}
    return found, embedder.name, None


def _hubs(held: PairVectors, embedder: EmbeddingModel) -> np.ndarray | None:
    """Each held text's hub score (kamervragen.embeddings.hubs): as stored with its
    vector, else computed here (vectors stored before hub scores were, until
    ``kamervragen embed`` adds theirs); None: the model has no reference questions."""
    import numpy as np

    missing = np.isnan(held.hubs)
    if not missing.any():
        return held.hubs
    key = (id(held), embedder.name)
    with _hubs_lock:
        if key in _hubs_held:
            return _hubs_held[key][1]
    bank = embedder.reference_questions()
    hubs = None
    if bank is not None and len(bank):
        hubs = held.hubs.copy()
        hubs[missing] = hub_scores(held.texts[missing], bank)
    with _hubs_lock:
        # Only the newest: an old ``held`` is gone, and its id may be reused.
        _hubs_held.clear()
        _hubs_held[key] = (held, hubs)
    return hubs


_hubs_held: dict[tuple[int, str], tuple[PairVectors, np.ndarray | None]] = {}
_hubs_lock = threading.Lock()


@dataclass(frozen=True)
class QuestionMatches:
    """A stored question and the pairs of other cases closest to it."""

    pair: int
    number: str
    question_text: str
    result: SimilarResult

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": self.pair,
            "question": self.number,
            "question_text": self.question_text,
            **self.result.to_dict(),
        }


def similar_to_case(
    store: Store,
    case_id: int,
    *,
    limit: int = 3,
    earlier: bool = True,
    model: EmbeddingModel | str | None = None,
    lexical_only: bool = False,
) -> list[QuestionMatches]:
    """For each question of a stored case, the ``limit`` closest pairs of other cases;
    ``earlier``: only of cases submitted before it (when its date is known). A stored
    question's own vector is used where the store has it: nothing is embedded then."""
    questions = store.case_questions(case_id)
    if not questions:
        return []
    submitted = questions[0][4]
    filters = None
    if earlier and submitted:
        day_before = dt.date.fromisoformat(submitted) - dt.timedelta(days=1)
        filters = SearchFilters(submitted_to=day_before)
    vectors: list[Any | None] = [None] * len(questions)
    if not lexical_only and has_vectors(store):
        try:
            embedder = model if isinstance(model, EmbeddingModel) else get_model(model)
        except KamervragenError:
            lexical_only = True
        else:
            from kamervragen.storage.vectors import vectors_of

            stored = vectors_of(store, embedder.name, [q[3] for q in questions])
            vectors = [stored.get(q[3]) for q in questions]
            model = embedder
    results = similar_many(
        store,
        [q[2] or " " for q in questions],
        limit=limit,
        exclude_case=case_id,
        filters=filters,
        model=model,
        lexical_only=lexical_only,
        vectors=vectors,
    )
    return [
        QuestionMatches(pair, number, text, result)
        for (pair, number, text, _, _), result in zip(questions, results, strict=True)
    ]


def _rarest(store: Store, terms: list[str]) -> list[str]:
    """Of the question's content words, those that tell most: the :data:`RAREST` that
    stand in fewest pairs, none that stands in more than :data:`COMMON` of them (and
    more than :data:`COMMON_FLOOR`). bm25
    is computed for every pair that holds any word looked up, so a common word costs
    much and weighs little (its IDF is low)."""
    counts = store.term_counts(terms)
    if counts is None:
        return terms[:RAREST]
    common = max(COMMON * store.pair_count(), COMMON_FLOOR)
    known = [t for t in terms if t in counts and counts[t] <= common]
    return sorted(known, key=lambda t: (counts[t], terms.index(t)))[:RAREST]


def has_vectors(store: Store) -> bool:
    """Whether the store holds any text's vector (of any model)."""
    return bool(store.query("SELECT 1 FROM text_vectors LIMIT 1"))


def _fuse(rankings: dict[str, dict[int, float]]) -> dict[int, tuple[float, dict[str, float]]]:
    """Each candidate's fused score: the weighted sum of its z-scores in the rankings
    that have it; a ranking that lacks it counts its lowest z-score there."""
    zs: dict[str, dict[int, float]] = {}
    for name, scores in rankings.items():
        if len(scores) < 2:
            zs[name] = dict.fromkeys(scores, 0.0)
            continue
        values = list(scores.values())
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
        zs[name] = {p: (v - mean) / spread for p, v in scores.items()}
    floors = {name: min(z.values(), default=0.0) for name, z in zs.items()}
    fused: dict[int, tuple[float, dict[str, float]]] = {}
    for pair in {p for z in zs.values() for p in z}:
        parts = {name: z[pair] for name, z in zs.items() if pair in z}
        score = sum(WEIGHTS[name] * parts.get(name, floors[name]) for name in zs if zs[name])
        fused[pair] = (score, parts)
    return fused


def _hits(
    store: Store,
    rows: dict[int, StoredPair],
    pairs: Sequence[int],
    fused: dict[int, tuple[float, dict[str, float]]],
    exclude_case: int | None,
    limit: int,
) -> list[SimilarHit]:
    hits: list[SimilarHit] = []
    seen: set[tuple[Any, str]] = set()  # (document, answer): a grouped answer once
    for at, pair in enumerate(pairs):
        if pair not in rows:  # past the candidates read already: the next ones
            rows = {**rows, **_stored(store, {p for p in pairs[at : at + 50] if p not in rows})}
        row = rows.get(pair)
        if row is None or (exclude_case is not None and row.case == exclude_case):
            continue
        key = (row.document, row.answer_text)
        if row.answer_text and key in seen:
            continue
        seen.add(key)
        score, parts = fused[pair]
        hits.append(
            SimilarHit(
                **asdict(row),
                questions=store.questions_answered_with(pair),
                score=round(score, 6),
                words=_rounded(parts.get("words")),
                meaning=_rounded(parts.get("meaning")),
            )
        )
        if len(hits) == limit:
            break
    return hits


def _rounded(value: float | None) -> float | None:
    return round(value, 6) if value is not None else None
