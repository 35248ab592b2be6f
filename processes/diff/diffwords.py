"""The diff's words in English and Swedish, one table: its difference messages (:data:`MESSAGES`) and the
words around them in the text, Markdown and HTML outputs (:data:`WORDS`).

A difference is made with its *wording* (:func:`clause`: a message key of :data:`MESSAGES` and the values it
names) beside its English message (``Difference.message``, what the JSON and the English outputs write, made
from the same table by :func:`sentence`), so the Swedish text is said from the same facts, not patched from
the English sentence (as processes/rulewords.py does for the profile rules). A value is text alike in both
languages (a quoted step name, a code) or a pair ``(english, swedish)``. ``{A}`` and ``{B}`` in a message are
the two models: "A" and "B" in the message as made (the outputs put the models' names there, nway.name_sides),
"Åstorps modell" and "Landskronas modell" in Swedish (:func:`side_words`).

>>> words = (clause("only_in_a", step='"Diarieföring"'),)
>>> sentence(words, "en"), sentence(words, "sv", ("Åstorps modell", "Landskronas modell"))
('"Diarieföring" is only in A.', 'Steget "Diarieföring" finns bara i Åstorps modell.')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from processes.numbers import machine, number

__all__ = [
    "LANGUAGES", "MESSAGES", "WORDS", "Said", "Clause", "Wording", "DiffWords", "clause", "sentence", "word",
    "said_in", "joined", "side_words", "genitive", "decimal_commas", "ENGLISH", "display_name",
]

LANGUAGES = ("en", "sv")


def _identity(text: str) -> str:
    return text


#: a value said in each language: text alike in both, or (english, swedish)
Said = str | tuple[str, str]
#: one clause of a message: its key in :data:`MESSAGES` and the values it names
Clause = tuple[str, tuple[tuple[str, Said], ...]]
#: a message: its clauses, joined by "; " and ended by a full stop
Wording = tuple[Clause, ...]

#: message key -> (English, Swedish); ``{A}``/``{B}``: the models (module doc), the rest: the clause's values
MESSAGES: dict[str, tuple[str, str]] = {
    # a step's presence (differences.step_differences)
    "only_in_a": ("{step} is only in {A}", "Steget {step} finns bara i {A}"),
    "only_in_b": ("{step} is only in {B}", "Steget {step} finns bara i {B}"),
    "split": ("{step} in {A} is split into {parts} in {B}", "{step} i {A} är uppdelat på {parts} i {B}"),
    "merged": ("{steps} in {A} are merged into {parts} in {B}",
               "{steps} i {A} är sammanslagna till {parts} i {B}"),
    "drawn_as": ("{steps} in {A} are drawn as {parts} in {B}", "{steps} i {A} är ritade som {parts} i {B}"),
    # a matched step's attributes
    "performer": ("Done by {fa} in {A}, by {fb} in {B}: {names}",
                  "Utförs av {fa} i {A}, av {fb} i {B}: {names}"),
    "type": ("{step}: type is {va} in {A}, {vb} in {B}", "{step}: typen är {va} i {A}, {vb} i {B}"),
    "timer": ("{step}: timer {va} in {A}, {vb} in {B}", "{step}: timer {va} i {A}, {vb} i {B}"),
    "loop_marker": ("{step}: loop marker {va} in {A}, {vb} in {B}",
                    "{step}: loopmarkering {va} i {A}, {vb} i {B}"),
    "parameter": ("{step}: {key} is {va}{ma} in {A}, {vb}{mb} in {B}",
                  "{step}: {key} är {va}{ma} i {A}, {vb}{mb} i {B}"),
    # the profiles' facts
    "fact": ("{fact}: {va}{ma} in {A}, {vb}{mb} in {B}", "{fact}: {va}{ma} i {A}, {vb}{mb} i {B}"),
    # control flow (flowdiff.py): the first clause of a relation, the next ones, a step's own property
    "relation_first": ("In {A}, {subject} {verb_a} {names}; in {B}, {pronoun} {verb_b} {them}",
                       "I {A} {verb_a} {subject} {rest_a} {names}; i {B} {verb_b} {pronoun} {rest_b} {them}"),
    "relation": ("in {A}, {subject} {verb_a} {names}; in {B}, {pronoun} {verb_b} {them}",
                 "i {A} {verb_a} {subject} {rest_a} {names}; i {B} {verb_b} {pronoun} {rest_b} {them}"),
    "property": ("{steps} {verb} {yes} in {A} but {no} in {B}", "{steps} {verb} {yes} i {A} men {no} i {B}"),
}

#: word key -> (English, Swedish): the values messages name, and the outputs' own words
WORDS: dict[str, tuple[str, str]] = {
    # values in the messages
    "none": ("none", "ingen"),
    "not_set": ("not set", "inte angivet"),
    "yes": ("yes", "ja"),
    "no": ("no", "nej"),
    "not_stated": ("not stated", "inte angivet"),
    "sourced": ("sourced", "källa"),
    "assumed": ("assumed", "antagande"),
    "sourced and assumed": ("sourced and assumed", "källa och antagande"),
    "before": ("comes before", "kommer före"),
    "after": ("comes after", "kommer efter"),
    "parallel": ("runs in parallel with", "går parallellt med"),
    "exclusive": ("is an alternative to (never in the same case as)",
                  "är ett alternativ till (aldrig i samma ärende som)"),
    "before_many": ("come before", "kommer före"),
    "after_many": ("come after", "kommer efter"),
    "parallel_many": ("run in parallel with", "går parallellt med"),
    "exclusive_many": ("are alternatives to (never in the same case as)",
                       "är alternativ till (aldrig i samma ärende som)"),
    "it": ("it", "det"),
    "they": ("they", "de"),
    "them": ("them", "dem"),
    "is": ("is", "är"),
    "are": ("are", "är"),
    "optional": ("optional (can be skipped)", "valfritt (kan hoppas över)"),
    "optional_many": ("optional (can be skipped)", "valfria (kan hoppas över)"),
    "mandatory": ("mandatory", "obligatoriskt"),
    "mandatory_many": ("mandatory", "obligatoriska"),
    "repeatable": ("on a loop (can repeat)", "upprepbart (i en slinga)"),
    "repeatable_many": ("on a loop (can repeat)", "upprepbara (i en slinga)"),
    "once": ("done once", "inte upprepbart (görs en gång)"),
    "once_many": ("done once", "inte upprepbara (görs en gång)"),
    "event": ("{trigger} {position} event", "{position} ({trigger})"),
    # an event's trigger (its definition), as the type of an event says it in Swedish ("kanthändelse (tid)")
    "trigger.message": ("message", "meddelande"),
    "trigger.timer": ("timer", "tid"),
    "trigger.error": ("error", "fel"),
    "trigger.signal": ("signal", "signal"),
    "trigger.conditional": ("conditional", "villkor"),
    "trigger.escalation": ("escalation", "eskalering"),
    "trigger.compensation": ("compensation", "kompensation"),
    "trigger.link": ("link", "länk"),
    "trigger.terminate": ("terminate", "avslutar allt"),
    "trigger.cancel": ("cancel", "avbryt"),
    "trigger.multiple": ("multiple", "flera"),
    "trigger.parallel_multiple": ("parallel multiple", "flera samtidigt"),
    "start": ("start", "starthändelse"),
    "end": ("end", "sluthändelse"),
    "boundary": ("boundary", "kanthändelse"),
    "intermediate_catch": ("intermediate catch", "mellanliggande mottagande händelse"),
    "intermediate_throw": ("intermediate throw", "mellanliggande sändande händelse"),
    "subProcess": ("subProcess", "delprocess"),
    # an unnamed step, named by what it is and its id (view.display_name)
    "unnamed": ("unnamed {what} {id}", "namnlös {what} {id}"),
    "unnamed.start event": ("start event", "starthändelse"),
    "unnamed.end event": ("end event", "sluthändelse"),
    "unnamed.boundary event": ("boundary event", "kanthändelse"),
    "unnamed.intermediate event": ("intermediate event", "mellanliggande händelse"),
    "unnamed.subprocess": ("subprocess", "delprocess"),
    "unnamed.call activity": ("call activity", "anropad aktivitet"),
    "unnamed.task": ("task", "uppgift"),
    "callActivity": ("callActivity", "anropad aktivitet"),
    # a sequence flow without a label (view.flow_words), and an unnamed gateway at one of its ends
    "flow_between": ("the flow from {source} to {target}", "flödet från {source} till {target}"),
    "unnamed_node": ("a gateway", "en grind"),
    # a choice (a gateway) compared branch by branch (gatewaydiff.py): an unnamed one by the step before it,
    # a branch without a label by the step it leads to
    "choice_after": ("the choice after {step}", "valet efter {step}"),
    "flow_to": ("the flow to {target}", "flödet till {target}"),
    # the kinds of difference (result.KINDS), as the outputs head each one
    "kind.only_in_a": ("Only in A", "Bara i A"),
    "kind.only_in_b": ("Only in B", "Bara i B"),
    "kind.split": ("Split", "Uppdelat"),
    "kind.merged": ("Merged", "Sammanslaget"),
    "kind.attribute": ("Changed", "Ändrat"),
    "kind.order": ("Order", "Ordning"),
    "kind.concurrency": ("Parallel vs sequential", "Parallellt eller i följd"),
    "kind.exclusiveness": ("Alternative vs both", "Antingen eller båda"),
    "kind.optionality": ("Optional vs mandatory", "Valfritt eller obligatoriskt"),
    "kind.loop": ("Loop", "Slinga"),
    "kind.fact": ("Fact", "Fakta"),
    # the text and Markdown outputs of a diff (formats.py)
    "steps_one": ("step", "steg"),
    "steps_many": ("steps", "steg"),
    "pairs_one": ("pair", "par"),
    "pairs_many": ("pairs", "par"),
    "head": ("{a} (A, {na}) vs {b} (B, {nb})", "{a} (A, {na}) jämförd med {b} (B, {nb})"),
    "title": ("{a} vs {b}", "{a} jämförd med {b}"),
    "similarity": ("similarity: node matching {node}, structural {structural}, behavioural {behavioural}",
                   "likhet: samma steg {node}, samma struktur {structural}, samma arbetsordning {behavioural}"),
    "tiers": ("matched: {matched}; uncertain: {uncertain}; only in one model: {only}; differences: {n}",
              "matchade: {matched}; osäkra: {uncertain}; bara i den ena modellen: {only}; skillnader: {n}"),
    "uncertain_line": ('[Uncertain] "{step}" in {model}: maybe {options} in {other}',
                       '[Osäker] "{step}" i {model}: kanske {options} i {other}'),
    "matched_line": ('[Matched] "{a}" in {an} = "{b}" in {bn} ({confidence}, {how})',
                     '[Matchat] "{a}" i {an} = "{b}" i {bn} ({confidence}, {how})'),
    "note": ("note: {note}", "anm.: {note}"),
    "or": (" or ", " eller "),
    "confidence": ("confidence {score}", "säkerhet {score}"),
    "uncertain_next": (
        "Uncertain steps are not counted as differences. To settle one, confirm its candidate in a matches "
        "file (--save-matches FILE writes one with the candidates to uncomment; the HTML diff has buttons) "
        "and run again with --matches FILE.",
        "Osäkra steg räknas inte som skillnader. Bekräfta rätt kandidat i en fil med matchningar "
        "(--save-matches FIL skriver en där kandidaterna står bortkommenterade; HTML-jämförelsen har "
        "knappar) och kör igen med --matches FIL."),
    "score": ("score", "mått"),
    "value": ("value", "värde"),
    "node_matching": ("node matching", "samma steg"),
    "structural": ("structural", "samma struktur"),
    "behavioural": ("behavioural", "samma arbetsordning"),
    "differences": ("Differences ({n})", "Skillnader ({n})"),
    "kind": ("kind", "slag"),
    "what": ("what", "vad"),
    "matched_steps": ("Matched steps ({n})", "Matchade steg ({n})"),
    "confidence_head": ("confidence", "säkerhet"),
    "how": ("how", "hur"),
    "uncertain_head": ("Uncertain ({n})", "Osäkra ({n})"),
    "step": ("step", "steg"),
    "in": ("in", "i"),
    "may_be": ("may be (why)", "kan vara (varför)"),
    "notes": ("Notes", "Anmärkningar"),
    # the HTML page of a diff (report/templates/diff.html.j2, diff.js)
    "legend_matched": ("matched", "matchat"),
    "legend_changed": ("changed", "ändrat"),
    "legend_uncertain": ("uncertain", "osäkert"),
    "legend_only": ("only in this model", "bara i den här modellen"),
    "legend_numbers": ("numbers: differences listed at the right",
                       "siffror: skillnaderna i listan till höger"),
    "tiers_matched": ("matched", "matchade"),
    "tiers_uncertain": ("uncertain (not counted as differences: confirm a candidate below)",
                        "osäkra (räknas inte som skillnader: bekräfta en kandidat nedan)"),
    "tiers_only": ("only in one model.", "bara i den ena modellen."),
    "actual_size": ("diagrams at actual size (scroll to read labels)",
                    "diagrammen i verklig storlek (rulla för att läsa namnen)"),
    "uncertain_note": ("Steps without a partner that may still be the same as a step of the other model. "
                       "Confirm the right candidate, or leave them: they are not reported as differences.",
                       "Steg utan motsvarighet som ändå kan vara samma som ett steg i den andra modellen. "
                       "Bekräfta rätt kandidat, eller låt dem vara: de redovisas inte som skillnader."),
    "may_be_in": ("in {model} may be:", "i {model} kan vara:"),
    "decisions": ("Match decisions", "Beslut om matchningar"),
    "decisions_note": ("Save the pairs as they stand (matched, minus the rejected, plus the confirmed "
                       "candidates) and run again with",
                       "Spara paren som de står (de matchade, utom de avvisade, och de bekräftade "
                       "kandidaterna) och kör igen med"),
    "reject": ("reject", "avvisa"),
    "confirm": ("confirm", "bekräfta"),
    "undo": ("undo", "ångra"),
    "save": ("save matches file", "spara filen med matchningar"),
    "saved": ("saved as matches.yaml (also shown below to copy)",
              "sparad som matches.yaml (visas också nedan att kopiera)"),
    "confirmed": ("confirmed", "bekräftat"),
    "decided": ("With the decisions on this page ({confirms} confirmed, {rejects} rejected: the steps of a "
                "rejected pair are placed again at the next run); the differences and scores are this run's "
                "until the saved file is passed back with --matches.",
                "Med besluten på den här sidan (bekräftade par: {confirms}, avvisade par: {rejects}; stegen "
                "i ett avvisat par placeras på nytt vid nästa körning); skillnaderna och måtten är den här "
                "körningens tills den sparade filen ges tillbaka med --matches."),
    "file_label": ("match decisions file", "fil med beslut om matchningar"),
    # the text and Markdown outputs of an N-way comparison
    "comparison_of": ("Comparison of {names}", "Jämförelse av {names}"),
    "similarity_head": ("Similarity", "Likhet"),
    "core_head": ("Common core ({n} in every model)", "Gemensam kärna ({n} i alla modeller)"),
    "variations_head": ("Variation points ({n})", "Där de skiljer sig ({n})"),
    "facts_head": ("Facts", "Fakta"),
    "fact_head": ("fact", "fakta"),
    "models_line": ("models: {names}", "modeller: {names}"),
    "metric_line": ("{metric} similarity", "likhet – {metric}"),
    # a similarity matrix's measure, headed as the report names it in Swedish (English: the measure's name)
    "matrix.node_matching": ("node matching", "samma steg (1 = alla steg lika till namnet)"),
    "matrix.structural": ("structural", "samma struktur (1 = samma flöden mellan stegen)"),
    "matrix.behavioural": ("behavioural", "samma arbetsordning (1 = stegen i samma ordning)"),
    "core_line": ("common core: {n} in every model", "gemensam kärna: {n} i alla modeller"),
    "variations_line": ("variation points: {n}", "där de skiljer sig: {n}"),
    "facts_line": ("facts", "fakta"),
    "confirmed_pair": ("a confirmed pair", "bekräftat par"),
    "kept_apart": ("kept apart from ", "hålls isär från "),
    "and": (" and ", " och "),
    "decision": ("the person's decision", "användarens beslut"),
    # how a pair was found (Match.how) and what a relation or property is (a difference's values)
    "how.auto": ("auto", "automatiskt"),
    "how.confirmed": ("confirmed", "bekräftat"),
    # ... by which of the matcher's passes (matchtypes.Match.how; English shows the pass's code name as it was)
    "how.grouped": ("grouped", "ett mot flera"),
    "how.context": ("context", "samma grannar"),
    "how.placed": ("placed", "samma plats"),
    "how.run": ("run", "kvar mellan samma steg"),
    "how.status": ("status", "statusrad"),
    "how.outcome": ("outcome", "samma utfall"),
    "how.ending": ("ending", "modellens enda start eller slut"),
    "how.sole": ("sole", "enda kandidaten"),
    "how.handover": ("handover", "det som lämnas över"),
    "how.arrival": ("arrival", "där ansökan kommer in"),
    "how.perspective": ("perspective", "sökandens och förvaltningens sida"),
    "value.before": ("before", "före"),
    "value.after": ("after", "efter"),
    "value.parallel": ("parallel", "parallellt"),
    "value.exclusive": ("exclusive", "alternativ"),
    "value.mixed": ("mixed", "blandat"),
    "value.optional": ("optional", "valfritt"),
    "value.mandatory": ("mandatory", "obligatoriskt"),
    "value.repeatable": ("repeatable", "upprepas"),
    "value.once": ("once", "en gång"),
    # a task's type (model.TASK_TYPES: BPMN's names, which English shows as they are)
    "tasktype.task": ("task", "uppgift"),
    "tasktype.userTask": ("userTask", "användaruppgift"),
    "tasktype.manualTask": ("manualTask", "manuell uppgift"),
    "tasktype.serviceTask": ("serviceTask", "automatisk uppgift (tjänst)"),
    "tasktype.scriptTask": ("scriptTask", "skriptuppgift"),
    "tasktype.businessRuleTask": ("businessRuleTask", "affärsregeluppgift"),
    "tasktype.sendTask": ("sendTask", "sändande uppgift"),
    "tasktype.receiveTask": ("receiveTask", "mottagande uppgift"),
    # a step's parameter in a profile (its flattened key, "delay.mean"), as a Swedish difference names it
    "param.duration": ("duration", "tid"),
    "param.delay": ("delay", "väntetid"),
    "param.delegation": ("delegation", "vem som beslutar"),
    "param.loop": ("loop", "slinga"),
    "param.probabilities": ("probabilities", "sannolikhet"),
    "param.conditions": ("conditions", "villkor"),
    "param.set": ("set", "sätter"),
    "param.dist": ("dist", "fördelning"),
    "param.mean": ("mean", "medelvärde"),
    "param.sd": ("sd", "standardavvikelse"),
    "param.low": ("low", "lägst"),
    "param.high": ("high", "högst"),
    "param.mode": ("mode", "typvärde"),
    "param.max": ("max", "högst"),
    "param.value": ("value", "värde"),
    # a parameter that names a branch (its flow in words, view.flow_words) or a case attribute (in words)
    "param_of.probabilities": ("probability of {what}", "sannolikhet för {what}"),
    "param_of.conditions": ("condition of {what}", "villkor för {what}"),
    "param_of.set": ("the case attribute {what} it sets", "ärendeegenskapen {what} som steget sätter"),
    # the stages of a case (stages.yaml), as a reason names the stage two steps share
    "stage.advice": ("advice", "rådgivning"),
    "stage.intake": ("intake", "mottagning av ansökan"),
    "stage.completeness": ("completeness", "kontroll av att ansökan är komplett"),
    "stage.referrals": ("referrals", "remisser"),
    "stage.investigation": ("investigation", "utredning"),
    "stage.knowledge test": ("knowledge test", "kunskapsprov"),
    "stage.write-up": ("write-up", "förslag till beslut"),
    "stage.decision": ("decision", "beslut"),
    "stage.notice": ("notice", "expediering av beslutet"),
    "stage.fees": ("fees", "avgifter"),
    "stage.follow-up": ("follow-up", "tillsyn"),
    "stage.closure": ("closure", "avslut"),
}


def word(key: str, lang: str, **values: object) -> str:
    """The word or words of ``key`` (:data:`WORDS`) in ``lang``, with ``values`` in their places."""
    text = WORDS[key][lang == "sv"]
    return text.format(**values) if values else text


def said_in(value: Said, lang: str) -> str:
    return value if isinstance(value, str) else value[lang == "sv"]


def joined(values: Iterable[Said], between: str) -> Said:
    """``values`` joined by ``between``: one text when each is one, else (English, Swedish)."""
    values = list(values)
    en, sv = (between.join(said_in(v, lang) for v in values) for lang in LANGUAGES)
    return en if en == sv else (en, sv)


def clause(message: str, /, **values: Said) -> Clause:
    """One clause of a message: ``message`` (a key of :data:`MESSAGES`) and its ``values``."""
    return message, tuple(values.items())


def sentence(wording: Wording, lang: str, sides: tuple[str, str] = ("A", "B")) -> str:
    """``wording`` in ``lang``: its clauses joined by "; ", a full stop at the end; ``sides``: what stands for
    the models (``{A}``, ``{B}``)."""
    parts = [MESSAGES[key][lang == "sv"].format(A=sides[0], B=sides[1],
                                                **{k: said_in(v, lang) for k, v in values})
             for key, values in wording]
    return "; ".join(parts) + "."


def genitive(name: str) -> str:
    """A Swedish name in the genitive: an -s, none after s, x or z.

    >>> genitive("Åstorp"), genitive("Landskrona"), genitive("Höganäs")
    ('Åstorps', 'Landskronas', 'Höganäs')
    """
    return name if name[-1:].lower() in ("s", "x", "z") else name + "s"


_WORD_NAME = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")


def side_words(name: str, lang: str, *, town: bool = True) -> str:
    """A model as a Swedish message names it after "i": a municipality's name (``town``) as "Åstorps modell",
    any other name (a file's, "a.bpmn") as "modellen a.bpmn"; in English the name itself.

    >>> side_words("Åstorp", "sv"), side_words("kommun_a", "sv"), side_words("a", "sv", town=False)
    ('Åstorps modell', 'modellen kommun_a', 'modellen a')
    """
    if lang != "sv":
        return name
    return f"{genitive(name)} modell" if town and _WORD_NAME.fullmatch(name) else f"modellen {name}"


_DECIMAL = re.compile(r"(?<![\w.,])(\d+)\.(\d+)(?![\w.,]*\d\.)")


def decimal_commas(text: str) -> str:
    """``text`` with its decimal numbers ("21.12d", "0.5") written with a decimal comma, as Swedish does.

    >>> decimal_commas("21.12d, 1.5h"), decimal_commas("gamma")
    ('21,12d, 1,5h', 'gamma')
    """
    return _DECIMAL.sub(lambda m: machine(m.group(0), "sv"), text)


@dataclass(frozen=True, slots=True)
class DiffWords:
    """The language an output of the diff is written in, and how it names things in it.

    ``names``: a model's name (as compared) -> how that language names it (a municipality's name from its
    profile, "Åstorp" for ``astorp``); ``facts``: a fact's key -> its name in that language; ``fact_value``:
    a fact's text (:func:`differences.fact_text`) in that language's words. The outputs' defaults are English
    with the names as given (the outputs as they were before Swedish was added)."""

    lang: str = "en"
    names: Mapping[str, str] = field(default_factory=dict)
    facts: Mapping[str, str] = field(default_factory=dict)
    fact_value: Callable[[str], str] = _identity
    #: a decision level as a profile's parameter says it ("working committee") in that language
    #: ("arbetsutskottet")
    level: Callable[[str], str] = _identity
    #: a kind of variation point (nway.Variation.kind) -> its name in that language; the code name without one
    variation_kinds: Mapping[str, str] = field(default_factory=dict)
    #: a variation point of an N-way comparison (nway.Variation) as a sentence in that language, or None (then
    #: its English message): the report's sentences (report/variationwords.py), which the command line passes
    variation: Callable[[Any], str | None] | None = None
    #: a model's name -> a fact's key -> its text in that language (differences.fact_text: as the profile's
    #: ``names:`` say it); an N-way comparison's facts table, whose values are the English texts, shows these
    fact_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: a case attribute's name (``tre_underkanda_prov``, what a step's ``set:`` marks) in that language's words
    #: (the report's: "three knowledge tests failed"); without them its name, underscores as spaces
    attribute: Callable[[str], str] = field(default=lambda name: name.replace("_", " "))
    #: a branch's condition (``hinder == 'kvarstar'``) in that language's words (the report's: "when a ground
    #: against the applicant: remains"); without them as written
    condition: Callable[[str], str] = _identity
    #: a model's name -> an unnamed step's id -> what it is in that language's words (the report's: "timer after
    #: 14 days in "Invänta komplettering""); without them the step is named by what it is and its id
    unnamed: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def name(self, model: str) -> str:
        return self.names.get(model, model)

    def side(self, model: str) -> str:
        """``model`` as a line names it after "in" / "i": its name, or in Swedish its municipality's in the
        genitive ("Åstorps modell") when its profile names one, else "modellen a" (a file's name takes no
        genitive)."""
        return side_words(self.name(model), self.lang, town=model in self.names)

    def word(self, key: str, **values: object) -> str:
        return word(key, self.lang, **values)

    def label(self, model: str, steps: Mapping[str, Any], ids: Iterable[str]) -> str:
        """The steps ``ids`` of ``model`` (``steps``: its view's, id -> view.Step) by name, joined by " + ": an
        unnamed one by the words :attr:`unnamed` gives it, else by what it is and its id (view.display_name)."""
        said = self.unnamed.get(model, {})
        return " + ".join(said.get(i) or display_name(steps[i], self.lang) for i in ids if i in steps)

    def number(self, value: float, digits: int) -> str:
        """``value`` to ``digits`` decimals as the language writes it (``0.45``, ``0,45``)."""
        return f"{value:.{digits}f}" if self.lang == "en" else number(value, "sv", digits)

    def counted(self, n: int, key: str) -> str:
        return f"{n} {self.word(key + ('_one' if n == 1 else '_many'))}"

    def value(self, attribute: str, text: str) -> str:
        """A difference's value (``text``, of ``attribute``: a fact's name, ``profile.<key>``) in this
        language's words: a fact's text in the words of facts, a decision level (``profile.delegation``) in
        words."""
        if not text or self.lang == "en":
            return text
        if not attribute.startswith("profile."):
            return self.fact_value(text)
        return self.level(text) if attribute.split(".")[1] == "delegation" else text

    def fact_name(self, fact: str) -> str:
        return self.facts.get(fact) or fact.replace("_", " ")


#: English, the models named as given: what the outputs write without a language
ENGLISH = DiffWords()


def wording_values(wording: Wording) -> dict[str, Any]:
    """The values of a message's first clause by name (what an output shows beside the message)."""
    return dict(wording[0][1]) if wording else {}


_EVENT_WORDS = {"start": "start event", "end": "end event", "boundary": "boundary event"}


def display_name(step: Any, lang: str = "en") -> str:
    """The step's name, or for an unnamed step what it is and its id
    ("unnamed end event Event_1voaxze"; in Swedish, ``lang`` "sv", "namnlös sluthändelse Event_1voaxze"). ``step``:
    a :class:`processes.diff.view.Step` (its name, kind, detail and id; here, not in view, which reads this table:
    :meth:`DiffWords.label` names steps by it)."""
    if step.name:
        return step.name
    if step.kind == "event":
        what = _EVENT_WORDS.get(step.detail.split(":")[0], "intermediate event")
    else:
        what = {"subProcess": "subprocess", "callActivity": "call activity"}.get(step.kind, step.kind)
    return word("unnamed", lang, what=word("unnamed." + what, lang), id=step.id)
