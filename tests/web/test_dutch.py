"""Dutch in the pages: dates, numbers, plurals, invalid input, the search syntax, the
API documentation (a description for every parameter, 400 rather than 422)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kamervragen.web.dutch import invalid_input, long_date, number, plural, query_error, short_date

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_dates_numbers_and_plurals() -> None:
    assert long_date("2017-10-06") == "6 oktober 2017"
    assert long_date(dt.date(2024, 3, 1)) == "1 maart 2024"
    assert long_date(None) == "–" and long_date("onbekend") == "onbekend"
    assert short_date("2024-11-19") == "19 nov. 2024" and short_date("2024-05-02") == "2 mei 2024"
    assert number(1234567) == "1.234.567" and number(2.5) == "2,5" and number(None) == "–"
    assert plural(1, "set", "sets") == "1 set" and plural(0, "set", "sets") == "0 sets"
    assert plural(2000, "paar", "paren") == "2.000 paren"


def test_invalid_input_said_in_dutch() -> None:
    message = invalid_input(
        [{"type": "date_from_datetime_parsing", "loc": ("query", "van"), "input": "2024-13-01"}]
    )
    assert message == 'ongeldige invoer: van "2024-13-01": ongeldige datum (gebruik JJJJ-MM-DD)'
    assert "kies uit 'a', 'b'" in invalid_input(
        [{"type": "literal_error", "loc": ("query", "x"), "input": "c",
          "ctx": {"expected": "'a' or 'b'"}}]
    )  # fmt: skip
    assert query_error("OR needs a word or phrase on both sides").startswith("OR heeft")
    assert "positie 3" in query_error('unclosed quote at position 3: end the phrase with "')
    assert query_error("something new") == "something new"


def test_pages_speak_dutch(sqlite_client: TestClient) -> None:
    bad = sqlite_client.get("/zoeken.json", params={"q": "x", "van": "2024-13-01"})
    assert bad.status_code == 400 and "ongeldige datum" in bad.json()["error"]
    syntax = sqlite_client.get("/zoeken.json", params={"q": '"open'})
    assert "niet gesloten" in syntax.json()["error"]
    case = sqlite_client.get("/zaak/2024Z18794").text
    assert "19 november 2024" in case and "57 dagen oud" in case
    stats = sqlite_client.get("/statistiek").text
    assert "Tweede Kamer der Staten-Generaal" in stats and "tweede-kamer" not in stats
    json_twin = sqlite_client.get("/zaak/2024Z18794.json").json()
    assert json_twin["submitted"] == "2024-11-19"  # ISO in JSON


def test_openapi_describes_every_parameter_and_answers_400(sqlite_client: TestClient) -> None:
    schema = sqlite_client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (path, parameter["name"])
            assert "422" not in operation["responses"], path
            if operation.get("parameters"):
                error = operation["responses"]["400"]["content"]["application/json"]
                assert error["schema"] == {"$ref": "#/components/schemas/Fout"}
    assert "HTTPValidationError" not in schema["components"]["schemas"]
