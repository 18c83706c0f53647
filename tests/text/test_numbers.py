import pytest

from kamervragen.text.headings import match_heading
from kamervragen.text.numbers import expand_numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", ["1"]),
        ("2, 3 en 4", ["2", "3", "4"]),
        ("2 tot en met 4", ["2", "3", "4"]),
        ("2 t/m 4", ["2", "3", "4"]),
        ("2-4", ["2", "3", "4"]),
        ("2 – 4", ["2", "3", "4"]),
        ("3a", ["3a"]),
        ("3a en 3b", ["3a", "3b"]),
        ("8, 9, 10 en 11", ["8", "9", "10", "11"]),
        ("4 en 5", ["4", "5"]),
        ("11, 12 en 13", ["11", "12", "13"]),
        ("1, 2 t/m 4 en 7", ["1", "2", "3", "4", "7"]),
        ("4 & 5", ["4", "5"]),
    ],
)
def test_expand_numbers(text: str, expected: list[str]) -> None:
    assert expand_numbers(text) == expected


def test_expand_numbers_ignores_backward_and_huge_ranges() -> None:
    assert expand_numbers("5-2") == ["5", "2"]
    assert expand_numbers("1-900") == ["1", "900"]


@pytest.mark.parametrize(
    ("line", "kind", "numbers", "rest"),
    [
        ("Vraag 1", "vraag", ["1"], ""),
        ("Vraag 2 ", "vraag", ["2"], ""),
        (
            "Vraag 1: Bent u bekend met het bericht?",
            "vraag",
            ["1"],
            "Bent u bekend met het bericht?",
        ),
        ("Vraag 3, 4 en 5", "vraag", ["3", "4", "5"], ""),
        ("Vraag 3a", "vraag", ["3a"], ""),
        ("Antwoord 2, 3 en 4", "antwoord", ["2", "3", "4"], ""),
        ("Antwoord op vraag 4:", "antwoord", ["4"], ""),
        ("Antwoord op de vragen 2 en 3", "antwoord", ["2", "3"], ""),
        ("Antwoord op vragen 2 tot en met 4", "antwoord", ["2", "3", "4"], ""),
        ("Antwoorden op vraag 3, 4, 5, 9 en 10", "antwoord", ["3", "4", "5", "9", "10"], ""),
        ("Antwoord vraag 4-7:", "antwoord", ["4", "5", "6", "7"], ""),
        ("Antwoord", "antwoord", [], ""),
        ("Antwoord:", "antwoord", [], ""),
    ],
)
def test_headings(line: str, kind: str, numbers: list[str], rest: str) -> None:
    heading = match_heading(line)
    assert heading is not None
    assert (heading.kind, heading.numbers, heading.rest) == (kind, numbers, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Vragen van het lid Tellegen (VVD) aan de Minister",
        "Antwoord van Minister Asscher (Sociale Zaken en Werkgelegenheid)",
        "Vraag 2 is al beantwoord in het antwoord op vraag 1",
        "In antwoord 3 staat dat",
    ],
)
def test_not_headings(line: str) -> None:
    assert match_heading(line) is None
