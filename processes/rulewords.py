"""The profile rules' messages in English and Swedish, one table keyed by the rule.

A profile check raises :func:`rule_error` with the rule's key and the values it names; the English message
(what the command line prints, ``str(err)``) and the Swedish one (the web page's refusal of an upload,
:func:`web.uploadwords.detail_sv`) both come from :data:`RULES`, so the two cannot drift apart and no Swedish
is made by patching the English sentence. A value is either text said alike in both languages (a key, an id,
a number as written in the file) or a pair ``(english, swedish)`` for a word (``("work duration", "arbetstid")``).

>>> err = rule_error("not_probability", path="loop.again", value="1.5")
>>> err.message, rule_said(err, "sv")
('1.5 is not a probability (expected a number from 0 to 1)', '1.5 är ingen sannolikhet (förväntade ett tal från 0 till 1)')
"""

from __future__ import annotations

from typing import Any

from processes.errors import InputError

__all__ = ["RULES", "rule_error", "rule_said", "written", "NONE_DEFINED"]

#: a value said in each language: text alike in both, or (english, swedish)
Said = str | tuple[str, str]

#: "(expected one of ...)" when there is nothing to expect
NONE_DEFINED = ("none defined", "inga angivna")

#: rule -> (English, Swedish); the placeholders are the values :func:`rule_error` is given
RULES: dict[str, tuple[str, str]] = {
    # the shape of a value (bpmn_io/profile_values.py)
    "not_mapping_keys": ("expected a mapping with keys {allowed}, got {value}",
                         "förväntade nycklar och värden med nycklarna {allowed}, fick {value}"),
    "missing_key": ("missing key {key}", "nyckeln {key} saknas"),
    "not_number": ("{value} is not {what}{bound}", "{value} är inte {what}{bound}"),
    "decimal_comma": ("{value} has a decimal comma (expected a decimal point: {point})",
                      "{value} har decimalkomma (förväntade decimalpunkt: {point})"),
    "too_large": ("{value} is too large (a profile takes numbers up to {limit})",
                  "{value} är för stort (en profil tar tal upp till {limit})"),
    "not_date": ("{value} is not a date (expected YYYY-MM-DD)", "{value} är inte ett datum (förväntade ÅÅÅÅ-MM-DD)"),
    "time_unquoted": ("{value} is not a time of day (expected 'HH:MM' in quotes, 00:00-24:00)",
                      "{value} är inte en tid på dygnet (förväntade 'TT:MM' inom citattecken, 00:00–24:00)"),
    "not_time": ("{value} is not a time of day (expected HH:MM, 00:00-24:00)",
                 "{value} är inte en tid på dygnet (förväntade TT:MM, 00:00–24:00)"),
    "not_list_of": ("{value} is not a list of {of}", "{value} är inte en lista med {of}"),
    "not_names": ("{value} is not a list of names", "{value} är inte en lista med namn"),
    "not_mapping_of": ("{value} is not a mapping of {what}", "{value} är ingen tabell med {what}"),
    "not_probability": ("{value} is not a probability (expected a number from 0 to 1)",
                        "{value} är ingen sannolikhet (förväntade ett tal från 0 till 1)"),
    # durations (processes/durations.py)
    "duration_not": ("{kind} {value} is not a duration (expected e.g. '4h'; units {units})",
                     "{kind} {value} är ingen tidslängd (förväntade t.ex. '4h'; enheter {units})"),
    "duration_no_unit": ("{kind} {value} has no unit (expected e.g. '{example}', or a `unit:` key; units {units})",
                         "{kind} {value} saknar enhet (förväntade t.ex. '{example}', eller en nyckel `unit:`; "
                         "enheter {units})"),
    "duration_unit": ("unknown unit {unit} for a {kind} (expected one of {units})",
                      "okänd enhet {unit} för en {kind} (förväntade en av {units})"),
    "duration_negative": ("{kind} {value} is negative (expected 0 or more, e.g. '30m', '4h')",
                          "{kind} {value} är negativ (förväntade 0 eller mer, t.ex. '30m', '4h')"),
    "duration_no_number": ("{kind} {value} is not a number with a unit (expected e.g. '30m', '4h'; units {units})",
                           "{kind} {value} är inte ett tal med enhet (förväntade t.ex. '30m', '4h'; enheter {units})"),
    "duration_work_unit": ("{kind} {value}: unit '{unit}' is not allowed for work time, which counts hours of work "
                           "(expected one of {units}, e.g. '{example}')",
                           "{kind} {value}: enheten '{unit}' går inte för arbetstid, som räknas i arbetstimmar "
                           "(förväntade en av {units}, t.ex. '{example}')"),
    "duration_infinite": ("{kind} {value} must be finite and not negative",
                          "{kind} {value} måste vara ändlig och inte negativ"),
    # distributions (processes/distributions.py)
    "dist_unknown": ("unknown distribution {kind} (expected one of {kinds})",
                     "okänd fördelning {kind} (förväntade en av {kinds})"),
    "dist_missing": ("missing key 'dist' (expected one of {kinds})", "nyckeln 'dist' saknas (förväntade en av {kinds})"),
    "dist_param_not_number": ("{name} {value} is not a number", "{name} {value} är inte ett tal"),
    "dist_unit_name": ("unit {unit} is not a unit name (expected one of m, h, d, w, mo, y)",
                       "enheten {unit} är inget enhetsnamn (förväntade en av m, h, d, w, mo, y)"),
    "dist_unknown_key": ("unknown key {key} for distribution {kind} (expected {keys})",
                         "okänd nyckel {key} för fördelningen {kind} (förväntade {keys})"),
    "dist_needs": ("distribution {kind} needs {keys}; missing {key}",
                   "fördelningen {kind} behöver {keys}; {key} saknas"),
    "dist_values": ("values {value} must be a non-empty list of durations",
                    "values {value} måste vara en lista med minst en tidslängd"),
    "dist_weights_count": ("weights {value} must be a list of {count} numbers, one per value",
                           "weights {value} måste vara en lista med {count} tal, ett per värde"),
    "dist_weights_sum": ("weights {value} must be >= 0 with a positive sum",
                         "weights {value} måste vara minst 0 och ha en positiv summa"),
    "gamma_shape": ("gamma needs shape > 0 and scale > 0, got shape {shape}, scale {scale}h",
                    "gamma behöver shape > 0 och scale > 0, fick shape {shape}, scale {scale}h"),
    "uniform_order": ("uniform needs low <= high, got low {low} > high {high}",
                      "uniform behöver low <= high, fick low {low} > high {high}"),
    "triangular_order": ("triangular needs low <= mode <= high, got {low}, {mode}, {high}",
                         "triangular behöver low <= mode <= high, fick {low}, {mode}, {high}"),
    "dist_mean": ("{kind} needs mean > 0, got {value}", "{kind} behöver mean > 0, fick {value}"),
    "gamma_sd": ("gamma needs sd > 0, got {value}", "gamma behöver sd > 0, fick {value}"),
    # calendars, pools and arrivals (processes/staffing.py, params.py; bpmn_io/profile_calendar.py)
    "closure_capacity": ("closure capacity {value} must be between 0 and 1",
                         "stängningens kapacitet {value} måste vara mellan 0 och 1"),
    "closure_order": ("closure ends {last} before it starts {first}",
                      "stängningen slutar {last} innan den börjar {first}"),
    "opening_hours_order": ("opening hours {start}-{end} on {day} must be increasing, inside 00:00-24:00 and not overlap",
                            "öppettiderna {start}-{end} på {day} måste stiga, ligga inom 00:00–24:00 och inte "
                            "överlappa"),
    "never_open": ("calendar {name} is never open (expected opening hours on some day)",
                   "kalendern {name} är aldrig öppen (förväntade öppettider någon dag)"),
    "not_opening_hours": ("{value} is not opening hours (expected e.g. '08:00-16:30' or '08:00-12:00, 13:00-16:00')",
                          "{value} är inte öppettider (förväntade t.ex. '08:00-16:30' eller "
                          "'08:00-12:00, 13:00-16:00')"),
    "not_interval": ("{value} is not an interval (expected HH:MM-HH:MM)",
                     "{value} är inget intervall (förväntade TT:MM-TT:MM)"),
    "not_hours_mapping": ("{value} is not a mapping of weekday to hours (expected keys {days})",
                          "{value} är inte veckodagar med öppettider (förväntade nycklarna {days})"),
    "unknown_weekday": ("unknown weekday {day} (expected one of {days})",
                        "okänd veckodag {day} (förväntade en av {days})"),
    "unknown_holidays": ("unknown holiday country {value} (expected a code such as SE, or none)",
                         "okänt land för helgdagar {value} (förväntade en landskod som SE, eller ingen)"),
    "member_fte": ("member {name}: fte {value} must be in (0, 1]", "medlemmen {name}: fte {value} måste vara i (0, 1]"),
    "pool_count": ("pool {name}: count {value} must be a whole number >= 1",
                   "poolen {name}: count {value} måste vara ett heltal som är minst 1"),
    "pool_members": ("pool {name}: count {count} but {members}, {names} (expected equal: the count of a "
                     "pool with members is their number; {fix})",
                     "poolen {name}: count {count} men {members}, {names} (förväntade lika många: en pool "
                     "med medlemmar har count lika med deras antal; {fix})"),
    "pool_member_twice": ("pool {name}: a member is named twice", "poolen {name}: en medlem har samma namn två gånger"),
    "pool_fte": ("pool {name}: fte {value} must be in (0, 1]", "poolen {name}: fte {value} måste vara i (0, 1]"),
    "pool_cost": ("pool {name}: cost_per_hour {value} must be >= 0",
                  "poolen {name}: cost_per_hour {value} måste vara minst 0"),
    "pool_calendar": ("pool {name} uses calendar {calendar} (expected one of {calendars})",
                      "poolen {name} använder kalendern {calendar} (förväntade en av {calendars})"),
    "member_calendar": ("member {member} of pool {name} uses calendar {calendar} (expected one of {calendars})",
                        "medlemmen {member} i poolen {name} använder kalendern {calendar} (förväntade en av "
                        "{calendars})"),
    "seasonality_count": ("{value} is not 12 monthly weights (January first)",
                          "{value} är inte 12 vikter per månad (januari först)"),
    "weekdays_count": ("{value} is not 7 weekday weights (Monday first)",
                       "{value} är inte 7 vikter per veckodag (måndag först)"),
    "per_year": ("per_year {value} must be a number >= 0", "per_year {value} måste vara ett tal som är minst 0"),
    "seasonality": ("seasonality {value} must be 12 weights >= 0 with a positive sum",
                    "seasonality {value} måste vara 12 vikter som är minst 0 och har en positiv summa"),
    "weekdays": ("weekdays {value} must be 7 weights >= 0 (Monday first) with a positive sum",
                 "weekdays {value} måste vara 7 vikter som är minst 0 (måndag först) och har en positiv summa"),
    # gateways and loops (processes/params.py)
    "gateway_probabilities": ("gateway {id}: probabilities must each be in [0, 1] and sum to 1 (within 1e-9), "
                              "got sum {total}",
                              "gatewayen {id}: sannolikheterna måste var och en ligga i [0, 1] och summera till 1 "
                              "(inom 1e-9), summan är {total}"),
    "loop_max": ("loop max {value} must be a whole number >= 1", "loop max {value} måste vara ett heltal som är minst 1"),
    "gateway_both": ("gateway {id}: give probabilities or conditions, not both",
                     "gatewayen {id}: ange probabilities eller conditions, inte båda"),
    "share": ("share {value} must be a probability in [0, 1]",
              "andelen {value} måste vara en sannolikhet i [0, 1]"),
    "loop_again": ("loop again {value} must be a probability in [0, 1]",
                   "loop again {value} måste vara en sannolikhet i [0, 1]"),
    # decisions and the legal clock (processes/delegation.py, legalclock.py)
    "delegation_level": ("unknown delegation level {level} (expected one of {levels})",
                         "okänd delegationsnivå {level} (förväntade en av {levels})"),
    "delegation_no_body": ("delegation {level} has no decision body (expected one of {levels})",
                           "delegationen {level} har inget beslutande organ (förväntade en av {levels})"),
    "rrule_text": ("{value} is not an iCalendar RRULE text", "{value} är ingen iCalendar RRULE-text"),
    "rrule_invalid": ("invalid RRULE {value}: {detail} (expected e.g. 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3')",
                      "ogiltig RRULE {value} (förväntade t.ex. 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3') (teknisk "
                      "uppgift: ”{detail}”)"),
    "meetings_need": ("meetings need an rrule or a list of dates (expected e.g. rrule: 'FREQ=MONTHLY;BYDAY=TU')",
                      "mötena behöver en rrule eller en lista med datum (förväntade t.ex. rrule: "
                      "'FREQ=MONTHLY;BYDAY=TU')"),
    "agenda_cutoff": ("agenda_cutoff {value} must be >= 0", "agenda_cutoff {value} måste vara minst 0"),
    "deadline": ("deadline {value} hours must be > 0", "deadline {value} timmar måste vara över 0"),
    "whole_months": ("{value} is not a whole number of months: a deadline in months or years is counted in "
                     "calendar months (4mo: to the same day four months on; 1y: twelve months); write whole "
                     "months, or days ({days})",
                     "{value} är inte ett helt antal månader: en tidsgräns i månader eller år räknas i "
                     "kalendermånader (4mo: till samma dag fyra månader senare; 1y: tolv månader); skriv hela "
                     "månader, eller dagar ({days})"),
    "clock_same": ("the clock starts and stops at the same event {value}",
                   "klockan startar och stannar vid samma händelse {value}"),
    # the whole simulation (processes/params.py, bpmn_io/profile_schema.py)
    "horizon": ("{value} is not a horizon above 0 and at most {limit}y",
                "{value} är ingen simuleringslängd över 0 och högst {limit}y"),
    "arrivals_too_many": ("{value} applications a year over a horizon of {horizon} is about {expected} "
                          "applications in one replication (expected at most {limit}, as cases: takes: "
                          "a lower per_year or a shorter horizon)",
                          "{value} ansökningar per år under en simuleringslängd på {horizon} blir omkring "
                          "{expected} ansökningar i en upprepning (högst {limit} går, som för cases:: ett "
                          "lägre per_year eller en kortare simuleringslängd)"),
    "warmup": ("warmup of {warmup} must be shorter than the horizon of {horizon}: give a horizon longer than "
               "{warmup}, or a shorter warmup",
               "uppvärmningen på {warmup} måste vara kortare än simuleringslängden på {horizon}: ange en "
               "simuleringslängd längre än {warmup}, eller en kortare uppvärmning"),
    "warmup_negative": ("warmup of {warmup} must be 0 or more", "uppvärmningen på {warmup} måste vara minst 0"),
    "element_pool": ("element uses pool {pool} (expected one of {pools})",
                     "elementet använder poolen {pool} (förväntade en av {pools})"),
    "body_pool": ("decision body {level} uses pool {pool} (expected one of {pools})",
                  "det beslutande organet {level} använder poolen {pool} (förväntade en av {pools})"),
    # the rest of the profile's sections (bpmn_io/profile.py, profile_schema.py, profile_facts.py, profile_decision.py)
    "not_profile_mapping": ("the file holds {kind}, not a profile (expected YAML keys and values: {keys})",
                            "filen innehåller {kind}, ingen profil (förväntade YAML-nycklar och värden: "
                            "{keys})"),
    "unknown_key": ("unknown key {key} (expected one of {keys})", "okänd nyckel {key} (förväntade en av {keys})"),
    # conditions on gateways (processes/conditions.py)
    "condition_unreadable": ("condition {text}: cannot read {rest} (expected `attribute OP value` joined by and/or, OP one of == != < <= > >= in, e.g. \"kind == 'restaurant'\")",
                             "villkoret {text}: kan inte läsa {rest} (förväntade `attribut OP värde` förenade med and/or, OP en av == != < <= > >= in, t.ex. \"kind == 'restaurant'\")"),
    "condition_value": ("condition {text}: {value} is not a value (expected a number, a quoted text, true or false)",
                        "villkoret {text}: {value} är inget värde (förväntade ett tal, en text inom citattecken, true "
                        "eller false)"),
    "condition_not_text": ("condition {text} is not a text (expected `attribute OP value` joined by and/or, OP one of == != < <= > >= in, e.g. \"kind == 'restaurant'\")", "villkoret {text} är ingen text (förväntade `attribut OP värde` förenade med and/or, OP en av == != < <= > >= in, t.ex. \"kind == 'restaurant'\")"),
    "condition_early": ("condition {text} ends too early (expected `attribute OP value` joined by and/or, OP one of == != < <= > >= in, e.g. \"kind == 'restaurant'\")", "villkoret {text} tar slut för tidigt (förväntade `attribut OP värde` förenade med and/or, OP en av == != < <= > >= in, t.ex. \"kind == 'restaurant'\")"),
    "condition_name": ("condition {text}: {name} is not an attribute name (expected `attribute OP value` joined by and/or, OP one of == != < <= > >= in, e.g. \"kind == 'restaurant'\")",
                       "villkoret {text}: {name} är inget attributnamn (förväntade `attribut OP värde` förenade med and/or, OP en av == != < <= > >= in, t.ex. \"kind == 'restaurant'\")"),
    "condition_in_list": ("condition {text}: `in` needs a list like [1, 2] (expected `attribute OP value` joined by and/or, OP one of == != < <= > >= in, e.g. \"kind == 'restaurant'\")",
                          "villkoret {text}: `in` behöver en lista som [1, 2] (förväntade `attribut OP värde` förenade med and/or, OP en av == != < <= > >= in, t.ex. \"kind == 'restaurant'\")"),
    "condition_in_close": ("condition {text}: the list after `in` has no closing ]",
                           "villkoret {text}: listan efter `in` saknar avslutande ]"),
    "condition_operator": ("condition {text}: {op} is not an operator (expected one of {operators}, in)",
                           "villkoret {text}: {op} är ingen operator (förväntade en av {operators}, in)"),
    "condition_joiner": ("condition {text}: expected `and` or `or` before {value}",
                         "villkoret {text}: förväntade `and` eller `or` före {value}"),
    "condition_ends_with": ("condition {text} ends with {value} (expected `attribute OP value` joined by and/or, OP one of == != < <= > >= in, e.g. \"kind == 'restaurant'\")",
                            "villkoret {text} slutar med {value} (förväntade `attribut OP värde` förenade med and/or, OP en av == != < <= > >= in, t.ex. \"kind == 'restaurant'\")"),
    "condition_attribute": ("condition {text} reads attribute {name} (expected one of {names})",
                            "villkoret {text} läser attributet {name} (förväntade ett av {names})"),
    "set_attribute": ("set: attribute {name} is not declared (expected one of {names}; declare it with its initial "
                      "value under simulation.attributes)",
                      "set: attributet {name} är inte deklarerat (förväntade ett av {names}; deklarera det med sitt "
                      "startvärde under simulation.attributes)"),
    # the rest of the simulation's own checks (processes/params.py)
    "body_needs": ("decision body {level} needs either meetings (a body that meets) or pool (a person)",
                   "det beslutande organet {level} behöver antingen meetings (ett organ som sammanträder) eller pool "
                   "(en person)"),
    "except_months": ("except_months {value} must be months 1..12", "except_months {value} måste vara månader 1..12"),
    "by_outcome_names": ("delegation by outcome names {names} (expected exactly {outcomes}, e.g. "
                         "{{grant: officer, refusal: committee}})",
                         "delegationen per utfall anger {names} (förväntade precis {outcomes}, t.ex. "
                         "{{grant: officer, refusal: committee}})"),
    "by_outcome_grant": ("with delegation by outcome, delegation is the level of grants",
                         "med delegation per utfall är delegation nivån för beviljanden"),
    "by_outcome_gateway": ("delegation by outcome needs outcome_gateway: the exclusive gateway after the decision "
                           "whose branches end in a grant and a refusal",
                           "delegation per utfall behöver outcome_gateway: den exklusiva gatewayen efter beslutet, vars "
                           "grenar slutar i ett beviljande och ett avslag"),
    "by_outcome_ends": ("delegation by outcome needs an end event for {outcomes} under simulation.outcomes (end event "
                        "id: outcome)",
                        "delegation per utfall behöver en sluthändelse för {outcomes} under simulation.outcomes "
                        "(sluthändelsens id: utfall)"),
    "extension_rule": ("unknown extension rule {value} (expected one of {rules})",
                       "okänd förlängningsregel {value} (förväntade en av {rules})"),
    "extension_flow": ("extension_flow {value} needs an extension longer than 0 (e.g. extension: 4mo)",
                       "extension_flow {value} behöver en förlängning längre än 0 (t.ex. extension: 4mo)"),
    "cases_dates": ("{cases} cases asked for, but arrivals.dates lists {listed} {dates} (expected cases at most "
                    "{listed}, or a horizon)",
                    "{cases} ärenden begärda, men arrivals.dates har {listed} {dates} (förväntade högst {listed} "
                    "ärenden, eller en horizon)"),
    "week_days": ("calendar {name}: week needs 7 days, got {count}", "kalendern {name}: en vecka behöver 7 dagar, fick {count}"),
    "arrivals_one_of": ("arrivals need exactly one of per_year or dates",
                        "arrivals behöver precis en av per_year eller dates"),
    "cardinality": ("cardinality {value} must be a whole number >= 0 or a distribution",
                    "cardinality {value} måste vara ett heltal som är minst 0 eller en fördelning"),
    "attribute_needs": ("attribute {name} needs values and one weight per value",
                        "attributet {name} behöver värden och en vikt per värde"),
    "attribute_sum": ("attribute {name}: weights must be >= 0 and sum to 1",
                      "attributet {name}: vikterna måste vara minst 0 och summera till 1"),
    "meetings_need_short": ("meetings need an rrule or a list of dates", "mötena behöver en rrule eller en lista med datum"),
    "meeting_hour": ("meeting hour {value} must be within the day", "mötets klockslag {value} måste ligga inom dygnet"),
    "case_delays": ("case_delays correlation {value} must be a number from 0 up to (not including) 1",
                    "case_delays correlation {value} måste vara ett tal från 0 upp till (men inte med) 1"),
    "horizon_one_of": ("simulation needs exactly one of horizon or cases",
                       "simuleringen behöver precis en av horizon eller cases"),
    "horizon_positive": ("horizon {value} must be > 0", "horizon {value} måste vara över 0"),
    "cases_whole": ("cases {value} must be a whole number >= 1", "cases {value} måste vara ett heltal som är minst 1"),
    "provenance": ("{value} (expected text, or {{en: text, sv: text}})",
                   "{value} (förväntade text, eller {{en: text, sv: text}})"),
    "interval_not_mapping": ("{value} is not an interval mapping (expected e.g. {{per_year: [98.0, 128.1], what: 95 % exact Poisson}})",
                             "{value} är ingen intervallmappning (förväntade t.ex. {{per_year: [98.0, 128.1], what: 95 % exact Poisson}})"),
    "interval_what": ("{value} does not say what the interval is (expected text, e.g. what: 95 % bootstrap)",
                      "{value} säger inte vad intervallet är (förväntade text, t.ex. what: 95 % bootstrap)"),
    "interval_key": ("{key} is not a key this mapping gives (an interval annotates one of {keys})",
                     "{key} är ingen nyckel som mappningen anger (ett intervall hör till en av {keys})"),
    "interval_pair": ("{value} is not an interval (expected two numbers or two durations, [low, high])",
                      "{value} är inget intervall (förväntade två tal eller två tidslängder, [lägst, högst])"),
    "interval_order": ("interval {value}: low above high", "intervallet {value}: det lägsta är över det högsta"),
    "not_name": ("{value} is not a name", "{value} är inget namn"),
    "not_names_per_language": ("{value} is not a name per language (e.g. en: ..., sv: ...)",
                               "{value} är inte ett namn per språk (t.ex. en: ..., sv: ...)"),
    "unknown_language": ("unknown language {value} (expected one of {languages})",
                         "okänt språk {value} (förväntade ett av {languages})"),
    "not_month_day": ("{value} is not a month and day (expected MM-DD, e.g. 07-01)",
                      "{value} är inte en månad och dag (förväntade MM-DD, t.ex. 07-01)"),
    "not_closure_date": ("{value} is not a date (expected MM-DD every year, or YYYY-MM-DD once)",
                         "{value} är inte ett datum (förväntade MM-DD varje år, eller ÅÅÅÅ-MM-DD en gång)"),
    "closure_kinds": ("from and to must both be MM-DD (every year) or both YYYY-MM-DD (once)",
                      "from och to måste båda vara MM-DD (varje år) eller båda ÅÅÅÅ-MM-DD (en gång)"),
    "not_members": ("{value} is not a mapping of people (expected person: {{calendar: NAME, fte: SHARE}})",
                    "{value} är ingen tabell med personer (förväntade person: {{calendar: NAMN, fte: ANDEL}})"),
    "not_date_time": ("{value} is not a date or date-time (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)",
                      "{value} är inte ett datum eller en tidpunkt (förväntade ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM:SS)"),
    "time_zone": ("{value} has a time zone offset (write the local time without one)",
                  "{value} har en tidszon (skriv den lokala tiden utan)"),
    "arrivals_one": ("arrivals need exactly one of per_year (Poisson) or dates (replayed)",
                     "arrivals behöver precis en av per_year (slumpvis, Poisson) eller dates (upprepade datum)"),
    "not_dates": ("{value} is not a non-empty list of dates", "{value} är inte en lista med minst ett datum"),
    "before_start": ("{when} is before the simulation start {start} (expected a date from {start} on)",
                     "{when} är före simuleringens start {start} (förväntade ett datum från {start})"),
    "not_flow_probabilities": ("{value} is not a mapping of sequence flow id to probability",
                               "{value} är ingen tabell med sekvensflödens id och deras sannolikheter"),
    "not_flow_conditions": ("{value} is not a mapping of sequence flow id to condition",
                            "{value} är ingen tabell med sekvensflödens id och deras villkor"),
    "not_set": ("{value} is not a mapping of case attribute to value (e.g. {{prov_underkant: true}})",
                "{value} är ingen tabell med ärendeattribut och deras värden (t.ex. {{prov_underkant: true}})"),
    "not_plain": ("{value} is not a plain value (expected a number, a text or true/false)",
                  "{value} är inget enkelt värde (förväntade ett tal, en text eller true/false)"),
    "cardinality_unit": ("a cardinality is a count: give plain numbers, no unit",
                         "en kardinalitet är ett antal: ange bara tal, ingen enhet"),
    "cardinality_number": ("{value} is not a number (a cardinality distribution takes plain numbers)",
                           "{value} är inte ett tal (en fördelning av antal tar bara tal)"),
    "cardinality_negative": ("instance counts must be >= 0", "antalen måste vara minst 0"),
    "attribute_values": ("{value} is not a non-empty list of numbers, texts or true/false",
                         "{value} är inte en lista med minst ett tal, en text eller true/false"),
    "attribute_weights": ("{value} is not a list of {count} numbers, one per value",
                          "{value} är inte en lista med {count} tal, ett per värde"),
    "attribute_weights_sum": ("{value} must have a positive sum", "{value} måste ha en positiv summa"),
    "start_year": ("{value}: the start year must be from {first} to {last}",
                   "{value}: startåret måste vara från {first} till {last}"),
    "horizon_and_cases": ("give horizon or cases, not both", "ange horizon eller cases, inte båda"),
    "horizon_or_cases": ("missing key 'horizon' or 'cases' (how long to simulate)",
                         "nyckeln 'horizon' eller 'cases' saknas (hur länge som ska simuleras)"),
    "correlation": ("{value} is not a correlation from 0 up to (not including) 1",
                    "{value} är ingen korrelation från 0 upp till (men inte med) 1"),
    "not_fact": ("{value} is not a fact (expected a mapping with value: and source: or assumption:)",
                 "{value} är inget faktum (förväntade nycklar och värden med value: och source: eller assumption:)"),
    "not_bodies": ("{value} is not a mapping of delegation level to body",
                   "{value} är ingen tabell med delegationsnivåer och deras beslutande organ"),
    "not_delegation": ("{value} is not a delegation (expected a level, one of {levels}, or one per outcome: "
                       "{{grant: officer, refusal: committee}})",
                       "{value} är ingen delegation (förväntade en nivå, en av {levels}, eller en per utfall: "
                       "{{grant: officer, refusal: committee}})"),
    "delegation_outcome": ("unknown outcome {value} (expected {outcomes}: the outcomes decided at the decision step)",
                           "okänt utfall {value} (förväntade {outcomes}: de utfall som avgörs i beslutssteget)"),
    "delegation_missing": ("missing key {key} (a delegation by outcome names a level for both grant and refusal)",
                           "nyckeln {key} saknas (en delegation per utfall anger en nivå för både grant och refusal)"),
    "not_id": ("{value} is not {what}", "{value} är inte {what}"),
    "unknown_outcome": ("unknown outcome {value} (expected one of {outcomes})",
                        "okänt utfall {value} (förväntade ett av {outcomes})"),
}


def written(value: Any) -> str:
    """``value`` as the file wrote it: a YAML ``true``, ``false`` or ``null`` as such (not Python's
    ``True``), anything else as ``repr`` (a text in quotes, so a quoted ``'true'`` stays told apart).

    >>> written(True), written(None), written(1.5), written("true")
    ('true', 'null', '1.5', "'true'")
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else repr(value)


def _in(value: Said, lang: str) -> str:
    return value if isinstance(value, str) else value[lang == "sv"]


def rule_error(rule: str, *, path: str | None = None, **values: Said) -> InputError:
    """An :class:`InputError` of profile rule ``rule`` (a key of :data:`RULES`): its message the rule's English
    with ``values``, the rule and values kept (``err.rule``, ``err.rule_values``) for :func:`rule_said`."""
    err = InputError(RULES[rule][0].format(**{k: _in(v, "en") for k, v in values.items()}), path=path)
    err.rule, err.rule_values = rule, tuple(values.items())
    return err


def rule_said(err: Any, lang: str) -> str | None:
    """The message of ``err`` in ``lang`` when it is a profile rule's (:func:`rule_error`), else ``None``."""
    rule = getattr(err, "rule", "")
    if rule not in RULES:
        return None
    return RULES[rule][lang == "sv"].format(**{k: _in(v, lang) for k, v in err.rule_values})
