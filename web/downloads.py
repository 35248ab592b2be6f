"""A finished run's figures as files (:mod:`web.app`): ``GET /api/runs/{id}/results.csv`` (``?lang=sv|en``)
and ``results.json`` a what-if's, as ``permitflow run`` writes them (:mod:`report.sheet`); ``goal-seek.csv``
and ``goal-seek.json`` a goal seek's table, as ``permitflow optimise`` writes it (the CSV's heads and codes in
words in the page's language)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bpmn_io.profile import LANGUAGES
from web.levers import said_back
from web.replies import NO_SUCH, error_reply, not_kept, refused
from web.runroutes import run_or_404
from web.texts import TEXTS
from web.whatif import BASELINE, SCENARIO

__all__ = ["results"]

#: the results' files of a run (:func:`results`), by the name their address ends with: what they are in words
_RESULTS = {"results.csv": ("its figures", "siffrorna"), "results.json": ("its figures", "siffrorna"),
            "goal-seek.csv": ("its table", "tabellen"), "goal-seek.json": ("its table", "tabellen")}
#: a goal seek's CSV as the page saves it, by language (the Swedish name in the header's UTF-8 form, RFC 6266)
_GOAL_CSV = {"en": 'filename="goal-seek.csv"',
             "sv": "filename=\"malsokning.csv\"; filename*=UTF-8''m%C3%A5ls%C3%B6kning.csv"}


async def results(request: Request) -> Response:
    """A finished what-if's results, as ``permitflow run`` writes them of the same question (its saved scenario):
    ``results.json`` the bytes of its ``summary.json``, ``results.csv`` its ``summary.csv`` as a spreadsheet in
    the page's language (``?lang=sv``, the default, or ``en``: :mod:`report.sheet`)."""
    from report.results import results_document, summary_json
    from report.sheet import sheet_names, summary_sheet

    name = request.path_params["file"]
    lang = request.query_params.get("lang", "sv")
    if name not in _RESULTS:
        return refused(request, NO_SUCH, 404)
    if name.endswith(".csv") and lang not in LANGUAGES:
        given = said_back(lang)
        return error_reply(f"The figures' language “{given}” is not one the page writes: sv (Swedish Excel: "
                           "semicolons and decimal commas) or en (commas and decimal points).",
                           sv=f"Siffrornas språk ”{given}” är inget som sidan skriver: sv (svensk Excel: "
                              "semikolon och decimalkomma) eller en (komma och decimalpunkt).", field="lang")
    run = run_or_404(request)
    if run is None:
        return not_kept(request, _RESULTS[name])
    with run.lock:
        state = run.state
    if state != "done":
        said = {"running": ("the run has not finished yet: its figures come when its answer does",
                            "körningen är inte klar ännu: siffrorna kommer med svaret"),
                "cancelled": ("the run was cancelled: it has no figures", "körningen avbröts: den har inga siffror")}
        en, sv = said.get(state, ("the run failed: it has no figures", "körningen misslyckades: den har inga siffror"))
        return error_reply(f"No figures: {en}.", 404, sv=f"Inga siffror: {sv}.")
    if name.startswith("goal-seek."):
        return _goal_file(run, name.removeprefix("goal-seek."), lang)
    # made in turns with the reports (REPORTS_AT_ONCE): the run's batch is unpickled and its summary made on the
    # way, as for a report, and the server's heap would keep the peak of many made at once
    async with request.app.state.web.report_turns:
        batch = await run_in_threadpool(lambda: run.batch)
        if batch is None:  # a goal seek: its answer is its table (permitflow optimise --csv writes it)
            return error_reply("No figures to download: this is a goal seek, whose answer is the table on the "
                               "page.", 404,
                               sv="Inga siffror att ladda ner: det här är en målsökning, vars svar är tabellen på "
                                  "sidan.")
        doc = await run_in_threadpool(results_document, batch, run.uncertainty)
        names = None if name == "results.json" else await run_in_threadpool(sheet_names, batch, lang)
        del batch
        if name == "results.json":
            data = await run_in_threadpool(summary_json, doc)
        else:
            # the two runs by the page's own words for them, not their code names (a manager read
            # "status-quo"); a what-if that changed no lever as the answer says it, not "with the changes"
            second = TEXTS["changed" if _changed(doc) else "unchanged"][lang]
            runs = {BASELINE: TEXTS["today"][lang], SCENARIO: second}
            data = await run_in_threadpool(summary_sheet, doc, lang, names, runs)
    if name == "results.json":
        return Response(data, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="results.json"'})
    shown = "resultat.csv" if lang == "sv" else "results.csv"
    return Response(data, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{shown}"'})


def _changed(doc: dict[str, Any]) -> bool:
    """Whether the what-if of ``doc`` (``summary.json``'s document) changed any lever: its scenario sets
    something, as the answer's ``changed`` (the page's levers, ``Question.sets``, are its ``set:`` entries)."""
    return any(s["name"] == SCENARIO and s["set"] for s in doc["scenarios"])


def _goal_file(run: Any, kind: str, lang: str) -> Response:
    """A finished goal seek's table as ``permitflow optimise`` writes it: ``csv`` the rows of its ``--csv`` as
    a spreadsheet in the page's language (:func:`report.sheet.goalseek_sheet`: heads and codes in words, for a
    manager; the command line's file keeps its code names for a script), ``json`` the bytes of its ``-o``."""
    from report.sheet import goalseek_sheet

    text = run.file(kind)
    if text is None:
        return error_reply("No table of a goal seek to download: this run is a what-if, whose figures "
                           "download as results.csv and results.json.", 404,
                           sv="Ingen målsökningstabell att ladda ner: det här är en vad händer om-körning, vars "
                              "siffror laddas ner som resultat.csv och results.json.")
    if kind == "json":
        return Response(text.encode("utf-8"), media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="goal-seek.json"'})
    return Response(goalseek_sheet(text, lang), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; {_GOAL_CSV[lang]}"})
