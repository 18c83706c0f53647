"""Due dates: each time phrase of the commitments contract against the answer's date."""

from __future__ import annotations

import pytest

from kamervragen.commitments import find_dues


def due(text: str, answered: str) -> tuple[str, str | None]:
    found = find_dues(text, answered)
    assert found, text
    return found[0].text, found[0].date


@pytest.mark.parametrize(
    ("text", "answered", "due_text", "expected"),
    [
        ("voor de zomer", "2018-05-01", "voor de zomer", "2018-07-01"),
        ("voor de zomer", "2018-09-01", "voor de zomer", "2019-07-01"),
        ("voor het zomerreces", "2024-02-01", "voor het zomerreces", "2024-07-01"),
        ("na de zomer", "2024-02-01", "na de zomer", "2024-12-31"),
        ("na het zomerreces", "2024-02-01", "na het zomerreces", "2024-12-31"),
        ("in het najaar", "2024-02-01", "in het najaar", "2024-12-31"),
        ("dit najaar", "2024-08-22", "dit najaar", "2024-12-31"),
        ("In het najaar van 2024", "2024-08-22", "In het najaar van 2024", "2024-12-31"),
        ("in het voorjaar", "2024-02-01", "in het voorjaar", "2024-06-30"),
        ("komend voorjaar", "2024-11-18", "komend voorjaar", "2025-06-30"),
        ("eind 2024", "2024-02-01", "eind 2024", "2024-12-31"),
        ("in 2024", "2023-11-01", "in 2024", "2024-12-31"),
        ("in het eerste kwartaal van 2025", "2024-11-14", "in het eerste kwartaal van 2025",
         "2025-03-31"),
        ("in het derde kwartaal van 2025", "2024-11-14", "in het derde kwartaal van 2025",
         "2025-09-30"),
        ("begin 2025", "2024-11-01", "begin 2025", "2025-03-31"),
        ("medio 2025", "2024-11-01", "medio 2025", "2025-06-30"),
        ("in de eerste helft van 2024", "2024-04-11", "in de eerste helft van 2024",
         "2024-06-30"),
        ("voor Prinsjesdag", "2024-03-01", "voor Prinsjesdag", "2024-09-17"),
        ("voor Prinsjesdag", "2024-10-01", "voor Prinsjesdag", "2025-09-16"),
        ("in mei", "2024-03-01", "in mei", "2024-05-31"),
        ("in mei", "2024-06-01", "in mei", "2025-05-31"),
        ("in juni", "2024-04-05", "in juni", "2024-06-30"),
        ("in april van 2024", "2024-04-11", "in april van 2024", "2024-04-30"),
        ("eind dit jaar", "2024-05-01", "eind dit jaar", "2024-12-31"),
        ("voor het einde van het jaar", "2024-11-15", "voor het einde van het jaar",
         "2024-12-31"),
        ("het komend jaar", "2024-05-01", "het komend jaar", "2024-12-31"),
        ("begin volgend jaar", "2024-05-01", "begin volgend jaar", "2025-03-31"),
        ("voor 1 december 2023", "2023-05-01", "voor 1 december 2023", "2023-12-01"),
        ("binnen drie maanden", "2024-03-31", "binnen drie maanden", "2024-06-30"),
        ("binnen 6 weken", "2024-03-01", "binnen 6 weken", "2024-04-12"),
        # glued by extraction
        ("ditvoorjaar naar", "2024-11-18", "ditvoorjaar", "2025-06-30"),
        ("onderzoekin het eerste kwartaal van 2025", "2024-11-14",
         "in het eerste kwartaal van 2025", "2025-03-31"),
    ],
)  # fmt: skip
def test_a_time_phrase_gives_its_latest_date(
    text: str, answered: str, due_text: str, expected: str
) -> None:
    assert due(text, answered) == (due_text, expected)


@pytest.mark.parametrize(
    ("text", "due_text"),
    [
        ("binnenkort", "binnenkort"),
        ("zo spoedig mogelijk", "zo spoedig mogelijk"),
        ("op korte termijn", "op korte termijn"),
        ("bij de voorjaarsnota", "bij de voorjaarsnota"),
        ("voor de begrotingsbehandeling", "voor de begrotingsbehandeling"),
        ("tijdens COP29 op een persconferentie", "tijdens COP29"),
        ("na afronding van het onderzoek", "na afronding van het onderzoek"),
        ("Wanneer dit onderzoek is afgerond zal ik", "Wanneer dit onderzoek is afgerond zal ik"),
        ("binnen vier weken na ontvangst van het bezwaar", "binnen vier weken na ontvangst van"
         " het bezwaar"),
    ],
)  # fmt: skip
def test_vague_words_and_events_keep_their_words_without_a_date(text: str, due_text: str) -> None:
    assert due(text, "2024-06-01") == (due_text, None)


def test_no_time_words_no_due() -> None:
    assert find_dues("Ik zal de Kamer over de uitkomsten informeren.", "2024-01-01") == []


def test_without_an_answer_date_the_words_stay_without_a_date() -> None:
    assert due("voor de zomer", None) == ("voor de zomer", None)  # type: ignore[arg-type]
