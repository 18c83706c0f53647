"""Volgen: follow a case, member, party, ministry or search by e-mail, from the website.

The only pages that write (the rest of the site reads). ``POST /volgen`` makes an
unconfirmed subscription and mails its confirmation link, nothing else; the link's page
confirms it with a button (a mail scanner that opens links confirms nothing). Every
alert links to ``/volgen/beheer/{token}``, where the address's subscriptions are listed
and each can be ended, and to ``/volgen/afmelden/{token}``, which also takes the
one-click ``POST`` of RFC 8058. A token is the secret of one subscription: who holds it
received its mail.

Protection: the form carries a token equal to a cookie only this site sets
(``SameSite=Strict``, double submit), and a request from another origin is refused;
at most :data:`PER_CLIENT` requests an hour per client and :data:`PER_ADDRESS`
confirmation mails a day per address (the table ``alert_requests``).

E-mail goes through the SMTP server of ``KAMERVRAGEN_SMTP_*``
(:class:`kamervragen.alerts.SmtpSettings`); without one the form is not shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Path
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kamervragen.alerts import (
    DELIVERIES,
    DeliveryError,
    SmtpMailer,
    SmtpSettings,
    Subscription,
    by_token,
    confirm,
    confirmation_mail,
    subscribe,
    subscriptions,
    unsubscribe,
)
from kamervragen.alerts.subscriptions import DELIVERY_LABELS, check_address, now_text
from kamervragen.errors import KamervragenError
from kamervragen.storage import Store, open_store
from kamervragen.storage import alerts as sql
from kamervragen.web.deps import RendererDep

COOKIE = "kv_csrf"
PER_CLIENT = 10  # subscription requests an hour from one client
PER_ADDRESS = 3  # confirmation mails a day to one address
# What the web may follow (a commitments or late-list subscription is the operator's).
WEB_KINDS = {"case": "zaak", "member": "Kamerlid", "party": "partij", "ministry": "ministerie",
             "search": "zoekvraag"}  # fmt: skip
# The search page's filter parameters → SearchFilters' fields.
SEARCH_PARAMS = {
    "partij": "party", "lid": "member", "ministerie": "ministry", "minister": "minister",
    "van": "submitted_from", "tot": "submitted_to", "beantwoord_van": "received_from",
    "beantwoord_tot": "received_to", "jaar": "year", "soort": "kind", "status": "status",
}  # fmt: skip

TokenParam = Annotated[str, Path(description="Het sleutelwoord uit de e-mail van kamervragen")]

router = APIRouter(tags=["volgen"])


@dataclass
class Follow:
    """What the follow pages need: where mail goes from, and where links point to."""

    db: str
    mailer: SmtpMailer | None
    site_url: str | None = None  # default: the address the request came to

    def site(self, request: Request) -> str:
        return self.site_url or str(request.base_url).rstrip("/")


class CsrfCookie:
    """ASGI middleware: every request gets a CSRF token (``scope["state"]["csrf"]``),
    from its cookie or new; a page that used a new one sets the cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = SimpleCookie()
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                try:
                    cookies.load(value.decode("latin-1"))
                except Exception:  # a malformed cookie header is as none
                    cookies = SimpleCookie()
        given = cookies[COOKIE].value if COOKIE in cookies else ""
        token = given if len(given) == 43 else secrets.token_urlsafe(32)
        state = scope.setdefault("state", {})
        state["csrf"] = token

        async def send_with_cookie(message: Message) -> None:
            if (
                message["type"] == "http.response.start"
                and token != given
                and state.get("csrf_used")
            ):
                secure = "; Secure" if scope.get("scheme") == "https" else ""
                cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}"
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"set-cookie", cookie.encode())],
                }
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def csrf_token(request: Request) -> str:
    """For a form: the token the cookie holds (set with this page if it is new)."""
    request.state.csrf_used = True
    return str(request.state.csrf)


def follow_enabled(request: Request) -> bool:
    follow: Follow | None = getattr(request.app.state, "follow", None)
    return follow is not None and follow.mailer is not None


def follow_filters(request: Request) -> list[tuple[str, str]]:
    """The search page's filters, to be kept with a followed search."""
    return [(k, v) for k, v in request.query_params.items() if k in SEARCH_PARAMS and v]


def install(app: FastAPI, db: str, mailer: SmtpMailer | None = None) -> None:
    """Add the follow pages to ``app`` (over the store at ``db``); mail through ``mailer``,
    by default the SMTP server the environment names (none: the form is not shown)."""
    if mailer is None:
        settings = SmtpSettings.from_env()
        mailer = SmtpMailer(settings) if settings else None
    from kamervragen.alerts import site_url

    app.state.follow = Follow(db, mailer, site_url() if _site_configured() else None)
    app.state.renderer.env.globals.update(
        csrf_token=csrf_token, follow_enabled=follow_enabled, follow_filters=follow_filters,
        delivery_labels=DELIVERY_LABELS,
    )  # fmt: skip
    app.include_router(router)
    app.add_middleware(CsrfCookie)


def _site_configured() -> bool:
    import os

    return bool(os.environ.get("KAMERVRAGEN_SITE_URL"))


def _follow(request: Request) -> Follow:
    follow: Follow = request.app.state.follow
    return follow


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return origin.rstrip("/") == str(request.base_url).rstrip("/")


def _limited(store: Store, key: str, limit: int, window: dt.timedelta, now: dt.datetime) -> bool:
    return sql.requests_since(store, key, now_text(now - window)) >= limit


def _address_key(address: str) -> str:
    return "email:" + hashlib.sha256(address.lower().encode()).hexdigest()[:32]


def _count(store: Store, key: str, now: dt.datetime) -> None:
    """One more request of ``key``; requests older than two days are forgotten."""
    sql.record_request(store, key, now_text(now), now_text(now - dt.timedelta(days=2)))


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _request_subscription(
    follow: Follow, client: str, kind: str, target: str, email: str, delivery: str,
    filters: dict[str, Any], site: str,
) -> Subscription:  # fmt: skip
    """Make (or find) the unconfirmed subscription and mail its confirmation link."""
    now = dt.datetime.now(dt.UTC)
    address = check_address("email", email)
    with open_store(follow.db) as store:
        with store.transaction():
            if _limited(store, f"client:{client}", PER_CLIENT, dt.timedelta(hours=1), now):
                raise Refused(429, "te veel aanvragen vanaf dit adres; probeer het over een uur")
            sql.record_request(
                store, f"client:{client}", now_text(now), now_text(now - dt.timedelta(days=2))
            )
        same = [
            s for s in subscriptions(store, address=address)
            if (s.kind, s.target, s.filters, s.channel) == (kind, target, filters, "email")
        ]  # fmt: skip
        if same and same[0].confirmed:
            return same[0]  # nothing to confirm; said the same way, so nothing is told
        key = _address_key(address)
        with store.transaction():
            if _limited(store, key, PER_ADDRESS, dt.timedelta(days=1), now):
                raise Refused(
                    429, "er zijn vandaag al genoeg bevestigingsmails naar dit adres gestuurd"
                )
            _count(store, key, now)
        sub = same[0] if same else subscribe(
            store, kind, target, address, delivery=delivery, filters=filters, confirmed=False
        )  # fmt: skip
        assert follow.mailer is not None
        try:
            follow.mailer.send(confirmation_mail(sub, site))
        except DeliveryError:
            if not same:
                unsubscribe(store, sub.token)
            raise Refused(
                502, "de bevestigingsmail kon niet worden verstuurd; probeer het later"
            ) from None
    return sub


MAX_FORM = 16 * 1024


async def _form(request: Request) -> dict[str, str] | None:
    """A urlencoded form's fields (the first value of each); None if it is too large."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return None
    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    found: dict[str, str] = {}
    for name, value in pairs:
        found.setdefault(name, value)
    return found


def _search_filters(form: dict[str, str]) -> dict[str, Any]:
    """The followed search's filters, from the form's ``f_…`` fields."""
    filters: dict[str, Any] = {}
    for name, field in SEARCH_PARAMS.items():
        value = form.get(f"f_{name}", "")
        if value:
            filters[field] = int(value) if field == "year" and value.isdigit() else value
    return filters


def _form_error(form: dict[str, str] | None, request: Request) -> tuple[int, str] | None:
    """Why this form cannot be taken (status, message), or None."""
    if form is None:
        return 413, "het formulier is te groot"
    if not _same_origin(request):
        return 403, "dit formulier komt niet van deze site"
    csrf = form.get("csrf", "")
    if not csrf or not hmac.compare_digest(csrf.encode(), str(request.state.csrf).encode()):
        return 403, "het formulier is verlopen; laad de pagina opnieuw"
    kind, delivery = form.get("soort", ""), form.get("frequentie", "immediate")
    if kind not in WEB_KINDS:
        return 400, f"soort {kind!r}: kies uit {', '.join(WEB_KINDS)}"
    if delivery not in DELIVERIES:
        return 400, f"frequentie {delivery!r}: kies uit {', '.join(DELIVERIES)}"
    if not 1 <= len(form.get("doel", "")) <= 500:
        return 400, "doel: geef 1 tot 500 tekens"
    if not 3 <= len(form.get("email", "")) <= 254:
        return 400, "e-mail: geef een e-mailadres"
    return None


@router.post(
    "/volgen",
    summary="Volgen per e-mail aanvragen (stuurt een bevestigingslink)",
    description="Een formulier van deze site (velden soort, doel, email, frequentie, csrf en"
    " voor een zoekvraag f_partij …); het adres krijgt alleen een bevestigingsmail. Ten"
    " hoogste 10 aanvragen per uur per client en 3 mails per dag per adres (429).",
)
async def request_follow(request: Request, render: RendererDep) -> Response:
    follow = _follow(request)
    if follow.mailer is None:
        return render.error(request, 503, "volgen per e-mail is op deze site niet ingesteld")
    form = await _form(request)
    refusal = _form_error(form, request)
    if refusal or form is None:
        status, message = refusal or (400, "geen formulier")
        return render.error(request, status, message)
    kind = form["soort"]
    filters = _search_filters(form) if kind == "search" else {}
    try:
        sub = await run_in_threadpool(
            _request_subscription, follow, _client(request), kind, form["doel"], form["email"],
            form.get("frequentie", "immediate"), filters, follow.site(request),
        )  # fmt: skip
    except Refused as exc:
        return render.error(request, exc.status, str(exc))
    except KamervragenError as exc:
        return render.error(request, 400, str(exc))
    data = {
        "status": "bevestiging verstuurd",
        "address": sub.address,
        "follows": sub.describe(),
        "delivery": sub.delivery,
    }
    extra = {"title": "Controleer uw e-mail", "page": "sent"}
    return render.respond(request, "volgen.html", data, extra, status_code=202)


def _subscription_page(
    request: Request, render: Any, token: str, page: str, title: str, status_code: int = 200
) -> Response:
    follow = _follow(request)
    with open_store(follow.db) as store:
        sub = by_token(store, token)
        if sub is None:
            return render.error(request, 404, "deze link is onbekend of al gebruikt")
        others = subscriptions(store, address=sub.address) if page == "manage" else [sub]
    data = {
        "page": page,
        "address": sub.address,
        "subscription": _public(sub),
        "subscriptions": [_public(s) for s in others],
    }
    return render.respond(
        request, "volgen.html", data, {"title": title, "token": token}, status_code=status_code
    )


def _public(sub: Subscription) -> dict[str, Any]:
    return {**sub.to_dict(), "token": sub.token}


@router.get("/volgen/bevestigen/{token}", summary="Volgen bevestigen (pagina met knop)")
def confirm_page(request: Request, render: RendererDep, token: TokenParam) -> Response:
    return _subscription_page(request, render, token, "confirm", "Volgen bevestigen")


@router.post("/volgen/bevestigen/{token}", summary="Volgen bevestigen")
def confirm_follow(request: Request, render: RendererDep, token: TokenParam) -> Response:
    with open_store(_follow(request).db) as store:
        if confirm(store, token) is None:
            return render.error(request, 404, "deze link is onbekend of al gebruikt")
    return _subscription_page(request, render, token, "confirmed", "Bevestigd")


@router.get("/volgen/beheer/{token}", summary="Meldingen van een adres beheren")
def manage_page(request: Request, render: RendererDep, token: TokenParam) -> Response:
    return _subscription_page(request, render, token, "manage", "Uw meldingen")


@router.get("/volgen/afmelden/{token}", summary="Afmelden (pagina met knop)")
def unsubscribe_page(request: Request, render: RendererDep, token: TokenParam) -> Response:
    return _subscription_page(request, render, token, "unsubscribe", "Afmelden")


@router.post(
    "/volgen/afmelden/{token}",
    summary="Afmelden, ook met één klik (RFC 8058: List-Unsubscribe=One-Click)",
)
def unsubscribe_follow(request: Request, render: RendererDep, token: TokenParam) -> Response:
    with open_store(_follow(request).db) as store:
        gone = unsubscribe(store, token)
    if gone is None:
        return render.error(request, 404, "deze link is onbekend of al gebruikt")
    data = {"page": "unsubscribed", "address": gone.address, "subscription": gone.to_dict(),
            "subscriptions": []}  # fmt: skip
    return render.respond(request, "volgen.html", data, {"title": "Afgemeld", "token": None})
