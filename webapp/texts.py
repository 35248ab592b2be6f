"""The words of the what-if page, in Swedish and English (plain words; code names stay in data)."""

from __future__ import annotations

__all__ = ["TEXTS"]

TEXTS: dict[str, dict[str, str]] = {
    "title": {"sv": "Vad händer om …? Serveringstillstånd", "en": "What if …? Serving permits"},
    "intro": {
        "sv": "Välj kommuner, ändra det ni kan påverka och se hur lång tid det tar från komplett ansökan till "
              "beslut. Tomma fält behåller varje kommuns nuvarande värde (visas i grått).",
        "en": "Choose municipalities, change what you can influence and see how long it takes from a complete "
              "application to the decision. Empty fields keep each municipality's current value (shown in grey).",
    },
    "municipalities": {"sv": "Kommuner", "en": "Municipalities"},
    "upload": {"sv": "Egen process (BPMN och profil)", "en": "Your own process (BPMN and profile)"},
    "upload_name": {"sv": "Namn", "en": "Name"},
    "upload_button": {"sv": "Ladda upp", "en": "Upload"},
    "levers": {"sv": "Det ni kan ändra", "en": "What you can change"},
    "run_settings": {"sv": "Körning", "en": "Run"},
    "run": {"sv": "Räkna", "en": "Calculate"},
    "running": {"sv": "Räknar …", "en": "Calculating …"},
    "cancelled": {"sv": "Avbruten: en ny beräkning startade.", "en": "Cancelled: a new calculation started."},
    "save": {"sv": "Spara scenariot (YAML)", "en": "Save the scenario (YAML)"},
    "report": {"sv": "Ladda ner rapporten", "en": "Download the report"},
    "answer": {"sv": "Svar", "en": "Answer"},
    "distribution": {"sv": "Dagar från komplett ansökan till beslut (andel beslut)",
                     "en": "Days from a complete application to the decision (share of decisions)"},
    "today": {"sv": "I dag", "en": "Today"},
    "changed": {"sv": "Med ändringarna", "en": "With the changes"},
    "deadline": {"sv": "4 månader", "en": "4 months"},
    "days": {"sv": "dagar", "en": "days"},
    "diagram": {"sv": "Processen med väntetid per steg (dagar, med ändringarna). Scrolla för att zooma, dra för att flytta.",
                "en": "The process with waiting time per step (days, with the changes). Scroll to zoom, drag to move."},
    "step": {"sv": "Steg", "en": "Step"},
    "wait_now": {"sv": "Väntan i dag (dagar)", "en": "Wait today (days)"},
    "wait_then": {"sv": "Väntan med ändringarna (dagar)", "en": "Wait with the changes (days)"},
    "keep": {"sv": "behåll", "en": "keep"},
    "committee": {"sv": "nämnden", "en": "the committee"},
    "working_committee": {"sv": "arbetsutskottet", "en": "the working committee"},
    "chair": {"sv": "ordföranden", "en": "the chair"},
    "officer": {"sv": "handläggaren", "en": "the case officer"},
    "weekly": {"sv": "varje vecka", "en": "every week"},
    "fortnightly": {"sv": "varannan vecka", "en": "every second week"},
    "monthly": {"sv": "en gång i månaden", "en": "once a month"},
    "six_weekly": {"sv": "var sjätte vecka", "en": "every sixth week"},
    "progress": {"sv": "{done} av {total} körningar klara", "en": "{done} of {total} runs finished"},
    "noise": {"sv": "Intervallen (95 %) visar slumpens spridning i simuleringen; antagandena är osäkra också.",
              "en": "The intervals (95 %) show the simulation's random spread; the assumptions are uncertain too."},
    "choose": {"sv": "Välj minst en kommun.", "en": "Choose at least one municipality."},
}
