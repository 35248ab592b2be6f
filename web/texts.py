"""The words of the what-if page, in Swedish and English (plain words; code names stay in data)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from processes.delegation import DELEGATION_LEVELS
from report.numbers import SHARE_RULE
from report.words import level_words

__all__ = ["TEXTS", "said_name"]


def said_name(names: Mapping[str, Any], process: str, lang: str) -> str:
    """``process``'s name as the page shows it in ``lang``: ``names`` maps a process to its name per language
    (``{"en": "National reference", "sv": "Nationell referens"}``, :func:`bpmn_io.profile.shown_name`) or to one
    name for both; a process it does not name is shown by itself."""
    value = names.get(process)
    if isinstance(value, Mapping):
        return str(value.get(lang) or process)
    return str(value or process)


TEXTS: dict[str, dict[str, str]] = {
    "title": {"sv": "Vad händer om …? Serveringstillstånd", "en": "What if …? Serving permits"},
    "page_title": {"sv": "Vad händer om …? Serveringstillstånd – permitflow", "en": "What if …? Serving permits – permitflow"},
    "intro": {
        "sv": "Välj kommuner, ändra det ni kan påverka och se hur lång tid det tar från komplett ansökan till "
              "beslut. Tomma fält behåller varje kommuns nuvarande värde (visas i grått).",
        "en": "Choose municipalities, change what you can influence and see how long it takes from a complete "
              "application to the decision. Empty fields keep each municipality's current value (shown in grey).",
    },
    "municipalities": {"sv": "Kommuner", "en": "Municipalities"},
    "upload": {"sv": "Egen process (BPMN och profil)", "en": "Your own process (BPMN and profile)"},
    "upload_name": {"sv": "Namn", "en": "Name"},
    # found by the manager's second journey: the field said "mytown" on the Swedish page and refused "Höganäs"
    "upload_name_hint": {"sv": "t.ex. Höganäs (tomt: profilens namn)", "en": "e.g. Höganäs (empty: the profile's name)"},
    "upload_model": {"sv": "BPMN-modell", "en": "BPMN model"},
    "upload_profile": {"sv": "Profil (YAML)", "en": "Profile (YAML)"},
    "upload_button": {"sv": "Ladda upp", "en": "Upload"},
    # a case log as the case system exports it: the model calibrated to it (web/logroute.py)
    "log_upload": {"sv": "Egen ärendelogg: anpassa en modell till era ärenden",
                   "en": "Your own case log: fit a model to your cases"},
    "log_hint": {"sv": "Ladda upp ärendesystemets export (CSV eller XES) och välj modellen att anpassa: "
                       "tider, andelar och ankomster räknas fram ur loggen, och modellen prövas mot loggens "
                       "senare ärenden.",
                 "en": "Upload the case system's export (CSV or XES) and choose the model to fit: times, "
                       "shares and arrivals are worked out from the log, and the model is tested on the "
                       "log's later cases."},
    "log_name_hint": {"sv": "t.ex. Höganäs (från loggen)", "en": "e.g. Höganäs (from the log)"},
    "log_model": {"sv": "Modell", "en": "Model"},
    "log_own_model": {"sv": "uppladdad BPMN-modell", "en": "uploaded BPMN model"},
    # not "BPMN-modell" again: a screen reader told the two model fields apart by nothing
    "log_model_file": {"sv": "BPMN-modell att anpassa", "en": "BPMN model to fit"},
    "log_file": {"sv": "Ärendelogg (CSV eller XES)", "en": "Case log (CSV or XES)"},
    "log_columns": {"sv": "Kolumner (om sidan frågar)", "en": "Columns (if the page asks)"},
    "log_col_case": {"sv": "Ärendenummer", "en": "Case number"},
    "log_col_activity": {"sv": "Aktivitet", "en": "Activity"},
    "log_col_timestamp": {"sv": "Tidpunkt (klar)", "en": "Time (completed)"},
    "log_col_start": {"sv": "Starttid", "en": "Start time"},
    "log_col_resource": {"sv": "Handläggare", "en": "Officer"},
    "log_button": {"sv": "Anpassa till loggen", "en": "Fit to the log"},
    "log_working": {"sv": "Anpassar och prövar modellen mot loggen …",
                    "en": "Fitting and testing the model on the log …"},
    "log_validation_link": {"sv": "Se hur väl modellen träffar loggens ärenden (valideringssidan)",
                            "en": "See how well the model meets the log's cases (the validation page)"},
    # a file field in the page's language (the browser's own said "Choose File / No file chosen" on the Swedish page)
    "choose_file": {"sv": "Välj fil …", "en": "Choose file …"},
    "no_file": {"sv": "Ingen fil vald", "en": "No file chosen"},
    "levers": {"sv": "Det ni kan ändra", "en": "What you can change"},
    "run_settings": {"sv": "Körning", "en": "Run"},
    # found by the manager's second journey: "Simulerade år" and "Slumpfrö" had no default and no word
    "run_settings_hint": {
        "sv": "Tomma fält: 10 upprepningar, varje kommuns egen simulerade tid (den första valdas i grått) och slumpfrö 2025. "
              "Fler upprepningar och år ger smalare intervall men tar längre tid; samma slumpfrö ger samma svar, ett "
              "annat visar slumpens spridning.",
        "en": "Empty fields: 10 replications, each municipality's own simulated time (the first chosen one's in grey) and seed 2025. "
              "More replications and years give narrower intervals but take longer; the same seed gives the same "
              "answer, another shows the random spread."},
    "run": {"sv": "Räkna", "en": "Calculate"},
    "running": {"sv": "Räknar …", "en": "Calculating …"},
    "cancelled": {"sv": "Avbruten: en ny beräkning startade.", "en": "Cancelled: a new calculation started."},
    # a request the server did not answer (stopped, restarted, the network down) or answered without its own
    # words (a proxy's error page): the page said nothing, its progress bar ran on (QA serve); said without
    # the command's name, which a manager does not know, and with what to do (QA qaserve2: a calculation
    # under way is not polled again, so it is started again)
    "unreachable": {"sv": "Servern svarade inte: den kan ha stängts av eller startats om, eller så fungerar "
                          "inte nätverket. Vänta en stund och försök igen (en beräkning som pågick får "
                          "startas om); svarar den fortfarande inte, säg till den som driver servern (ofta "
                          "it-avdelningen).",
                    "en": "The server did not answer: it may have been stopped or restarted, or the network "
                          "is down. Wait a moment and try again (a calculation under way has to be started "
                          "again); if it still does not answer, tell whoever runs the server (often the IT "
                          "department)."},
    "no_answer": {"sv": "Servern kunde inte svara på frågan (HTTP-status {status}). Försök igen; händer det "
                        "igen, säg till den som driver servern (ofta it-avdelningen) och nämn HTTP-statusen.",
                  "en": "The server could not answer the request (HTTP status {status}). Try again; if it "
                        "happens again, tell whoever runs the server (often the IT department) and mention "
                        "the HTTP status."},
    "save": {"sv": "Spara scenariot (YAML)", "en": "Save the scenario (YAML)"},
    "report": {"sv": "Ladda ner rapporten", "en": "Download the report"},
    "again": {"sv": "Räkna om och ladda ner rapporten", "en": "Run it again and download the report"},
    # the answer's figures as files (web.downloads.results): managers work in Excel
    "figures_csv": {"sv": "Ladda ner siffrorna (CSV för Excel)", "en": "Download the figures (CSV for Excel)"},
    "figures_json": {"sv": "Ladda ner siffrorna (JSON)", "en": "Download the figures (JSON)"},
    # the rule of the spreadsheet (report.sheet), said where the buttons are
    "figures_rule": {"sv": "CSV-filen följer sidans språk: på svenska semikolon och decimalkomma (som en svensk Excel "
                           "läser den), på engelska komma och decimalpunkt.",
                     "en": "The CSV file follows the page's language: in English commas and decimal points, in Swedish "
                           "semicolons and decimal commas (as a Swedish Excel reads it)."},
    # a goal seek's table as files (web.downloads.results, goal-seek.csv and .json), as permitflow optimise
    # writes them (the CSV in words in the page's language)
    "goal_settle": {"sv": "Kör det närmaste alternativet {n} gånger till", "en": "Run the closest combination {n} more times"},
    "goal_csv": {"sv": "Ladda ner tabellen (CSV för Excel)", "en": "Download the table (CSV for Excel)"},
    "goal_json": {"sv": "Ladda ner tabellen (JSON)", "en": "Download the table (JSON)"},
    "again_figures": {"sv": "Räkna om och ladda ner siffrorna", "en": "Run it again and download the figures"},
    # a server too busy for a run or an upload (503): the page asks again by itself (app.js, patient); the click
    # was dropped with "try again" before
    "busy_wait": {"sv": "Servern är upptagen just nu. Sidan frågar igen av sig själv om {seconds} s (försök {try} "
                        "av {tries}).",
                  "en": "The server is busy just now. The page asks again by itself in {seconds} s (try {try} of "
                        "{tries})."},
    "busy_stop": {"sv": "Sluta försöka", "en": "Stop trying"},
    # a second click while one waits: the latest wins, and the earlier one is said to be dropped (app.js, patient)
    "busy_dropped": {"sv": "Det tidigare klicket på ”{earlier}” väntar inte längre: sidan frågar bara efter det "
                           "senaste, på ”{latest}”.",
                     "en": "The earlier click on “{earlier}” no longer waits: the page asks only for the latest, "
                           "on “{latest}”."},
    "answer": {"sv": "Svar", "en": "Answer"},
    "distribution": {"sv": "Dagar från komplett ansökan till beslut (andel beslut)",
                     "en": "Days from a complete application to the decision (share of decisions)"},
    # a process without a legal clock: its days run from the case's arrival (docs/simulation.md)
    "distribution_arrival": {"sv": "Dagar från att ärendet kommer in tills det är klart (andel ärenden)",
                             "en": "Days from the case's arrival until it is done (share of cases)"},
    "today": {"sv": "I dag", "en": "Today"},
    "changed": {"sv": "Med ändringarna", "en": "With the changes"},
    # the second run of a what-if with no lever changed, in its figures' spreadsheet (web.downloads): as the
    # answer says it ("no change chosen"); it was "With the changes" there, where nothing was changed
    "unchanged": {"sv": "Samma som i dag (ingen ändring vald)", "en": "Same as today (no change chosen)"},
    "deadline": {"sv": "4 månader", "en": "4 months"},
    "days": {"sv": "dagar", "en": "days"},
    "diagram": {"sv": "Processen med väntetid per steg (dagar, med ändringarna). Scrolla för att zooma, dra för att flytta.",
                "en": "The process with waiting time per step (days, with the changes). Scroll to zoom, drag to move."},
    # nothing changed: the badges and the table are today's (they said "with the changes", found by QA)
    "diagram_today": {"sv": "Processen med väntetid per steg (dagar, i dag). Scrolla för att zooma, dra för att flytta.",
                      "en": "The process with waiting time per step (days, today). Scroll to zoom, drag to move."},
    "diagram_label": {"sv": "Processkarta", "en": "Process diagram"},
    "diagram_keys": {"sv": "Med tangentbordet: gå till kartan med Tab, zooma med + och −, flytta med piltangenterna, "
                           "0 återställer.",
                     "en": "By keyboard: Tab to the diagram, zoom with + and −, move with the arrow keys, 0 resets."},
    "zoom_in": {"sv": "Zooma in", "en": "Zoom in"},
    "zoom_out": {"sv": "Zooma ut", "en": "Zoom out"},
    "zoom_reset": {"sv": "Återställ", "en": "Reset"},
    "step": {"sv": "Steg", "en": "Step"},
    "wait_now": {"sv": "Väntan i dag (dagar)", "en": "Wait today (days)"},
    "wait_then": {"sv": "Väntan med ändringarna (dagar)", "en": "Wait with the changes (days)"},
    "keep": {"sv": "behåll", "en": "keep"},
    # a decision level a chosen process has no body for (the manager's second journey: offered, refused after Räkna)
    "level_lacking": {"sv": "finns inte i", "en": "not in"},
    # who decides, in the words permitflow optimise and the spreadsheet say it too: report/labels.yaml's levels
    **{level: {lang: level_words(level, lang) for lang in ("sv", "en")} for level in DELEGATION_LEVELS},
    "weekly": {"sv": "varje vecka", "en": "every week"},
    "fortnightly": {"sv": "varannan vecka", "en": "every second week"},
    "monthly": {"sv": "en gång i månaden", "en": "once a month"},
    "six_weekly": {"sv": "var sjätte vecka", "en": "every sixth week"},
    "progress": {"sv": "{done} av {total} körningar klara", "en": "{done} of {total} runs finished"},
    "progress_label": {"sv": "Beräkningens förlopp", "en": "Progress of the calculation"},
    # the status line (role="status": a screen reader is told) says once that an answer has come, and where it is
    "answer_ready": {"sv": "Svaret är klart: det står under rubriken Svar.",
                     "en": "The answer is ready: it is under the heading Answer."},
    "goal_ready": {"sv": "Målsökningens svar är klart: det står under rubriken Målsökning.",
                   "en": "The goal seek's answer is ready: it is under the heading Goal seek."},
    "upload_ready": {"sv": "Uppladdad och vald bland kommunerna: {name}.",
                     "en": "Uploaded and chosen among the municipalities: {name}."},
    # under the first answer, where the page first shows a share: how it writes one (app.js share(), as the report)
    "noise": {"sv": "Intervallen (95\u00a0%) visar slumpens spridning i simuleringen; antagandena är osäkra också. "
                    + SHARE_RULE["sv"],
              "en": "The intervals (95%) show the simulation's random spread; the assumptions are uncertain too. "
                    + SHARE_RULE["en"]},
    "goal": {"sv": "Målsökning: billigaste sättet att nå målet", "en": "Goal seek: the cheapest way to the target"},
    "goal_percent": {"sv": "Andel beslut inom 4 månader (%)", "en": "Share of decisions within 4 months (%)"},
    "goal_joint": {"sv": "Kommunerna som en gemensam enhet", "en": "The municipalities as one joint unit"},
    "goal_run": {"sv": "Sök billigaste", "en": "Find the cheapest"},
    # found by the manager's second journey: the goal seek could not keep today's delegation (the API could)
    "goal_who": {"sv": "Vem beslutar", "en": "Who decides"},
    "goal_who_all": {"sv": "pröva alla nivåer", "en": "try every level"},
    "goal_who_today": {"sv": "behåll dagens", "en": "keep today's"},
    "goal_officers": {"sv": "Handläggare", "en": "Case officers"},
    "goal_fte": {"sv": "Andel av heltid", "en": "Share of full time"},
    "goal_level": {"sv": "Beslut av", "en": "Decided by"},
    "goal_cost": {"sv": "Kostnad per år (kr)", "en": "Cost a year (kronor)"},
    "goal_days": {"sv": "Dagar i snitt", "en": "Days on average"},
    "goal_share": {"sv": "Inom 4 månader", "en": "Within 4 months"},
    # found by the manager's second journey: every row said "100 %" and the answer "not sure"; the decision rests on
    # the interval's low end, which a joint unit's municipality with few cases sets (named in the cell)
    "goal_low": {"sv": "Inom 4 månader, säkert minst", "en": "Within 4 months, surely at least"},
    "goal_low_note": {"sv": "”Säkert minst”: intervallets sämre ände (95\u00a0%). Svaret väljer bland alla "
                            "prövade alternativ, så ett räknas som säkert först när det når målet med "
                            "95\u00a0% säkerhet för alla tillsammans (Holms korrektion: vart och ett måste "
                            "klara mer än sina egna 95\u00a0%).",
                      "en": "“Surely at least”: the interval's low end (95%). The answer picks among all the "
                            "combinations tried, so one counts as sure only when it reaches the target with "
                            "95% confidence for all of them taken together (Holm's correction: each must "
                            "clear more than its own 95%)."},
    # said only when a cell names one (found by the manager's QA evening: said under a table with no brackets)
    "goal_low_limit": {"sv": "Inom parentes kommunen vars få avgjorda ärenden sätter den.",
                       "en": "In brackets the municipality whose few decided cases set it."},
    "goal_note": {"sv": "Markerade rader: ingen annan rad är både billigare och snabbare (två rader jämförs över "
                        "samma upprepningar, och körs vidare tills det är säkert vilken som är snabbast).",
                  "en": "Marked rows: no other row is both cheaper and faster (two rows are compared over the same "
                        "replications, and run on until it is sure which is the faster)."},
    # rows whose place among the marked ones was not needed (JSON frontier null: scenarios.optimise.Evaluated.frontier)
    "goal_not_needed": {"sv": "Rader i kursiv stil kostar mer än ett alternativ som säkert når målet och kördes därför "
                              "inte vidare för att jämföra dagarna (behövs inte: ett billigare alternativ når målet); "
                              "om de hör till de markerade raderna är inte sagt.",
                        "en": "Rows in italics cost more than a combination that surely reaches the target, so they "
                              "were not run on to compare their days (not needed: a cheaper one reaches the goal); "
                              "whether they belong among the marked rows is not said."},
    # found by the manager's QA journey: a full-time officer at 2,3 million kr a year looked wrong, with no word
    # of what the cost is (docs/profile.md: the library prices an hour at Ängelholm's fee rate, overhead included)
    "goal_cost_unpriced": {"sv": "Kostnad per år: –, profilerna ger inte arbetet någon timkostnad, så sökningen kan "
                                 "inte välja det billigaste; den visar vilka alternativ som når målet.",
                           "en": "Cost a year: –, the profiles give the work no hourly cost, so the search cannot "
                                 "pick the cheapest; it shows which combinations reach the target."},
    "goal_cost_note": {"sv": "Kostnad per år: handläggarnas arbetstid prissatt med profilens timpris (biblioteket "
                             "använder Ängelholms timtaxa för handläggning, där omkostnaderna ingår), inte "
                             "lönekostnaden, och en kostnad per beslut som beror på vem som beslutar.",
                       "en": "Cost a year: the case officers' working time priced at the profile's hourly rate (the "
                             "library uses Ängelholm's hourly fee for handling, overhead included), not the payroll "
                             "cost, and a cost per decision that depends on who decides."},
    # and a goal seek after changing the levers ran on today's values without a word
    "goal_levers_unused": {"sv": "Målsökningen utgår från varje kommuns nuvarande värden: ändringarna under "
                                 "”Det ni kan ändra” ingår inte i den.",
                           "en": "The goal seek starts from each municipality's current values: the changes under "
                                 "“What you can change” are not part of it."},
    # found by QA (words23): "8 points" said nothing to a manager
    "uncertainty": {"sv": "Hur säkra är vi? Pröva också antagandenas intervall (8 kombinationer av deras värden, "
                          "tar längre tid)",
                    "en": "How sure are we? Also try the assumptions' ranges (8 combinations of their values, "
                          "takes longer)"},
    "choose": {"sv": "Välj minst en kommun.", "en": "Choose at least one municipality."},
}
