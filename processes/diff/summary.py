"""A coarse step that sums up several: its label lists the work of steps of the other model.

One clerk draws "Utredning av ansökan inklusive remisser och kunskapsprov", the other
"Skicka remisser till …", "Genomför kunskapsprov med sökanden" and "Utred ärendet …";
one draws "Diarieföring och ärendefördelning", the other "Diarieför ansökan" and "Tilldela
ärendet en handläggare"; "Skicka beslut och tillståndsbevis" against "Utfärdande av
tillståndsbevis" beside the dispatch. The coarse label is an enumeration: its parts, split
at the words that join a list ("och", "samt", "inklusive", "inkl", "plus", commas), each
name the work of one finer step, which says that part in full (all the part's terms are the
step's terms) and usually more (whom the remiss goes to, what the test is). The label as a
whole is unlike each finer step (it says the others' work too), so the one-to-one passes
leave them apart, and the group passes need the finer steps next to each other.

``summary_pass`` (after the contained passes, before the decision pass) reads every named
activity x whose label has two parts or more; for each part it looks for the activities of the
other model that say the part in full. Of those, the one most like x by label, y, names the
part when it is strictly more like x than the others that say it (a tie names nothing), is
not yet in any correspondence, and x is its best partner by label among the steps left over
on x's side (strictly: a tie names nothing). When at least two parts are named by different
steps, x and those steps become one correspondence; a step already paired with x one to one
counts as naming a part when it says one in full, and the correspondence grows around it; an
x paired with a step that says none of its parts is left alone (other evidence decided).

A part that names a group with a collective word ("… och kopior till berörda myndigheter",
collective.py) is read last: once another part named a step, it names the activities left
over that share what x and the named steps share (less the applicant: "till sökanden" is
whom, not what) and that name a body (a capitalised word after the first, or a word ending
like a public body), each with x its strict best partner as above: "Underrättelse om beslut
till sökanden och berörda myndigheter" against "Skicka beslutet … till sökanden" and
"Underrätta Polisen, Länsstyrelsen och Folkhälsomyndigheten om beslutet".
Its confidence is the lowest combined score of its pairs; a pair that score sets to zero because the
two steps are of different families ("Invänta yttrande", a waiting step, against "Skicka remiss … och invänta
yttrande") counts by its label similarity, so that a correspondence made is never shown at confidence 0.
"""

from __future__ import annotations

import re

from processes.diff.collective import collective_words, names_the_rest
from processes.diff.language import is_stopword
from processes.diff.matchtypes import (
    ACTIVITIES,
    Match,
    PassInput,
    from_both_sides,
    ids_on,
    named,
    pair_confidence,
    what,
)
from processes.diff.places import BODY_ENDINGS
from processes.diff.subjects import PARTIES
from processes.diff.text import Lexicon
from processes.diff.view import ModelView

__all__ = ["LIST_WORDS", "coarse_parts", "label_parts", "summary_pass"]

#: words that join the items of a list in a Swedish or English label
LIST_WORDS = frozenset("och samt inklusive inkl plus respektive and including".split())

#: a round-bracketed part with no bracket inside
_BRACKET = re.compile(r"\s*\(([^()]*)\)")
#: a comma between two digits: a decimal comma ("0,5 h"), no list comma
_DECIMAL = re.compile(r"(?<=\d),(?=\d)")
#: HEAD – LIST: a head before a spaced dash
_DASH_HEAD = re.compile(r"^([^()–—]+?)\s+[–—-]\s+(.+)$")
#: HEAD (LIST): a head before a bracket that ends the label
_BRACKET_HEAD = re.compile(r"^([^()]+?)\s*\(([^()]*)\)$")


def _holds_list(text: str) -> bool:
    """Whether ``text`` joins items: a list word, or a comma, semicolon or slash (not a decimal comma)."""
    text = _DECIMAL.sub("", text)
    return any(c in text for c in ",;/") or any(w.strip(".") in LIST_WORDS for w in text.casefold().split())


def coarse_parts(label: str) -> tuple[str, list[str], str]:
    """How a coarse label lists its parts: (a head said with every part, the parts, a head that is a part of its own).

    A bracket that lists nothing is an aside (a time, a reminder), read away. A head before a spaced dash is said with
    every part after it; a head before a bracket that lists parts is one part, each item another. A label that lists
    nothing is one part.

    >>> coarse_parts("Kunskapsprov – bokning, provtillfälle och rättning (2 h)")
    ('Kunskapsprov', ['bokning', 'provtillfälle', 'rättning'], '')
    >>> coarse_parts("Utreda ärendet (kunskapsprov, platsbesök, utredning)")
    ('', ['kunskapsprov', 'platsbesök', 'utredning'], 'Utreda ärendet')
    >>> coarse_parts("Registrering, avgiftskontroll och fördelning (0,5 h)")
    ('', ['Registrering', 'avgiftskontroll', 'fördelning'], '')
    >>> coarse_parts("Platsbesök inkl. restid (2,5 h)")
    ('', ['Platsbesök', 'restid'], '')
    >>> coarse_parts("Begäran om komplettering (0,5 h per omgång)")
    ('', ['Begäran om komplettering'], '')
    """
    text = _BRACKET.sub(lambda m: m.group(0) if _holds_list(m.group(1)) else "", label).strip() or label
    dash = _DASH_HEAD.match(text)
    if dash and _holds_list(dash.group(2)) and not _holds_list(dash.group(1)):
        return dash.group(1), label_parts(dash.group(2)), ""
    bracket = _BRACKET_HEAD.match(text)
    if bracket and _holds_list(bracket.group(2)) and not _holds_list(bracket.group(1)):
        return "", label_parts(bracket.group(2)), bracket.group(1)
    return "", label_parts(text) if _holds_list(text) else [text], ""


def label_parts(label: str) -> list[str]:
    """The parts of an enumerating label, split at list words and commas.

    >>> label_parts("Utredning av ansökan inklusive remisser och kunskapsprov")
    ['Utredning av ansökan', 'remisser', 'kunskapsprov']
    >>> label_parts("Diarieföring och ärendefördelning")
    ['Diarieföring', 'ärendefördelning']
    >>> label_parts("Platsbesök inkl. restid 2,5 h")
    ['Platsbesök', 'restid 2,5 h']
    """
    parts: list[list[str]] = [[]]
    for token in re.split(r"(\s*(?<!\d),(?!\d)\s*|\s*[;/]\s*|\s+)", label.strip()):
        if not token.strip():
            continue
        if token.strip() in {",", ";", "/"} or token.casefold().strip(".") in LIST_WORDS:
            if parts[-1]:
                parts.append([])
            continue
        parts[-1].append(token)
    return [" ".join(p) for p in parts if p]


def _collective_terms(lex: Lexicon, text: str, lang: str) -> set[str]:
    return set(lex.terms(" ".join(collective_words(text)), lang))


def _is_body(word: str) -> bool:
    w = word.strip(".,;:()\"'")
    return w.isalpha() and (w[0].isupper() or w.casefold().endswith(BODY_ENDINGS))


def _names_body(name: str) -> bool:
    """Whether a label names a body: a capitalised word after the first ("Underrätta
    Polisen"), or a word ending like a public body ("räddningstjänsten")."""
    return any(_is_body(w) for w in name.split()[1:])


def _only_bodies(text: str, lang: str) -> bool:
    words = [w for w in text.split() if not is_stopword(w.strip(".,;:()\"'").casefold(), lang)]
    return bool(words) and all(_is_body(w) for w in words)


def _read_parts(lex: Lexicon, texts: list[str], lang: str) -> list[set[str]]:
    """The terms of each part; a part that only names bodies continues the part before it
    ("Hämta in yttranden från polisen och Skatteverket": the second part is the answers from
    Skatteverket), so it takes that part's terms that are not bodies."""
    out: list[set[str]] = []
    before = ""
    for text in texts:
        terms = set(lex.terms(text, lang))
        if not terms:
            continue
        if out and _only_bodies(text, lang):
            bodies = {t for w in before.split() if _is_body(w) for t in lex.terms(w, lang)}
            terms |= out[-1] - bodies
        out.append(terms)
        before = text
    return out


def _reading(lex: Lexicon, label: str, lang: str) -> tuple[list[set[str]], list[str]]:
    """(the terms of each part, the parts naming a group), remembered in the lexicon: an
    N-way comparison reads every step once per pair."""
    key = ("summary-parts", label, lang)
    found = lex._memo.get(key)
    if found is None:
        said, texts, own = coarse_parts(label)
        if own:
            # a head before a bracket listing bodies is the work done to each ("Skicka remisser (Polisen, …)")
            texts = (
                label_parts(f"{own} ({', '.join(texts)})") if _only_bodies(texts[0], lang) else [own, *texts]
            )
        # a part naming a group ("berörda myndigheter") is read after the others
        rest = [t for t in texts if names_the_rest(t) and set(lex.terms(t, lang)) <= _collective_terms(lex, t, lang)]
        parts = _read_parts(lex, [t for t in texts if t not in rest], lang)
        if said:  # the head before a dash is said with every part ("Kunskapsprov – bokning, …")
            head = set(lex.terms(said, lang))
            parts = [part | head for part in parts]
        found = lex._memo[key] = (parts, rest)
    return found  # type: ignore[return-value]


def _next_to(view: ModelView, further: list[str], steps: list[str]) -> list[str]:
    """The further sayers that stand right before or after (gateways between) one of ``steps`` or of those taken
    before them, in order of likeness.

    >>> from processes.model import FrozenMap
    >>> v = ModelView("m", FrozenMap({}), None, frozenset(), FrozenMap({}),
    ...               FrozenMap({"a": ("b",), "b": ("c",)}), FrozenMap({"b": ("a",), "c": ("b",)}))
    >>> _next_to(v, ["c", "b", "z"], ["a"])
    ['b', 'c']
    """
    near, left = set(steps), list(further)
    taken: list[str] = []
    while True:
        ready = [y for y in left if near & {*view.successors(y), *view.predecessors(y)}]
        if not ready:
            return taken
        taken.append(ready[0])
        near.add(ready[0])
        left.remove(ready[0])


def summary_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Coarse steps whose label lists the work of finer steps of the other model (module doc)."""
    return from_both_sides(_side, given, matches)


def _side(given: PassInput, matches: list[Match], *, swap: bool) -> list[Match]:
    one, many, lex, lang = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    s_one, s_many = ("b", "a") if swap else ("a", "b")
    io = {s: i for i, s in enumerate(one.steps)}
    im = {s: j for j, s in enumerate(many.steps)}
    out = list(matches)
    bags: dict[str, set[str]] | None = None
    for x, xs in one.steps.items():
        if xs.kind not in ACTIVITIES or not named(xs):
            continue
        parts, rest = _reading(lex, what(lex, xs, lang[0]), lang[0])
        if len(parts) + len(rest) < 2:
            continue
        if bags is None:  # the other model's terms, once per side (most steps are no list)
            bags = {
                s: set(lex.terms(what(lex, st, lang[1]), lang[1]))
                for s, st in many.steps.items() if st.kind in ACTIVITIES and named(st)
            }
        taken_one = {s for m in out for s in ids_on(m, s_one)}
        taken_many = {s for m in out for s in ids_on(m, s_many)}
        mine = [m for m in out if x in ids_on(m, s_one)]
        if mine and (
            len(mine) > 1 or mine[0].how == "confirmed" or len(ids_on(mine[0], s_one)) != 1
            or len(ids_on(mine[0], s_many)) != 1
        ):
            continue
        held = ids_on(mine[0], s_many)[0] if mine else None
        free_many = [
            s for s, st in many.steps.items()
            if s not in taken_many and st.kind in ACTIVITIES and named(st) and (x, s) not in banned
        ]
        rows_one = [io[s] for s, st in one.steps.items() if s == x or (s not in taken_one and named(st))]
        rows_all = [io[s] for s, st in one.steps.items() if named(st)]
        held_bag = set(lex.terms(what(lex, many.steps[held], lang[1]), lang[1])) if held else set()
        named_by: list[str] = []
        further: list[str] = []  # further sayers of a named part, named when they stand next to its steps
        parts_named = 0
        held_names = False
        for part in parts:
            if held and part <= held_bag:
                held_names = True
                continue
            # the part names exactly one activity of the other model, and that one is left over
            saying = sorted(
                (s for s, bag in bags.items() if s != held and part <= bag), key=lambda s: -float(lab[io[x], im[s]])
            )
            if not saying or (len(saying) > 1 and lab[io[x], im[saying[0]]] <= lab[io[x], im[saying[1]]]):
                continue
            y = saying[0]
            if y not in free_many or y in named_by:
                continue
            others = [lab[i, im[y]] for i in rows_one if i != io[x]]
            if float(lab[io[x], im[y]]) <= max([0.0, *map(float, others)]):
                continue
            named_by.append(y)
            parts_named += 1
            # the part's further sayers: x their strict best partner among all of x's steps (many99, rule 2)
            for z in saying[1:]:
                if z in free_many and z not in named_by and z not in further:
                    best_elsewhere = max([0.0, *(float(lab[i, im[z]]) for i in rows_all if i != io[x])])
                    if float(lab[io[x], im[z]]) > best_elsewhere:
                        further.append(z)
        if held and not held_names:
            continue
        if rest and (named_by or held):
            # the group: the activities left over that do what x and the steps it named share,
            # each to a body ("Underrätta Polisen, Länsstyrelsen … om beslutet")
            action = set(lex.terms(what(lex, xs, lang[0]), lang[0]))
            for y in ([held] if held else []) + named_by:
                action &= bags[y]
            action -= set(lex.terms(" ".join(sorted(PARTIES)), lang[0]))  # to the applicant: not the work
            for y in free_many if action else ():
                if y in named_by or not action <= bags[y] or not _names_body(many.steps[y].name):
                    continue
                others = [lab[i, im[y]] for i in rows_one if i != io[x]]
                if float(lab[io[x], im[y]]) > max([0.0, *map(float, others)]):
                    named_by.append(y)
        if parts_named + (1 if held else 0) < 2 and len(named_by) == parts_named:
            continue
        named_by += _next_to(many, further, named_by + ([held] if held else []))
        if len(named_by) + (1 if held else 0) < 2:
            continue
        ys = sorted(([held] if held else []) + named_by, key=lambda s: im[s])
        conf = min(pair_confidence(score, lab, io[x], im[y]) for y in ys)
        label = min(float(lab[io[x], im[y]]) for y in ys)
        if mine:
            out.remove(mine[0])
        a_ids, b_ids = (tuple(ys), (x,)) if swap else ((x,), tuple(ys))
        out.append(Match(a_ids, b_ids, round(conf, 3), round(label, 3), "grouped"))
    return out
