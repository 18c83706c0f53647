"""Whole documents through the parser: numbering forms and kinds the contract names."""

import pytest

from kamervragen import ParseError, parse_text

HEAD = (
    "Vragen van de leden Bushoff en Patijn (beiden SP) aan de Minister en de Staatssecretaris "
    "van Financiën over de toeslagen (ingezonden 3 maart 2024).\n\n"
)
ANSWERED = "Antwoord van Minister Heinen (Financiën) (ontvangen 24 maart 2024).\n\n"


def test_numbered_list_in_questions_only_document() -> None:
    r = parse_text(HEAD + "1. Bent u bekend met het bericht?\n\n2. Wat gaat u doen?\n")
    assert r.kind == "questions"
    assert [(q.number, q.text) for q in r.questions] == [
        ("1", "Bent u bekend met het bericht?"),
        ("2", "Wat gaat u doen?"),
    ]
    assert r.answers == [] and r.answered_by == [] and r.received is None
    assert r.addressees == ["Minister van Financiën", "Staatssecretaris van Financiën"]
    assert [(a.name, a.party) for a in r.askers] == [("Bushoff", "SP"), ("Patijn", "SP")]


def test_vraag_with_colon_and_answer_forms() -> None:
    text = (
        HEAD + ANSWERED + "Vraag 1: Bent u bekend met het bericht?\n\nAntwoord op vraag 1:\nJa.\n\n"
        "Vraag 2\nWat vindt u?\n\nVraag 3\nEn nu?\n\nAntwoord op de vragen 2 en 3\nNiets.\n\n"
        "Vraag 4 t/m 6\nDrie vragen in een.\n\nAntwoord 4-6\nDrie antwoorden.\n\n"
        "Vraag 7a\nEerst dit.\n\nVraag 7b\nDan dat.\n\nAntwoord 7b\nBeide.\n"
    )
    r = parse_text(text)
    assert r.kind == "answer"
    assert [q.number for q in r.questions] == ["1", "2", "3", "4", "5", "6", "7a", "7b"]
    assert r.questions[0].text == "Bent u bekend met het bericht?"
    assert r.questions[3].text == r.questions[5].text == "Drie vragen in een."
    assert [a.questions for a in r.answers] == [["1"], ["2", "3"], ["4", "5", "6"], ["7a", "7b"]]
    assert [a.text for a in r.answers] == ["Ja.", "Niets.", "Drie antwoorden.", "Beide."]
    assert r.received == "2024-03-24"


def test_implicit_grouping_does_not_steal_a_named_question() -> None:
    text = (
        HEAD + ANSWERED + "Vraag 1\nA?\n\nVraag 2\nB?\n\nAntwoord op vraag 2\nTwee.\n\n"
        "Vraag 3\nC?\n\nAntwoord op vraag 1 en 3\nEen en drie.\n"
    )
    r = parse_text(text)
    assert [a.questions for a in r.answers] == [["2"], ["1", "3"]]


def test_question_numbers_without_vraag_in_word_versions() -> None:
    text = (
        "AH 602\n2024Z17165\nAntwoord van minister Beljaarts (Economische Zaken) (ontvangen "
        "20 november 2024)\n\n1\nHeeft u kennisgenomen van het bericht?\n\nAntwoord\nJa.\n\n"
        "2\nKlopt het dat het zo is?\n\nAntwoord\nDat klopt.\n"
    )
    r = parse_text(text)
    assert r.zaak == "2024Z17165" and r.id is None
    assert [q.number for q in r.questions] == ["1", "2"]
    assert [(a.questions, a.text) for a in r.answers] == [(["1"], "Ja."), (["2"], "Dat klopt.")]


def test_page_furniture_removed_between_pages() -> None:
    text = (
        "Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2023–2024\n\nAanhangsel van de "
        "Handelingen\n\n1314\n\n" + HEAD + ANSWERED + "Vraag 1\nKunt u dit uitzoeken en de "
        "uitkomst met de Kamer de-\n\nah-tk-20232024-1314\nISSN 0921 - 7398\n’s-Gravenhage 2024"
        "\n\nTweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n\n1\n\f"
        "len?\n\nAntwoord 1\nJa.\n\nTweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n\n2\n"
    )
    r = parse_text(text)
    assert r.id == "ah-tk-20232024-1314"
    assert r.session_year == "2023-2024"
    assert r.questions[0].text == "Kunt u dit uitzoeken en de uitkomst met de Kamer delen?"
    assert r.answers[0].text == "Ja."


@pytest.mark.parametrize(
    "text",
    ["", "Een recept voor appeltaart.\n\nNeem 6 appels.", "Vraag\nAntwoord\n"],
)
def test_not_kamervragen(text: str) -> None:
    with pytest.raises(ParseError):
        parse_text(text)


def test_a_notice_that_reprints_the_questions_keeps_its_text_out_of_them() -> None:
    from kamervragen import parse_text

    text = (
        "Vragen van het lid Podt (D66) aan de Minister van Asiel en Migratie over de"
        " noodopvang (ingezonden 24 oktober 2024).\n"
        "Mededeling van Minister Faber (Asiel en Migratie) (ontvangen 14 november 2024).\n"
        "Vraag 1\nHeeft u kennisgenomen van het bericht?\n"
        "Vraag 2\nWelke stappen zet u?\n"
        "Mededeling\n"
        "Hierbij deel ik u mede dat de schriftelijke vragen niet binnen de gebruikelijke"
        " termijn kunnen worden beantwoord.\n"
    )
    record = parse_text(text)
    assert record.kind == "postponement"
    assert [q.text for q in record.questions] == [
        "Heeft u kennisgenomen van het bericht?",
        "Welke stappen zet u?",
    ]
    assert record.answers == []
