"""The diff's table of words, in English and Swedish: its difference messages (``MESSAGES``: message key ->
(English, Swedish), with the values each names in braces) and the words around them in the text, Markdown and
HTML outputs (``WORDS``: word key -> (English, Swedish)). ``{A}`` and ``{B}`` in a message are the two
models (diffwords.py's module doc says how each output names them).

Its own module as it is data, not code: diffwords.py says messages and words from it (``clause``,
``sentence``, ``word``, ``DiffWords``) and keeps both names importable from there.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "WORDS"]


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
    "loop_marker": ("{step}: loop marker: {va} in {A}, {vb} in {B}",
                    "{step}: loopmarkering: {va} i {A}, {vb} i {B}"),
    "parameter": ("{step}: {key} is {va}{ma} in {A}, {vb}{mb} in {B}",
                  "{step}: {key} är {va}{ma} i {A}, {vb}{mb} i {B}"),
    # who decides at a decision step, each value a clause ("the committee decides"; WORDS "decides...")
    "delegation": ("{step}: {va}{ma} in {A}, {vb}{mb} in {B}", "{step}: {va}{ma} i {A}, {vb}{mb} i {B}"),
    # the profiles' facts
    "fact": ("{fact}: {va}{ma} in {A}, {vb}{mb} in {B}", "{fact}: {va}{ma} i {A}, {vb}{mb} i {B}"),
    # control flow (flowdiff.py): the first clause of a relation, the next ones, a step's own property
    "relation_first": ("In {A}, {subject} {verb_a} {names}; in {B}, {pronoun} {verb_b} {them}",
                       "I {A} {verb_a} {subject} {rest_a} {names}; i {B} {verb_b} {pronoun} {rest_b} {them}"),
    "relation": ("in {A}, {subject} {verb_a} {names}; in {B}, {pronoun} {verb_b} {them}",
                 "i {A} {verb_a} {subject} {rest_a} {names}; i {B} {verb_b} {pronoun} {rest_b} {them}"),
    "property": ("{steps} {verb} {yes} in {A} but {no} in {B}", "{steps} {verb} {yes} i {A} men {no} i {B}"),
}


#: a branch's value its profile does not give (gatewaydiff.py), as the JSON's ``a_value``/``b_value`` keep it ->
#: its key in WORDS: its gateway's default flow (no condition), a flow set the profile does not list
NOT_GIVEN = {"(default flow)": "default_flow", "(not listed)": "not_listed"}


#: word key -> (English, Swedish): the values messages name, and the outputs' own words
WORDS: dict[str, tuple[str, str]] = {
    # values in the messages
    "none": ("none", "ingen"),
    # a loop marker (view.Step.loop, the JSON's code: "standard max 3") in words (diffwords.loop_words)
    "loop.standard": ("repeated (loop)", "upprepas (loop)"),
    "loop.standard max": ("repeated at most {n} times (loop)", "upprepas högst {n} gånger (loop)"),
    "loop.multi-instance parallel": ("run several times at once (parallel multi-instance)",
                                     "körs flera gånger samtidigt (parallell multiinstans)"),
    "loop.multi-instance sequential": ("run several times in turn (sequential multi-instance)",
                                       "körs flera gånger i tur och ordning (sekventiell multiinstans)"),
    "not_set": ("not set", "inte angivet"),
    # a branch that is its gateway's default flow, a flow set one model's profile does not list (gatewaydiff.py)
    "default_flow": ("otherwise (the default flow)", "annars (standardflöde)"),
    "not_listed": ("not one of its combinations (0%)", "inte en av dess kombinationer (0 %)"),
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
    "subProcess": ("subProcess", "underprocess"),
    # an unnamed step, named by what it is and its id (view.display_name)
    "unnamed": ("unnamed {what} {id}", "namnlös {what} {id}"),
    "unnamed.start event": ("start event", "starthändelse"),
    "unnamed.end event": ("end event", "sluthändelse"),
    "unnamed.boundary event": ("boundary event", "kanthändelse"),
    "unnamed.intermediate event": ("intermediate event", "mellanliggande händelse"),
    "unnamed.subprocess": ("subprocess", "underprocess"),
    "unnamed.call activity": ("call activity", "anropad aktivitet"),
    "unnamed.task": ("task", "uppgift"),
    # an unnamed step by its place, the nearest named step of its process quoted as drawn (unnamedwords.py)
    "unnamed_after": ("unnamed {what} after “{step}”", "namnlös {what} efter ”{step}”"),
    "unnamed_before": ("unnamed {what} before “{step}”", "namnlös {what} före ”{step}”"),
    "unnamed_on": ("unnamed {what} on “{step}”", "namnlös {what} på ”{step}”"),
    "unnamed_with": ("unnamed {what} with “{step}”", "namnlös {what} med ”{step}”"),
    # an unnamed step no named step is around, by its lane or pool (unnamedwords.py)
    "unnamed_in": ("unnamed {what} in “{where}”", "namnlös {what} i ”{where}”"),
    # a step whose name another step of its model has too, by its place (unnamedwords.twin_words): its name and
    # the parts that tell it apart, "Update Remaining Vacation (after “Vacation Approval”)"
    "twin": ("{name} ({said})", "{name} ({said})"),
    "place_after": ("after “{step}”", "efter ”{step}”"),
    "place_before": ("before “{step}”", "före ”{step}”"),
    "place_on": ("on “{step}”", "på ”{step}”"),
    # two steps a place does not tell apart, by their lane or pool, else counted as drawn (unnamedwords.py)
    "place_in": ("in “{where}”", "i ”{where}”"),
    "nth_of": ("{nth} of {n}", "{nth} av {n}"),
    "nth": ("first second third fourth fifth sixth seventh eighth ninth tenth",
            "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde"),
    "nth_many": ("no. {k}", "nr {k}"),
    "count": ("two three four five six seven eight nine ten", "två tre fyra fem sex sju åtta nio tio"),
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
    # the same kinds where a page names the models (Markdown's heads: "Only in Åstorp", not "Only in A")
    "kind.only_in": ("Only in {model}", "Bara i {model}"),
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
    "similarity": ("how alike: the same steps {node}, the same structure {structural}, "
                   "the same order of work {behavioural}",
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
    "node_matching": ("the same steps", "samma steg"),
    "structural": ("the same structure", "samma struktur"),
    "behavioural": ("the same order of work", "samma arbetsordning"),
    "differences": ("Differences ({n})", "Skillnader ({n})"),
    "kind": ("kind", "slag"),
    "what": ("what", "vad"),
    "matched_steps": ("Matched steps ({n})", "Matchade steg ({n})"),
    "confidence_head": ("confidence", "säkerhet"),
    "how": ("how", "hur"),
    "decision_head": ("your decision", "ditt beslut"),
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
    "metric_line": ("how alike – {metric}", "likhet – {metric}"),
    # a similarity matrix's measure, headed as the report names it (found by QA: English said the measure's
    # code name, "node matching", to a manager)
    "matrix.node_matching": (
        "the same steps (1 = all steps alike by name)",
        "samma steg (1 = alla steg lika till namnet)"),
    "matrix.structural": (
        "the same structure (1 = the same flows between steps)",
        "samma struktur (1 = samma flöden mellan stegen)"),
    "matrix.behavioural": (
        "the same order of work (1 = steps in the same order)",
        "samma arbetsordning (1 = stegen i samma ordning)"),
    "core_line": ("common core: {n} in every model", "gemensam kärna: {n} i alla modeller"),
    "variations_line": ("variation points: {n}", "där de skiljer sig: {n}"),
    "facts_line": ("facts", "fakta"),
    # no model compared has facts (a tool's BPMN files): said, not an empty table (found by QA, qawalk)
    "no_facts": ("none (no model compared has a profile with facts: a profile.yaml beside its file, or a library "
                 "model's)", "inga (ingen av modellerna har en profil med fakta: en profile.yaml bredvid filen, "
                 "eller bibliotekets)"),
    "confirmed_pair": ("a confirmed pair", "bekräftat par"),
    "kept_apart": ("kept apart from ", "hålls isär från "),
    # a variation point about several steps, in the Markdown table's step column (nway.Variation.step)
    "more_steps": ("{step} (+{n} more)", "{step} (+{n} till)"),
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
    # a step in each model at an N-way comparison's presence point (nway.Variation "presence": its values)
    "presence.present": ("present", "finns"),
    "presence.absent": ("absent", "saknas"),
    "presence.uncertain": ("uncertain", "osäkert"),
    # a task's type (model.TASK_TYPES: BPMN's names, which English shows as they are)
    "tasktype.task": ("task", "uppgift"),
    "tasktype.userTask": ("userTask", "användaruppgift"),
    "tasktype.manualTask": ("manualTask", "manuell uppgift"),
    "tasktype.serviceTask": ("serviceTask", "automatisk uppgift (tjänst)"),
    "tasktype.scriptTask": ("scriptTask", "skriptuppgift"),
    "tasktype.businessRuleTask": ("businessRuleTask", "affärsregeluppgift"),
    "tasktype.sendTask": ("sendTask", "sändande uppgift"),
    "tasktype.receiveTask": ("receiveTask", "mottagande uppgift"),
    # a distribution (processes.distributions: its name) as a difference's value says it after "fördelning
    # är": English as the profile writes it, Swedish in words (found by QA, qawords: "fördelning är fixed
    # ... lognormal")
    "dist.fixed": ("fixed", "fast"),
    "dist.exponential": ("exponential", "exponentiell"),
    "dist.uniform": ("uniform", "likformig"),
    "dist.triangular": ("triangular", "triangulär"),
    "dist.normal": ("normal", "normal"),
    "dist.lognormal": ("lognormal", "logaritmiskt normal"),
    "dist.gamma": ("gamma", "gammafördelad"),
    "dist.empirical": ("empirical", "empirisk"),
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
    # who decides at a decision step (a profile's ``delegation``, or a level per outcome: ``delegation.grant``), as a
    # clause a manager reads ("the committee decides", "nämnden beslutar"; found by QA, qaleft: "delegation is the
    # committee", "vem som beslutar, grant är ..."); ``{who}``: the level in the report's words; "_many": a level
    # English names as several people ("the case officers decide")
    "decides": ("{who} decides", "{who} beslutar"),
    "decides_many": ("{who} decide", "{who} beslutar"),
    "decides.not_set": ("who decides is not set", "vem som beslutar är inte angivet"),
    "decides.grant": ("{who} grants permits", "{who} beviljar tillstånd"),
    "decides.grant_many": ("{who} grant permits", "{who} beviljar tillstånd"),
    "decides.grant.not_set": ("who grants permits is not set", "vem som beviljar tillstånd är inte angivet"),
    "decides.refusal": ("{who} refuses applications", "{who} avslår ansökningar"),
    "decides.refusal_many": ("{who} refuse applications", "{who} avslår ansökningar"),
    "decides.refusal.not_set": ("who refuses applications is not set", "vem som avslår ansökningar är inte angivet"),
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
