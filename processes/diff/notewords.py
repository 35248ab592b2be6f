"""Why the matcher pairs or offers steps, in English and Swedish: the reasons it gives an uncertain step's
candidates (:data:`REASONS`) and the notes under a diff (:data:`NOTES`), the matching passes' among them.

The matcher writes them in English (the JSON and the saved matches file keep them so); an output in Swedish
says each by its form here, the parts the form finds in their places: a model as the output names it, a
number with a decimal comma, a word of the form's own in Swedish, a stage by its Swedish name, an unnamed
step by what it is in Swedish words ("namnlös uppgift Task_1"), a step's name as it is.

>>> reason_words("the one step of the same stage in the same place (write-up)", "sv")
'det enda steget i samma skede på samma plats (förslag till beslut)'
>>> note_words('"unnamed start event S1" = "Ansökan inkommen": matched with lower confidence (0.50), the one '
...            "start event of its model against every start event of the other", "sv")
'"namnlös starthändelse S1" = "Ansökan inkommen": matchade med lägre säkerhet (0,50), modellens enda \
starthändelse mot varje starthändelse i den andra modellen'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from processes.diff.diffwords import WORDS, DiffWords, decimal_commas, word
from processes.model import TASK_TYPES

__all__ = ["REASONS", "NOTES", "reason_words", "note_words", "notes_said", "swedish_part", "step_label"]


def _identity(text: str) -> str:
    return text


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TYPE = "(?:" + "|".join(TASK_TYPES) + r") \d+"
_TASK_TYPES = re.compile(f"{_TYPE}(?:, {_TYPE})*")
#: what an unnamed step is, as the matcher names it (view.display_name: "unnamed end event Event_1")
_WHAT = "(start event|end event|boundary event|intermediate event|subprocess|call activity|task)"
_UNNAMED = re.compile(rf"(?<=[\"“])unnamed {_WHAT} ([^\"”]+)(?=[\"”])")  # in quotes, in a note


def _unnamed_sv(found: re.Match[str]) -> str:
    return word("unnamed", "sv", what=word("unnamed." + found.group(1), "sv"), id=found.group(2))


def step_label(label: str, lang: str) -> str:
    """A step's label as the matcher gives it (a common core's, nway.StepCluster.label) in ``lang``: an
    unnamed step in that language's words ("namnlös kanthändelse Timer_1"), a name as it is.

    >>> step_label("unnamed boundary event Timer_1", "sv"), step_label("unnamed task", "sv")
    ('namnlös kanthändelse Timer_1', 'unnamed task')
    """
    found = re.fullmatch(rf"unnamed {_WHAT} (\S+)", label) if lang == "sv" else None
    return _unnamed_sv(found) if found else label


def swedish_part(part: str | None) -> str:
    """A part a form found, as Swedish says it: a word of :data:`_REASON_VALUES` or a stage
    (``stage.<name>`` in diffwords.WORDS) in Swedish, a number with a decimal comma, an unnamed step in
    Swedish words; anything else (a step's name) as it is."""
    if part is None:  # an optional part not there (no line number)
        return ""
    if part in _REASON_VALUES:
        return _REASON_VALUES[part]
    if "stage." + part in WORDS:
        return word("stage." + part, "sv")
    lines = re.fullmatch(r" \((?:line (\d+)|between lines (\d+) and (\d+))\)", part)
    if lines:  # where a match decision is in its file
        return f" (rad {lines[1]})" if lines[1] else f" (rad {lines[2]}–{lines[3]})"
    if _NUMBER.fullmatch(part):
        return decimal_commas(part)
    if _TASK_TYPES.fullmatch(part):  # the types of tasks counted ("manualTask 1, userTask 2")
        return re.sub(r"(\w+) (\d+)", lambda m: f"{word('tasktype.' + m.group(1), 'sv')} {m.group(2)}", part)
    return _UNNAMED.sub(_unnamed_sv, part)


#: why a step is a candidate of an uncertain one (the matcher's reasons, tiers.py, leftovers.py ...): the
#: English reason's form -> its Swedish, the parts it names in their places; a reason of no form here stays
#: in English
REASONS: tuple[tuple[str, str], ...] = (
    (r"labels (\d\.\d+) alike \(share: (.*)\)", "namnen {0} lika (delar: {1})"),
    (r"labels (\d\.\d+) alike", "namnen {0} lika"),
    (r"a name is missing", "ett namn saknas"),
    (r"same neighbours: (\d+) matched (steps?) before and (\d+) after",
     "samma grannar: {0} {1} före och {2} efter"),
    (r"same neighbours: (\d+) matched (steps?) before", "samma grannar: {0} {1} före"),
    (r"same neighbours: (\d+) after", "samma grannar: {0} efter"),
    (r"already matched to another step", "redan matchat med ett annat steg"),
    (r"same place: between (.*) and (.*)", "samma plats: mellan {0} och {1}"),
    (r"both unmatched, labels related \(below (\d\.\d+)\)", "båda omatchade, namnen besläktade (under {0})"),
    (r"the closest of (\d+) steps in the same place", "det närmaste av {0} steg på samma plats"),
    (r"both (.*) the process, neither is matched", "båda {0} processen, inget av dem är matchat"),
    (r"may be one more of the (\d+) steps matched to (.*)",
     "kan vara ett till av de {0} steg som matchats med {1}"),
    (r"the one step of the same stage in the same place \((.*)\)",
     "det enda steget i samma skede på samma plats ({0})"),
    (r"addressed to different parties", "riktade till olika parter"),
    (r"both are the decision \(whoever takes it\)", "båda är beslutet (vem som än fattar det)"),
    (r"(a task|an event) against (a task|an event) \(the score pairs steps of one kind only: 0\)",
     "{0} mot {1} (måttet parar bara steg av samma slag: 0)"),
    (r"(a task|an event) against (a task|an event) \(scored: labels at least (\d\.\d+) alike\)",
     "{0} mot {1} (med mått: namnen minst {2} lika)"),
    (r"may be part of (.*) ↔ (.*) \(shares (.*), which (.*) lacks\)",
     "kan vara en del av {0} ↔ {1} (delar {2}, som {3} saknar)"),
    (r"best by label, but of another part of the knowledge test \((.*) / (.*)\)",
     "bäst efter namnet, men i en annan del av kunskapsprovet ({0} / {1})"),
    (r"the only start events, not paired: (.*) is the applicant deciding or getting in touch, (.*) the "
     r"application coming in",
     "de enda starthändelserna, inte parade: {0} är sökanden som bestämmer sig eller hör av sig, {1} ansökan "
     "som kommer in"),
    (r"where the application comes in after (.*)", "där ansökan kommer in efter {0}"),
)
#: how sure a pass is of a pair of a model that speaks to the applicant and one that speaks to the office
#: (perspective.py); its Swedish in :data:`_REASON_VALUES`
_SURE = r"(as near as another by it, ahead of it by the whole evidence|each the other's clearest partner by it)"
#: why a matching pass paired two steps with a lower confidence (its note: '"X" = "Y": matched with lower
#: confidence (0.43), <why>'): the English why's form -> its Swedish ({0}, {1}: the pair and the confidence)
_LOWER = (
    (r"each the other's only candidate, labels (\d\.\d+) alike",
     "var och en den andras enda kandidat, namnen {2} lika"),
    (r"the one end event of its model against every end of the other that closes the case "
     r"\(not a withdrawal, not a side branch's end\)",
     "modellens enda sluthändelse mot varje slut i den andra modellen som avslutar ärendet (inte ett "
     "återkallande, inte slutet på en sidogren)"),
    (r"placed between the same matched steps \((.*) and (.*)\), the only step left over there in each model, "
     r"labels (\d\.\d+) alike",
     "placerade mellan samma matchade steg ({2} och {3}), det enda steg som är kvar där i varje modell, "
     "namnen {4} lika"),
    (r"the only end left over in each model that is not a refusal or a withdrawal, reached from the same "
     r"matched step",
     "det enda slut som är kvar i varje modell och inte är ett avslag eller ett återkallande, nått från "
     "samma matchade steg"),
    (r"the only (message|timer) event left over in each model, next to the same matched step",
     "den enda {2} som är kvar i varje modell, bredvid samma matchade steg"),
    (r"both end the case (refused|withdrawn|granted), the only such end left over in each model",
     "båda avslutar ärendet med {2}, det enda sådana slut som är kvar i varje modell"),
    (r"the two steps left over between the same matched steps \((.*) and (.*)\) in each model, paired "
     r"(crosswise|in order), labels (\d\.\d+) alike",
     "de två steg som är kvar mellan samma matchade steg ({2} och {3}) i varje modell, parade {4}, "
     "namnen {5} lika"),
    (r"the one start event of its model against every start event of the other",
     "modellens enda starthändelse mot varje starthändelse i den andra modellen"),
    (r"among the steps left over between the same matched steps \((.*) and (.*)\), (\d+) in one model against "
     r"(\d+) in the other, aligned in order, labels (\d\.\d+) alike",
     "bland de steg som är kvar mellan samma matchade steg ({2} och {3}): {4} i den ena modellen mot {5} i den "
     "andra, parade i ordning, namnen {6} lika"),
    (r"the steps left over between the same matched steps \((.*) and (.*)\), two in one model against three in "
     r"the other, split in order, best label (\d\.\d+)",
     "de steg som är kvar mellan samma matchade steg ({2} och {3}): två i den ena modellen mot tre i den "
     "andra, uppdelade i ordning, namnen som mest {4} lika"),
    (r"the start where the application comes in and the step where it comes in after (.*) \(the applicant "
     r"deciding or getting in touch, not paired with it\); no step left over is more alike, labels (\d\.\d+) "
     r"alike",
     "starten där ansökan kommer in och steget där den kommer in efter {2} (sökanden som bestämmer sig eller "
     "hör av sig, som inte paras med det); inget annat steg som är kvar är mer likt, namnen {3} lika"),
    (r"a status line read as the step it records \((.*)\), labels (\d\.\d+) alike so read, next to the same "
     r"matched step",
     "en statusrad läst som det steg den noterar ({2}), namnen {3} lika läst så, bredvid samma matchade steg"),
    (r"one model speaks to the applicant and the other to the office: what the two steps act on is (\d\.\d+) "
     r"alike in the same place, " + _SURE,
     "den ena modellen vänder sig till sökanden och den andra till förvaltningen: det som de två stegen gäller "
     "är {2} lika på samma plats, {3}"),
    (r"one model speaks to the applicant and the other to the office: what the two steps act on \((.*) / (.*)\) "
     r"is (\d\.\d+) alike in the narrower place another such pair made, " + _SURE,
     "den ena modellen vänder sig till sökanden och den andra till förvaltningen: det som de två stegen gäller "
     "({2} / {3}) är {4} lika på den snävare plats som ett annat sådant par gav, {5}"),
    (r"one model sends what the other receives: the thing handed over \((.*) / (.*)\) is (\d\.\d+) alike in "
     r"the same place",
     "den ena modellen skickar det som den andra tar emot: det som lämnas över ({2} / {3}) är {4} lika på "
     "samma plats"),
)
#: the notes under a diff (core.py, differences.untyped_tasks_note): the English note's form -> its Swedish,
#: and which of the parts it names are models (said as "Åstorps modell", "modellen a"); a note of no form here
#: (most passes' notes about one pair) stays in English
#: a choice (gatewaydiff.choice_called) as a note's form finds it, as Swedish says it, and how many parts it finds
#: (its name and the step before it; the one with both first: a name's part would take in the rest)
#: model A and model B as a note of the matcher names them ("in A"), found as a part the output names (:func:`_parts`)
_A, _B, _SIDE = "(?P<a>A)", "(?P<b>B)", "(?P<side>A|B)"
_CHOICES = ((r'the choice "(.+?)" after "(.+?)"', 'valet "{0}" efter "{1}"', 2),
            (r'the choice after "(.+?)"', 'valet efter "{0}"', 1), (r'the choice "(.+?)"', 'valet "{0}"', 1))

#: the note of models whose names look like neither language (processes.diff.core.neither_note), after the
#: models, as a pattern and in Swedish
_NEITHER = (r"do not look like Swedish or English, so they are compared by spelling alone: small words and word "
            r"endings are not recognised \(give --language sv or en to read them as Swedish or English\)")
_NEITHER_SV = ("ser inte ut att vara på svenska eller engelska, så de jämförs bara på stavningen: småord och "
               "böjningsformer känns inte igen (ange --language sv eller en för att läsa dem som svenska eller "
               "engelska)")

NOTES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    (r"(.+) has no profile parameters \(durations, delays, who decides \.\.\.\); they are not compared",
     "{0} saknar parametrar i en profil (tider, väntetider, vem som beslutar …); de jämförs inte", (0,)),
    (r"(.+) has no profile facts; they are not compared",
     "{0} saknar fakta i en profil; de jämförs inte", (0,)),
    (rf"the names in (.+) and (.+) {_NEITHER}",
     f"namnen i {{0}} och {{1}} {_NEITHER_SV}", (0, 1)),
    (rf"the names in (.+) {_NEITHER}", f"namnen i {{0}} {_NEITHER_SV}", (0,)),
    (r"(\d+) matched tasks? (?:is a plain task|are plain tasks) in (.+) and typed in (.+) \((.*)\): a model "
     r"that does not type a task says nothing about its type, so these types are not compared",
     "matchade uppgifter utan typ i {1} men med typ i {2}: {0} ({3}); en modell som inte anger en uppgifts "
     "typ säger inget om den, så typerna jämförs inte", (1, 2)),
    (r"(.+) joins the investigation (.+): a review of the applicant's suitability, which the other model "
     r"draws inside its investigation",
     "{0} hör till utredningen {1}: en prövning av sökandens lämplighet, som den andra modellen ritar inuti "
     "sin utredning", ()),
    (r"(.+) joins the other model's review (.+): a review of the applicant's suitability, already in a "
     r"correspondence",
     "{0} hör till den andra modellens prövning {1}: en prövning av sökandens lämplighet, som redan har en "
     "motsvarighet", ()),
    # a gateway's branches not compared (gatewaydiff.py): the choice by its name, or by the step before it
    *((rf"the branches of {en} in {_A} were not compared: {how} of the gateways after the matched step "
       rf"before it in {_B} lead to the matched steps alike",
       f"grenarna från {sv} i {{{n}}} jämfördes inte: i {{{n + 1}}} leder {hur} efter motsvarande steg till samma "
       "steg", ())
      for en, sv, n in _CHOICES for how, hur in (("none", "inget val"), ("several", "mer än ett val"))),
    *((rf"the branches of {en} in {_SIDE} were not compared: its profile's probabilities or conditions name "
       r"flows that are not its branches",
       f"grenarna från {sv} i {{{n}}} jämfördes inte: profilens sannolikheter eller villkor för det gäller "
       "flöden som inte är dess grenar", ())
      for en, sv, n in _CHOICES),
    # the matcher's own notes (anchors.py, core.py): a large pair, lemmas asked for without simplemma
    (r"the models are too large to compare every pair of steps \((\d+) x (\d+)\): steps were paired by "
     rf"identical names and matched neighbours; (\d+) steps? of {_A} and (\d+) of {_B} were not compared pair by "
     r"pair \(they are listed as only in their model\)",
     "modellerna är för stora för att jämföra varje par av steg ({0} × {1}): stegen parades efter samma namn och "
     "matchade grannar; {2} steg i {3} och {4} i {5} jämfördes inte par för par (de står som bara i sin modell)",
     ()),
    (r"lemmas were asked for but simplemma is not installed \((.*)\): labels were compared by their roots",
     "grundformer (lemman) begärdes men simplemma är inte installerat ({0}): namnen jämfördes efter sina "
     "ordstammar", ()),
    # a match decision of a matches file (--matches) not used, and why (core.py); {a: ..., b: ...} as in the
    # file, a line as "(rad 12)"
    (r"(\d+) match decisions( \(between lines \d+ and \d+\))? are for (.+) vs (.+), not (.+) vs (.+); not used "
     r"\(to use them here, write models: (.*) in them, the names as on the command line, or leave models out\)",
     "{0} beslut om matchningar{1} gäller {2} och {3}, inte {4} och {5}; de används inte (för att använda dem "
     "här: skriv models: {6} i dem, namnen som på kommandoraden, eller ta bort models)", ()),
    (r"match decision (\{.*\})( \(line \d+\))? is for (.+) vs (.+), not (.+) vs (.+); not used \(to use it "
     r"here, write models: (.*) in it, the names as on the command line, or leave models out\)",
     "beslutet om matchning {0}{1} gäller {2} och {3}, inte {4} och {5}; det används inte (för att använda det "
     "här: skriv models: {6} i det, namnen som på kommandoraden, eller ta bort models)", ()),
    (r"match decision (\{.*\})( \(line \d+\))? names elements not in these two models; not used",
     "beslutet om matchning {0}{1} nämner element som inte finns i de här två modellerna; det används inte", ()),
    (r"match decision (\{.*\})( \(line \d+\))? shares a step with the confirmed pair (\{.*\}); not used "
     r"\(confirm one step drawn as two with a list: b: \[X, Y\]\)",
     "beslutet om matchning {0}{1} delar ett steg med det bekräftade paret {2}; det används inte (bekräfta ett "
     "steg som är ritat som två med en lista: b: [X, Y])", ()),
    (r"match decision (\{.*\})( \(line \d+\))? is confirmed and also rejected; the confirmation is used",
     "beslutet om matchning {0}{1} är både bekräftat och avvisat; bekräftelsen används", ()),
    *((r"(.+): matched with lower confidence \((\d\.\d+)\), " + why,
       "{0}: matchade med lägre säkerhet ({1}), " + sv, ()) for why, sv in _LOWER),
)
#: the words of the reasons' own values, in Swedish ("both start the process")
_REASON_VALUES = {"start": "startar", "end": "avslutar", "ends": "avslutar", "starts": "startar",
                  "a task": "en uppgift", "an event": "en händelse", "message": "meddelandehändelse",
                  "timer": "tidshändelse", "refused": "avslag", "withdrawn": "att ansökan återkallas",
                  "granted": "beviljat tillstånd",
                  "crosswise": "korsvis", "in order": "i ordning", "step": "matchat steg",
                  "steps": "matchade steg",
                  # how sure a pair of a model that speaks to the applicant and one that speaks to the office is
                  "as near as another by it, ahead of it by the whole evidence":
                      "lika nära som ett annat steg efter det, men före det när allt vägs in",
                  "each the other's clearest partner by it": "vart och ett det andras tydligaste motsvarighet "
                                                             "efter det"}


def _parts(found: re.Match[str], models: tuple[int, ...] = (), side: Callable[[str], str] = _identity,
           sides: tuple[str, str] = ("A", "B"), said: Callable[[str | None], str] = swedish_part) -> list[str]:
    """The parts a form found: model A or B (``_A``, ``_B``, ``_SIDE`` in the form) as ``sides`` names them, a
    model it names as ``side`` names it, the rest as ``said`` says it (Swedish: :func:`swedish_part`)."""
    sided = {found.re.groupindex[g] - 1 for g in ("a", "b", "side") if g in found.re.groupindex}
    return [sides[p == "B"] if k in sided else side(p) if k in models else said(p)
            for k, p in enumerate(found.groups())]


#: the notes whose English (the JSON's, the matcher's) is a developer's or names the models "A" and "B" or by
#: the names they were compared under: the form -> what the English outputs say, and which of the parts it names
#: are models (found by QA: "none of the gateways after the matched step before it in B lead to the matched
#: steps alike"; qaleft: "in A" where the page names the models)
PLAIN: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    (rf"the branches of (.+) in {_A} were not compared: (none|several) of the gateways after the matched step "
     rf"before it in {_B} lead to the matched steps alike",
     "the branches of {0} in {1} were not compared: in {3}, {2} after the corresponding step leads to the same "
     "steps", ()),
    (rf"the branches of (.+) in {_SIDE} were not compared: (its profile's probabilities or conditions name flows "
     r"that are not its branches)", "the branches of {0} in {1} were not compared: {2}", ()),
    (r"(the models are too large to compare every pair of steps \(\d+ x \d+\): steps were paired by identical "
     rf"names and matched neighbours; \d+ steps?) of {_A} and (\d+) of {_B} (were not compared pair by pair "
     r"\(they are listed as only in their model\))", "{0} in {1} and {2} in {3} {4}", ()),
    (r"(.+?) (has no profile (?:parameters|facts).*)", "{0} {1}", (0,)),
    (rf"the names in (.+) and (.+) ({_NEITHER})", "the names in {0} and {1} {2}", (0, 1)),
    (rf"the names in (.+) ({_NEITHER})", "the names in {0} {1}", (0,)),
    (r"(\d+ matched tasks? (?:is a plain task|are plain tasks)) in (.+) and typed in (.+) (\(.*\): a model that "
     r"does not type a task says nothing about its type, so these types are not compared)",
     "{0} in {1} and typed in {2} {3}", (1, 2)),
)
_HOW_MANY = {"none": "no choice", "several": "more than one choice"}


def _english_part(part: str | None) -> str:
    return _HOW_MANY.get(part or "", part or "")


def note_words(note: str, lang: str, side: Callable[[str], str] = _identity,
               sides: tuple[str, str] = ("A", "B")) -> str:
    """A note under a diff in ``lang``: each of its parts ("; ") in its Swedish form from :data:`NOTES` (in
    English its form from :data:`PLAIN`), a model it names as ``side`` says it, model A and model B as
    ``sides`` name them (an output for people: by their names, not "in A"); the note as it is when a part has no
    form there.

    >>> note_words("b has no profile facts; they are not compared", "sv", lambda n: "modellen " + n)
    'Modellen b saknar fakta i en profil; de jämförs inte'
    >>> note_words('the branches of the choice "Klar?" in A were not compared: none of the gateways after '
    ...            "the matched step before it in B lead to the matched steps alike", "en", sides=("Aby", "Bby"))
    'the branches of the choice "Klar?" in Aby were not compared: in Bby, no choice after the corresponding step \
leads to the same steps'
    """
    if lang != "sv":
        for form, en, models in PLAIN:
            found = re.fullmatch(form, note)
            if found:
                return en.format(*_parts(found, models, side, sides, _english_part))
        return note
    said = []
    for part in note.split("; ") if " are not compared; " in note else [note]:
        for form, sv, models in NOTES:
            found = re.fullmatch(form, part)
            if found:
                text = sv.format(*_parts(found, models, side, sides))
                said.append(text[:1].upper() + text[1:])
                break
        else:
            return note
    return "; ".join(said)


def notes_said(notes: Sequence[str], names: Sequence[str], words: DiffWords) -> list[str]:
    """The notes under a diff of the models ``names`` (two, as compared; a comparison's notes: all of
    them) in the language of ``words`` (:func:`note_words`), each model by its short name
    (:meth:`DiffWords.shortly`, as the differences and the comparison's headings and sentences name them:
    "in Åstorp", "i Åstorps modell", "i modellen Nationell referens"), not "in A" (found by QA, qaleft);
    the one place that says them, for diff and compare alike (compare said "i bewerbung" where diff said
    "i modellen bewerbung": found by QA, qanotes).

    >>> notes_said(["the names in a, b and c do not look like Swedish or English, so they are compared by "
    ...             "spelling alone: small words and word endings are not recognised (give --language sv or en "
    ...             "to read them as Swedish or English)"], ("a", "b", "c"), DiffWords("sv"))[0][:78]
    'Namnen i modellen a, modellen b och modellen c ser inte ut att vara på svenska'
    """
    words = words.shortly(names)
    known = set(names)

    def side(part: str) -> str:
        # three models or more are one part of a note's form, "a, b" of "a, b and c" (wording.listed):
        # each said
        pieces = part.split(", ")
        if part not in known and len(pieces) > 1 and known.issuperset(pieces):
            return ", ".join(words.side(p) for p in pieces)
        return words.side(part)

    sides = words.side(names[0]), words.side(names[-1])  # a diff's A and B; a comparison's name neither
    return [note_words(note, words.lang, side, sides) for note in notes]


def reason_words(reason: str, lang: str) -> str:
    """A candidate's reason (English, as the matcher gives it) in ``lang``: its Swedish form from
    :data:`REASONS`, numbers with a decimal comma; a reason of no form there as it is.

    >>> reason_words("labels 0.45 alike (share: remiss)", "sv")
    'namnen 0,45 lika (delar: remiss)'
    """
    if lang != "sv":
        return reason
    for form, sv in REASONS:
        found = re.fullmatch(form, reason)
        if found:
            return sv.format(*_parts(found))
    return reason

