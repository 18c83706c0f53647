"""References found in the text: each kind, its official target, order and duplicates."""

from __future__ import annotations

import time

import pytest

from kamervragen import parse_text
from kamervragen.errors import ParseError
from kamervragen.parsing.references import MAX_REFERENCES, find_references


def _one(text: str) -> tuple[str, str, str]:
    refs = find_references([text])
    assert len(refs) == 1, refs
    return refs[0].kind, refs[0].text, refs[0].target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "zie de brief (Kamerstuk 29 754, nr. 430).",
            ("kamerstuk", "Kamerstuk 29 754, nr. 430", "kst-29754-430"),
        ),
        ("eerder gemeld in 29 754, nr. 430.", ("kamerstuk", "29 754, nr. 430", "kst-29754-430")),
        (
            "Kamerstukken II 2023/24, 36 410 IV, nr. 15",
            ("kamerstuk", "Kamerstukken II 2023/24, 36 410 IV, nr. 15", "kst-36410-IV-15"),
        ),
        (
            "Kamerstuk 21 501-02, nr.2498 gaat over",
            ("kamerstuk", "Kamerstuk 21 501-02, nr.2498", "kst-21501-02-2498"),
        ),
        (
            "Kamerstuk 29 629, 32 761, nr. 1156",
            ("kamerstuk", "Kamerstuk 29 629, 32 761, nr. 1156", "kst-29629-1156"),
        ),
        (
            "de motie van het lid Bikker over jeugdzorg (Kamerstuk 36 200 XVI, nr. 12) is",
            ("motion", "Kamerstuk 36 200 XVI, nr. 12", "kst-36200-XVI-12"),
        ),
        (
            "Aanhangsel Handelingen, vergaderjaar 2018–2019, nr. 3932",
            (
                "aanhangsel",
                "Aanhangsel Handelingen, vergaderjaar 2018–2019, nr. 3932",
                "ah-tk-20182019-3932",
            ),
        ),
        (
            "Aanhangsel Handelingen II 2023/24, nr. 1743",
            ("aanhangsel", "Aanhangsel Handelingen II 2023/24, nr. 1743", "ah-tk-20232024-1743"),
        ),
        (
            "Aanhangsel Handelingen I 2022/23, nr. 12",
            ("aanhangsel", "Aanhangsel Handelingen I 2022/23, nr. 12", "ah-ek-20222023-12"),
        ),
        (
            "besproken (Handelingen II 2023/24, nr. 12, item 5).",
            ("handelingen", "Handelingen II 2023/24, nr. 12, item 5", "h-tk-20232024-12-5"),
        ),
        (
            "Zie https://nos.nl/artikel/2484088-te-weinig-stroom).",
            (
                "url",
                "https://nos.nl/artikel/2484088-te-weinig-stroom",
                "https://nos.nl/artikel/2484088-te-weinig-stroom",
            ),
        ),
        (
            "op www.rijksoverheid.nl.",
            ("url", "www.rijksoverheid.nl", "https://www.rijksoverheid.nl"),
        ),
        (
            "ECLI:NL:RBZWB:2014:5503, r.o. 4",
            ("ecli", "ECLI:NL:RBZWB:2014:5503", "ECLI:NL:RBZWB:2014:5503"),
        ),
        ("de vragen met kenmerk 2024Z14247 zijn", ("zaak", "2024Z14247", "2024Z14247")),
        ("Stb. 2024, 153", ("staatsblad", "Stb. 2024, 153", "stb-2024-153")),
        ("Stcrt. 2020, nr. 68088", ("staatscourant", "Stcrt. 2020, nr. 68088", "stcrt-2020-68088")),
    ],
)
def test_each_kind_and_its_target(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text) == expected


def test_plain_numbers_are_not_references() -> None:
    text = "In 2023 waren er 12 500 meldingen, 3 000 meer dan in 2022; vraag 4, 5 en 6."
    assert find_references([text]) == []


def test_order_of_appearance_and_each_target_once() -> None:
    refs = find_references(
        ["Zie Kamerstuk 22 054, nr. 395 en ECLI:NL:RVS:2024:3946.", "Kamerstuk 22 054, nr. 395"]
    )
    assert [r.target for r in refs] == ["kst-22054-395", "ECLI:NL:RVS:2024:3946"]


def test_the_documents_own_id_and_zaak_are_left_out() -> None:
    refs = find_references(["2024Z18794 en 2024Z18795"], own=("kv-tk-2024Z18794", "2024Z18794"))
    assert [r.target for r in refs] == ["2024Z18795"]


SEED = """Vragen van het lid Omtzigt (CDA) aan de Staatssecretaris van Financiën over de tipgever
(ingezonden 7 februari 2018).

Vraag 1
Herinnert u zich uw antwoord (Aanhangsel Handelingen II 2016/17, nr. 2345)?1

Antwoord van Staatssecretaris Snel (Financiën) (ontvangen 26 maart 2018).

Antwoord 1
Ja. Zie ook https://www.rijksoverheid.nl/documenten.

1 Kamerstuk 31 066, nr. 119.
"""


def test_parse_fills_references_from_questions_answers_and_footnotes() -> None:
    record = parse_text(SEED)
    assert [(r.kind, r.target) for r in record.references] == [
        ("aanhangsel", "ah-tk-20162017-2345"),
        ("url", "https://www.rijksoverheid.nl/documenten"),
        ("kamerstuk", "kst-31066-119"),
    ]
    first = record.to_dict()["references"][0]
    assert first["text"] == "Aanhangsel Handelingen II 2016/17, nr. 2345"


# --- limits ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "repeated",
    ["Kamerstuk 29 754, nr. 430, ", "29 754, "],
    ids=["a reference 40,000 times", "dossier numbers without nr."],
)
def test_finding_references_takes_time_in_proportion_to_the_text(repeated: str) -> None:
    """Each reference was checked against every one found before it (8,000 took 1.6 s, a
    3 MB text ~1,000 s), and a list of dossier numbers was read again from each number."""
    text = repeated * 40_000
    # CPU time, not wall time: on a loaded machine the other processes do not count.
    # Linear takes about 1 s; quadratic, as it was, some 40 s.
    started = time.process_time()
    refs = find_references([text])
    assert time.process_time() - started < 15
    assert len(refs) == (1 if "nr." in repeated else 0)


def test_a_text_of_more_than_1000_references_is_refused() -> None:
    text = " ".join(f"Kamerstuk 29 754, nr. {n}." for n in range(MAX_REFERENCES + 1))
    with pytest.raises(ParseError, match="more than 1,000 references"):
        find_references([text])
    assert len(find_references([text.rsplit(" Kamerstuk", 1)[0]])) == MAX_REFERENCES
