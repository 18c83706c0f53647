"""The long tail of real inputs (issue 20): each fix tried on a real document."""

from __future__ import annotations

from pathlib import Path

import kamervragen
from kamervragen.parsing.header import expand_offices, parse_header
from kamervragen.text.normalize import clean_line

UNLABELLED = Path(__file__).parent.parent / "data" / "unlabelled"


def _parse(name: str) -> kamervragen.Record:
    return kamervragen.parse_file(UNLABELLED / name)


def test_glyph_code_is_dropped_and_its_list_item_kept() -> None:
    # pdfminer names an unknown bullet "(cid:129)" (ah-tk-20232024-1432).
    assert clean_line("(cid:129) Artistieke en/of inhoudelijke kwaliteit") == (
        "Artistieke en/of inhoudelijke kwaliteit"
    )
    assert clean_line("(cid:129)") == ""
    record = _parse("ah-tk-20232024-1432__1b62ee8d-e406-4042-b7f5-7e235f7bd1c0.pdfminer.txt")
    texts = [a.text for a in record.answers]
    assert not any("(cid:" in t for t in texts)
    assert any("Artistieke en/of inhoudelijke kwaliteit Maatschappelijke" in t for t in texts)


def test_double_title_is_one_office() -> None:
    assert expand_offices("de Minister-President, Minister van Algemene Zaken") == [
        "Minister-President, Minister van Algemene Zaken"
    ]
    # With "de" before each office the comma separates offices.
    assert expand_offices("de Minister-President, de Minister van Financiën") == [
        "Minister-President",
        "Minister van Financiën",
    ]


def test_offices_glued_by_the_extraction_are_told_apart() -> None:
    header = parse_header(
        "Vragen van het lid Dijk (SP) aan de Minister van Financiën en deStaatssecretaris "
        "vanFinanciën over de toeslagen (ingezonden 3 maart 2024)."
    )
    assert header.addressees == ["Minister van Financiën", "Staatssecretaris van Financiën"]


def test_member_note_after_the_last_answer_belongs_to_nothing() -> None:
    record = _parse(
        "limburg__AH608_2024Z14419__Antwoord_op_vragen_van_de_leden_Kathmann_ab6850.docx.txt"
    )
    assert record.answers[-1].text == "Ja."
    assert not any("Toelichting" in q.text for q in record.questions)


def test_member_note_after_the_last_question_belongs_to_nothing() -> None:
    record = _parse(
        "limburg__kv-tk-2024Z18795__Het_bericht_dat_minister_Faber_terug_is__282399.pdf.txt"
    )
    assert record.kind == "questions"
    assert record.questions[-1].text.endswith("vóór 1 december 2024?")


def test_question_and_answer_printout() -> None:
    record = _parse("ah-tk-20122013-1615.wetsuite-qa-printout.txt")
    assert record.id == "ah-tk-20122013-1615"
    assert record.session_year == "2012-2013"  # from the id: nothing else states it
    assert record.kind == "answer"
    assert [q.number for q in record.questions] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [a.questions for a in record.answers] == [["1"], ["2", "3"], ["4"], ["5"], ["6", "7"]]
    assert record.questions[1].text == record.questions[2].text
    assert record.questions[0].text.startswith("Kent u de berichten «Werkstraf")
    assert "  " not in record.answers[1].text


def test_letterhead_after_the_last_answer_is_not_part_of_it() -> None:
    record = _parse(
        "jenv__Beantwoording_van_Kamervragen_van_het_van_het_lid_Beckerman__5fd6dd.docx.txt"
    )
    last = record.answers[-1].text
    assert last.endswith("effectiever in te zetten.")
    assert "Retouradres" not in last and "Ons kenmerk" not in last
    assert record.received == "2023-12-04"  # the letterhead's date is still read


def test_signature_contact_block_and_typed_notes_after_it() -> None:
    text = (
        "Vragen van het lid Dijk (SP) aan de Minister van Financiën over de toeslagen "
        "(ingezonden 3 maart 2024).\n\n"
        "Antwoord van Minister Heinen (Financiën) (ontvangen 24 maart 2024).\n\n"
        "Vraag 1\nKent u het bericht? 1)\n\nAntwoord 1\nJa.\n\n"
        "Vraag 2\nWat gaat u doen?\n\nAntwoord 2\nNiets, zie ook de brief. 2)\n\n"
        "De Minister van Financiën,\n\nE. Heinen\n\n"
        "Contactpersoon\nT 070 342 80 00\nPostbus 20201\n\n"
        "1) NOS, 1 maart 2024, het bericht\n2) Kamerstuk 31 066, nr. 1\n"
    )
    record = kamervragen.parse_text(text)
    assert [a.text for a in record.answers] == ["Ja.", "Niets, zie ook de brief."]
    assert [f.text for f in record.footnotes] == [
        "NOS, 1 maart 2024, het bericht",
        "Kamerstuk 31 066, nr. 1",
    ]


def test_letter_answers_without_headings_and_notes_without_numbers() -> None:
    # Questions 5 and 6 are followed by their answers without "Antwoord op vraag";
    # the three notes after the last answer lost their numbers, their markers "1)",
    # "gedrag2)" and "Beke3)" stand in the questions.
    record = _parse(
        "jenv__Beantwoording_van_Kamervragen_van_de_leden_Mutluer_PvDA_en_E_4a1e1d.docx.txt"
    )
    assert [a.questions for a in record.answers] == [["1"], ["2"], ["3", "4"], ["5"], ["6"]]
    assert record.questions[4].text.endswith("niet bereid tot een dergelijk onderzoek?")
    assert record.answers[3].text.startswith("Er wordt middels het Handelingskader")
    assert [f.number for f in record.footnotes] == ["1", "2", "3"]
    assert record.footnotes[1].text.startswith("vng.nl/sites/default/files")
    assert "1)" not in record.questions[0].text and "gedrag2)" not in record.questions[2].text


def test_a_question_that_asks_last_is_not_cut_without_need() -> None:
    # A question of several paragraphs that does not end asking keeps them all when an
    # answer heading follows it.
    text = (
        "Vragen van het lid Dijk (SP) aan de Minister van Financiën over de toeslagen "
        "(ingezonden 3 maart 2024).\n\n"
        "Vraag 1\nKent u het bericht?\n\nKunt u deze vragen één voor één beantwoorden.\n\n"
        "Antwoord 1\nJa.\n"
    )
    record = kamervragen.parse_text(text)
    assert record.questions[0].text.endswith("één voor één beantwoorden.")
    assert [a.questions for a in record.answers] == [["1"]]


def test_a_table_note_moved_above_the_page_foot_is_a_footnote() -> None:
    # pypdf prints note 5 under the table of answer 6, above note 4 at the page's foot.
    record = _parse("ah-tk-20232024-1708.pypdf.txt")
    assert [f.number for f in record.footnotes] == ["1", "2", "3", "4", "5"]
    assert record.footnotes[4].text == (
        "Alleen mbo niveau 3–4 omdat studiefinanciering op mbo niveau 1–2 wordt verstrekt "
        "als een gift."
    )
    six = next(a for a in record.answers if a.questions == ["6"])
    assert six.text.endswith("Hbo en wo 859 735 616 687 926")


def test_a_question_numbered_on_its_own_line_keeps_its_marker_removed() -> None:
    # "1." alone on a line numbers question 1; the marker " 1)" after it is the note's.
    record = _parse("limburg__2024Z18888__De_situatie_van_Oeigoeren_in_Thailand_3937cf.docx.txt")
    assert record.questions[0].text.endswith("Then His Real Troubles Began'?")


def test_a_marker_between_two_sentences_is_removed() -> None:
    text = (
        "Vragen van het lid Dijk (SP) aan de Minister van Financiën over de toeslagen "
        "(ingezonden 3 maart 2024).\n\nVraag 1\nKent u het bericht?\n\nAntwoord 1\n"
        "Ja, daarover is gesproken.1Toekomstige stappen volgen.\n\n1 Kamerstuk 31 066, nr. 1\n"
    )
    record = kamervragen.parse_text(text)
    assert record.answers[0].text == "Ja, daarover is gesproken.Toekomstige stappen volgen."
    assert [f.text for f in record.footnotes] == ["Kamerstuk 31 066, nr. 1"]


LETTERS = Path(__file__).parent.parent / "data" / "letters"


def test_covering_letter_names_the_questions_in_its_opening_sentence() -> None:
    record = kamervragen.parse_file(LETTERS / "covering-letter.docx.txt")
    assert record.kind == "answer"
    assert [(a.name, a.party) for a in record.askers] == [("Dijk", "SP")]
    assert record.subject == "de huurtoeslag voor studenten"
    assert record.addressees == ["Minister voor Volkshuisvesting en Ruimtelijke Ordening"]
    assert record.co_signers == ["Minister van Onderwijs, Cultuur en Wetenschap"]
    assert (record.submitted, record.received, record.zaak) == (
        "2024-02-20",
        "2024-03-12",
        "2024Z02817",
    )
    signer = record.answered_by[0]
    assert (signer.role, signer.name, signer.portfolio) == (
        "Minister",
        "De Jonge",
        "Volkshuisvesting en Ruimtelijke Ordening",
    )
    assert record.answers[-1].text == "Ik licht studenten voor."
    assert [f.text for f in record.footnotes] == [
        "NOS, 19 februari 2024, Studenten laten huurtoeslag liggen"
    ]
    assert record.quality == []


def test_postponement_notice_from_word() -> None:
    record = kamervragen.parse_file(LETTERS / "postponement-notice.docx.txt")
    assert record.kind == "postponement"
    assert [(a.name, a.party) for a in record.askers] == [("Dijk", "SP")]
    assert record.subject == "de afbouw van de toeslagen"
    assert record.addressees == ["Minister van Financiën"]
    assert (record.zaak, record.submitted, record.received) == (
        "2024Z18000",
        "2024-11-06",
        "2024-11-27",
    )
    assert [(a.role, a.name) for a in record.answered_by] == [("Minister", "Heinen")]


def test_notice_heading_with_the_questions_in_a_sentence() -> None:
    record = kamervragen.parse_text(
        "Mededeling van minister Heinen (Financiën) (ontvangen 27 november 2024)\n\n"
        "De vragen van de leden Dijk en Kops (beiden SP) over de afbouw van de toeslagen "
        "(2024Z18000) kunnen niet binnen de gebruikelijke termijn worden beantwoord.\n"
    )
    assert record.kind == "postponement" and record.zaak == "2024Z18000"
    assert [(a.name, a.party) for a in record.askers] == [("Dijk", "SP"), ("Kops", "SP")]
    assert record.subject == "de afbouw van de toeslagen"


def test_questions_numbered_with_a_bracket() -> None:
    record = kamervragen.parse_file(LETTERS / "questions-numbered-with-brackets.docx.txt")
    assert record.kind == "questions"
    assert [(q.number, q.text) for q in record.questions] == [
        ("1", "Bent u bekend met het bericht 'Toeslagen te laat'?"),
        ("2", "Wat gaat u doen om dit te voorkomen?"),
        ("3", "Kunt u deze vragen één voor één beantwoorden?"),
    ]
    assert record.addressees == [
        "Minister-President, Minister van Algemene Zaken",
        "Staatssecretaris van Financiën",
    ]
    assert [f.text for f in record.footnotes] == ["NOS, 19 november 2024, Toeslagen te laat"]


def test_answer_line_displaced_among_the_questions() -> None:
    record = kamervragen.parse_file(LETTERS / "displaced-answer-line.pypdf.txt")
    assert record.received == "2024-03-24"
    assert [(a.role, a.name, a.portfolio) for a in record.answered_by] == [
        ("Minister", "Heinen", "Financiën")
    ]
    assert record.co_signers == ["Minister van Sociale Zaken en Werkgelegenheid"]
    assert record.questions[0].text == "Bent u bekend met het bericht?"
    assert [f.text for f in record.footnotes] == ["Zie bijvoorbeeld NOS, 1 maart 2024."]


def test_a_number_list_with_a_comma_left_out() -> None:
    # "Vraag 7, 8, 9 10 en 11" (ah-tk-20232024-2367) covers five questions.
    record = _parse("ah-tk-20232024-2367__1b2d2126-a21e-4c3e-9b18-42206b4cc791.pdfminer.txt")
    assert [q.number for q in record.questions][-6:] == ["7", "8", "9", "10", "11", "12"]
    assert ["7", "8", "9", "10", "11"] in [a.questions for a in record.answers]
    assert record.quality == []


def test_a_marker_pypdf_put_before_the_question_mark() -> None:
    # "… tong-tAC»" / "1? " (ah-tk-20232024-971): the marker goes, the "?" joins on.
    record = _parse("ah-tk-20232024-971.pypdf.txt")
    assert record.questions[0].text.endswith("teleurstelling over tong-tAC»?")
    assert record.quality == []


def test_a_marker_glued_between_a_table_row_and_its_figure() -> None:
    record = _parse("ah-tk-20232024-1708.pypdf.txt")
    six = next(a for a in record.answers if a.questions == ["6"])
    assert "Mbo 613 495" in six.text and record.quality == []
