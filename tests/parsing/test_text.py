import pytest

from kamervragen.parsing.text import join_broken_hyphens, join_lines
from kamervragen.text.normalize import clean_line


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["de woningzoeken-", "den in de regio"], "de woningzoekenden in de regio"),
        (["provincie Noord-", "Holland"], "provincie Noord-Holland"),
        (["een WIA-", "uitkering"], "een WIA-uitkering"),
        (["paspoort-", "en verblijfsstatushouders"], "paspoort- en verblijfsstatushouders"),
        (["politie-", "eenheden"], "politie-eenheden"),
        (["commerci-", "ële partij"], "commerciële partij"),
        (["het Midden-Oosten is", "onrustig"], "het Midden-Oosten is onrustig"),
        (["zit", "3. Ik bezie"], "zit 3. Ik bezie"),
        (["gesproken", ". Toekomstige"], "gesproken. Toekomstige"),
    ],
)
def test_join_lines_dehyphenates(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_paragraphs_from_blank_lines_and_short_lines() -> None:
    assert join_lines(["Eerste zin.", "", "Tweede zin."]) == "Eerste zin.\n\nTweede zin."
    # A blank line inside a sentence is a page break, not a paragraph break.
    assert join_lines(["de regering", "", "heeft besloten."]) == "de regering heeft besloten."
    wide = "x" * 80
    text = join_lines([wide, "Kort.", "Nieuwe alinea."], wide=80)
    assert text.endswith("Kort.\n\nNieuwe alinea.")


def test_midline_hyphen_artefacts() -> None:
    vocabulary = {"financiering"}
    assert join_broken_hyphens("van de financie-ring is", vocabulary) == "van de financiering is"
    assert join_broken_hyphens("dit is jongstle-den gebeurd", set()) == "dit is jongstleden gebeurd"
    assert (
        join_broken_hyphens("het non-discriminatiebeginsel", set())
        == "het non-discriminatiebeginsel"
    )
    assert join_broken_hyphens("per e-mail", set()) == "per e-mail"
    assert join_broken_hyphens("de politie-eenheden", set()) == "de politie-eenheden"
    assert join_broken_hyphens("VN-klimaattop", set()) == "VN-klimaattop"


def test_split_accents_rejoined() -> None:
    assert clean_line("Kostic´  (PvdD)") == "Kostić  (PvdD)"
    assert clean_line("Kostic ´ (PvdD)") == "Kostić (PvdD)"
    assert clean_line("Yes¸ ilgöz") == "Yeşilgöz"
