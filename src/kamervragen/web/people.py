"""Askers as persons on the pages: the people the app knows (the bundled snapshot, or the
folder ``$KAMERVRAGEN_PEOPLE`` that sync fills), loaded once."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request

from kamervragen.dates import as_date
from kamervragen.people import People, Person, load_people

_lock = threading.Lock()
PERSON_ID_KEYS = ("persoon_id", "person_id", "persoon")  # as a source may record it


def people_of(request: Request) -> People:
    state = request.app.state
    with _lock:
        found: People | None = getattr(state, "people", None)
        if found is None:
            found = state.people = load_people(os.environ.get("KAMERVRAGEN_PEOPLE") or None)
    return found


def asker_person(
    people: People, asker: Mapping[str, Any], day: str | dt.date | None
) -> Person | None:
    """The person an asker of a record (``name``, ``party``, maybe a Persoon id) is."""
    person_id = next((str(asker[k]) for k in PERSON_ID_KEYS if asker.get(k)), None)
    return people.link(str(asker.get("name") or ""), asker.get("party"), as_date(day), person_id)
