from kamervragen import parse_text
from kamervragen.parsing.footnotes import markers_in_order, remove_markers, split_footnotes
from kamervragen.parsing.pages import BodyLine


def _page(*texts: str, page: int = 0) -> list[BodyLine]:
    return [BodyLine(t, page) for t in texts]


def test_block_at_page_foot_is_taken_out_and_text_stitched() -> None:
    pages = [
        _page(
            "Vraag 1",
            "Bent u bekend met het bericht?1",
            "Antwoord 1",
            "Het antwoord loopt door tot",
            "1 https://nos.nl/artikel/1",
        ),
        _page("het einde van de zin.", page=1),
    ]
    body, notes = split_footnotes(pages)
    assert [(n.number, n.lines) for n in notes] == [(1, ["https://nos.nl/artikel/1"])]
    assert [b.text for b in body][-2:] == ["Het antwoord loopt door tot", "het einde van de zin."]


def test_block_is_not_taken_above_a_heading() -> None:
    # "1 2" after a question is a marker line, not the start of a footnote block.
    pages = [_page("Vraag 1", "Hoeveel?", "1 2", "Antwoord 1", "Ja.")]
    body, notes = split_footnotes(pages)
    assert notes == []
    assert len(body) == 5


def test_markers_removed_in_order() -> None:
    body = _page(
        "Kent u het bericht «Helft gemeenten»?1",
        "1 2",
        "zoals Stedin",
        "5, Enexis6 en Liander7 melden",
        "in 14 juli 20238",
    )
    body[1].text = "2 3 4"
    remove_markers(body, 8)
    assert [b.text for b in body] == [
        "Kent u het bericht «Helft gemeenten»?",
        "zoals Stedin",
        ", Enexis en Liander melden",
        "in 14 juli 2023",
    ]


def test_subscript_and_brackets_are_not_markers() -> None:
    body = _page("de CO2-heffing en (zie bijlage 1) blijft", "radicalisering?[1]")
    remove_markers(body, 2)
    assert body[0].text == "de CO2-heffing en (zie bijlage 1) blijft"
    assert body[1].text == "radicalisering?"


def test_whole_document_footnotes_and_markers() -> None:
    text = (
        "Vragen van het lid Tellegen (VVD) aan de Minister van Financiën over iets "
        "(ingezonden 1 maart 2024).\n\nVraag 1\nBent u bekend met het bericht?1\n\n"
        "Antwoord 1\nJa, en ook met het\n\n1 https://nos.nl/a.html\n verslag.\n\n"
        "Vraag 2\nEn verder?\n\nAntwoord 2\nNee.\n"
    )
    record = parse_text(text)
    assert [f.text for f in record.footnotes] == ["https://nos.nl/a.html"]
    assert record.questions[0].text == "Bent u bekend met het bericht?"
    assert record.answers[0].text == "Ja, en ook met het verslag."


def test_a_po_box_or_document_number_is_not_a_year_with_a_marker() -> None:
    from kamervragen import parse_text

    text = (
        "Vragen van het lid Kops (PVV) aan de Minister van Financiën over de post"
        " (ingezonden 3 mei 2024).\n\n"
        "Vraag 1\nKlopt het dat brieven naar Postbus 20201 niet aankomen, zoals in nr. 20331"
        " staat?1\n\n"
        "Antwoord 1\nNee.\n\n"
        "1 De Telegraaf, 2 mei 2024.\n"
    )
    record = parse_text(text)
    assert record.questions[0].text == (
        "Klopt het dat brieven naar Postbus 20201 niet aankomen, zoals in nr. 20331 staat?"
    )
    assert [f.text for f in record.footnotes] == ["De Telegraaf, 2 mei 2024."]


def test_the_end_of_a_number_range_is_not_a_marker() -> None:
    from kamervragen import parse_text

    notes = "".join(f"{k} Bron {k}.\n" for k in range(1, 6))
    text = (
        "Vragen van het lid Kops (PVV) aan de Minister van Financiën over de post"
        " (ingezonden 3 mei 2024).\n\n"
        + "".join(f"Vraag {k}\nKlopt bericht {k}?{k}\n\n" for k in range(1, 6))
        + "Antwoord 1 en 2\nJa.\n\nAntwoord 3-5\nNee.\n\n"
        + notes
    )
    record = parse_text(text)
    assert [a.questions for a in record.answers] == [["1", "2"], ["3", "4", "5"]]
    assert [q.text for q in record.questions][-1] == "Klopt bericht 5?"
    assert len(record.footnotes) == 5


def test_word_style_markers_glued_or_before_punctuation() -> None:
    body = _page(
        "Kent u het bericht (nos.nl)”1)?",
        "de Code Verhoudingen 2), met name het handelingskader3) en",
        "(zie bijlage 4), en dat 4)",
    )
    remove_markers(body, 4)
    assert [b.text.rstrip() for b in body] == [
        "Kent u het bericht (nos.nl)”?",
        "de Code Verhoudingen, met name het handelingskader en",
        "(zie bijlage 4), en dat",  # a closing bracket is no marker
    ]


def test_markers_in_order() -> None:
    texts = ["Kent u het bericht?1", "Vraag 2", "2 De krant", "en ook dit2 en dat [3]"]
    assert markers_in_order(texts, 1, 3)
    assert not markers_in_order(texts, 1, 4)
    assert not markers_in_order(["eerst dit2", "dan dat1"], 1, 2)  # out of order
    assert not markers_in_order(["1. Een genummerd punt", "2. nog een"], 1, 2)


def _letter(answer: str) -> str:
    return (
        "Vragen van het lid Kops (PVV) aan de Minister van Financiën over de post"
        " (ingezonden 3 mei 2024).\n\nVraag 1\nKent u de berichten?\n\nAntwoord 1\n" + answer
    )


def test_typed_notes_as_a_numbered_list_end_the_text() -> None:
    record = parse_text(
        _letter("Ja, van Argos 1) en de gemeenten2).\n\n1. Argos, 2023.\n2. vng.nl\n")
    )
    assert [(f.number, f.text) for f in record.footnotes] == [
        ("1", "Argos, 2023."),
        ("2", "vng.nl"),
    ]
    assert record.answers[0].text == "Ja, van Argos en de gemeenten."
    # Without markers for them a numbered list at the end is the answer's own.
    record = parse_text(_letter("Ja, om twee redenen:\n\n1. de kosten;\n2. de tijd.\n"))
    assert record.footnotes == []
    assert record.answers[0].text.endswith("1. de kosten; 2. de tijd.")
