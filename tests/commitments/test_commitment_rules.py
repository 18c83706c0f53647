"""Which sentences are commitments: one test per rule of the commitments contract."""

from __future__ import annotations

import pytest

from kamervragen.commitments.extract import sentence_commitment

ANSWERED = "2024-03-15"


def counts(sentence: str) -> bool:
    return sentence_commitment(sentence, ["1"], ANSWERED) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        # first person, future act
        "Ik zal uw Kamer voor de zomer informeren over de uitkomsten.",
        "Daarom zal ik de mogelijkheid tot een verbod onderzoeken.",
        "Het kabinet zal in een separate brief op deze vraag ingaan.",
        "Mijn departement zal de implementatie van deze richtlijn ter hand nemen.",
        "Hierover ga ik het gesprek aan met de Nederlandse orde van advocaten.",
        "Ten slotte zullen de Staatssecretaris van JenV en ikzelf in april opvolging geven.",
        # no date needed
        "Ik zal de Kamer over de uitkomsten informeren.",
        # present tense with a future meaning
        "Ik stuur uw Kamer voor de zomer een brief.",
        "Ik informeer u hier zo spoedig mogelijk over.",
        "Ik kan dit percentage niet verklaren en laat hier nog nader naar kijken.",
        # a passive with the government as agent
        "De Kamer wordt voor de zomer geïnformeerd.",
        "Het rapport wordt na ontvangst aan uw Kamer gezonden.",
        "In het nieuwe Klimaatplan zal hier nader aandacht aan worden besteed.",
        "Uw Kamer wordt door de Staatssecretaris van JenV geïnformeerd over de voortgang.",
        "Voor het einde van 2024 wordt er een leidraad opgesteld.",
        # a dated intention to act
        "Ik verwacht uw Kamer dit najaar te informeren over de voortgang.",
        "Ik ben voornemens om u in april bij separate brief nader te informeren.",
        # a temporal clause is not a condition
        "Wanneer dit onderzoek is afgerond zal ik uw Kamer informeren.",
        # words glued by extraction
        "Ik zalcliëntenorganisaties vragen in hoeverre zij dit herkennen.",
        "De Tweede Kamer wordt hierovergeïnformeerd in het eerste kwartaal van 2025.",
    ],
)
def test_a_promise_counts(sentence: str) -> None:
    assert counts(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # ongoing policy and intentions without a concrete act
        "Het kabinet zet in op een gezonde leefomgeving.",
        "Ik blijf in gesprek met de sector.",
        "Ik zal de ontwikkelingen nauwlettend blijven volgen.",
        "Ik hecht veel waarde aan een goede samenwerking.",
        "Ik zie geen aanleiding om het beleid aan te passen.",
        "Wel wil ik samen met de partijen toewerken naar een nieuw model.",
        # acts already done
        "Ik heb uw Kamer op 5 maart een brief gestuurd.",
        "In februari 2023 is de Kamer geïnformeerd over het inzetkader.",
        # acts of others
        "De gemeente zal de regeling aanpassen.",
        "De NVWA zal de komende periode het toezicht intensiveren.",
        "Het rapport zal door de Raad voor Cultuur worden gepubliceerd.",
        "Naar verwachting zal dit vervolgonderzoek aan het einde van het jaar worden afgerond.",
        # conditional and hedged offers
        "Indien nodig zal ik de Kamer informeren.",
        "Als er signalen zijn, zal dit uiteraard worden onderzocht.",
        "Ik ben bereid te bezien of een aanpassing nodig is.",
        "Ik zal bezien of een aanpassing nodig is.",
        "Op basis hiervan bekijk ik samen met UWV of en welke vervolgactie nodig is.",
        "In de komende periode zal ik bezien op welke wijze deze grondslag zal worden ingevuld.",
        # work under way, told in the present tense
        "Op dit moment laat ik enkele scenario's onderzoeken.",
        "Deze maatregelen worden momenteel uitgewerkt in het regeerprogramma.",
        # refusals and limits
        "Ik zal hier geen onderzoek naar doen.",
        "In de reactie op de motie zal alleen ingegaan worden op de besteding.",
        # the answer itself
        "Hieronder zal ik ingaan op de specifieke vragen.",
        "Gezien de samenhang zal ik deze vragen gezamenlijk beantwoorden.",
        "Via de beantwoording van deze vragen informeer ik u over de uitkomsten.",
        "Op de genoemde motie ga ik in het antwoord op vraag 5 nader in.",
        # "gaan" that is not a future
        "Als minister ga ik hier niet over.",
        "Tot slot ga ik ervan uit dat de signalen serieus worden genomen.",
        # expectations
        "De eerste effecten worden op dit moment verwacht in 2026.",
        "Ik verwacht dat de overname geen gevolgen zal hebben.",
    ],
)
def test_no_promise_does_not_count(sentence: str) -> None:
    assert not counts(sentence)


def test_a_commitment_keeps_the_sentence_its_questions_and_when() -> None:
    c = sentence_commitment(
        "Uw Kamer wordt hierover dit najaar geïnformeerd.", ["10"], "2024-08-22"
    )
    assert c is not None
    assert c.to_dict() == {
        "questions": ["10"],
        "text": "Uw Kamer wordt hierover dit najaar geïnformeerd.",
        "due_text": "dit najaar",
        "due": "2024-12-31",
    }


def test_the_time_words_are_those_of_the_promise() -> None:
    c = sentence_commitment(
        "Op 26 september vindt er een bijeenkomst plaats en ik verwacht uw Kamer dit najaar "
        "te informeren over de voortgang.",
        ["5"],
        "2024-08-22",
    )
    assert c is not None and (c.due_text, c.due) == ("dit najaar", "2024-12-31")
