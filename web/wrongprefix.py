"""A reverse proxy and ``permitflow serve`` set up for different prefixes: told apart from an ordinary
wrong address and said as such (:func:`web.replies.http_refusal`), on one page in the browser's language
and one line of the log: what arrived, what the server expected and what to change, the proxy or
``--root-path``.

A 404 is said to be a prefix that does not match when the address, without one or more leading segments,
is one this server answers, and those segments are not the prefix it was told:

- ``/permitflow/api/setup``, ``/permitflow/static/app.js``, ``/permitflow/healthz``: addresses only the
  page (or a monitoring set up from the docs) asks for; a prefix before them means the page was opened
  under it;
- ``/permitflow/`` (the page itself under a prefix) only with a sign that the request came through a
  proxy or from the address the server printed: a proxy's header (``X-Forwarded-*``, ``Forwarded``,
  ``Via``, ``X-Real-IP``), the server started behind a proxy (``--root-path`` or ``--trust-proxy``), or
  the token in the address. Without one, ``/permitflow/`` cannot be told from a person who typed a wrong
  address on the server's own port, and is said as any wrong address is (whose link, ``../``, then finds
  the page).

>>> served = {"/", "/api/setup"}.__contains__
>>> arrived_under("/permitflow/api/setup", "", served, sign=False)
'/permitflow'
>>> arrived_under("/permit/", "/permitflow", served, sign=True)
'/permit'
>>> arrived_under("/permit/", "", served, sign=False) is None
True
>>> arrived_under("/permitflow/old/bookmark", "/permitflow", served, sign=True) is None
True
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from web.proxy import SEGMENT

__all__ = ["arrived_under", "Mismatch", "mismatch", "PROXY_HEADERS", "MOST_SEGMENTS"]

#: the most segments of a prefix looked for (``/kommun/intranet/permitflow`` has three)
MOST_SEGMENTS = 8

#: headers a proxy adds to what it forwards (nginx only when told: the docs' location sets
#: X-Forwarded-Prefix)
PROXY_HEADERS = ("x-forwarded-for", "x-forwarded-prefix", "x-forwarded-host", "x-forwarded-proto",
                 "forwarded", "via", "x-real-ip")


def arrived_under(arrived: str, expected: str, answers: Callable[[str], bool], *, sign: bool) -> str | None:
    """The prefix the request for ``arrived`` came under, when it is not ``expected`` (``""``: none) and
    the rest of the address is one the server ``answers``; None when the address cannot be told from an
    ordinary wrong one (``sign``: the request shows it came through a proxy; needed for the page itself,
    ``/``)."""
    segments = arrived.split("/")[1:]
    # a prefix's segments one by one, each checked once: an address of thousands of segments costs no more
    # than its first few
    for cut in range(1, min(len(segments), MOST_SEGMENTS + 1)):
        last = segments[cut - 1]
        if not SEGMENT.fullmatch(last) or set(last) == {"."}:
            return None
        prefix, tail = "/" + "/".join(segments[:cut]), "/" + "/".join(segments[cut:])
        if prefix != expected and answers(tail) and (tail != "/" or sign):
            return prefix
    return None


@dataclass(frozen=True)
class Mismatch:
    """What the server says of a prefix that does not match: ``arrived`` the address as it came,
    ``prefix`` the one it came under, ``expected`` the server's (``""``: none), ``said_by`` who told the
    server (``--root-path``, the proxy's ``X-Forwarded-Prefix``; ``""``: no one)."""

    arrived: str
    prefix: str
    expected: str
    said_by: str

    @property
    def asked(self) -> str:
        """The address without the prefix: what the page asked for."""
        return self.arrived[len(self.prefix):]

    def detail(self, lang: str) -> str:
        """What arrived, what was expected and what to change, for whoever runs the server (and its
        log)."""
        p, e, sv = self.prefix, self.expected, lang == "sv"
        came = (f"Förfrågan kom till servern som {self.arrived}, men " if sv
                else f"The request reached the server as {self.arrived}, but ")
        strip = (f"låt proxyn ta bort {p} innan den skickar vidare (nginx: ett snedstreck efter porten i "
                 f"proxy_pass)" if sv else
                 f"have the proxy strip {p} before it forwards (nginx: a slash after the port in "
                 f"proxy_pass)")
        if not e:
            return came + (f"servern visar sina sidor under / (den startades utan --root-path): proxyn "
                           f"framför behåller alltså {p} i adressen. Starta permitflow serve med "
                           f"--root-path {p}, eller {strip}." if sv else
                           f"the server serves its pages under / (it was started without --root-path): "
                           f"the proxy in front keeps {p} in the address. Start permitflow serve with "
                           f"--root-path {p}, or {strip}.")
        if self.said_by == "--root-path":
            return came + (f"servern startades med --root-path {e}: den visar sina sidor under {e}/ "
                           f"(eller under / från en proxy som tar bort prefixet). Starta den med "
                           f"--root-path {p}, eller låt proxyn skicka vidare under {e}/, eller {strip}."
                           if sv else
                           f"the server was started with --root-path {e}: it serves its pages under {e}/ "
                           f"(or under / from a proxy that strips the prefix). Start it with --root-path "
                           f"{p}, or have the proxy forward under {e}/, or {strip}.")
        return came + (f"proxyns X-Forwarded-Prefix säger {e}. Låt proxyns X-Forwarded-Prefix säga {p}, "
                       f"det prefix den skickar vidare under, eller {strip}." if sv else
                       f"the proxy's X-Forwarded-Prefix says {e}. Have the proxy's X-Forwarded-Prefix say "
                       f"{p}, the prefix it forwards under, or {strip}.")

    def log_line(self, method: str) -> str:
        return (f"{method} {self.arrived}: the proxy's prefix and the server's do not match. "
                f"{self.detail('en')}")

    def words(self) -> tuple[str, str]:
        """The reply to the page's script (an ``/api/`` address): English, Swedish."""
        return (f"{_HEADING['en']} {self.detail('en')}", f"{_HEADING['sv']} {self.detail('sv')}")

    def page(self, lang: str) -> str:
        """One page in ``lang``: what happened in plain words, what to do, and the detail for whoever runs
        the server; styled as the what-if page (inline: under a prefix that does not match, its
        stylesheet is not found either)."""
        return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<title>{_TITLE[lang]}</title><style>{_STYLE}</style></head><body><main>'
                f'<h1>{_HEADING[lang]}</h1><p>{_TODO[lang]}</p>'
                f'<h2>{_FOR_IT[lang]}</h2><p class="detail">{html.escape(self.detail(lang))}</p>'
                f'</main></body></html>')


_TITLE = {"sv": "Fel adress – Vad händer om …?", "en": "Wrong address – What if …?"}
_HEADING = {"sv": "Sidan Vad händer om …? kan inte visas på den här adressen: servern och intranätets "
                  "webbserver är inställda på olika adresser.",
            "en": "The what-if page cannot be shown at this address: the server and the intranet's web "
                  "server are set up for different addresses."}
_TODO = {"sv": "Det är ett fel i inställningarna, inget du har gjort. Säg till den som driver servern "
               "(ofta it-avdelningen) och skicka med adressen du öppnade. Vad som ska ändras står här "
               "nedan och i serverns logg.",
         "en": "It is a fault in the setup, nothing you did. Tell whoever runs the server (often the IT "
               "department) and send them the address you opened. What to change is said below and in "
               "the server's log."}
_FOR_IT = {"sv": "För den som driver servern", "en": "For whoever runs the server"}
#: the what-if page's look (web/static/app.css: its font, width, colours and heading)
_STYLE = ("body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 1rem 3rem;"
          "color:#222}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem}"
          ".detail{color:#444;overflow-wrap:anywhere}")


def mismatch(scope: Mapping[str, Any], answers: Callable[[str], bool], query: Mapping[str, str],
             headers: Mapping[str, str]) -> Mismatch | None:
    """The prefix mismatch a 404 of the request ``scope`` shows (:func:`arrived_under`), or None: an
    ordinary wrong address. ``answers``: whether the app answers a path; ``query``, ``headers``: the
    request's."""
    arrived: str = scope.get("permitflow.arrived", scope["path"])
    expected: str = scope.get("root_path", "")
    sign = (any(h in headers for h in PROXY_HEADERS) or bool(scope.get("permitflow.behind_proxy"))
            or "token" in query)
    prefix = arrived_under(arrived, expected, answers, sign=sign)
    if prefix is None:
        return None
    return Mismatch(arrived, prefix, expected, scope.get("permitflow.prefix_by", "") if expected else "")
