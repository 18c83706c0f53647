"""The case page says when its document may be incomplete (its quality flags)."""

from __future__ import annotations

from pathlib import Path

from webapp import make_client

from kamervragen.ingest import ingest
from kamervragen.storage import open_store

FLAGGED = (
    Path(__file__).parents[1]
    / "data"
    / "unlabelled"
    / "limburg__AH613_2024Z14814__Antwoord_op_vragen_van_het_lid_Slagt-Tic_7e9bcc.docx.txt"
)
WHOLE = Path(__file__).parents[1] / "data" / "dev" / "seed__000_316d3c91a035becd.txt"


def test_case_page_shows_the_quality_notice_only_when_flagged(tmp_path: Path) -> None:
    url = str(tmp_path / "kamervragen.db")
    with open_store(url) as store:
        assert ingest(store, [FLAGGED, WHOLE]).added == 2
    with make_client(url) as client:
        flagged = client.get("/zaak/2024Z14814")
        assert flagged.status_code == 200
        assert "deze tekst is mogelijk onvolledig" in flagged.text
        assert "verwijzingen naar voetnoten die ontbreken" in flagged.text
        twin = client.get("/zaak/2024Z14814.json").json()
        assert twin["quality"] == ["markers-without-footnotes"]
        assert twin["quality_reasons"] == ["verwijzingen naar voetnoten die ontbreken"]
        case = client.get("/zoeken.json", params={"q": "radicalisering"}).json()["hits"][0]
        whole = client.get(case["path"].split("#")[0])
        assert whole.status_code == 200
        assert "mogelijk onvolledig" not in whole.text
