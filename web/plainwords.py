"""A refused upload's detail in plain words for a manager, in English and Swedish: what the XML and YAML
parsers said of a file as what is wrong with it, without the parser's name, and a model's element by its name.

The readers word their refusals for the command line, where whoever develops a model reads them: ``m.bpmn:139:
not well-formed XML: Opening and ending tag mismatch: process line 17 and proces``, lxml's words; the page
said them so, in Swedish "teknisk uppgift från XML-läsaren lxml", and a manager does not know what lxml or
PyYAML is. :func:`parser_said` says the commonest of the two parsers' messages as what is wrong (the tag, the
line, what to write instead): an XML fault in the words the readers already give the command line
(:mod:`bpmn_io.xmlfaults`, one table for both, and its Swedish), a YAML one from a table here; another one as
"not written as XML requires here", its words kept as a technical detail, no parser named.
:func:`element_names` and :func:`named` put an element's name where a message quotes its id (an element the
model leaves unnamed by what it is and its id, web.unnamedkinds). :func:`detail_en` is the English detail,
:func:`web.uploadwords.detail_sv` the Swedish one; the command line's messages stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from bpmn_io.xmlfaults import fault_said
from bpmn_io.xmlfaults import said_sv as xml_said_sv
from bpmn_io.xmlsafe import mismatch_said
from processes.errors import PermitflowError
from processes.model import Definitions
from processes.shownnames import name_in
from web.unnamedkinds import unnamed_said

__all__ = ["parser_said", "element_names", "named", "detail_en", "where_said", "missing_said",
           "TAB", "MISSING"]

_Said = Callable[[re.Match[str]], tuple[str, str]]


def _table(rows: tuple[tuple[str, _Said], ...]) -> tuple[tuple[re.Pattern[str], _Said], ...]:
    return tuple((re.compile(pattern, re.S), said) for pattern, said in rows)


#: an editor's tab in YAML (bpmn_io/yamlparse.py adds the way out to PyYAML's words)
TAB = {"en": "a tab where YAML takes only spaces (YAML indents with spaces, not tabs: replace the tab by "
             "spaces)",
       "sv": "en tabb där YAML bara tar mellanslag (YAML drar in med mellanslag, inte tabbar: byt tabben mot "
             "mellanslag)"}

_INDENT = ("the indentation does not line up: this line is indented more or less than the lines it belongs "
           "with",
           "indragningen stämmer inte: raden är indragen mer eller mindre än raderna den hör till")
_OPENS = {"]": "[", "}": "{"}

#: PyYAML's commonest messages of a file that is not valid YAML: (English, Swedish)
_YAML = _table((
    (r"expected ',' or '([\]}])', but got '<stream end>'",
     lambda m: (f"a '{_OPENS[m[1]]}' that is never closed with '{m[1]}'",
                f"ett '{_OPENS[m[1]]}' som aldrig stängs med '{m[1]}'")),
    (r"expected ',' or '([\]}])', but got .*",
     lambda m: (f"the values inside '{_OPENS[m[1]]} … {m[1]}' are not separated by commas, or a '{m[1]}' is "
                "missing",
                f"värdena inom '{_OPENS[m[1]]} … {m[1]}' är inte åtskilda med kommatecken, eller så saknas "
                "ett "
                f"'{m[1]}'")),
    (r"mapping values are not allowed here",
     lambda m: ("a colon where YAML expects none: a value that holds ': ' needs quotes, or the line is "
                "indented wrongly",
                "ett kolon där YAML inte väntar sig något: ett värde som innehåller ': ' behöver "
                "citattecken, eller så "
                "är raden fel indragen")),
    (r"expected <block end>, but found .*|did not find expected key|did not find expected '-' indicator",
     lambda m: _INDENT),
    (r"could not find expected ':'",
     lambda m: ("a key without its ':' (write key: value)", "en nyckel utan sitt ':' (skriv nyckel: värde)")),
    (r"found unexpected end of stream",
     lambda m: ("a quote (\" or ') that is never closed", "ett citattecken (\" eller ') som aldrig stängs")),
    (r"found undefined alias '(.*)'",
     lambda m: (f"*{m[1]} refers to no &{m[1]} above it (a value starting with * needs quotes)",
                f"*{m[1]} hänvisar inte till något &{m[1]} ovanför (ett värde som börjar med * behöver "
                "citattecken)")),
    (r"second occurrence|found duplicate anchor.*",
     lambda m: ("the same anchor &name is defined twice", "samma ankare &namn definieras två gånger")),
    (r"found character '(.)' that cannot start any token",
     lambda m: (f"a value cannot start with {m[1]} unless it is in quotes",
                f"ett värde kan inte börja med {m[1]} utan citattecken")),
    (r"expected alphabetic or numeric character, but found .*",
     lambda m: ("a '*' or '&' without a name after it (a value starting with * or & needs quotes)",
                "ett '*' eller '&' utan namn efter sig (ett värde som börjar med * eller & behöver "
                "citattecken)")),
    (r"expected '<document start>', but found .*",
     lambda m: ("the file does not start as a YAML document does (a value starting with % needs quotes)",
                "filen börjar inte som ett YAML-dokument gör (ett värde som börjar med % behöver "
                "citattecken)")),
    (r"but found another document",
     lambda m: ("a second document after '---' (a profile is one document)",
                "ett andra dokument efter '---' (en profil är ett dokument)")),
    (r"found unknown escape character '(.)'",
     lambda m: (f"\\{m[1]} in a text in double quotes is no escape YAML knows (write \\\\ for a backslash, "
                "or use single quotes)",
                f"\\{m[1]} i en text inom dubbla citattecken är ingen kod som YAML känner till (skriv \\\\ "
                "för ett "
                "omvänt snedstreck, eller använd enkla citattecken)")),
    (r"expected chomping or indentation indicators, but found .*",
     lambda m: ("text after '|' or '>' on its line (the text goes on the lines below)",
                "text efter '|' eller '>' på samma rad (texten skrivs på raderna under)")),
    (r"expected the node content, but found '(.)'",
     lambda m: (f"a '{m[1]}' where a value was expected (a value starting with {m[1]} needs quotes)",
                f"ett '{m[1]}' där ett värde väntades (ett värde som börjar med {m[1]} behöver "
                "citattecken)")),
    (r"found unexpected ':'",
     lambda m: ("a ':' where YAML expects none (a value that holds ':' needs quotes)",
                "ett ':' där YAML inte väntar sig något (ett värde som innehåller ':' behöver citattecken)")),
))

#: what another message of each parser says, its own words kept as a technical detail (no parser named)
_OTHER = {"xml": ("the file is not written as XML requires here", "filen är inte skriven som XML kräver här"),
          "yaml": ("the file is not written as YAML requires here",
                   "filen är inte skriven som YAML kräver här")}


def parser_said(kind: str, words: str, lang: str) -> str:
    """What the XML (``kind`` "xml": lxml's) or YAML ("yaml": PyYAML's) parser's message ``words`` says is
    wrong with the file, in plain words in ``lang``.

    >>> parser_said("xml", "Opening and ending tag mismatch: process line 17 and proces", "sv")
    'starttaggen <process> på rad 17 är fortfarande öppen vid </proces> (förväntade </process> först)'
    >>> parser_said("yaml", "expected ',' or ']', but got '<stream end>'", "sv")
    "ett '[' som aldrig stängs med ']'"
    >>> parser_said("xml", "Something new", "en")
    'the file is not written as XML requires here (technical detail: “Something new”)'
    """
    words = words.strip()
    if kind == "xml":  # the readers' own words (bpmn_io.xmlfaults), or lxml's said in them
        english = mismatch_said(words, b"", None)
        english = fault_said(words, None) or words if english == words else english
        swedish = xml_said_sv(english)
        if swedish is not None:
            return english if lang == "en" else swedish
    else:
        for pattern, said in _YAML:
            m = pattern.match(words)
            if m is not None:
                return said(m)[0 if lang == "en" else 1]
    en, sv = _OTHER[kind]
    return f"{en} (technical detail: “{words}”)" if lang == "en" else f"{sv} (teknisk uppgift: ”{words}”)"


def element_names(defs: Definitions, lang: str) -> dict[str, str]:
    """Every id of ``defs``' processes (the processes, their steps, events, gateways, flows and lanes) and
    pools
    -> its name in ``lang`` (a process unnamed: its pool's), or "" for an element the model leaves unnamed."""
    names: dict[str, str] = {}
    for collaboration in defs.collaborations:
        for pool in collaboration.participants:
            names[pool.id] = " ".join(name_in(pool, lang).split())
            if pool.process_ref:
                names.setdefault(pool.process_ref, names[pool.id])
    for process in defs.processes:
        names[process.id] = " ".join(name_in(process, lang).split()) or names.get(process.id, "")
        lanes = [(lane.id, lane) for lane in process.lanes()]
        for element_id, element in [*process.nodes.items(), *process.flows.items(), *lanes]:
            names[element_id] = " ".join(name_in(element, lang).split())
    return names


#: a quoted id, and the word "element" before it that where_said writes (a kind says more: "an unnamed task")
_QUOTED = re.compile(r"(?:\b(?P<element>element|elementet) )?'(?P<id>[^'\s]+)'")
#: where a clause of a refusal starts: an element quoted first in it stands alone ("'Gw_C': complex ...")
_CLAUSE = re.compile(r"[:;] ")


def named(text: str, names: Mapping[str, str], lang: str, kinds: Mapping[str, str] | None = None) -> str:
    """``text`` with each id of ``names`` it quotes said by the element's name; an element with no name by what
    it is and its id (``kinds``: :func:`web.unnamedkinds.unnamed_kinds`) — "an unnamed complex gateway (Gw_C)" —
    or by its id in brackets where its clause already says what it is ("its start event (Start_1)") or there
    are no ``kinds``; another quoted word stays as it is.

    >>> named("gateway 'Gw_1' after 'Task_2': 'x'", {"Gw_1": "Betald?", "Task_2": ""}, "sv")
    "gateway ”Betald?” after (Task_2): 'x'"
    >>> kinds = {"Gw_C": "complex gateway", "S": "start event", "T": "task"}
    >>> named("'Gw_C': complex gateways ...; its start event 'S' is ...", {"Gw_C": "", "S": ""}, "en", kinds)
    'an unnamed complex gateway (Gw_C): complex gateways ...; its start event (S) is ...'
    >>> named("m.bpmn: element 'T': no pool", {"T": ""}, "en", kinds)
    'm.bpmn: an unnamed task (T): no pool'
    """
    opening = "“" if lang == "en" else "”"
    what_of = kinds or {}

    def one(m: re.Match[str]) -> str:
        element = m["id"]
        if element not in names:
            return m[0]
        if names[element]:
            return f"{m['element'] + ' ' if m['element'] else ''}{opening}{names[element]}”"
        what = what_of.get(element)
        clause = _CLAUSE.split(text[:m.start()])[-1].lower()
        if what is None or (not m["element"] and what.lower() in clause):
            return f"{m['element'] + ' ' if m['element'] else ''}({element})"
        return unnamed_said(element, what, lang)

    return _QUOTED.sub(one, text)


#: what a profile describes that its model lacks (simulator/compiler.py), by the kind of element
_KINDS = {"element": ("a step", "ett steg"), "lane": ("a lane", "en bana (lane)"),
          "sequence flow": ("a sequence flow", "ett sekvensflöde")}
MISSING = re.compile(r"no (element|lane|sequence flow) '(.*?)' in process '(.*?)'"
                     r"(?: \(did you mean '(.*?)'\?\))?(?: \(and (\d+) more such entries\))?")


def missing_said(m: re.Match[str], lang: str) -> str:
    """A profile that describes what its model lacks (:data:`MISSING`): in plain words, the missing id in
    brackets
    (the model has no name for it), the process and the close one quoted to be named (:func:`named`)."""
    what = _KINDS[m[1]][0 if lang == "en" else 1]
    if lang == "en":
        close = f" (did you mean '{m[4]}'?)" if m[4] else ""
        more = f" (and {m[5]} more like it)" if m[5] else ""
        return (f"the profile describes {what} that the model's process '{m[3]}' does not have "
                f"({m[2]}){close}{more}: is the profile written for another model?")
    close = f" (menade du '{m[4]}'?)" if m[4] else ""
    more = f" (och {m[5]} till av samma slag)" if m[5] else ""
    return (f"profilen beskriver {what} som modellens process '{m[3]}' inte har ({m[2]}){close}{more}: är "
            "profilen skriven för en annan modell?")


#: the readers' messages that carry a parser's words, in plain English (permitflow's other messages are said
#: as they are)
_EN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.S), said) for pattern, said in (
        (r"not well-formed XML: no XML element found, the content is not XML text \(.*\)",
         lambda m: "not well-formed XML: no XML element found, the content is not XML text"),
        # permitflow's own words after "not well-formed XML:" (bpmn_io/xmlsafe.py)
        (r"not well-formed XML: (?:elements nested deeper|a text, attribute value or name is longer|"
         r"bytes that are not).*", lambda m: m[0]),
        (r"not well-formed XML: (.*)", lambda m: f"not well-formed XML: {parser_said('xml', m[1], 'en')}"),
        (r"invalid YAML: character #x.*", lambda m: m[0]),
        (r"invalid YAML: .* \(YAML indents with spaces, not tabs: replace the tab by spaces\)",
         lambda m: f"invalid YAML: {TAB['en']}"),
        (r"invalid YAML: (.*)", lambda m: f"invalid YAML: {parser_said('yaml', m[1], 'en')}"),
        (r"not UTF-8 text \(.* at byte (\d+)(?:; save the file as UTF-8)?\)",
         lambda m: f"not UTF-8 text (at byte {m[1]}; save the file as UTF-8)"),
        (MISSING.pattern, lambda m: missing_said(m, "en")),
        # an XES log's key not found: the page's own field, as the Swedish page says (the command line's
        # option is no use on the page)
        (r"((?:event|trace) \d+ has .*) \((the activity|the case id); give --\w+ KEY for another "
         r"(?:trace )?attribute\)", lambda m: f"{m[1]} ({m[2]}; give another key under “Columns”)"),
    ))


#: the words of where a refusal is, by language: (line, element)
_WHERE = {"en": ("line", "element"), "sv": ("rad", "elementet")}


def where_said(err: PermitflowError, lang: str) -> str:
    """Where ``err`` is, in ``lang``: ``m.bpmn, line 3: element 'Task_1': simulation.pools: `` (``rad``,
    ``elementet`` in Swedish; the command line's ``m.bpmn:3:``)."""
    line, element = _WHERE[lang]
    where = ""
    if err.file:
        where = err.file + (f", {line} {err.line}" if err.line else "") + ": "
    elif err.line:
        where = f"{line} {err.line}: "
    if err.element:
        where += f"{element} '{err.element}': "
    if err.path:
        where += f"{err.path}: "
    return where


def detail_en(err: PermitflowError, names: Mapping[str, str] | None = None,
              kinds: Mapping[str, str] | None = None) -> str:
    """``err``'s detail for the English refusal of an upload: where, then what, a parser's words in plain
    words, an element by its name (``names``: :func:`element_names` of the model, when it was read), one the
    model leaves unnamed by what it is (``kinds``: :func:`web.unnamedkinds.unnamed_kinds`).

    >>> from processes.errors import InputError
    >>> detail_en(InputError("not well-formed XML: Attribute id redefined", file="m.bpmn", line=3))
    'm.bpmn, line 3: not well-formed XML: the attribute id is written twice (expected each attribute once \
in a tag)'
    """
    message = " ".join(err.message.split("\n"))
    said = next((f(m) for pattern, f in _EN if (m := pattern.fullmatch(message)) is not None), message)
    return named(f"{where_said(err, 'en')}{said}", names or {}, "en", kinds)
