"""What the page says of a case log it calibrated a model to, in Swedish and English: what was fitted
from how many cases and what was not (:func:`calibration_said`), how the held-out validation went
(:func:`validation_said`), and a log whose columns were not found, in words that ask for them
(:func:`columns_refusal`).

The figures come from the calibration's report (:func:`calibrate.core.calibrate`) and the validation's
data (:meth:`calibrate.validate.Validation.data`); the reader's own notes are English (the command
line's), said in Swedish when they are the commonest (how the timestamps were read), else said to be English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from processes.numbers import number
from processes.wording import counted
from web.whatif import PageError

__all__ = ["calibration_said", "validation_said", "columns_refusal", "ROLE_WORDS"]

#: a column's role as the page names it (sv, en)
ROLE_WORDS = {"case": ("ärendenummer", "case number"), "activity": ("aktivitet", "activity"),
              "timestamp": ("tidpunkt (klar)", "time (completed)"), "start": ("starttid", "start time"),
              "resource": ("handläggare", "officer"), "element": ("modellsteg", "model step"),
              "time": ("klockslag", "time of day")}


#: the reader's commonest notes (bpmn_io/csvdates.py: how the timestamps were read), in Swedish; the form itself
#: (ISO 8601, day/month/year) is the same in both languages
_NOTES_SV = (
    (re.compile(r"timestamps read as ISO 8601 \(times such as 13\.05 or kl\. 13\.05 as hours\.minutes\)"),
     "tidpunkterna lästa som ISO 8601 (tider som 13.05 eller kl. 13.05 som timmar.minuter)"),
    (re.compile(r"timestamps read as ISO 8601"), "tidpunkterna lästa som ISO 8601"),
    (re.compile(r"timestamps read as ([^()]+) \(with or without a time\)"),
     r"tidpunkterna lästa som \1 (med eller utan klockslag)"),
)


def _note_sv(note: str) -> str:
    """A reader's note on the Swedish page: in Swedish when it is one of :data:`_NOTES_SV` (the Swedish page
    said "Notering (på engelska): timestamps read as ISO 8601" of every ordinary export), else its English
    words, said to be English.

    >>> _note_sv("timestamps read as ISO 8601")
    'Notering: tidpunkterna lästa som ISO 8601'
    >>> _note_sv("timestamps read as ISO 8601; some offset words")
    'Notering (på engelska): timestamps read as ISO 8601; some offset words'
    """
    for pattern, said in _NOTES_SV:
        if pattern.fullmatch(note):
            return "Notering: " + pattern.sub(said, note)
    return f"Notering (på engelska): {note}"


def _list(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + (" och " if lang == "sv" else " and ") + items[-1]


def _fitted(report: Mapping[str, Any], lang: str) -> list[str]:
    """What the calibration fitted, as a list of things (in ``lang``)."""
    sv = lang == "sv"
    out = []
    if (a := report.get("arrivals")):
        per_year = number(round(a["per_year"], 1), lang)
        out.append(f"{'ansökningar per år' if sv else 'applications a year'} ({per_year})")
    if (durations := report.get("durations")):
        n = len(durations)
        out.append(f"tider för {counted(n, 'steg', 'steg', lang=lang)}" if sv else
                   f"the times of {counted(n, 'step', lang=lang)}")
    if (branching := report.get("branching")):
        n = len(branching)
        out.append(f"andelarna vid {counted(n, 'vägval', 'vägval', lang=lang)}" if sv else
                   f"the shares at {counted(n, 'branch', 'branches', lang=lang)}")
    if report.get("pools"):
        out.append("bemanning och arbetstider" if sv else "staff and working hours")
    if report.get("meetings") and not report["meetings"].get("days_kept"):
        out.append("nämndens sammanträdesdagar" if sv else "the board's meeting days")
    if (clock := report.get("clock")) and "median_days" in clock:
        out.append("när den lagstadgade tiden börjar och slutar" if sv else
                   "where the legal clock starts and stops")
    return out


def calibration_said(report: Mapping[str, Any], mapping: Mapping[str, str | None], guessed: tuple[str, ...],
                     notes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Lines per language (``sv``, ``en``): the log's size and period, the columns read, what was fitted,
    what was not (activities that are no step of the model, arrivals kept) and the reader's notes."""
    out: dict[str, tuple[str, ...]] = {}
    mapped = [m for m in report.get("mapping", []) if m["element"]]
    unmapped = list(report.get("unmapped") or [])
    for lang in ("sv", "en"):
        sv = lang == "sv"
        n_cases, n_events = report["cases"], report["events"]
        cases = (counted(n_cases, "ärende", "ärenden", lang=lang) if sv else
                 counted(n_cases, "case", lang=lang))
        events = (counted(n_events, "händelse", "händelser", lang=lang) if sv else
                  counted(n_events, "event", lang=lang))
        period = str(report["period"]).replace(" to ", " till ") if sv else report["period"]
        lines = [(f"Anpassad till loggen {report['log']}: {cases}, {events}, {period}." if sv else
                  f"Calibrated to the log {report['log']}: {cases}, {events}, {report['period']}.")]
        # each language's own quotation marks (the English page quoted the columns the Swedish way, ”case_id”)
        cols = [f"{ROLE_WORDS.get(role, (role, role))[0 if sv else 1]} = " + (f"”{name}”" if sv else f"“{name}”")
                + ((" (gissad)" if sv else " (guessed)") if role in guessed else "")
                for role, name in mapping.items() if name is not None]
        lines.append(("Kolumner: " if sv else "Columns: ") + "; ".join(cols) + ".")
        total = len(report.get("mapping", []))
        n_mapped, n_total = number(len(mapped), lang), number(total, lang)
        lines.append(f"{n_mapped} av loggens {n_total} aktiviteter motsvarar steg i modellen." if sv else
                     f"{n_mapped} of the log's {n_total} activities are steps of the model.")
        fitted = _fitted(report, lang)
        if fitted:
            head = "Anpassat från loggen: " if sv else "Fitted from the log: "
            lines.append(head + _list(fitted, lang) + ".")
        if unmapped:
            shown = "; ".join(unmapped[:10]) + (" …" if len(unmapped) > 10 else "")
            count = number(len(unmapped), lang)
            lines.append(f"Inte anpassat: {count} aktiviteter i loggen som inte är något steg i modellen "
                         f"({shown}); de lämnades utanför." if sv else
                         f"Not fitted: {count} activities of the log that are no step of the model "
                         f"({shown}); they were left out.")
        if (report.get("meetings") or {}).get("days_kept"):
            lines.append("Nämndens sammanträdesdagar: inte anpassat (loggen visar inte när nämnden sammanträdde, "
                         "bara när besluten skrevs in); modellens dagar står kvar." if sv else
                         "The board's meeting days: not fitted (the log does not show when the board met, only "
                         "when its decisions were recorded); the model's kept.")
        if report.get("arrivals_kept"):
            lines.append("Ansökningar per år: inte anpassat (för få eller för kort logg); modellens värde "
                         "står kvar." if sv else
                         "Applications a year: not fitted (too few or too short a log); the model's kept.")
        lines.append("Allt annat står kvar som modellens profil hade det (ett antagande)." if sv else
                     "Everything else stays as the model's profile had it (an assumption).")
        lines += [(_note_sv(n) if sv else f"Note: {n}") for n in notes]
        out[lang] = tuple(lines)
    return out


def validation_said(data: Mapping[str, Any] | None, why: str) -> dict[str, str]:
    """One line per language: the held-out cases' median cycle time in the log and in the simulation, or
    why the validation could not run (``why``, the error's English words)."""
    if data is None:
        return {"sv": f"Valideringen kunde inte köras (på engelska: {why}).",
                "en": f"The validation could not run: {why}."}
    setup, real, sim = data["setup"], data["real"], data["simulated"]
    held, train = setup["heldout_cases"], setup["training_cases"]
    a, b = real["cycle_days"]["p50"], sim["cycle_days"]["p50"]
    med = {lang: ("–" if a is None else number(round(a, 1), lang)) for lang in ("sv", "en")}
    sim_med = {lang: ("–" if b is None else number(round(b, 1), lang)) for lang in ("sv", "en")}
    return {"sv": f"Prövad mot loggens senare {number(held, 'sv')} ärenden, som anpassningen inte såg "
                  f"(anpassad på de tidigare {number(train, 'sv')}): mediangenomloppstid i loggen "
                  f"{med['sv']} dagar, simulerad {sim_med['sv']} dagar.",
            "en": f"Tested on the log's later {number(held, 'en')} cases, which the fit did not see (fitted "
                  f"on the earlier {number(train, 'en')}): median cycle time in the log {med['en']} days, "
                  f"simulated {sim_med['en']} days."}


_NO_COLUMN = re.compile(r"no column for the (?P<roles>[a-z ]+?) \(the header has (?P<header>.*?); give ")
_NO_SUCH = re.compile(r"--(?P<role>[a-z]+) '(?P<given>.*?)': no such column "
                      r"\(the header has (?P<header>.*?)\)")


def columns_refusal(message: str) -> PageError | None:
    """A log whose case, activity or time column was not found (or a column named that is not there) as a
    refusal that asks for them in plain words (its ``field``: ``columns``); None for any other message."""
    if (m := _NO_COLUMN.search(message)) is not None:
        roles = m["roles"].split(" and the ")
        header = m["header"]
        sv = _list([ROLE_WORDS.get(r, (r, r))[0] for r in roles], "sv")
        en = _list([ROLE_WORDS.get(r, (r, r))[1] for r in roles], "en")
        err = PageError(f"The page could not tell which column of the log holds the {en} (its columns: "
                        f"{header}): say which under “Columns” and upload again.",
                        f"Sidan kunde inte avgöra vilken kolumn i loggen som är {sv} (dess kolumner: "
                        f"{header}): ange den under ”Kolumner” och ladda upp igen.")
    elif (m := _NO_SUCH.search(message)) is not None:
        role = {"timestamp": "timestamp"}.get(m["role"], m["role"])
        words = ROLE_WORDS.get(role, (role, role))
        given, header = m["given"], m["header"]
        err = PageError(f"The log has no column “{given}” (for the {words[1]}; its columns: {header}).",
                        f"Loggen har ingen kolumn ”{given}” (för {words[0]}; dess kolumner: {header}).")
    else:
        return None
    err.field = "columns"  # type: ignore[attr-defined]
    return err
