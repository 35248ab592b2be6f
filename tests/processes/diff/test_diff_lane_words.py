"""A word of a step's label that also names its lane is left out (matchtypes.what) only when it
says who does the step: not when it is the step's action ("Arkivering" in the lane
"Kommunarkivet", p47) nor, in English, what the performer works on ("license" in the lane
"Licensing Clerk")."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.matchtypes import what
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import Step


def _what(name: str, lane: str, lang: str, *others: str) -> str:
    lex = Lexicon.build(builtin_synonyms(), [name, lane, *others])
    return what(lex, Step("T", name, "task", "user", lane), lang)


def test_the_action_stays_when_the_lane_is_named_after_it() -> None:
    # p47: "arkivering" and "Kommunarkivet" share the root; the step archives, the lane is the archive
    assert _what("Arkivering enligt dokumenthanteringsplan", "Kommunarkivet", "sv", "Arkivera ärendet") == (
        "Arkivering enligt dokumenthanteringsplan"
    )
    assert _what("Avsluta och arkivera ärendet", "Kommunarkivet", "sv") == "Avsluta och arkivera ärendet"
    # a lane written as the same action names its performer by it: the word still goes
    assert _what("Alkoholhandläggning av ansökan", "Alkoholhandläggning", "sv") == "av ansökan"


def test_the_performer_named_as_subject_still_goes() -> None:
    assert _what("Handläggaren utreder ärendet", "Handläggare", "sv") == "utreder ärendet"
    assert _what("Council hearing and decision", "Town Council", "en") == "hearing and decision"
    assert _what("LSC hearing", "Licensing Sub-Committee (LSC)", "en") == "hearing"


def test_an_english_object_named_by_the_lanes_modifier_stays() -> None:
    assert _what("Mail the license with the cover letter", "Licensing Clerk", "en") == (
        "Mail the license with the cover letter"
    )
    assert _what("License issued", "Licensing Clerk", "en") == "License issued"
    assert _what("Schedule the fire inspection", "Fire Marshal's Office", "en") == "Schedule the fire inspection"


def test_p47s_archiving_pairs_with_archiving_the_case() -> None:
    chain = "S R U K E"
    a = model([("S", "start", "Ansökan inkommer"), ("R", "userTask", "Registrera ansökan"),
               ("U", "userTask", "Utredning"), ("K", "userTask", "Arkivera ärendet"), ("E", "end", "Klart")],
              chain=chain, lanes={"Handläggare": ["S", "R", "U", "K", "E"]})
    b = model([("S", "start", "Ny ansökan"), ("R", "userTask", "Diarieföring"), ("U", "userTask", "Utreda ärendet"),
               ("K", "userTask", "Arkivering enligt dokumenthanteringsplan"), ("E", "end", "Ärendet avslutat")],
              chain=chain, lanes={"Handläggare": ["S", "R", "U", "E"], "Kommunarkivet": ["K"]})
    d = diff_models(a, b)
    pair = [m for m in d.matches if m.a == ("K",)]
    assert [m.b for m in pair] == [("K",)]
    assert pair[0].label > 0.4  # 0 when "Arkivering" was read as the lane
    assert not [x for x in d.differences if x.kind.startswith("only") and "K" in (*x.a, *x.b)]
