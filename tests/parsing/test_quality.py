"""Quality flags: what a record says about its own completeness."""

from __future__ import annotations

from pathlib import Path

import kamervragen
from kamervragen.parsing.quality import REASONS, assess, reasons
from kamervragen.record import Answer, Answerer, Asker, Question, Record

DEV = Path(__file__).parent.parent / "data" / "dev"
SEED = DEV / "seed__000_316d3c91a035becd.txt"


def _answered(**changes: object) -> Record:
    record = Record(
        kind="answer",
        askers=[Asker("Dijk", "SP")],
        received="2024-03-24",
        answered_by=[Answerer("Minister", "Heinen", "Financiën")],
        questions=[Question("1", "Kent u het bericht?"), Question("2", "Wat doet u?")],
        answers=[Answer(["1"], "Ja."), Answer(["2"], "Niets.")],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def test_a_whole_document_passes_every_check() -> None:
    assert assess(_answered()) == []
    assert kamervragen.parse_file(SEED).quality == []


def test_each_check_fails_on_what_it_looks_for() -> None:
    assert assess(_answered(received=None)) == ["no-received-date"]
    assert assess(_answered(answered_by=[])) == ["no-signatory"]
    gap = [Question("1", "Een?"), Question("3", "Drie?")]
    assert "numbering-gap" in assess(_answered(questions=gap))
    repeat = [Question("1", "Een?"), Question("1", "Nog een?")]
    assert "numbering-repeat" in assess(_answered(questions=repeat))
    assert assess(_answered(answers=[Answer(["1"], "Ja.")])) == ["unanswered-question"]
    cut = [Answer(["1"], "Ja."), Answer(["2"], "Ik zal de Kamer voor de zomer")]
    assert assess(_answered(answers=cut)) == ["ends-mid-sentence"]
    letterhead = [Answer(["1"], "Ja."), Answer(["2"], "Nee. Retouradres Postbus 20301.")]
    assert assess(_answered(answers=letterhead)) == ["furniture-in-answer"]
    marked = [Question("1", "Kent u het bericht?1"), Question("2", "Wat doet u?")]
    assert assess(_answered(questions=marked)) == ["markers-without-footnotes"]
    assert assess(_answered(), unmarked_notes=1) == ["footnotes-without-markers"]
    assert assess(_answered(), glyph_codes=True) == ["glyph-codes"]


def test_every_flag_has_a_dutch_reason() -> None:
    assert all(reasons([flag]) == [REASONS[flag]] for flag in REASONS)
    assert reasons(["unknown"]) == ["unknown"]


def test_truncated_document_is_flagged() -> None:
    text = SEED.read_text(encoding="utf-8")
    record = kamervragen.parse_text(text[: len(text) // 2])
    assert record.quality, "a document cut in half passes every check"


def test_markers_without_footnotes_in_a_real_document() -> None:
    # The Word text marks questions 1 and 2 with " 1)" and " 2)" but holds no notes.
    path = (
        Path(__file__).parent.parent
        / "data"
        / "unlabelled"
        / "limburg__AH613_2024Z14814__Antwoord_op_vragen_van_het_lid_Slagt-Tic_7e9bcc.docx.txt"
    )
    record = kamervragen.parse_file(path)
    assert record.quality == ["markers-without-footnotes"]
    assert kamervragen.record.record_from_dict(record.to_dict()).quality == record.quality


def test_note_heading_and_id_checks() -> None:
    noted = [Answer(["1"], "Ja."), Answer(["2"], "Nee.\n\nToelichting: Deze vragen dienen …")]
    assert assess(_answered(answers=noted)) == ["note-in-text"]
    assert assess(_answered(), heading_cut=True) == ["incomplete-heading"]
    notice = _answered(kind="postponement", askers=[], questions=[], answers=[])
    assert assess(notice) == ["incomplete-heading"]
    assert assess(_answered(), printed=True) == ["no-official-id"]
    assert assess(_answered(id="ah-tk-20232024-1"), printed=True) == []


def test_a_heading_cut_short_is_flagged() -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index(" over ", text.index("Vragen van"))
    record = kamervragen.parse_text(text[: start + 20])
    assert "incomplete-heading" in record.quality
