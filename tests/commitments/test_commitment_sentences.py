"""Sentences cut from an answer's text, each exactly as it stands there."""

from __future__ import annotations

from kamervragen.commitments import split_sentences


def test_sentences_end_at_stops_and_lines() -> None:
    text = "Ja. Ik zal u informeren!\n\nIs dat zo? Nee."
    assert split_sentences(text) == ["Ja.", "Ik zal u informeren!", "Is dat zo?", "Nee."]


def test_abbreviations_and_numbers_do_not_end_a_sentence() -> None:
    text = (
        "Zie Kamerstuk 29 754, nr. 430 en o.a. de brief (ca. 2,5 °C, zie bijv. art. 3). Dat is zo."
    )
    assert split_sentences(text) == [
        "Zie Kamerstuk 29 754, nr. 430 en o.a. de brief (ca. 2,5 °C, zie bijv. art. 3).",
        "Dat is zo.",
    ]


def test_a_date_with_jl_may_end_a_sentence() -> None:
    assert split_sentences(
        "De brief van 21 mei jl. over de WIA. Dit is 1 juli jl. De brief komt."
    ) == [
        "De brief van 21 mei jl. over de WIA.",
        "Dit is 1 juli jl.",
        "De brief komt.",
    ]


def test_sentences_glued_by_extraction_are_cut() -> None:
    text = "de NDCs van landen volgend jaar.Mondiaal moet het dalen. Dat is 35%.Binnenkort meer."
    assert split_sentences(text) == [
        "de NDCs van landen volgend jaar.",
        "Mondiaal moet het dalen.",
        "Dat is 35%.",
        "Binnenkort meer.",
    ]


def test_glued_abbreviations_stay_inside() -> None:
    assert split_sentences("Zie Kamerstuk 28 286,nr. 1324 hierover.") == [
        "Zie Kamerstuk 28 286,nr. 1324 hierover."
    ]


def test_every_sentence_is_a_slice_of_the_text() -> None:
    text = "  Eerste zin.   Tweede zin?\n– een opsomming;\n\n“Citaat.” Slot."
    for sentence in split_sentences(text):
        assert sentence in text and sentence == sentence.strip()
