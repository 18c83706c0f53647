"""People's names as the records write them."""

import pytest

from kamervragen.text.names import standing_alone, surname


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("D.M. van Weel", "Van Weel"),
        ("J.Th. van der Lee", "Van der Lee"),
        ("C.  Kostić", "Kostić"),
        ("P.H.Omtzigt", "Omtzigt"),
        ("Van Weel", "Van Weel"),
        ("Inge van Dijk", "Inge van Dijk"),
        ("de Jonge", "de Jonge"),  # no initials: as written, as the parse output keeps it
    ],
)
def test_surname_drops_initials_and_writes_the_name_standing_alone(
    name: str, expected: str
) -> None:
    assert surname(name) == expected


def test_a_name_standing_alone_starts_with_a_capital() -> None:
    assert standing_alone("van der Plas") == "Van der Plas"
    assert standing_alone("Inge van Dijk") == "Inge van Dijk"
    assert standing_alone("") == ""
