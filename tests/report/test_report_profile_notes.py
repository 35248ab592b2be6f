"""A profile's own notes (``source:``, ``assumption:``, ``note:``) in the report: in its language, steps by name.

Found by the notes review of the bundled study's report: the assumptions table showed every profile's
texts in English in the Swedish report, with code names ("at most 3 (Task_Begar_Komplettering.loop.max)",
"the decision refuses it (Gw_Beslut)", "see facts.delegation", "0.5 FTE").
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from click.testing import CliRunner

from bpmn_io.library import library_names, library_root, load_entry
from bpmn_io.profile import parse_profile
from bpmn_io.profile_values import PROVENANCE_KEYS
from bpmn_io.yamlsrc import load_yaml
from cli import cli
from processes.errors import InputError
from report.assumptions import assumption_tables


class _Prose(HTMLParser):
    """The text a reader of one language sees: the other language's spans, scripts, styles and drawings
    left out (a drawing's labels are the model's names, checked by the diagram's own tests)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "col", "source"}

    def __init__(self, other: str) -> None:
        super().__init__(convert_charrefs=True)
        self.other, self.hidden = other, 0
        self.open: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        hide = tag in ("script", "style", "svg") or self.other in (dict(attrs).get("class") or "").split()
        self.open.append((tag, hide))
        self.hidden += hide

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, hide = self.open.pop()
            self.hidden -= hide
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def prose(html: str, lang: str) -> str:
    reader = _Prose("en" if lang == "sv" else "sv")
    reader.feed(html)
    return "\n".join(reader.texts)


def _notes(value: Any) -> list[Any]:
    """Every ``source:``, ``assumption:`` and ``note:`` value of a profile document, as written."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k in PROVENANCE_KEYS] + [
            n for k, v in value.items() if k not in PROVENANCE_KEYS for n in _notes(v)]
    if isinstance(value, list):
        return [n for v in value for n in _notes(v)]
    return []


def _library_notes() -> dict[str, list[Any]]:
    return {name: _notes(load_yaml((library_root() / name / "profile.yaml").read_text(encoding="utf-8"),
                                   source=name).data) for name in library_names()}


def _neutral(text: str) -> bool:
    """A note the same in both languages: addresses, dates and quotations of Swedish pages,
    "https://... (2024)", "'Ängelholms kommuns e-tjänstportal'"."""
    return not re.search(r"[^\W\d_]{3,}", re.sub(r"'[^']*'", "", re.sub(r"https?://\S+", "", text)))


def _model_ids() -> set[str]:
    """The ids of the library's models: every step, flow and lane."""
    ids: set[str] = set()
    for name in library_names():
        for process in load_entry(name).definitions.processes:
            ids |= set(process.nodes) | set(process.flows) | {lane.id for lane in process.lanes()}
    return {i for i in ids if "_" in i}


def test_every_library_note_is_written_in_english_and_in_swedish_without_code_names() -> None:
    ids = _model_ids()
    code = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ids))) + r")\b|\bFTE\b|\bloop\.max\b|\bfacts\.|"
                      r"\bsimulation\.|\bafter_meeting\b|\bcost_per_hour\b|\bdecision\.bodies\b")
    for name, notes in _library_notes().items():
        assert notes, name
        for note in notes:
            assert isinstance(note, dict) and set(note) == {"en", "sv"}, (name, note)
            assert note["en"] != note["sv"] or _neutral(note["en"]), (name, note)
            urls = [re.findall(r"https?://\S+", note[lang]) for lang in ("en", "sv")]
            assert urls[0] == urls[1], (name, note)  # the sources' addresses kept exactly
            for lang in ("en", "sv"):
                assert not code.search(re.sub(r"https?://\S+", "", note[lang])), (name, lang, note[lang])


def test_the_uncertainty_run_still_reads_each_profiles_own_plausible_range() -> None:
    from scenarios.assumptions import range_of, read_factors

    arrivals = next(f for f in read_factors() if f.spec.get("range_from_text") == "simulation.arrivals.assumption")
    assert range_of(arrivals, load_entry("helsingborg").profile.raw) == (10.0, 50.0)


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled study's report (2 replications: its notes do not depend on the figures)."""
    out = tmp_path_factory.mktemp("bundled") / "out"
    result = CliRunner().invoke(cli, ["run", "familjen-helsingborg-study", "-o", str(out), "--replications", "2",
                                      "--workers", "1", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    return (out / "report.html").read_text(encoding="utf-8")


def test_the_swedish_report_shows_no_profile_note_in_english_and_no_code_name(bundled_report: str) -> None:
    swedish, english = prose(bundled_report, "sv"), prose(bundled_report, "en")
    table = prose(bundled_report[bundled_report.index('id="assumptions"'):], "sv")
    notes = [n if isinstance(n, dict) else {"en": n, "sv": n} for ns in _library_notes().values() for n in ns]
    shown = [n for n in notes if " ".join(n["sv"].split()) in table]  # prose() reads a non-breaking space as one
    assert len(shown) > 50  # the table shows the profiles' own words, in Swedish
    for note in notes:
        assert _neutral(note["en"]) or note["en"] not in swedish, note["en"]
    assert "Umeås \u201dca 3 veckor\u201d för alla remissinstanser" in table
    assert "(odaterad)" in table and "(undated)" not in swedish and "(undated)" in english
    # one pattern of every id: a search of the text per id (179) took 6.8 s at load 11, one pattern 0.2 s
    ids = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(_model_ids()))) + r")\b")
    assert ids.findall(swedish) == []
    assert not re.search(r"\bFTE\b|\bloop\.max\b|\bfacts\.delegation\b|\bbrief\b", swedish)
    # the committee's meeting is a sammanträde, in the row as in its note beside it
    assert "beslutet gäller efter sammanträdet" in table and "efter mötet" not in table
    assert "overhead" not in swedish  # indirekta kostnader


def test_a_note_is_text_or_the_text_in_each_language() -> None:
    profile = parse_profile("facts:\n  fee: {value: 100, source: {en: a page (undated), sv: en sida (odaterad)}}\n"
                            "  rate: {value: 1, assumption: {sv: antaget}}\n", source="p.yaml")
    assert profile.facts["fee"].source == "a page (undated)"  # the listings say the English
    assert profile.facts["rate"].assumption == "antaget"  # else the one given
    with pytest.raises(InputError) as bad:
        parse_profile("facts:\n  fee:\n    value: 100\n    note: {en: a, de: b}\n", source="p.yaml")
    assert str(bad.value) == "p.yaml:4: facts.fee.note: {'en': 'a', 'de': 'b'} (expected text, or {en: text, sv: text})"


def test_the_assumptions_table_shows_each_language_and_a_step_by_its_name() -> None:
    from report.assumptions import named_in_text

    profile = {"simulation": {"elements": {"Task_Granska": {
        "duration": "1h",
        "assumption": {"en": "A4: an hour, then Gw_Beslut decides", "sv": "A4: en timme, sedan avgör Gw_Beslut"}}},
        "arrivals": {"per_year": 3, "assumption": "A1: three a year"}}}
    names = {"en": {"m": {"Task_Granska": "Granska ansökan", "Gw_Beslut": "Beslut?"}},
             "sv": {"m": {"Task_Granska": "Granska ansökan", "Gw_Beslut": "Beslut?"}}}
    (table,) = assumption_tables({"m": profile}, names, None)
    why = {row["path"]: row["why"] for row in table["rows"]}
    assert why["simulation.elements.Task_Granska.duration"] == {
        "en": "A4: an hour, then “Beslut?” decides", "sv": "A4: en timme, sedan avgör ”Beslut?”"}
    assert why["simulation.arrivals"] == {"en": "A1: three a year", "sv": "A1: three a year"}  # text alone: both
    assert named_in_text("Task_Granska_2 and x.Task_Granska", names["en"]["m"], "en") == \
        "Task_Granska_2 and x.Task_Granska"  # only a whole id is a step's



def test_an_id_in_a_dotted_path_is_left_alone_on_either_side() -> None:
    # the library's notes said "at most 3 (Task_Begar_Komplettering.loop.max)": a parameter's path, not the step;
    # it read '(“Begär komplettering”.loop.max)'
    from report.assumptions import named_in_text

    names = {"Task_Begar": "Begär komplettering"}
    assert named_in_text("at most 3 (Task_Begar.loop.max)", names, "en") == "at most 3 (Task_Begar.loop.max)"
    assert named_in_text("see elements.Task_Begar", names, "en") == "see elements.Task_Begar"
    # a sentence's full stop after the id is no path
    assert named_in_text("then Task_Begar. Then (Task_Begar).", names, "sv") == \
        "then ”Begär komplettering”. Then (”Begär komplettering”)."
