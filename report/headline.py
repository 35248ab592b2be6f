"""The report's headline: one sentence per question and municipality, in English and Swedish.

The sentence gives the time from a complete application to the decision (the
legal clock that the 4-month deadline counts) with its 95 % interval; for a
scenario with a baseline, the paired difference; and whether the answer holds
across the assumption ranges when an uncertainty run was made (an answer it did not
check says so; without one, the report's note above the answers says it once). A change is said as sure only
where the report highlights it (:mod:`report.chance`, Benjamini-Hochberg over every difference the report
compares): one whose own interval excludes zero but that the correction does not keep says that among the
changes compared it could be chance (found by QA: the answer called sure a change its own table left plain).

>>> days(36.8), days(0.42), days(float("nan")), days(-0.42, "sv")
('37', '0.4', '–', '−0,4')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from report.chance import Highlights, highlights
from report.deadlines import deadline_said
from report.numbers import days as number_days
from report.numbers import days_said, number, share
from report.words import point_words, question_words, scenario_words, text

__all__ = ["HEADLINE_FIGURE", "ARRIVAL_FIGURE", "SAME_IN_EVERY_RUN", "headline", "days", "other_way", "one_value"]

HEADLINE_FIGURE = "complete_to_decision_mean_days"
SHARE_FIGURE = "within_deadline_share"
#: the days from the application's arrival, said beside the legal clock's when it goes the other way
ARRIVAL_FIGURE = "submission_to_decision_mean_days"


#: what an interval of one value says: every replication measured the same (a model of fixed times), and
#: "17 (17–17) dagar" said it three times
SAME_IN_EVERY_RUN = {"en": "the same in every run", "sv": "samma i varje körning"}


def one_value(est: Mapping[str, Any]) -> bool:
    """Whether the 95 % interval of ``est`` (its ``mean`` and ``ci``) is one value: every replication measured
    the same.

    >>> one_value({"mean": 17.0, "ci": [17.0, 17.0]}), one_value({"mean": 17.0, "ci": [16.9, 17.1]})
    (True, False)
    >>> one_value({"mean": 17.0, "ci": [None, None]}), one_value({"mean": None, "ci": [None, None]})
    (False, False)
    """
    mean, (low, high) = est.get("mean"), est.get("ci") or (None, None)
    if not (isinstance(mean, (int, float)) and isinstance(low, (int, float)) and isinstance(high, (int, float))):
        return False
    return math.isfinite(mean) and math.isfinite(low) and math.isclose(low, high, rel_tol=1e-9, abs_tol=1e-9)


def days(value: Any, lang: str = "en") -> str:
    """Days for a sentence in ``lang``: whole days, one decimal below 1; never "-0.0".

    >>> [days(v) for v in (37.4, 0.46, -0.04, -0.4, None)]
    ['37', '0.5', '0.0', '-0.4', '–']
    >>> [days(v, "sv") for v in (0.46, -0.4, -36.5)]
    ['0,5', '−0,4', '−36']
    """
    return number_days(value, lang)


def together(values: tuple[Any, ...], lang: str = "en") -> list[str]:
    """Days of one figure and its interval in ``lang``, all with one precision: one decimal when any of
    them is below 1 (as :func:`days` writes it), else whole days ("1,0 till 2" mixed them).

    >>> together((0.96, 2.4)), together((1.4, 0.3, 2.5), "sv"), together((36.8, 30.1, None))
    (['1.0', '2.4'], ['1,4', '0,3', '2,5'], ['37', '30', '–'])
    """
    def known(v: Any) -> bool:
        return isinstance(v, (int, float)) and not math.isnan(v)

    digits = 1 if any(known(v) and abs(v) < 1 for v in values) else 0
    return [number(v, lang, digits) if known(v) else number_days(v, lang) for v in values]


def sure_end(value: float, lang: str, digits: int) -> str:
    """An end of a sure change's interval (one that excludes zero) in ``lang``: with ``digits`` decimals, or
    as many more (up to 3) as it takes not to read as zero; "−0,1 till 0,0" said a sure change could be none,
    and "−0,0" is no number. Beyond 3 decimals: "almost 0" / "nästan 0".

    >>> sure_end(-0.012, "sv", 1), sure_end(0.04, "en", 0), sure_end(-2.4, "sv", 0), sure_end(-0.0002, "sv", 1)
    ('−0,01', '0.04', '−2', 'nästan 0')
    """
    for places in range(digits, 4):
        if round(abs(value), places) != 0:
            return number(value, lang, places)
    return "almost 0" if lang == "en" else "nästan 0"


def at_least(value: float, lang: str) -> str:
    """The least change across the assumption points (a size, > 0) in ``lang``, rounded down, never up: "at
    least 30 days sooner" stood for a least change of 29.8 days, more than any point showed. Whole days, tenths
    below a day, and as many more decimals (up to 3) as it takes not to read as zero.

    >>> at_least(29.79, "en"), at_least(8.2, "sv"), at_least(0.46, "sv"), at_least(0.012, "en"), at_least(3.0, "en")
    ('29', '8', '0,4', '0.01', '3')
    """
    for places in range(0 if value >= 1 else 1, 4):
        # a float's 3.0 may be 2.9999999999: a tolerance before rounding down
        down = math.floor(value * 10 ** places + 1e-9) / 10 ** places
        if down > 0:
            return number(down, lang, places)
    return "almost 0" if lang == "en" else "nästan 0"


def sure_interval(values: tuple[Any, ...], lang: str, sure: bool) -> list[str]:
    """As :func:`together` (a change's size and its interval's two ends), but for a sure change (``sure``: its
    interval excludes zero) an end that would read as zero gets the decimals that show it is not.

    >>> sure_interval((0.06, -0.12, -0.01), "sv", True), sure_interval((0.06, -0.12, 0.01), "sv", False)
    (['0,1', '−0,1', '−0,01'], ['0,1', '−0,1', '0,0'])
    """
    said = together(values, lang)
    if not sure:
        return said
    digits = 1 if any(isinstance(v, (int, float)) and not math.isnan(v) and abs(v) < 1 for v in values) else 0
    return said[:1] + [sure_end(v, lang, digits) if isinstance(v, (int, float)) and not math.isnan(v) else t
                       for v, t in zip(values[1:], said[1:], strict=True)]


def sure_sizes(mean: float, lo: Any, hi: Any) -> tuple[Any, Any]:
    """A sure change's interval as sizes in the sentence's own direction, smaller end first: "37 days sooner
    (95 % interval 32 to 41 days)"; it said "(95 % interval of the change -41 to -32 days)" after "sooner", a
    double negative to a reader. A change that may be none keeps its signed interval (it crosses zero).

    >>> sure_sizes(-37.0, -41.0, -32.0), sure_sizes(1.4, 1.0, 1.8), sure_sizes(-0.3, -0.6, None)
    ((32.0, 41.0), (1.0, 1.8), (None, 0.6))
    """
    if mean >= 0:
        return lo, hi
    return (-hi if hi is not None else None), (-lo if lo is not None else None)


def _no_change(mean: Any) -> bool:
    """Whether a change of ``mean`` days would be written as zero days ("0,0 dagar senare")."""
    return isinstance(mean, (int, float)) and not math.isnan(mean) and round(abs(mean), 1) == 0


def _pct(value: Any, lang: str = "en") -> str:
    """A share within the deadline: never "100 %" when some cases were late (found by QA: 0.998 said "100 %"
    while the deadline chart showed the late cases): :func:`report.numbers.share`."""
    return share(value, lang)


def _named(town: str | Mapping[str, str], lang: str) -> str:
    """A municipality's name in ``lang``: ``town`` is one name for both languages or a name per language."""
    return town if isinstance(town, str) else town[lang]


def _status(town: str | Mapping[str, str], est: Mapping[str, Any], share: Mapping[str, Any] | None,
            across: Mapping[str, Any] | None, clock: tuple[float | None, float | None] | None = None,
            unchecked: bool = True) -> dict[str, str]:
    lo, hi = est["ci"]
    (mean_en, lo_en, hi_en), (mean_sv, lo_sv, hi_sv) = (together((est["mean"], lo, hi), lang) for lang in ("en", "sv"))
    en = (f"{_named(town, 'en')}: a complete application is decided in {days_said(mean_en, 'en')} on average "
          f"(95% interval {lo_en} to {hi_en})")
    sv = (f"{_named(town, 'sv')}: en komplett ansökan avgörs på {days_said(mean_sv, 'sv')} i genomsnitt "
          f"(95\u00a0% intervall {lo_sv} till {hi_sv})")
    if one_value(est):  # "(95 % intervall 17 till 17)": the days once
        en = (f"{_named(town, 'en')}: a complete application is decided in {days_said(mean_en, 'en')} on average "
              f"({SAME_IN_EVERY_RUN['en']})")
        sv = (f"{_named(town, 'sv')}: en komplett ansökan avgörs på {days_said(mean_sv, 'sv')} i genomsnitt "
              f"({SAME_IN_EVERY_RUN['sv']})")
    # "67 (−114 to 247)": no time is below zero days; the replications are too few (summary.json holds it cut at 0)
    if est.get("cut") in ("below", "both") or (lo is not None and lo < 0):
        en = (f"{_named(town, 'en')}: a complete application is decided in {days_said(days(est['mean']), 'en')} "
              "on average (too few replications for a 95% interval: it would reach below zero days)")
        sv = (f"{_named(town, 'sv')}: en komplett ansökan avgörs på {days_said(days(est['mean'], 'sv'), 'sv')} "
              "i genomsnitt (för få upprepningar för ett 95\u00a0% intervall: det skulle gå under noll dagar)")
    elif est["mean"] is not None and (lo is None or hi is None):  # one replication alone: it read "– till –"
        en = (f"{_named(town, 'en')}: a complete application is decided in {days_said(days(est['mean']), 'en')} "
              "on average (too few replications for an interval: only one measured it)")
        sv = (f"{_named(town, 'sv')}: en komplett ansökan avgörs på {days_said(days(est['mean'], 'sv'), 'sv')} "
              "i genomsnitt (för få upprepningar för ett intervall: bara en mätte det)")
    if share is not None and share["mean"] is not None:
        within = {"en": f"; {_pct(share['mean'])} within 4 months", "sv": f"; {_pct(share['mean'], 'sv')} inom 4 månader"}
        if clock is not None:  # the deadline of this municipality's profile
            within = {lang: deadline_said(text, lang, *clock) for lang, text in within.items()}
        en += within["en"]
        sv += within["sv"]
    if across is not None:
        low_en, high_en = together((across["low"], across["high"]))
        low_sv, high_sv = together((across["low"], across["high"]), "sv")
        en += f". Across the assumption ranges: {low_en} to {high_en} days."
        sv += f". Över antagandenas intervall: {low_sv} till {high_sv} dagar."
    elif unchecked:
        en, sv = en + ". " + text("not_checked", "en"), sv + ". " + text("not_checked", "sv")
    else:
        en, sv = en + ".", sv + "."
    return {"en": en, "sv": sv}


def other_way(diff: Mapping[str, Any], arrival: Mapping[str, Any], sure: tuple[bool, bool] | None = None) -> bool:
    """Whether the change from the application's arrival (``arrival``) is sure and not what the sentence on the
    legal clock (``diff``) says: the other way, or a change where the legal clock's may be none. ``sure``: whether
    each (``diff``, ``arrival``) is sure, where that is not its own interval's verdict (the report's: highlighted).

    >>> other_way({"mean": -0.5, "significant": True}, {"mean": -1.0, "significant": True})
    False
    >>> other_way({"mean": -0.5, "significant": True}, {"mean": -1.0, "significant": True}, (False, True))
    True
    """
    diff_sure, arrival_sure = sure if sure is not None else (bool(diff.get("significant")),
                                                              bool(arrival.get("significant")))
    if arrival.get("mean") is None or not arrival_sure:
        return False
    if not diff_sure or diff["mean"] is None:
        return True
    return (arrival["mean"] < 0) != (diff["mean"] < 0)


def _could_be_chance(key: str, compared: int) -> dict[str, str]:
    """The words of a change whose interval excludes zero but that the report does not highlight, ``key``:
    :func:`report.words.text`'s, with how many changes the report compares."""
    return {lang: text(key, lang).format(n=number(compared, lang)) for lang in ("en", "sv")}


def _change(town: str | Mapping[str, str], scenario: str, baseline: str, diff: Mapping[str, Any],
            conclusion: Mapping[str, Any] | None, points: int,
            unchecked: bool = True, arrival: Mapping[str, Any] | None = None, *,
            kept: tuple[bool, bool], compared: int) -> tuple[dict[str, str], bool | None]:
    """The sentences of one change (``kept``: whether the report highlights ``diff`` and ``arrival``;
    ``compared``: how many changes it compares) and whether it holds across the assumption ranges."""
    mean, (lo, hi) = diff["mean"], diff["ci"]
    shorter = mean is not None and mean < 0
    size = abs(mean) if mean is not None else None
    sure = bool(diff.get("significant"))
    (size_en, lo_en, hi_en), (size_sv, lo_sv, hi_sv) = (sure_interval((size, lo, hi), lang, sure)
                                                        for lang in ("en", "sv"))
    if one_value(diff) and _no_change(mean):  # no change in any run: "less than 0.1 days (0.0 to 0.0)" said more
        en = (f"{_named(town, 'en')}: with {scenario_words(scenario, 'en')}, a complete application is decided as soon as "
              f"with {scenario_words(baseline, 'en')} ({SAME_IN_EVERY_RUN['en']})")
        sv = (f"{_named(town, 'sv')}: med {scenario_words(scenario, 'sv')} avgörs en komplett ansökan lika snabbt som med "
              f"{scenario_words(baseline, 'sv')} ({SAME_IN_EVERY_RUN['sv']})")
    elif _no_change(mean):  # a few hours: "0.0 days later" said a change of nothing
        en = (f"{_named(town, 'en')}: with {scenario_words(scenario, 'en')}, a complete application is decided about as soon as "
              f"with {scenario_words(baseline, 'en')}: a change of less than {number(0.1, 'en', 1)} days "
              f"(95% interval of the change {lo_en} to {hi_en} days)")
        sv = (f"{_named(town, 'sv')}: med {scenario_words(scenario, 'sv')} avgörs en komplett ansökan ungefär lika snabbt som med "
              f"{scenario_words(baseline, 'sv')}: en ändring på mindre än {number(0.1, 'sv', 1)} dagar "
              f"(95\u00a0% intervall för ändringen {lo_sv} till {hi_sv} dagar)")
    else:
        interval_en = f"(95% interval of the change {lo_en} to {hi_en} days)"
        interval_sv = f"(95\u00a0% intervall för ändringen {lo_sv} till {hi_sv} dagar)"
        if sure and mean is not None and lo is not None and hi is not None:  # sizes in the sentence's direction
            (_s, near_en, far_en), (_s, near_sv, far_sv) = (sure_interval((size, *sure_sizes(mean, lo, hi)), lang,
                                                                          True) for lang in ("en", "sv"))
            interval_en = f"(95% interval {near_en} to {far_en} days)"
            interval_sv = f"(95\u00a0% intervall {near_sv} till {far_sv} dagar)"
        if one_value(diff):  # "(95 % intervall 5 till 5 dagar)": the change once
            interval_en, interval_sv = f"({SAME_IN_EVERY_RUN['en']})", f"({SAME_IN_EVERY_RUN['sv']})"
        en = (f"{_named(town, 'en')}: with {scenario_words(scenario, 'en')}, a complete application is decided "
              f"{days_said(size_en, 'en')} {'sooner' if shorter else 'later'} than with "
              f"{scenario_words(baseline, 'en')} {interval_en}")
        sv = (f"{_named(town, 'sv')}: med {scenario_words(scenario, 'sv')} avgörs en komplett ansökan "
              f"{days_said(size_sv, 'sv')} {'tidigare' if shorter else 'senare'} än med "
              f"{scenario_words(baseline, 'sv')} {interval_sv}")
    if mean is not None and (lo is None or hi is None):  # one replication alone measured it: it read "– till –"
        en = en.replace(f"(95% interval of the change {lo_en} to {hi_en} days)",
                        "(too few replications for an interval: only one measured it)")
        sv = sv.replace(f"(95\u00a0% intervall för ändringen {lo_sv} till {hi_sv} dagar)",
                        "(för få upprepningar för ett intervall: bara en mätte det)")
    elif not diff.get("significant") and not one_value(diff):
        # zero inside the interval: say plainly that the change could be none ("includes no change" read
        # as "the interval holds no change at all")
        en += ", an interval that contains zero: there may be no change at all"
        sv += ", ett intervall som rymmer noll: det är inte säkert att det blir någon ändring alls"
    elif diff.get("significant") and not kept[0]:  # clear of zero alone, not among all the report compares: not highlighted, so not sure
        chance = _could_be_chance("could_be_chance", compared)
        en, sv = f"{en}, {chance['en']}", f"{sv}, {chance['sv']}"
    if arrival is not None and other_way(diff, arrival, (bool(diff.get("significant")) and kept[0],
                                                        bool(arrival.get("significant")) and kept[1])):
        # found by QA: "with an e-service ... decided 4 days later" read as a loss, while from the application's
        # arrival the e-service decides 2 days sooner (the legal clock starts earlier, so more of the work is on it)
        sooner = arrival["mean"] < 0
        (size_en, lo_en, hi_en), (size_sv, lo_sv, hi_sv) = (
            sure_interval((abs(arrival["mean"]), *sure_sizes(arrival["mean"], *arrival["ci"])), lang, True)
            for lang in ("en", "sv"))
        en += (f"; counted from the application's arrival, it is decided {days_said(size_en, 'en')} "
               f"{'sooner' if sooner else 'later'} (95% interval {lo_en} to {hi_en} days)")
        sv += (f"; räknat från att ansökan kom in avgörs den {days_said(size_sv, 'sv')} "
               f"{'tidigare' if sooner else 'senare'} "
               f"(95\u00a0% intervall {lo_sv} till {hi_sv} dagar)")
    if conclusion is None and not unchecked:
        return {"en": en + ".", "sv": sv + "."}, None
    if conclusion is None:
        return {"en": en + ". " + text("not_checked", "en"), "sv": sv + ". " + text("not_checked", 'sv')}, None
    # a conclusion holds for the report when its change is highlighted too: uncertainty.json's "holds" asks the
    # change's own interval alone
    holds = bool(conclusion["holds"]) and kept[0]
    agree = round((conclusion["share_same_direction"] or 0) * conclusion["points"])
    way_en, way_sv = ("sooner", "tidigare") if shorter else ("later", "senare")
    if holds:
        en += (f". This holds across the assumption ranges: at all {points} points it is "
               f"at least {days_said(at_least(conclusion['at_least'], 'en'), 'en')} {way_en}.")
        sv += (f". Det håller över antagandenas intervall: i alla {points} punkter är det "
               f"minst {days_said(at_least(conclusion['at_least'], 'sv'), 'sv')} {way_sv}.")
    elif agree == points and not (diff.get("significant") and kept[0]):
        # every point agrees: what is missing is the noise-only interval, or its highlight among all the report
        # compares, not agreement across the ranges
        span = conclusion["across"]
        (min_en, max_en), (min_sv, max_sv) = (together((span["min"], span["max"]), lang) for lang in ("en", "sv"))
        chance = _could_be_chance("could_be_chance_across", compared)
        why_en, why_sv = (("but with the assumptions as written its interval contains zero: there may be no change "
                           "at all", "men med antagandena som de står rymmer dess intervall noll: det är inte säkert "
                           "att det blir någon ändring alls") if not diff.get("significant") else
                          (chance["en"], chance["sv"]))
        en += (f". This does not hold across the assumption ranges: it is {way_en} at all {points} points "
               f"(change {min_en} to {max_en} days), {why_en}.")
        sv += (f". Det håller inte över antagandenas intervall: det blir {way_sv} i alla {points} punkter "
               f"(ändring {min_sv} till {max_sv} dagar), {why_sv}.")
    else:
        span = conclusion["across"]
        (min_en, max_en), (min_sv, max_sv) = (together((span["min"], span["max"]), lang) for lang in ("en", "sv"))
        en += (f". This does not hold across the assumption ranges: it is {way_en} at {agree} of {points} points "
               f"(change {min_en} to {max_en} days).")
        sv += (f". Det håller inte över antagandenas intervall: det blir {way_sv} i {agree} av {points} punkter "
               f"(ändring {min_sv} till {max_sv} dagar).")
    return {"en": en, "sv": sv}, holds


def headline(doc: Mapping[str, Any], uncertainty: Mapping[str, Any] | None,
             towns: Mapping[str, str | Mapping[str, str]], clocks: Mapping[str, tuple[float | None, float | None] | None] | None = None,
             chance: Highlights | None = None) -> list[dict[str, Any]]:
    """Per scenario: its question (as written), and one sentence per municipality; a swept scenario's
    sentences are of its first sweep point (``point``: its words by language, of ``points``).

    ``towns``: process name -> the municipality's name (from its profile), or its name per language; ``clocks``: process name ->
    its profile's (deadline, extension) in hours, which the share within the deadline names; ``chance``: the
    differences the report highlights (:func:`report.chance.highlights` of ``doc``, made here when not given).
    Without an uncertainty run no sentence says it was not checked: the note above the answers says
    it once (a sentence says so only where others were checked).
    """
    out = []
    chance = highlights(doc) if chance is None else chance
    unchecked = uncertainty is not None  # some answers checked: say it of each that was not
    checked = (uncertainty or {}).get("scenarios", {})
    points = (uncertainty or {}).get("points", 0)
    for s in doc["scenarios"]:
        if not s["points"]:
            continue
        point = s["points"][0]
        u = checked.get(s["name"])
        sentences = []
        for member in s["members"]:
            key = f"{member}/{HEADLINE_FIGURE}"
            est = point["figures"].get(key)
            if est is None or est["mean"] is None:
                continue
            town = towns.get(member, member)
            comparison = point.get("comparison")
            diff = (comparison or {}).get("differences", {}).get(key)
            if diff is not None and s["baseline"]:
                conclusion = (u or {}).get("conclusions", {}).get(key) if u else None
                arrival = (comparison or {}).get("differences", {}).get(f"{member}/{ARRIVAL_FIGURE}")
                kept = (chance.kept(s["name"], 0, key), chance.kept(s["name"], 0, f"{member}/{ARRIVAL_FIGURE}"))
                words, holds = _change(town, s["name"], s["baseline"], diff, conclusion, points, unchecked, arrival,
                                       kept=kept, compared=chance.compared)
            else:
                across = (u or {}).get("figures", {}).get(key, {}).get("noise_and_assumptions") if u else None
                words, holds = _status(town, est, point["figures"].get(f"{member}/{SHARE_FIGURE}"), across,
                                       (clocks or {}).get(member), unchecked), None
            sentences.append({"member": member, "holds": holds, "checked": u is not None, **words})
        if sentences:
            out.append({
                "scenario": s["name"],
                "title": {"en": scenario_words(s["name"], "en"), "sv": scenario_words(s["name"], 'sv')},
                "question": question_words(s),
                # a swept scenario is answered at its first sweep point: which one, and of how many
                "point": {lang: point_words(point["label"], lang, {m: _named(t, lang) for m, t in towns.items()},
                                          point.get("values"))
                          for lang in ("en", "sv")} if point.get("label") else None,
                "points": len(s["points"]),
                "sentences": sentences,
            })
    return out
