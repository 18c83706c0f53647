"""The parts of long words (search/grams.py): what earlier answers add to the words."""

from __future__ import annotations

from kamervragen.search.grams import gram_scores, long_word_grams


def test_only_long_words_are_cut_and_accents_do_not_count() -> None:
    grams = long_word_grams("De netcongestie is groot; financiële steun.")
    assert grams["<net"] == 1 and grams["tie>"] == 1
    assert "<gro" not in grams, "a word of fewer than 8 letters is not cut"
    assert long_word_grams("financiële") == long_word_grams("financiele")
    assert sum(long_word_grams("congestie").values()) == len("<congestie>") - 3


def test_a_compound_finds_the_text_that_splits_it() -> None:
    texts = {
        1: "De congestie op het elektriciteitsnet neemt toe in Groningen.",
        2: "Het aantal leerlingen in het basisonderwijs neemt toe in Groningen.",
        3: "Geen antwoord.",
    }
    scores = gram_scores("Wat doet u aan netcongestie?", texts)
    assert scores[1] > scores[2] >= 0 and scores[3] == 0
    assert gram_scores("Waarom?", texts) == {1: 0.0, 2: 0.0, 3: 0.0}


def test_a_rarer_part_weighs_more_than_a_common_one() -> None:
    # "<onde" ... parts of "onderwijs" stand in every text; "kinderopvang" in one.
    texts = {
        1: "Het onderwijsbeleid en de kinderopvangtoeslag.",
        2: "Het onderwijsbeleid en de onderwijsbegroting.",
        3: "Het onderwijsbeleid en de onderwijsinspectie.",
    }
    scores = gram_scores("onderwijsbeleid kinderopvang", texts)
    assert scores[1] > scores[2] and scores[1] > scores[3]
