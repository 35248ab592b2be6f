"""The bundled library: entries load, profiles are sourced, facts match the domain brief,
and every profile parameter names an element of its process."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bpmn_io import library as lib
from bpmn_io import library_facts
from bpmn_io.profile import provenance_gaps, read_profile
from bpmn_io.profile_values import provenance_text
from processes.errors import InputError
from processes.model import Event, Gateway
from processes.validate import check

MODELS = ["angelholm", "astorp", "helsingborg", "hoganas", "landskrona", "national-reference", "orkelljunga", "svalov"]
HANDLED = {"klippan": "angelholm", "bjuv": "hoganas"}
ALL = sorted(MODELS + list(HANDLED))


def profile(name: str):
    return read_profile(lib.library_root() / name / lib.PROFILE_FILE)


def test_the_library_holds_the_mapped_municipalities_their_handlers_svalov_and_the_national_reference():
    assert lib.library_names() == ALL


def test_table_order_puts_the_three_mapped_in_2022_first_then_each_handler_with_those_it_handles():
    assert lib.ordered_names() == [
        "helsingborg",
        "landskrona",
        "astorp",
        "angelholm",
        "klippan",
        "orkelljunga",
        "hoganas",
        "bjuv",
        "svalov",
        "national-reference",
    ]


@pytest.mark.parametrize("name", MODELS)
def test_a_municipality_with_its_own_process_has_an_authoring_source_and_a_bpmn(name):
    folder = lib.library_root() / name
    assert (folder / lib.AUTHORING_FILE).is_file()
    assert (folder / lib.PROCESS_FILE).is_file()


@pytest.mark.parametrize("name,handler", sorted(HANDLED.items()))
def test_a_handled_municipality_uses_its_handlers_process_with_its_own_profile(name, handler):
    bpmn, prof = lib.library_paths(name)
    assert bpmn == lib.library_root() / handler / lib.PROCESS_FILE
    assert prof == lib.library_root() / name / lib.PROFILE_FILE
    entry = lib.load_entry(name)
    assert entry.handled_by == handler
    assert entry.process_folder.name == handler
    assert entry.folder.name == name


def test_orkelljunga_is_handled_by_angelholm_but_has_its_own_process():
    entry = lib.load_entry("orkelljunga")
    assert entry.handled_by == "angelholm"
    assert entry.process_folder.name == "orkelljunga"


def test_an_unknown_name_is_a_one_line_error_listing_the_names():
    with pytest.raises(Exception) as info:
        lib.library_paths("lund")
    assert "unknown library municipality 'lund'" in str(info.value)
    assert "helsingborg" in str(info.value)
    assert not lib.is_library_name("lund")
    assert not lib.is_library_name("processes/library/helsingborg")
    assert lib.is_library_name("helsingborg")


def _tmp_library(tmp_path, profiles: dict[str, str], with_process: tuple[str, ...] = ()):
    for name, text in profiles.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / lib.PROFILE_FILE).write_text(text, encoding="utf-8")
    for name in with_process:
        source = lib.library_root() / "helsingborg" / lib.PROCESS_FILE
        (tmp_path / name / lib.PROCESS_FILE).write_bytes(source.read_bytes())
    return tmp_path


def test_a_folder_without_a_profile_is_not_a_library_entry(tmp_path):
    (tmp_path / "notes").mkdir()
    _tmp_library(tmp_path, {"town": "handled_by: null\n"}, with_process=("town",))
    assert lib.library_names(tmp_path) == ["town"]


def test_handled_by_is_followed_through_a_chain(tmp_path):
    root = _tmp_library(
        tmp_path,
        {"a": "handled_by: b\n", "b": "handled_by: c\n", "c": "handled_by: null\n"},
        with_process=("c",),
    )
    assert lib.library_paths("a", root) == (root / "c" / lib.PROCESS_FILE, root / "a" / lib.PROFILE_FILE)


def test_a_handled_by_cycle_is_an_error_naming_the_cycle(tmp_path):
    root = _tmp_library(tmp_path, {"a": "handled_by: b\n", "b": "handled_by: a\n"})
    with pytest.raises(InputError, match="handled_by cycle: a -> b -> a"):
        lib.library_paths("a", root)


def test_no_process_and_no_handler_is_an_error(tmp_path):
    root = _tmp_library(tmp_path, {"lone": "municipality: Lone\n"})
    with pytest.raises(InputError, match="'lone' has no process.bpmn and no handled_by"):
        lib.library_paths("lone", root)


def test_a_handler_outside_the_library_is_an_error(tmp_path):
    root = _tmp_library(tmp_path, {"a": "handled_by: nowhere\n"})
    with pytest.raises(InputError, match="unknown library municipality 'nowhere'"):
        lib.library_paths("a", root)


# --------------------------------------------------------------------------- profiles and provenance


@pytest.mark.parametrize("name", ALL)
def test_every_profile_parses_with_facts_and_simulation(name):
    p = profile(name)
    assert p.municipality
    assert p.simulation is not None
    for key, _title in library_facts.FACT_COLUMNS:
        assert key in p.facts, f"{name}: fact {key} missing"


@pytest.mark.parametrize("name", ALL)
def test_every_number_in_a_library_profile_has_a_source_or_an_assumption(name):
    assert provenance_gaps(profile(name).raw) == []


@pytest.mark.parametrize("name", ALL)
def test_the_simulation_wide_assumption_covers_only_horizon_and_warm_up(name):
    """An enclosing assumption covers everything below it; the one on `simulation:` must not hide
    an unsourced parameter, so without it only the run length is uncovered."""
    raw = copy.deepcopy(profile(name).raw)
    del raw["simulation"]["assumption"]
    assert provenance_gaps(raw) == ["simulation.horizon", "simulation.warmup"]


@pytest.mark.parametrize("name", ALL)
def test_every_fact_says_where_it_comes_from(name):
    for key, fact in profile(name).facts.items():
        assert fact.source or fact.assumption, f"{name}: fact {key} has neither source nor assumption"


@pytest.mark.parametrize("name", ALL)
def test_every_source_names_a_public_address(name):
    for key, fact in profile(name).facts.items():
        for src in library_facts.split_sources(fact.source):
            assert src.startswith(("http://", "https://")), f"{name}.{key}: {src!r}"


def _sources(value, lang="en"):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source":
                yield from library_facts.split_sources(provenance_text(item, lang))
            else:
                yield from _sources(item, lang)
    elif isinstance(value, list):
        for item in value:
            yield from _sources(item, lang)


@pytest.mark.parametrize("name", ALL)
def test_every_source_in_a_profile_gives_its_address_and_date(name):
    """A source is `address (date)`; a page without a date says `(undated)`, in Swedish `(odaterad)`."""
    sources = list(_sources(profile(name).raw))
    assert sources
    for src in sources:
        assert re.match(r"https?://\S+ \((undated[^)]*|[^)]*\b(19|20)\d\d\b[^)]*)\)", src), src
    swedish = list(_sources(profile(name).raw, "sv"))
    assert [s.split(" ", 1)[0] for s in swedish] == [s.split(" ", 1)[0] for s in sources]  # the same addresses
    for src in swedish:
        assert re.match(r"https?://\S+ \((odaterad[^)]*|[^)]*\b(19|20)\d\d\b[^)]*)\)", src), src


def test_helsingborg_application_fee_is_11700_kr_from_the_2017_table():
    fee = profile("helsingborg").facts["application_fee"]
    assert (fee.value, fee.unit, fee.extra["year"]) == (11700, "kr", 2017)
    assert "foretagare.helsingborg.se" in fee.source and "2017" in fee.source


def test_helsingborg_supervision_fee_is_the_2017_fixed_part():
    fee = profile("helsingborg").facts["supervision_fee"]
    assert (fee.value, fee.extra["year"]) == (3600, 2017)


def test_astorp_has_an_e_service_and_counts_time_from_complete_application_and_passed_test():
    facts = profile("astorp").facts
    assert facts["e_service"].value is True
    assert "astorp.se" in facts["e_service"].source
    assert facts["stated_handling_time"].extra["weeks"] == (6, 12)
    assert "kunskapsprov" in facts["stated_handling_time"].value


def test_angelholm_handles_klippan_and_orkelljunga():
    assert profile("klippan").handled_by == "angelholm"
    assert profile("orkelljunga").handled_by == "angelholm"
    assert "Klippan" in " ".join(profile("angelholm").facts["collaborations"].value)
    assert "klippan.se" in profile("klippan").facts["collaborations"].source


def test_angelholm_fee_is_16_hours_at_the_2024_rate_computed():
    fee = profile("angelholm").facts["application_fee"]
    assert fee.value == 16 * 1160 == 18560
    assert fee.extra["year"] == 2024


def test_bjuv_is_handled_by_hoganas():
    assert profile("bjuv").handled_by == "hoganas"
    assert "bjuv.se" in profile("bjuv").facts["collaborations"].source


def test_orkelljunga_decides_locally_in_its_working_committee_or_chair():
    p = profile("orkelljunga")
    body = p.facts["deciding_body"].value
    assert "arbetsutskott" in body and "ordförande" in body
    assert "orkelljunga.se" in p.facts["deciding_body"].source
    assert p.simulation.decision.delegation == "working_committee"
    assert {"working_committee", "chair"} <= set(p.simulation.decision.bodies)


@pytest.mark.parametrize(
    "name,key",
    [
        ("helsingborg", "staff_fte"),
        ("helsingborg", "delegation"),
        ("helsingborg", "e_service"),
        ("landskrona", "application_fee"),
        ("landskrona", "stated_handling_time"),
        ("landskrona", "staff_fte"),
        ("astorp", "application_fee"),
        ("astorp", "staff_fte"),
        ("hoganas", "stated_handling_time"),
        ("bjuv", "deciding_body"),
        ("orkelljunga", "application_fee"),
        ("angelholm", "deciding_body"),
        ("svalov", "handling_unit"),
        ("svalov", "application_fee"),
        ("svalov", "stated_handling_time"),
        ("svalov", "deciding_body"),
        ("svalov", "staff_fte"),
        ("svalov", "local_rules"),
        ("astorp", "local_rules"),
    ],
)
def test_what_the_brief_calls_unknown_stays_unknown(name, key):
    assert profile(name).facts[key].value == "unknown"


def test_the_national_reference_carries_the_legal_deadline_and_three_test_attempts():
    p = profile("national-reference")
    assert p.facts["legal_deadline"].value == 4
    assert p.facts["knowledge_test_attempts"].value == 3
    assert p.simulation.clock.deadline == pytest.approx(4 * 730.5)
    assert p.simulation.clock.extension == pytest.approx(4 * 730.5)


def test_tuned_parameters_say_so():
    for name in ALL:
        assert "TUNED" in lib.library_root().joinpath(name, lib.PROFILE_FILE).read_text(encoding="utf-8"), (
            name
        )


# --------------------------------------------------------------------------- models and parameters agree


@pytest.fixture(scope="module")
def entries():
    return {name: lib.load_entry(name) for name in ALL}


@pytest.mark.parametrize("name", MODELS)
def test_every_library_model_validates_without_errors(entries, name):
    problems = [p for p in check(entries[name].definitions) if p.severity == "error"]
    assert problems == []


@pytest.mark.parametrize("name", MODELS)
def test_every_library_model_has_di(entries, name):
    assert entries[name].definitions.has_di()


@pytest.mark.parametrize("name", ALL)
def test_every_profile_parameter_names_an_element_of_its_process(entries, name):
    entry = entries[name]
    process = entry.definitions.process()
    sim = entry.profile.simulation
    for eid, params in sim.elements.items():
        assert eid in process.nodes, f"{name}: elements.{eid} is not in the process"
        if params.probabilities:
            node = process.nodes[eid]
            assert isinstance(node, Gateway)
            assert set(params.probabilities) == {f.id for f in process.outgoing(eid)}
    assert sim.decision.element in process.nodes
    for event in (sim.clock.start, sim.clock.stop):
        assert isinstance(process.nodes[event], Event)
    lanes = {lane.id for lane in process.lanes()}
    for pool in sim.pools.values():
        assert set(pool.lanes) <= lanes


@pytest.mark.parametrize("name", ALL)
def test_every_exclusive_split_has_probabilities_or_conditions_or_the_extension_rule(entries, name):
    entry = entries[name]
    process = entry.definitions.process()
    sim = entry.profile.simulation
    extension = process.flows[sim.clock.extension_flow].source
    assert sim.clock.extension_rule == "projected"
    for node in process.nodes.values():
        if (
            isinstance(node, Gateway)
            and node.gateway_kind == "exclusive"
            and len(process.outgoing(node.id)) > 1
        ):
            params = sim.elements.get(node.id)
            if node.id == extension:
                assert params is None, f"{name}: the extension rule decides {node.id}, not probabilities"
            else:
                assert params is not None and (params.probabilities or params.conditions), (
                    f"{name}: {node.id} has neither probabilities nor conditions")


@pytest.mark.parametrize("name", MODELS)
def test_the_police_remiss_is_in_every_model_and_all_remisser_run_in_parallel(entries, name):
    process = entries[name].definitions.process()
    split = process.nodes["Gw_Remiss_Split"]
    assert split.gateway_kind == "parallel"
    targets = {f.target for f in process.outgoing("Gw_Remiss_Split")}
    assert {
        "Task_Remiss_Polis",
        "Task_Remiss_Skatteverket",
        "Task_Remiss_Kronofogden",
        "Task_Remiss_Raddningstjansten",
        "Task_Remiss_Miljo",
    } == targets


@pytest.mark.parametrize("name", MODELS)
def test_the_knowledge_test_has_at_most_three_attempts(entries, name):
    process = entries[name].definitions.process()
    attempts = [n for n in process.nodes if n.startswith("Task_Kunskapsprov_")]
    assert sorted(attempts) == ["Task_Kunskapsprov_1", "Task_Kunskapsprov_2", "Task_Kunskapsprov_3"]
    assert {f.target for f in process.outgoing("Gw_Prov_3")} == {"Gw_Prov_Klar", "Task_Dokumentera_Underkant"}


def _reaches(process, source: str, target: str) -> bool:
    seen, todo = set(), [source]
    while todo:
        node = todo.pop()
        if node == target:
            return True
        if node not in seen:
            seen.add(node)
            todo += [f.target for f in process.outgoing(node)]
    return False


@pytest.mark.parametrize("name", MODELS)
def test_where_remisser_go_out_follows_the_source(entries, name):
    """Familjen Helsingborg: at submission (before completeness); national reference: after (Östhammar)."""
    process = entries[name].definitions.process()
    after_complete = _reaches(process, "Event_Ansokan_Komplett", "Gw_Remiss_Split")
    assert after_complete == (name == "national-reference")


def test_astorp_clock_starts_only_when_complete_and_test_passed(entries):
    process = entries["astorp"].definitions.process()
    assert _reaches(process, "Gw_Prov_Klar", "Event_Ansokan_Komplett")
    helsingborg = entries["helsingborg"].definitions.process()
    assert not _reaches(helsingborg, "Gw_Prov_Klar", "Event_Ansokan_Komplett")


def test_orkelljunga_decision_lane_is_its_working_committee(entries):
    process = entries["orkelljunga"].definitions.process()
    assert "arbetsutskott" in process.lane_of("Task_Beslut").name
    assert "Ängelholm" in process.lane_of("Task_Utredning").name
    assert "Task_Overlamna_Underlag" in process.nodes


# --------------------------------------------------------------------------- the BPMN files

MODDLE = Path(__file__).resolve().parent / "js"


@pytest.mark.parametrize("name", MODELS)
def test_process_bpmn_is_exactly_what_process_yaml_generates(name):
    """Edit process.yaml, then run `permitflow library build`: the two never drift."""
    committed = (lib.library_root() / name / lib.PROCESS_FILE).read_bytes()
    assert lib.generate_bpmn(name) == committed, (
        f"{name}/process.bpmn is stale (process.yaml, the layout or the writer changed): run `permitflow library build`"
    )


def test_every_library_model_passes_the_bpmn_xsd():
    from bpmnschema import schema as bpmn_schema
    from lxml import etree

    schema = bpmn_schema()
    for name in MODELS:
        doc = etree.parse(str(lib.library_root() / name / lib.PROCESS_FILE))
        assert schema.validate(doc), f"{name}: {schema.error_log}"


@pytest.mark.node
@pytest.mark.skipif(
    shutil.which("node") is None or not (MODDLE / "node_modules" / "bpmn-moddle").is_dir(),
    reason="needs node and tests/js/node_modules (make node-deps)",
)
def test_every_library_model_imports_into_bpmn_moddle_without_warnings():
    files = [str(lib.library_root() / name / lib.PROCESS_FILE) for name in MODELS]
    out = subprocess.run(
        ["node", str(MODDLE / "check_moddle.mjs"), *files],
        capture_output=True,
        text=True,
        check=True,
        cwd=MODDLE,
        timeout=120,
    )
    warnings = json.loads(out.stdout)
    assert warnings == {f: [] for f in files}


def _shape(entry, *, bypass: tuple[str, ...] = ()) -> tuple[set, set]:
    """Node ids with their kinds, and flows as (source, target); each ``bypass`` node is taken
    out and its predecessors linked straight to its successors."""
    process = entry.definitions.process()
    nodes = {(n.id, type(n).__name__) for n in process.nodes.values() if n.id not in bypass}
    flows = {(f.source, f.target) for f in process.flows.values()}
    for node in bypass:
        before = {s for s, t in flows if t == node}
        after = {t for s, t in flows if s == node}
        flows = {(s, t) for s, t in flows if node not in (s, t)} | {(s, t) for s in before for t in after}
    return nodes, flows


@pytest.mark.parametrize("name", ["landskrona", "angelholm", "hoganas", "svalov"])
def test_familjen_helsingborg_models_have_helsingborgs_structure(entries, name):
    """No source shows a difference in their steps: only names of lanes and pools differ."""
    assert _shape(entries[name]) == _shape(entries["helsingborg"])


def test_astorp_differs_from_helsingborg_only_where_its_clock_starts(entries):
    clock = ("Event_Ansokan_Komplett",)
    assert _shape(entries["astorp"], bypass=clock) == _shape(entries["helsingborg"], bypass=clock)
    assert _shape(entries["astorp"]) != _shape(entries["helsingborg"])


def test_orkelljunga_differs_from_helsingborg_only_in_the_hand_over_to_its_own_decision_maker(entries):
    hand_over = ("Task_Overlamna_Underlag",)
    assert _shape(entries["orkelljunga"], bypass=hand_over) == _shape(entries["helsingborg"])
    assert "Task_Overlamna_Underlag" in entries["orkelljunga"].definitions.process().nodes


# --------------------------------------------------------------------------- more facts quoted from the brief


def test_klippan_fee_is_the_old_2015_page_and_the_current_one_is_not_claimed():
    facts = profile("klippan").facts
    fee = facts["application_fee"]
    assert (fee.value, fee.unit, fee.extra["year"]) == (5000, "kr", 2015)
    assert "2015-09-14" in fee.source and "unknown" in fee.note
    supervision = facts["supervision_fee"]
    assert (supervision.value, supervision.unit, supervision.extra["year"]) == (400, "kr/year", 2015)
    # the variable part says its unit in each language, as the fixed part does (it showed "variable: [1000, 6000]")
    assert supervision.extra["variable"] == {"en": "1,000–6,000 kr a year by alcohol turnover",
                                             "sv": "1\u00a0000–6\u00a0000\u00a0kr per år efter alkoholomsättning"}


def test_klippan_e_service_is_an_assumption_not_a_fact():
    """Brief §4: 'via Ängelholm (assumed from Örkelljunga arrangement – ASSUMPTION)'."""
    fact = profile("klippan").facts["e_service"]
    assert fact.value is True and fact.source is None
    assert "Örkelljunga" in fact.assumption


def test_orkelljunga_has_an_e_service_via_angelholm():
    fact = profile("orkelljunga").facts["e_service"]
    assert fact.value is True and "orkelljunga.se" in fact.source and "Ängelholm" in fact.note


def test_angelholm_fee_is_marked_computed_from_its_2024_hours_and_rate():
    fee = profile("angelholm").facts["application_fee"]
    assert fee.extra["computed"]["en"] == "16 h × 1,160 kr/h"  # and in Swedish: {sv: ...}
    assert "engelholm.se" in fee.source and "(2024)" in fee.source


def test_hoganas_handles_bjuv():
    assert "Bjuv" in " ".join(profile("hoganas").facts["collaborations"].value)
    assert "bjuv.se" in profile("hoganas").facts["collaborations"].source


def test_astorp_kundtjanst_receives_and_its_deciding_body_is_from_the_older_page():
    facts = profile("astorp").facts
    assert facts["handling_unit"].value == "Kundtjänst"
    body = facts["deciding_body"]
    assert body.value.startswith("Socialnämnden") and "unknown" in body.value
    assert "toppmeny" in body.source  # the older URL scheme


def test_helsingborg_handling_time_and_its_remiss_bodies_are_as_published():
    facts = profile("helsingborg").facts
    time = facts["stated_handling_time"]
    assert time.value.startswith("cirka 2 månader") and time.extra["clock"] == "unknown"
    assert facts["remiss_bodies"].value == ("Polisen", "Skatteverket", "Miljönämnden", "Brandförsvaret")


def test_dates_are_those_the_brief_gives_not_invented():
    """The Höganäs covid page carries no date in the brief; Helsingborg's 2021 notice is '16 March [2021]'."""
    supervision = profile("hoganas").facts["supervision_fee"]
    assert "(undated" in supervision.source
    assert "16 March [2021]" in profile("helsingborg").facts["supervision_fee"].source


@pytest.mark.parametrize("name", MODELS)
def test_consultation_bodies_share_one_pool_so_the_diagram_stays_readable(entries, name):
    """Applicant, remissinstanser and the recipients of decision copies: three black-box pools, not eight."""
    defs = entries[name].definitions
    pools = {p.id: p.name for p in defs.participants()}
    assert set(pools) == {"Participant_Kommun", "Participant_Sokande", "Participant_Remissinstanser",
                          "Participant_Beslutskopia"}
    assert "Polisen (obligatorisk)" in pools["Participant_Remissinstanser"]
    flows = {f.id: f for f in defs.message_flows()}
    for body in ("Polis", "Skatteverket", "Kronofogden", "Raddningstjansten", "Miljo"):
        assert (flows[f"MF_Remiss_{body}"].source, flows[f"MF_Remiss_{body}"].target) == (
            f"Task_Remiss_{body}", "Participant_Remissinstanser")
        assert (flows[f"MF_Remissvar_{body}"].source, flows[f"MF_Remissvar_{body}"].target) == (
            "Participant_Remissinstanser", f"Event_Remissvar_{body}")
    copies = {f.target for f in flows.values() if f.source == "Task_Skicka_Beslutskopior"}
    assert copies == {"Participant_Beslutskopia", "Participant_Remissinstanser"}


_RANGE = re.compile(r"range|plausible|Alternatives|\d\s*[-–]\s*\d")
_SPREAD = ("low", "high", "sd")


def _assumptions_without_range(node, path=()):
    """Assumptions on simulation values that give neither a range in words nor a distribution with spread."""
    if isinstance(node, dict):
        text = provenance_text(node.get("assumption"))
        spread = any(k in _SPREAD for k in node) or any(
            isinstance(v, dict) and any(k in _SPREAD for k in v) for v in node.values()
        )
        if text and not spread and not _RANGE.search(text):
            yield ".".join(map(str, path))
        for key, value in node.items():
            yield from _assumptions_without_range(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _assumptions_without_range(value, (*path, i))


@pytest.mark.parametrize("name", ALL)
def test_every_simulation_assumption_gives_a_plausible_range(name):
    """Issue 4: an assumption says why this value and a plausible range (a spread distribution is one)."""
    assert list(_assumptions_without_range(profile(name).raw["simulation"], ("simulation",))) == []


def test_loading_a_library_profile_rejects_a_number_with_neither_source_nor_assumption(tmp_path):
    text = (
        "municipality: Town\nhandled_by: null\nfacts:\n"
        "  application_fee: {value: 9000, unit: kr}\n"
        "  supervision_fee: {value: 3000, unit: kr/year, source: 'https://town.example/avgifter (2024)'}\n"
    )
    root = _tmp_library(tmp_path, {"town": text}, with_process=("town",))
    with pytest.raises(InputError) as info:
        lib.load_entry("town", root)
    message = str(info.value)
    assert message.startswith(str(root / "town" / lib.PROFILE_FILE))
    assert "facts.application_fee.value: a number with neither 'source' nor 'assumption'" in message
    assert "supervision_fee" not in message  # sourced
    assumed = "{value: 9000, unit: kr, assumption: 'no page read; range 5000-15000'}"
    fixed = text.replace("{value: 9000, unit: kr}", assumed)
    (root / "town" / lib.PROFILE_FILE).write_text(fixed, encoding="utf-8")
    assert lib.load_entry("town", root).profile.facts["application_fee"].value == 9000


# --------------------------------------------------------------------------- outcomes, the supplement bound, the extension

OUTCOME_ENDS = {
    "End_Tillstand_Beviljat": "grant",
    "End_Ansokan_Avslagen": "refusal",
    "End_Ansokan_Aterkallad": "withdrawal",
    "End_Ansokan_Avvisad": "dismissal",
}


@pytest.mark.parametrize("name", MODELS)
def test_each_outcome_ends_the_case_at_its_own_end_event(entries, name):
    """Withdrawal and dismissal can happen while remisser and the knowledge test still run: they terminate."""
    process = entries[name].definitions.process()
    assert dict(entries[name].profile.simulation.outcomes) == OUTCOME_ENDS
    for end, outcome in OUTCOME_ENDS.items():
        node = process.nodes[end]
        assert isinstance(node, Event) and node.position == "end"
        assert (node.trigger == "terminate") == (outcome in ("withdrawal", "dismissal")), end
    ends = {n.id for n in process.nodes.values() if isinstance(n, Event) and n.position == "end"}
    assert ends == set(OUTCOME_ENDS) | {"End_Paminnelse_Skickad"}  # the reminder's own branch ends there


@pytest.mark.parametrize("name", MODELS)
def test_the_supplement_loop_is_bounded_by_a_reminder_a_deadline_and_a_number_of_rounds(entries, name):
    process = entries[name].definitions.process()
    sim = entries[name].profile.simulation
    wait = [n for n in process.nodes.values() if isinstance(n, Event) and n.attached_to == "Task_Invanta_Komplettering"]
    assert {(n.id, n.trigger, n.cancel_activity) for n in wait} == {
        ("Timer_Paminnelse", "timer", False), ("Timer_Svarstid_Ute", "timer", True)}
    assert sim.elements["Timer_Paminnelse"].delay.mean() < sim.elements["Timer_Svarstid_Ute"].delay.mean()
    assert sim.elements["Task_Begar_Komplettering"].loop_max == 3
    assert {f.target for f in process.outgoing("Gw_Ny_Omgang")} == {"Task_Begar_Komplettering", "Gw_Befintligt_Skick"}
    assert {f.target for f in process.outgoing("Gw_Befintligt_Skick")} == {
        "Task_Meddela_Befintligt_Skick", "Task_Avvisa_Ansokan"}
    assert _reaches(process, "Timer_Svarstid_Ute", "End_Ansokan_Avvisad")


@pytest.mark.parametrize("name", MODELS)
def test_the_extension_is_a_step_with_its_notice_to_the_applicant_before_the_decision(entries, name):
    defs = entries[name].definitions
    process = defs.process()
    clock = entries[name].profile.simulation.clock
    assert process.flows[clock.extension_flow].target == "Task_Forlanga_Handlaggningstid"
    assert clock.extension == pytest.approx(4 * 730.5)
    assert _reaches(process, "Task_Forlanga_Handlaggningstid", "Task_Beslut")
    assert not _reaches(process, "Event_Beslut_Fattat", "Task_Forlanga_Handlaggningstid")
    notice = [f for f in defs.message_flows() if f.source == "Task_Forlanga_Handlaggningstid"]
    assert [f.target for f in notice] == ["Participant_Sokande"]


@pytest.mark.parametrize("name", ALL)
def test_three_failed_knowledge_tests_mark_the_case_and_the_decision_refuses_it(name):
    sim = profile(name).simulation
    assert dict(sim.elements["Task_Dokumentera_Underkant"].sets) == {"tre_underkanda_prov": True}
    refuse = sim.elements["Gw_Beslut"].conditions["Flow_Beslut_Avslag"]
    assert refuse.evaluate({"tre_underkanda_prov": True, "provas_i_befintligt_skick": False, "hinder": "inga"})
    assert not refuse.evaluate({"tre_underkanda_prov": False, "provas_i_befintligt_skick": False, "hinder": "inga"})
    assert sim.decision.outcome_gateway == "Gw_Beslut"


def test_an_applicant_who_fails_every_test_is_refused_in_the_simulation():
    from bpmn_io.profile import apply_overrides, profile_from_data
    from simulator.engine import simulate

    entry = lib.load_entry("helsingborg")
    fail = {f"simulation.elements.Gw_Prov_{i}.probabilities": {f"Flow_Prov_{i}_Godkant": 0.0,
                                                               f"Flow_Prov_{i}_Underkant": 1.0} for i in (1, 2, 3)}
    params = profile_from_data(apply_overrides(entry.profile.raw, fail)).simulation
    result = simulate(entry.definitions.process(), params, seed=3, cases=30)
    outcomes = [params.outcomes[c.outcome] for c in result.cases]
    assert "grant" not in outcomes
    assert outcomes.count("refusal") == sum(1 for c in result.cases if c.decision == c.decision)  # every decided case
    assert all(any(a.case == c.case and a.element == "Task_Kunskapsprov_3" for a in result.activities)
               for c in result.cases if params.outcomes[c.outcome] == "refusal")


def test_svalov_has_its_own_process_with_the_remiss_bodies_its_page_names():
    p = profile("svalov")
    assert p.handled_by is None and p.municipality == "Svalöv"
    assert "Söderåsens miljöförbund" in p.facts["remiss_bodies"].value
    assert "svalov.se" in p.facts["remiss_bodies"].source
    assert "Projektgruppen" in provenance_text(p.raw["note"]) and "Svalöv" in provenance_text(p.raw["note"])
    process = lib.load_entry("svalov").definitions.process()
    assert "Söderåsens miljöförbund" in process.nodes["Task_Remiss_Miljo"].name


@pytest.mark.parametrize("name", ALL)
def test_the_officer_cost_per_hour_says_it_is_angelholms_fee_rate_used_as_a_cost(name):
    officer = profile(name).raw["simulation"]["pools"]["officer"]
    assert officer["cost_per_hour"] == 1160
    english, swedish = (provenance_text(officer["note"], lang) for lang in ("en", "sv"))
    assert "Ängelholm's fee rate" in english and "not a measured cost" in english
    assert "Ängelholms timtaxa" in swedish and "inte en uppmätt kostnad" in swedish


def _listed(profile) -> tuple:
    return (profile.municipality, profile.handled_by, dict(profile.facts))


@pytest.mark.parametrize("cache", ["fresh", "none"])
def test_a_listed_profile_has_the_names_and_facts_of_the_whole_read_the_first_and_the_second_time(
        cache, tmp_path, monkeypatch):
    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path) if cache == "fresh" else "none")
    for name in ALL:
        path = lib.library_root() / name / lib.PROFILE_FILE
        whole = lib.read_library_profile(path)
        first = lib.read_listed_profile(path)  # checked whole, then recorded
        second = lib.read_listed_profile(path)  # recorded: facts only
        assert _listed(first) == _listed(second) == _listed(whole)
    kept = list((tmp_path / "checked").glob("*.json")) if cache == "fresh" else []
    assert len(kept) == (len(ALL) if cache == "fresh" else 0)


def test_a_listed_profile_is_refused_as_the_whole_read_refuses_it_each_time(tmp_path, monkeypatch):
    # a profile whose simulation section is wrong: the listing reports it, and records nothing
    from bpmn_io.yamlsrc import dump_yaml, load_yaml

    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path / "cache"))
    source = lib.library_root() / "helsingborg" / lib.PROFILE_FILE
    raw = copy.deepcopy(load_yaml(source.read_bytes()).data)
    raw["simulation"]["no_such_key"] = {"value": 1, "source": "here"}
    bad = tmp_path / "profile.yaml"
    bad.write_text(dump_yaml(raw), encoding="utf-8")
    with pytest.raises(InputError) as whole:
        lib.read_library_profile(bad)
    for _ in range(2):
        with pytest.raises(InputError) as listed:
            lib.read_listed_profile(bad)
        assert str(listed.value) == str(whole.value)
    assert not list((tmp_path / "cache" / "checked").glob("*.json"))


def test_a_record_of_a_checked_profile_holds_for_that_code_only(tmp_path, monkeypatch):
    from processes import cachestore

    monkeypatch.setenv("PERMITFLOW_CACHE", str(tmp_path))
    path = lib.library_root() / "helsingborg" / lib.PROFILE_FILE
    lib.read_listed_profile(path)
    wholes = []
    monkeypatch.setattr(lib, "read_library_profile", lambda p: wholes.append(p) or lib_read(p))
    lib.read_listed_profile(path)
    assert wholes == []  # the record holds: no whole read
    monkeypatch.setattr(lib, "code_digest", lambda: "another-code")
    lib.read_listed_profile(path)
    assert wholes == [path]  # other code: read whole again
    assert cachestore.code_digest() != "another-code"


lib_read = lib.read_library_profile


def test_landskronas_deciding_body_is_sourced_as_the_guidelines_committee_and_assumed_to_decide():
    """Brief §4: 'Individ- och familjenämnden (adopted the guidelines); delegation unknown'."""
    body = profile("landskrona").facts["deciding_body"]
    assert body.value == "Individ- och familjenämnden" and "landskronadirekt.com" in body.source
    assert body.assumption and "A7" in body.assumption
    (_name, _display, cells), = library_facts.facts_table([("landskrona", profile("landskrona"))]).rows
    deciding = dict(zip((key for key, _t in library_facts.FACT_COLUMNS), cells, strict=True))["deciding_body"]
    assert deciding.marked.endswith("] *")


@pytest.mark.parametrize("name", MODELS)
def test_every_named_step_lane_branch_and_pool_has_an_english_name(name: str):
    # found by QA (stepnames24): the steps, lanes and branches stayed Swedish on English pages and in the English
    # report; each now names itself in English (names: {en: ...}) beside its drawn Swedish name, which diff matches on
    from bpmn_io import read_bpmn
    from processes.shownnames import name_in

    defs = read_bpmn(lib.library_root() / name / lib.PROCESS_FILE)
    p = defs.process()
    elements = [p, *p.nodes.values(), *p.flows.values(), *p.lanes(), *defs.participants(), *defs.message_flows()]
    named = [e for e in elements if e.name]
    assert named and [e.id for e in named if set(e.names) != {"en"}] == []
    assert [e.id for e in named if name_in(e, "sv") != e.name] == []
    english = {name_in(e, "en") for e in named}
    assert not english & {e.name for e in named} - {"Helsingborg"}, "an English name is the Swedish one"
    assert {"Register the application", "Yes", "Permit granted"} <= english


#: facts whose values name Swedish bodies or quote Swedish pages, and those among them already written in English
SAID_IN_SWEDISH = ("handling_unit", "deciding_body", "stated_handling_time", "local_rules", "remiss_bodies")
ENGLISH_ALREADY = {("national-reference", "handling_unit")}


@pytest.mark.parametrize("name", lib.library_names())
def test_every_swedish_fact_value_has_its_english_form(name):
    """Found by QA (facts24): the English report's facts table read "Socialnämnden", "Kundtjänst" and "cirka 2
    månader"; each such value gives its English (names: {en: ...}), a list one per item, the value itself kept."""
    for key in SAID_IN_SWEDISH:
        fact = profile(name).facts.get(key)
        if fact is None or fact.value == "unknown" or (name, key) in ENGLISH_ALREADY:
            continue
        en = (fact.extra.get("names") or {}).get("en")
        assert en, f"{name}: {key} {fact.value!r} has no English form"
        if isinstance(fact.value, tuple):
            assert len(en) == len(fact.value)


#: facts whose values the mapping writes in its own (English) words, and the national reference's English values
WRITTEN_IN_ENGLISH = ("collaborations", "delegation", "knowledge_test_place")
NATIONAL_IN_ENGLISH = ("handling_unit", "deciding_body", "delegation", "remiss_timing", "local_rules")


@pytest.mark.parametrize("name", lib.library_names())
def test_every_fact_value_written_in_english_has_its_swedish_form(name):
    """Found by QA (facts25): the Swedish report's facts table read "handles Klippan's cases (handling och
    supervision)", "Ängelholm town hall", "working committee or chair" and "municipality-specific"; each such value
    gives its Swedish (names: {sv: ...}), a list one per item, the value itself kept (what `facts` prints)."""
    keys = WRITTEN_IN_ENGLISH + (NATIONAL_IN_ENGLISH if name == "national-reference" else ())
    for key in keys:
        fact = profile(name).facts.get(key)
        if fact is None or fact.value == "unknown":
            continue
        sv = (fact.extra.get("names") or {}).get("sv")
        assert sv, f"{name}: {key} {fact.value!r} has no Swedish form"
        if isinstance(fact.value, tuple):
            assert len(sv) == len(fact.value)
