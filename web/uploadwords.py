"""A refused upload's detail in Swedish: the BPMN and YAML readers' messages, and the profile rules' commonest.

The readers word their refusals in English for the command line (:class:`processes.errors.InputError`: file,
line, element, key path, message). The page's Swedish refusal said them as they were, in English, after its
Swedish first sentence. :func:`detail_sv` says where (``m.bpmn, rad 3``) and what in Swedish: permitflow's own
words translated; a parser's own words (lxml's, PyYAML's), which no one here wrote, said as what is wrong with
the file (:func:`web.plainwords.parser_said`: no parser named, a manager does not know them); an element by
its name. A profile rule's message is said from the rules' table (:data:`processes.rulewords.RULES`, keyed by
the rule, the English from the same entry); a message in neither keeps its English words, said to be English.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping

from bpmn_io.xmlkind import said_sv
from processes.errors import PermitflowError
from processes.rulewords import rule_said
from report.failurewords import failure_words
from web.plainwords import MISSING, TAB, missing_said, named, parser_said, where_said
from web.requestlog import short_id
from web.texts import TEXTS

__all__ = ["detail_sv", "run_failure_sv", "run_failure_en", "form_words_sv"]

_Said = Callable[[re.Match[str]], tuple[str, str]]


#: what a case log that is no text is (bpmn_io/logfiles.py's words), in Swedish
_NOT_TEXT_SV = {
    "an Excel workbook (.xlsx) or another zip archive": "en Excel-arbetsbok (.xlsx) eller ett annat zip-arkiv",
    "an old Excel workbook (.xls)": "en gammal Excel-arbetsbok (.xls)",
    "text with NUL bytes (UTF-16 without its byte-order mark?)": "text med NUL-byte (UTF-16 utan byte-ordningsmärke?)",
}


def _note(source: str, words: str) -> str:
    """A parser's own words, quoted at the end of the Swedish detail."""
    return f" (teknisk uppgift från {source}: ”{words.strip()}”)"


def _root(m: re.Match[str]) -> tuple[str, str]:
    local, namespace, hint = m["local"], m["ns"], m["hint"] or ""
    found = f"'{local}' i namnrymden '{namespace}'" if namespace else f"'{local}' utan namnrymd"
    hints = {
        " (this is XPDL, which permitflow does not read)": " (det här är XPDL, som permitflow inte läser)",
        " (this is a pre-final BPMN 2.0 draft, which permitflow does not read)":
            " (det här är ett utkast till BPMN 2.0 från före den slutliga versionen, som permitflow inte läser)",
        " (this is a fragment of a BPMN document, not a whole one)":
            " (det här är en del av ett BPMN-dokument, inte ett helt)",
    }
    said = hints.get(hint, "")
    if hint.startswith(" (the file does not declare the BPMN namespace"):
        said = f" (filen anger inte BPMN:s namnrymd, t.ex. xmlns=\"{m['bpmn']}\")"
    return (f"inte ett BPMN 2.0-dokument: rotelementet är {found}{said} (förväntade 'definitions' i namnrymden "
            f"'{m['bpmn']}')"), ""


def _encoding(m: re.Match[str]) -> tuple[str, str]:
    declared = m[1]
    how = {"the XML declaration names": "som XML-deklarationen anger",
           "its byte-order mark names": "som dess byte-ordningsmärke anger"}.get(
        m[3], "som XML antar utan deklaration")
    mark = " och inget byte-ordningsmärke" if m[3] == "its byte-order mark names" else ""
    return (f"inte välformad XML: byte som inte är {declared} i kolumn {m[2]} (förväntade text i {declared}, {how}; "
            f"en fil sparad som Latin-1 behöver encoding=\"ISO-8859-1\" i sin deklaration{mark})"), ""


#: what an XES event or trace lacks is for (bpmn_io/xeslog.py), in Swedish
_FOR_SV = {"the activity": "aktiviteten", "the case id": "ärendenumret"}


def _lacks(m: re.Match[str]) -> tuple[str, str]:
    """An XES event or trace without its activity, timestamp or case id, or with one that has no value."""
    which = f"händelse {m[2]}" if m[1] == "event" else f"ärende (trace) {m[2]}"
    lacks = f"saknar {m[3]}" if m[3] else f"har {m[4]} utan värde, {m[5]}"
    role = m[6].split(";")[0]
    why = (f"förväntade {role.removeprefix('expected ')}" if role.startswith("expected ") else
           f"{_FOR_SV.get(role, role)}; ange en annan nyckel under ”Kolumner”")
    return f"{which} {lacks} ({why})", ""


def _ref(ref: str) -> str:
    return {"sourceRef": "källa (sourceRef)", "targetRef": "mål (targetRef)"}.get(ref, ref)


_TRIGGERS_SV = {"message": "meddelande", "timer": "timer", "error": "fel", "escalation": "eskalering",
                "signal": "signal", "conditional": "villkor", "compensation": "kompensation", "cancel": "avbrott",
                "multiple": "flera utlösare", "parallel_multiple": "flera parallella utlösare", "link": "länk",
                "terminate": "avslut"}
_POSITIONS_SV = {"boundary": "kanthändelse", "intermediate catch": "mellanliggande fångande händelse",
                 "intermediate throw": "mellanliggande kastande händelse", "end": "sluthändelse",
                 "start": "starthändelse"}
_WAITS_SV = {"message": "avsändarens svarstid", "conditional": "tiden tills villkoret blir sant",
             "signal": "när signalen kommer", "escalation": "när eskaleringen kommer"}


def _trigger(word: str) -> str:
    return _TRIGGERS_SV.get(word, word)


def _event_subprocess(m: re.Match[str]) -> str:
    refused = "den här händelseunderprocessen simuleras inte"
    boundary = ("rita i stället en kanthändelse (timer, meddelande eller fel) på en inbäddad underprocess runt "
                "stegen den bevakar, med sina steg efter den")
    if m["count"]:
        return f"{refused} (den har {m['count']} starthändelser, inte en): {boundary}"
    kind = "en icke-avbrytande starthändelse" if m["non"] else "en starthändelse"
    trigger = "utan utlösare" if m["trigger"] == "none" else f"för {_trigger(m['trigger'])}"
    said = f"{refused} (dess starthändelse '{m['start']}' är {kind} {trigger}"
    if m["forbidden"]:
        return (f"{said}, vilket BPMN inte tillåter: en starthändelse för fel avbryter alltid): gör den avbrytande, "
                "eller rita i stället en kanthändelse för fel på en inbäddad underprocess runt stegen den bevakar "
                "(fångad från en sluthändelse för fel inuti), med sina steg efter den")
    return f"{said}): {boundary}"


#: why an element of a model cannot be simulated (simulator.tables, simulator.graphpasses: the refusals a model
#: drawn in a modelling tool commonly gets), in Swedish; another keeps its English words, said to be English
_NOT_RUN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.S), said) for pattern, said in (
        (r"this event subprocess is not simulated \((?:it has (?P<count>\d+) start events, not one|its start event "
         r"'(?P<start>[^']*)' is a (?P<non>non-interrupting )?(?P<trigger>\w+) start event(?P<forbidden>, which BPMN "
         r"does not allow: [^)]*)?)\): .*", _event_subprocess),
        (r"its (\w+) start event '(.*?)' needs a `delay:` in params \(when the \w+ comes after the (case|subprocess) "
         r"starts; .*",
         lambda m: f"dess starthändelse för {_trigger(m[1])}, '{m[2]}', behöver en `delay:` i profilen (när det "
                   f"kommer efter att {'ärendet' if m[3] == 'case' else 'underprocessen'} har startat; `share:` "
                   "andelen ärenden där det kommer)"),
        (r"complex gateways are not simulated: .*",
         lambda m: "komplexa gateways simuleras inte: rita en inkluderande gateway i stället (`probabilities:` över "
                   "dess flöden, eller flödesmängder förenade med '+')"),
        (r"the process needs a top-level start event, found 0: .*",
         lambda m: "processen behöver en starthändelse på översta nivån, hittade 0: lägg till en starthändelse före "
                   "det första steget"),
        (r"(exclusive|inclusive) gateway needs `probabilities:` (?:for|over) its outgoing flows(?: or flow sets "
         r"joined by '\+')? \((.*)\)",
         lambda m: f"{'exklusiv' if m[1] == 'exclusive' else 'inkluderande'} gateway behöver `probabilities:` för "
                   f"sina utgående flöden ({m[2]})"),
        (r"(\w+) (catch|boundary) event needs a `delay:` \((.*)\) in params",
         lambda m: f"{'fångande händelse' if m[2] == 'catch' else 'kanthändelse'} för {_trigger(m[1])} behöver en "
                   f"`delay:` i profilen ({_WAITS_SV.get(m[1], m[3])})"),
        (r"(\w+) (boundary|intermediate catch|intermediate throw|end) event is not simulated.*",
         lambda m: f"{_POSITIONS_SV[m[2]]} för {_trigger(m[1])} simuleras inte: rita en timer-, meddelande- eller "
                   "felhändelse i stället, eller en händelse utan utlösare"),
        (r"(\S+) is not simulated \(only embedded subProcess\): .*",
         lambda m: f"{m[1]} simuleras inte (bara inbäddade underprocesser): rita en inbäddad underprocess i stället"),
        (r"has a work `duration:` but no pool does its work .*",
         lambda m: "har en arbetstid (`duration:`) men ingen personalgrupp gör arbetet (dess bana (lane) finns inte i "
                   "någon grupps `lanes:`; ge elementet en `pool:`, eller använd `delay:` för kalendertid)"),
        (r"standard loop needs `loop_max` in params or a loopMaximum in the model",
         lambda m: "en standardloop behöver `loop_max` i profilen eller ett loopMaximum i modellen"),
        (r"link throw event has no link catch event of the same name: .*",
         lambda m: "en kastande länkhändelse saknar en fångande länkhändelse med samma namn: lägg till en"),
        (r"event-based gateway leads to '(.*?)', which is not .*",
         lambda m: f"en händelsebaserad gateway leder till '{m[1]}', som inte är en fångande timer-, meddelande- "
                   "eller villkorshändelse eller en mottagande uppgift: rita en sådan på flödet, eller en "
                   "exklusiv gateway i stället"),
    ))


def _not_run(m: re.Match[str]) -> tuple[str, str]:
    """A model's elements that cannot be simulated (simulator.tables: ``process 'p' cannot be simulated: 2
    element(s) not executable: 'a': why; 'b': why``), each why in Swedish where it is known."""
    items = []
    for item in re.finditer(r"'(?P<id>[^']*)': (?P<why>.*?)(?=; '[^']*': |$)", m["listed"], re.S):
        why = item["why"]
        said = next((f(found) for pattern, f in _NOT_RUN if (found := pattern.fullmatch(why))), None)
        items.append(f"'{item['id']}': " + (said if said is not None else f"(på engelska) {why}"))
    return (f"processen '{m['process']}' kan inte simuleras: {m['count']} element kan inte köras: "
            + "; ".join(items)), ""


#: permitflow's own messages an upload can get (the whole message, as the readers word it) and their Swedish,
#: with the parser's words when the message carries them (then said as a technical note)
_OURS: tuple[tuple[re.Pattern[str], _Said], ...] = tuple((re.compile(pattern, re.S), said) for pattern, said in (
    # the BPMN reader (bpmn_io/xmlsafe.py, bpmn_io/reader.py, bpmn_io/readcommon.py) and the page's own check
    (r"not well-formed XML: no XML element found, the content is not XML text \((.*)\)",
     lambda m: ("inte välformad XML: inget XML-element hittades, innehållet är inte XML-text", "")),
    # a file that is no XML, XML of another kind, or cut off (bpmn_io/xmlkind.py, which words them in both)
    (r"the file (?:is|ends before) .*", lambda m: (said_sv(m[0]) or f"(på engelska) {m[0]}", "")),
    (r"the XML declaration names the encoding '(.*)', which permitflow does not read \(expected UTF-8, or "
     r"ISO-8859-1 for Latin-1\)",
     lambda m: (f"XML-deklarationen anger teckenkodningen '{m[1]}', som permitflow inte läser (förväntade "
                "UTF-8, eller ISO-8859-1 för Latin-1)", "")),
    (r"the XML declaration names (\S+), but the file is 8-bit text, not \S+ .*",
     lambda m: (f"XML-deklarationen anger {m[1]}, men filen är 8-bitarstext, inte {m[1]} (ett verktyg som "
                "skrev deklarationen för en text i minnet? skriv encoding=\"UTF-8\" i den)", "")),
    (r"the XML declaration names (\S+), but the file is UTF-8 text: (.*) would be read as (.*) \(write "
     r"encoding=\"UTF-8\" in the declaration\)",
     lambda m: (f"XML-deklarationen anger {m[1]}, men filen är UTF-8-text: {m[2]} skulle läsas som {m[3]} "
                "(skriv encoding=\"UTF-8\" i deklarationen)", "")),
    (r"the log is empty \(expected XES: <log> with <trace> and <event> elements\)",
     lambda m: ("loggen är tom (förväntade XES: <log> med <trace>- och <event>-element)", "")),
    (r"(event|trace) (\d+) has (?:no (\S+)|a (\S+) without a value, (<.*?>)) \((.*)\)", _lacks),
    (r"not an XES log: the root element is <(\S+)> \(expected <log>\)",
     lambda m: (f"ingen XES-logg: rotelementet är <{m[1]}> (förväntade <log>)", "")),
    (r"not well-formed XML: elements nested deeper than (\d+) levels, more than permitflow reads .*",
     lambda m: (f"inte välformad XML: element nästlade djupare än {m[1]} nivåer, mer än permitflow läser "
                "(förväntade en BPMN-modell som är mindre djupt nästlad)", "")),
    (r"not well-formed XML: a text, attribute value or name is longer than the parser's limit of 10 MB .*",
     lambda m: ("inte välformad XML: en text, ett attributvärde eller ett namn är längre än läsarens gräns på "
                "10 MB (förväntade en BPMN-modell utan så stora värden)", "")),
    (r"not well-formed XML: bytes that are not (\S+) at column (\d+) \(expected text in \S+, which "
     r"(the XML declaration names|XML assumes without a declaration|its byte-order mark names); .*",
     _encoding),
    (r"not well-formed XML: (.*)", lambda m: (f"inte välformad XML: {parser_said('xml', m[1], 'sv')}", "")),
    (r"document is empty \(expected BPMN 2\.0 XML\)", lambda m: ("dokumentet är tomt (förväntade BPMN 2.0-XML)", "")),
    (r"DOCTYPE declares entities(, which permitflow never expands)? \(expected .* without a DOCTYPE\)",
     lambda m: ("DOCTYPE deklarerar entiteter, som permitflow aldrig expanderar (förväntade en BPMN-fil utan "
                "DOCTYPE)", "")),
    (r"DOCTYPE declares attribute defaults, .*",
     lambda m: ("DOCTYPE deklarerar standardvärden för attribut, som skulle ändra dokumentet i det tysta "
                "(förväntade en BPMN-fil utan DOCTYPE)", "")),
    (r"DOCTYPE refers to an external DTD.*",
     lambda m: ("DOCTYPE hänvisar till en extern DTD, som permitflow aldrig läser in (förväntade en BPMN-fil utan "
                "DOCTYPE)", "")),
    (r"([\d,]+) attributes on one (\S+), more than permitflow reads \(([\d,]+); .*",
     lambda m: (f"{m[1].replace(',', chr(0xa0))} attribut på ett och samma {m[2]}, fler än permitflow läser "
                f"({m[3].replace(',', chr(0xa0))}; förväntade en BPMN-modell, vars element har några var)", "")),
    (r"not a BPMN 2\.0 document: root element is '(?P<local>.*?)' in (?:namespace '(?P<ns>.*?)'|no namespace)"
     r"(?P<hint> \(.*\))? \(expected 'definitions' in namespace '(?P<bpmn>.*)'\)", _root),
    (r"duplicate id '(.*)' \(first used at line (\S+)\) \(expected each id once\)",
     lambda m: (f"id:t '{m[1]}' används två gånger (första gången på rad {m[2]}; förväntade varje id en gång)", "")),
    (r"sequenceFlow (sourceRef|targetRef) '(.*)' does not exist \(expected the id of a flow node in process '(.*)'\)",
     lambda m: (f"sekvensflödets {_ref(m[1])} '{m[2]}' finns inte (förväntade id:t för ett steg, en händelse eller "
                f"en gateway i processen '{m[3]}')", "")),
    (r"sequenceFlow (sourceRef|targetRef) '(.*)' is in process '(.*)': a sequence flow cannot cross processes "
     r"\(expected a flow node of process '(.*)'; use a message flow between pools\)",
     lambda m: (f"sekvensflödets {_ref(m[1])} '{m[2]}' ligger i processen '{m[3]}': ett sekvensflöde kan inte gå "
                f"mellan processer (förväntade ett steg, en händelse eller en gateway i processen '{m[4]}'; använd "
                "ett meddelandeflöde mellan pooler)", "")),
    (r"sequenceFlow has no (sourceRef|targetRef) \(expected the id of a flow node\)",
     lambda m: (f"sekvensflödet saknar {_ref(m[1])} (förväntade id:t för ett steg, en händelse eller en gateway)",
                "")),
    (r"attribute (\S+)=(.*) is not a boolean \(expected true or false\)",
     lambda m: (f"attributet {m[1]}={m[2]} är inte ett sanningsvärde (förväntade true eller false)", "")),
    (r"attribute (\S+)=(.*) is not a number",
     lambda m: (f"attributet {m[1]}={m[2]} är inte ett tal", "")),
    (r"the BPMN file has no process", lambda m: ("BPMN-filen har ingen process", "")),
    # a profile written for another model (simulator/compiler.py, counted by scenarios/checks.py): the commonest
    # refusal of an upload that cannot run (found by the manager's QA evening: said in English)
    (MISSING.pattern, lambda m: (missing_said(m, "sv"), "")),
    # a model with elements the engine cannot run (simulator/tables.py, checked when the upload is sent)
    (r"process '(?P<process>.*?)' cannot be simulated: (?P<count>\d+) element\(s\) not executable: (?P<listed>.*)",
     _not_run),
    # a model whose cases can never end (simulator/traps.py), and a profile that asks for cases but gets none
    (r"cases can never finish: every way from here to an end has probability 0 \(flow '(.*?)'; .*",
     lambda m: (f"ärendena kan aldrig bli klara: varje väg härifrån till ett slut har sannolikheten 0 (flödet "
                f"'{m[1]}'; förväntade en sannolikhet över 0 på ett flöde som lämnar slingan)", "")),
    (r"cases can never finish: no end event can be reached from here",
     lambda m: ("ärendena kan aldrig bli klara: ingen sluthändelse kan nås härifrån", "")),
    (r"0 applications a year never give the (\d+) cases asked for .*",
     lambda m: (f"0 ansökningar per år ger aldrig de {m[1]} ärenden som efterfrågas (förväntade ett tal över 0, "
                "eller en simuleringslängd i stället för ett antal ärenden)", "")),
    # a run's own process that ended without a word (web/runs.py: stopped by the system, e.g. out of memory)
    (r"the run's process ended (before it started|without an answer) \(exit code (-?\d+|None)\)",
     lambda m: (f"körningens egen process avslutades {'innan den startade' if m[1].startswith('before') else 'utan svar'} "
                f"(slutkod {m[2]})", "")),
    # the YAML reader (bpmn_io/yamlparse.py, processes/yamlscan.py) and the page's own checks of a profile
    (r"invalid YAML: character #x(\w+) is not allowed \(expected printable text\)",
     lambda m: (f"ogiltig YAML: tecknet #x{m[1]} är inte tillåtet (förväntade utskrivbar text)", "")),
    # a case log upload that is no text (bpmn_io/logfiles.py: a workbook, UTF-16 without its byte-order mark)
    (r"(.*), not a case log permitflow reads \(expected CSV or XES text\): in Excel, save it as CSV \(Save As: "
     r"CSV UTF-8; Spara som: CSV UTF-8 \(kommaavgränsad\)\)",
     lambda m: (f"{_NOT_TEXT_SV.get(m[1], m[1])}, ingen ärendelogg som permitflow läser (förväntade text i CSV "
                "eller XES): spara den som CSV i Excel (Spara som: CSV UTF-8 (kommaavgränsad))", "")),
    # an editor's tab: the reader's advice (bpmn_io/yamlparse.py) in Swedish, not inside the quoted English note
    (r"invalid YAML: (.*) \(YAML indents with spaces, not tabs: replace the tab by spaces\)",
     lambda m: (f"ogiltig YAML: {TAB['sv']}", "")),
    (r"invalid YAML: (.*)", lambda m: (f"ogiltig YAML: {parser_said('yaml', m[1], 'sv')}", "")),
    (r"YAML nested deeper than (\d+) levels \(the limit of every input file\)",
     lambda m: (f"YAML nästlad djupare än {m[1]} nivåer (gränsen för varje indatafil)", "")),
    (r"more than (\d+) values once aliases are expanded",
     lambda m: (f"fler än {m[1]} värden när alias har expanderats", "")),
    (r"an alias refers to a value that contains it \(recursive data\)",
     lambda m: ("ett alias hänvisar till ett värde som innehåller det (rekursiva data)", "")),
    (r"UTF-16 text, not UTF-8 \(.*\)",
     lambda m: ("UTF-16-text, inte UTF-8 (som Anteckningars ”Unicode” sparar; spara filen som UTF-8)", "")),
    (r"not UTF-8 text \((.*) at byte (\d+)(; save the file as UTF-8)?\)",
     lambda m: (f"inte UTF-8-text (vid byte {m[2]}; spara filen som UTF-8)", "")),
    (r"not a profile \(expected a mapping with simulation:, as profile\.yaml in the library\)",
     lambda m: ("inte en profil (förväntade nycklar och värden med simulation:, som profile.yaml i biblioteket)", "")),
    # a message of these shapes that no rule of processes/rulewords.py words (the profile rules themselves are said
    # from that table, before these patterns are tried)
    (r"unknown key '(.*?)'( for distribution (\S+))? \(expected one of (.*)\)",
     lambda m: (f"okänd nyckel '{m[1]}'" + (f" för fördelningen {m[3]}" if m[2] else "")
                + f" (förväntade en av {m[4]})", "")),
    (r"(.*) is not a name", lambda m: (f"{m[1]} är inte ett namn", "")),
    (r"(.*) is not a whole number >= (\d+)", lambda m: (f"{m[1]} är inte ett heltal som är minst {m[2]}", "")),
    (r"(.*) is not a number", lambda m: (f"{m[1]} är inte ett tal", "")),
))


def detail_sv(err: PermitflowError, names: Mapping[str, str] | None = None,
              kinds: Mapping[str, str] | None = None) -> str:
    """``err``'s detail for the Swedish refusal of an upload: where, then what in Swedish, a parser's words in
    plain words (:func:`web.plainwords.parser_said`), an element by its name (``names``:
    :func:`web.plainwords.element_names` of the model, when it was read), one the model leaves unnamed by what it
    is (``kinds``: :func:`web.unnamedkinds.unnamed_kinds`); a message of ours not translated
    here keeps its English words, said to be English.

    >>> from processes.errors import InputError
    >>> detail_sv(InputError("invalid YAML: expected ',' or ']', but got '<stream end>'", file="p.yaml", line=1))
    "p.yaml, rad 1: ogiltig YAML: ett '[' som aldrig stängs med ']'"
    >>> detail_sv(InputError("the BPMN file has no process", file="m.bpmn"))
    'm.bpmn: BPMN-filen har ingen process'
    >>> from processes.rulewords import rule_error
    >>> detail_sv(rule_error("pool_fte", path="simulation.pools.officer.fte", name="'officer'", value="2.0").located(
    ...     file="p.yaml", line=4))
    "p.yaml, rad 4: simulation.pools.officer.fte: poolen 'officer': fte 2.0 måste vara i (0, 1]"
    >>> detail_sv(InputError("an English message no table knows", file="p.yaml", line=4))
    'p.yaml, rad 4: (på engelska) an English message no table knows'
    """
    ruled = rule_said(err, "sv")  # a profile rule's, from its table (processes.rulewords)
    if ruled is not None:
        return named(f"{where_said(err, 'sv')}{ruled}", names or {}, "sv", kinds)
    message = " ".join(err.message.split("\n"))
    for pattern, said in _OURS:
        m = pattern.fullmatch(message)
        if m is not None:
            words, note = said(m)
            return named(f"{where_said(err, 'sv')}{words}{note}", names or {}, "sv", kinds)
    return named(f"{where_said(err, 'sv')}(på engelska) {message}", names or {}, "sv", kinds)


def run_failure_sv(message: str, run: str = "", ended: float = 0.0) -> str:
    """A run's failure (the engine's message; several joined by ``; ``) for the Swedish refusal on the page: the
    report's plain words for a failure they know (:func:`report.failurewords.failure_words`: a join that waits in
    vain, a loop without end, a choice without a way), else what the person can do (:func:`_next_step`: the
    run ``run``, failed at ``ended``) and then the message as a technical detail, in Swedish where
    :func:`detail_sv` knows it, else its English words, said to be English.

    >>> run_failure_sv("element 'J': 3 case(s) cannot finish: tokens wait at join(s) 'J' that no other token can "
    ...                "reach (cases 0, 1, 2); no token came to Båda klara (J) by 'F1' from …")[:74]
    'Scenariot kunde inte beräknas eftersom vissa ärenden aldrig kunde avslutas'
    >>> run_failure_sv("an English message no table knows").rpartition(". ")[2]
    'Teknisk uppgift: ”(på engelska) an English message no table knows”'
    """
    said = failure_words(message)["sv"]
    if said != failure_words("")["sv"]:  # not the general sentence, whose "detail below" the page does not show
        return said
    return f"{_next_step('sv', run, ended)} Teknisk uppgift: ”{detail_sv(PermitflowError(message))}”"


def run_failure_en(message: str, run: str = "", ended: float = 0.0) -> str:
    """A run's failure for the English refusal on the page: the report's plain words for a failure they
    know, as :func:`run_failure_sv`, else what the person can do and then the engine's message as a technical
    detail. The engine's own, "the scenario cannot run: element 'J': 7 case(s) cannot finish, a deadlock in
    the model: parallel join … by 'Flow_R_J' …", once for today and once with the changes, named the model's
    ids to a manager (found by QA, qaserve2); and one no plain words know said only "This scenario could not
    be computed:" and the engine's words, with nothing to do next (qamsg).

    >>> run_failure_en("element 'J': 3 case(s) cannot finish: tokens wait at join(s) 'J' that no other "
    ...                "token can reach (cases 0, 1, 2); no token came to Båda klara (J) by 'F1' from …")[:78]
    'This scenario could not be computed because some cases could never finish: the'
    >>> run_failure_en("an English message no table knows").rpartition(". ")[2]
    'Technical detail: “an English message no table knows”'
    """
    said = failure_words(message)["en"]
    if said != failure_words("")["en"]:
        return said
    return f"{_next_step('en', run, ended)} Technical detail: “{message}”"


def _next_step(lang: str, run: str, ended: float) -> str:
    """What happened to a run no plain words know, and what the person can do: correct a model they uploaded
    and upload it again, where the page checks it (:data:`web.texts.TEXTS`' "upload" names the field), or tell
    whoever runs the server when the run ``run`` failed (``ended``: seconds since the epoch, said in the
    server's local time, as its log's lines are stamped) and its id as the log says it."""
    field = TEXTS["upload"][lang]
    when = time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(ended)) if ended else ""
    if lang == "sv":
        which = f"körning {short_id(run)} misslyckades" if run else "en körning misslyckades"
        return ("Scenariot kunde inte beräknas: simuleringen stoppades av ett fel som permitflow inte kan "
                "förklara i klartext. Det här kan du göra: är modellen en som du har laddat upp, rätta den i "
                f"modelleringsverktyget och ladda upp den igen under ”{field}”, där sidan kontrollerar den; "
                "annars säg till den som driver servern (ofta it-avdelningen) att "
                f"{which}{' ' + when if when else ''}: serverns logg har en rad om den.")
    which = f"run {short_id(run)} failed" if run else "a run failed"
    return ("This scenario could not be computed: the simulation stopped on an error permitflow cannot say "
            "in plain words. What you can do: if the model is one you uploaded, correct it in your modelling "
            f"tool and upload it again under “{field}”, where the page checks it; else tell whoever runs the "
            f"server (often the IT department) that {which}{' at ' + when if when else ''}: the server's log "
            "has a line for it.")


#: the form parser's (starlette's) refusals of a multipart body, in Swedish
_FORM_SV: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"Missing boundary in multipart"), lambda m: "formuläret anger ingen gräns mellan sina delar"),
    (re.compile(r"Too many files\. Maximum number of files is (\d+)"), lambda m: f"för många filer (högst {m[1]})"),
    (re.compile(r"Too many fields\. Maximum number of fields is (\d+)"), lambda m: f"för många fält (högst {m[1]})"),
    (re.compile(r"(?:Part|Field) exceeded maximum size of (\d+)KB"),
     lambda m: f"en del av formuläret är större än gränsen på {m[1]} kB"),
    (re.compile(r'Content-Disposition header field "name" must be provided'),
     lambda m: "en del av formuläret saknar sitt namn"),
)


def form_words_sv(words: str) -> str:
    """The form parser's refusal of a malformed upload in Swedish, its own words kept as a technical note (the
    Swedish page said them in English).

    >>> form_words_sv("Too many files. Maximum number of files is 2.")
    'för många filer (högst 2) (teknisk uppgift från formulärtolken: ”Too many files. Maximum number of files is 2.”)'
    >>> form_words_sv("Invalid multipart data.")
    'formulärets delar gick inte att tolka (teknisk uppgift från formulärtolken: ”Invalid multipart data.”)'
    """
    said = next((say(m) for pattern, say in _FORM_SV if (m := pattern.search(words))), None)
    return (said or "formulärets delar gick inte att tolka") + _note("formulärtolken", words)
