"""English irregular verbs: a past or past-participle form read as its verb.

The Snowball English stemmer joins the regular forms of a verb ("checked", "checking",
"checks" are all "check") but leaves an irregular form as it is: "written" stays "written"
and never meets "write", "held" never meets "hold". This module holds a fixed table of the
irregular verbs of a learner's list of English (about 190 verbs, written from general
grammar, not from any model) and reads a past or past-participle form as the verb's base
form, so that language.word_root stems "written" as it stems "write".

Left out, because one word cannot say which word is meant: a form that is also the base
form of another common English word, or a common noun or adjective of process labels
(``AMBIGUOUS``): "found" (found a company), "left", "lay" (lay is its own verb, and lie's
forms are another word), "led" (its verb "lead" is mostly the noun or adjective in labels:
"lead agency"), "saw", "fed", "bound", "ground", "wound", "felt", "fell", "rose", "bore"
and "born", "spoke", "shot", "bit", "lit", "stole", "thought", "drunk", "rung", "slew",
"spelt", "smelt", "mistaken" (the adjective "wrong"), "sat" (Saturday), "met" (the Met,
London's police). A form equal to its base ("set", "put", "cut", "read") needs no entry.

>>> verb_of("written"), verb_of("held"), verb_of("sought"), verb_of("withdrawn")
('write', 'hold', 'seek', 'withdraw')
>>> verb_of("found"), verb_of("report")
('found', 'report')
"""

from __future__ import annotations

__all__ = ["IRREGULAR_VERBS", "AMBIGUOUS", "FORMS", "verb_of"]

#: base, simple past, past participle; "a/b" where both are written (British and American)
IRREGULAR_VERBS = """
arise arose arisen
awake awoke awoken
bear bore borne/born
beat beat beaten
become became become
begin began begun
behold beheld beheld
bend bent bent
bet bet bet
bid bid bid
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burn burnt burnt
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
do did done
draw drew drawn
dream dreamt dreamt
drink drank drunk
drive drove driven
dwell dwelt dwelt
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade forbidden
forecast forecast forecast
foresee foresaw foreseen
foretell foretold foretold
forget forgot forgotten
forgive forgave forgiven
forsake forsook forsaken
freeze froze frozen
get got got/gotten
give gave given
go went gone
grind ground ground
grow grew grown
hang hung hung
have had had
hear heard heard
hew hewed hewn
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
knit knit knit
know knew known
lay laid laid
lead led led
lean leant leant
leap leapt leapt
learn learnt learnt
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mishear misheard misheard
mislay mislaid mislaid
mislead misled misled
misread misread misread
mistake mistook mistaken
misunderstand misunderstood misunderstood
mow mowed mown
outdo outdid outdone
outgrow outgrew outgrown
overcome overcame overcome
overdo overdid overdone
overhear overheard overheard
overlay overlaid overlaid
overpay overpaid overpaid
override overrode overridden
overrun overran overrun
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
partake partook partaken
pay paid paid
prepay prepaid prepaid
prove proved proven
put put put
quit quit quit
read read read
rebuild rebuilt rebuilt
redo redid redone
remake remade remade
repay repaid repaid
resell resold resold
retell retold retold
rewrite rewrote rewritten
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
sew sewed sewn
shake shook shaken
shear sheared shorn
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slit slit slit
smell smelt smelt
sow sowed sown
speak spoke spoken
speed sped sped
spell spelt spelt
spend spent spent
spill spilt spilt
spin spun spun
spit spat spat
split split split
spoil spoilt spoilt
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
stink stank stunk
stride strode stridden
strike struck struck
string strung strung
strive strove striven
swear swore sworn
sweep swept swept
swell swelled swollen
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
thrust thrust thrust
tread trod trodden
undergo underwent undergone
underpay underpaid underpaid
understand understood understood
undertake undertook undertaken
underwrite underwrote underwritten
undo undid undone
uphold upheld upheld
upset upset upset
wake woke woken
wear wore worn
weave wove woven
wed wed wed
weep wept wept
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
wring wrung wrung
write wrote written
"""

#: forms left unread (module doc): each is also another common word of process labels
AMBIGUOUS = frozenset(
    "found left lay lain led saw fed bound ground wound felt fell rose bore born spoke shot bit lit stole "
    "thought drunk rung slew spelt smelt mistaken sat met".split()
)


def _forms(table: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in table.split("\n"):
        if not line:
            continue
        base, *inflected = line.split()
        for form in (f for written in inflected for f in written.split("/")):
            if form != base and form not in AMBIGUOUS:
                forms[form] = base
    return forms


#: an irregular past or past-participle form -> its verb's base form
FORMS: dict[str, str] = _forms(IRREGULAR_VERBS)


def verb_of(word: str) -> str:
    """The base form of a case-folded English word when it is an irregular verb's past or
    past participle in the table (``word`` itself otherwise)."""
    return FORMS.get(word, word)
