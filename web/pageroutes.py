"""The what-if page itself and what it asks first (:mod:`web.app`): ``GET /`` the page, ``GET /api/setup`` its
levers, the library and the fixed words; and how the page names a process and its deadline."""

from __future__ import annotations

from importlib import resources
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from bpmn_io.library import library_names
from bpmn_io.profile import LANGUAGES, shown_name
from report.deadlines import deadline_said, profile_clock
from scenarios.bases import Base, library_base
from web.levers import LEVERS, RUN_LEVERS, decision_levels, status_quo
from web.texts import TEXTS
from web.whatif import MAX_UPLOAD_BYTES

__all__ = ["page", "setup", "deadline_texts", "DEADLINE_TEXTS", "HERE", "display_names"]

HERE = resources.files("web")


def display_names(bases: tuple[Base, ...]) -> dict[str, dict[str, str]]:
    """Each process's name as the page shows it, per language (a profile's ``names:``, else its ``municipality:``)."""
    return {b.name: {lang: shown_name(b.profile, lang, b.name) for lang in LANGUAGES} for b in bases}


async def page(request: Request) -> Response:
    html = (HERE / "templates" / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                                                    "style-src 'self' 'unsafe-inline'"})


#: the form's fixed words that name the library's deadline (web/texts.py: "4 månader")
DEADLINE_TEXTS = ("deadline", "goal_percent", "goal_share", "goal_low")


def deadline_texts(clock: tuple[float | None, float | None] | None) -> dict[str, dict[str, str]] | None:
    """The form's fixed words that name the deadline, for a process's (deadline, extension) in hours
    (``(None, None)``: processes of different deadlines, "the deadline"); None for a process without
    a legal clock (it has no deadline to name). The page uses the chosen processes' words."""
    if clock is None:
        return None
    return {key: {lang: deadline_said(TEXTS[key][lang], lang, *clock) for lang in ("sv", "en")}
            for key in DEADLINE_TEXTS}


def _library() -> list[dict[str, Any]]:
    out = []
    for name in library_names():
        base = library_base(name, source="library", line=None)
        out.append({"name": name, "display": str(base.profile.get("municipality") or name),
                    "names": display_names((base,))[name],
                    "status_quo": status_quo(base.profile, base.bpmn), "levels": decision_levels(base.profile),
                    "deadline_texts": deadline_texts(profile_clock(base.profile))})
    return out


async def setup(request: Request) -> Response:
    levers = [{"key": lv.key, "sv": lv.sv, "en": lv.en, "kind": lv.kind, "low": lv.low, "high": lv.high,
               "choices": list(lv.choices), "step": lv.step, "share": lv.share} for lv in (*LEVERS, *RUN_LEVERS)]
    library = await run_in_threadpool(_library)
    return JSONResponse({"levers": levers, "library": library, "texts": TEXTS,
                         "deadline_generic": deadline_texts((None, None)), "max_upload_bytes": MAX_UPLOAD_BYTES})
