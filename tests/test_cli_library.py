"""`permitflow library`, `library show`, `facts`, and library names as MODEL arguments."""

from __future__ import annotations

import csv
import io
import json
import re

from click.testing import CliRunner

from bpmn_io import library as lib
from bpmn_io.loading import load_model
from cli import cli


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_library_lists_every_model_with_its_process_and_key_facts():
    result = invoke("library")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["Name", "Municipality", "Process"]
    for name in lib.library_names():
        assert any(line.startswith(name + " ") for line in lines), name
    klippan = next(line for line in lines if line.startswith("klippan "))
    assert "angelholm (cases handled by" in klippan and "handled_by" not in result.output  # no key names
    assert "Ängelholm)" in lines[lines.index(klippan) + 1]  # the cell wraps
    orkelljunga = next(line for line in lines if line.startswith("orkelljunga "))
    assert "orkelljunga (cases handled" in orkelljunga  # its own process, Ängelholm's officers
    assert "11,700 kr (2017) [" in result.output
    assert any(line.startswith("[1] http") for line in lines)


def test_library_json_names_the_process_each_municipality_follows():
    result = invoke("library", "--format", "json")
    assert result.exit_code == 0
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["bjuv"]["process"] == "hoganas/process.bpmn"
    assert rows["bjuv"]["handled_by"] == "hoganas"
    assert rows["helsingborg"]["facts"]["application_fee"] == "11,700 kr (2017)"


def test_library_json_says_where_each_fact_comes_from_as_the_table_does():
    rows = {row["name"]: row for row in json.loads(invoke("library", "--format", "json").output)}
    fee = rows["helsingborg"]["provenance"]["application_fee"]
    assert fee["sources"] and all("foretagare.helsingborg.se" in s for s in fee["sources"]) and "2017" in fee["sources"][0]
    assert fee["assumption"] is None
    landskrona_fee = rows["landskrona"]["provenance"]["application_fee"]
    assert landskrona_fee["sources"] == [] and "A12" in landskrona_fee["assumption"]
    assert set(rows["klippan"]["provenance"]) == set(rows["klippan"]["facts"])


def test_library_show_prints_the_profile_with_its_sources():
    result = invoke("library", "show", "orkelljunga")
    assert result.exit_code == 0
    assert result.output == (lib.library_root() / "orkelljunga" / "profile.yaml").read_text(encoding="utf-8")


def test_library_show_json_is_the_profile_data():
    result = invoke("library", "show", "helsingborg", "--format", "json")
    data = json.loads(result.output)
    assert data["facts"]["application_fee"]["value"] == 11700


def test_library_show_unknown_name_is_a_usage_error():
    result = invoke("library", "show", "lund")
    assert result.exit_code == 2
    assert "unknown library municipality 'lund'" in result.output


def test_facts_table_marks_every_cell_with_a_source_number_or_an_assumption():
    result = invoke("facts", "helsingborg", "astorp")
    assert result.exit_code == 0
    out = result.output
    assert out.index("Helsingborg") < out.index("Åstorp")
    assert "11,700 kr (2017) [" in out
    assert "unknown *" in out  # Helsingborg's staff: an assumption, no source
    assert "* an assumption" in out
    assert out.startswith("The mapping's dimensions, values from public pages (year)\n")
    assert "2022 mapping" not in out
    assert "serveringstid 11–01" in out  # Helsingborg's local rules: serving hours


def test_facts_markdown_is_a_pipe_table_with_footnotes():
    result = invoke("facts", "astorp", "--format", "markdown")
    lines = result.output.splitlines()
    assert lines[0] == "**The mapping's dimensions, values from public pages (year)**"
    assert lines[2].startswith("| Municipality | Handled by | Application fee | E-service |")
    assert lines[2].endswith("| Local rules (riktlinjer, serving hours) |")
    assert lines[3].startswith("|---|")
    assert lines[4].startswith("| Åstorp | Kundtjänst [1] |")
    assert "yes [1]" in lines[4]
    assert any(line.startswith("[1] https://astorp.se/") for line in lines)


def test_facts_csv_has_value_source_and_assumption_columns():
    result = invoke("facts", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    by_name = {row["name"]: row for row in rows}
    assert set(by_name) == set(lib.library_names())
    assert by_name["helsingborg"]["application_fee"] == "11,700 kr (2017)"
    assert "foretagare.helsingborg.se" in by_name["helsingborg"]["application_fee_source"]
    assert by_name["klippan"]["e_service"] == "yes"
    assert by_name["klippan"]["e_service_source"] == ""
    assert "ASSUMPTION" in by_name["klippan"]["e_service_assumption"]


def test_facts_json_numbers_sources_once():
    data = json.loads(invoke("facts", "--format", "json").output)
    orkelljunga = next(r for r in data["rows"] if r["name"] == "orkelljunga")
    body = orkelljunga["facts"]["deciding_body"]
    assert "arbetsutskott" in body["text"]
    assert all(data["sources"][str(n)].startswith("https://orkelljunga.se/") for n in body["sources"])
    assert len(set(data["sources"].values())) == len(data["sources"])


def test_facts_json_carries_each_value_as_written_and_beside_it_in_english():
    """Found by QA (facts24): the English report named Helsingborg's deciding body "Socialnämnden" only; the profiles
    now give the English (names:), which the JSON adds beside the value; the table and the CSV keep the value."""
    data = json.loads(invoke("facts", "helsingborg", "astorp", "--format", "json").output)
    rows = {r["name"]: r["facts"] for r in data["rows"]}
    assert rows["helsingborg"]["deciding_body"]["text"] == "Socialnämnden"
    assert rows["helsingborg"]["deciding_body"]["text_en"] == "Social services committee (Socialnämnden)"
    assert rows["astorp"]["handling_unit"]["text"] == "Kundtjänst"
    assert rows["astorp"]["handling_unit"]["text_en"] == "Customer service (Kundtjänst)"
    assert rows["helsingborg"]["application_fee"]["text_en"] == rows["helsingborg"]["application_fee"]["text"]
    assert rows["helsingborg"]["deciding_body"]["sources"]  # the sources stay with the value
    table = invoke("facts", "helsingborg", "astorp").output
    assert "Socialnämnden" in table and "Social services committee" not in table
    rows_csv = {r["name"]: r for r in csv.DictReader(io.StringIO(invoke("facts", "--format", "csv").output))}
    assert rows_csv["astorp"]["handling_unit"] == "Kundtjänst" and "handling_unit_en" not in rows_csv["astorp"]


def test_facts_unknown_name_is_a_usage_error():
    result = invoke("facts", "helsingborg", "lund")
    assert result.exit_code == 2
    assert "lund" in result.output


def test_a_library_name_works_as_a_model_argument():
    defs = load_model("klippan")
    assert "Ängelholm" in defs.participants()[0].name
    assert load_model("helsingborg").process().nodes["Task_Beslut"].name == "Besluta om serveringstillstånd"


def test_a_library_name_works_with_validate():
    result = invoke("validate", "astorp")
    # astorp's model has neither errors nor warnings: validate's whole answer is one line (it was the exit status
    # alone), the model named as the user named it
    assert (result.exit_code, result.output) == (0, "astorp: ok\n")


def test_a_library_name_works_wherever_a_model_is_accepted(tmp_path):
    """show, render, convert, diff, compare and simulate take a library name (klippan: Ängelholm's process)."""
    assert "Ängelholms kommun" in invoke("show", "klippan").output
    svg = tmp_path / "k.svg"
    assert invoke("render", "klippan", "-o", str(svg)).exit_code == 0
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    bpmn = tmp_path / "b.bpmn"
    assert invoke("convert", "bjuv", str(bpmn)).exit_code == 0
    assert "Höganäs" in bpmn.read_text(encoding="utf-8")
    diff = invoke("diff", "helsingborg", "astorp")
    assert diff.exit_code == 0 and "Kundtjänst" in diff.output
    compare = invoke("compare", "helsingborg", "astorp", "orkelljunga")
    # (the Swedish models compared in Swedish, --output-language auto: each by its municipality's name)
    assert compare.exit_code == 0 and "Örkelljunga" in compare.output
    sim = invoke("simulate", "klippan", "--cases", "5", "-q", "--format", "json")
    assert sim.exit_code == 0, sim.output
    data = json.loads(sim.output)
    assert data["model"] == "klippan" and data["profile"].endswith("klippan/profile.yaml")
    assert data["figures"]["cases_open"]["mean"] == 0


def test_the_facts_table_fits_a_terminal_width_when_given_one():
    from bpmn_io import library_facts as facts

    table = facts.facts_table([(n, lib.load_entry(n).profile) for n in ("helsingborg", "astorp", "klippan")])
    wide = facts.render_facts(table, "table")
    narrow = facts.render_facts(table, "table", total=150)

    def grid(text: str) -> list[str]:
        return text.split("\n\n")[1].splitlines()  # the table without its title and footnotes

    assert max(map(len, grid(wide))) > 150
    assert max(map(len, grid(narrow))) <= 150
    # same cells, only wrapped differently
    assert " ".join(" ".join(grid(narrow)).split()).count("11,700 kr (2017)") == 1
    assert "* an assumption" in narrow


def _markdown_row(municipality: str, *names: str) -> str:
    out = invoke("facts", *names, "--format", "markdown").output
    return next(line for line in out.splitlines() if line.startswith(f"| {municipality} |"))


def test_a_fact_with_sources_and_an_assumption_shows_both_markers():
    """Ängelholm's time is stated on the Klippan and Örkelljunga pages for the cases it handles;
    that it holds for Ängelholm's own cases is an assumption, and the table says so."""
    row = _markdown_row("Ängelholm", "angelholm")
    assert re.search(r"cirka två månader från det att ansökan är komplett (\[\d+\])+ \*", row), row
    out = invoke("facts", "angelholm").output
    assert "* an assumption, alone or beside the sources [n]" in out


def test_a_computed_fee_says_it_is_computed_and_from_what():
    """Brief §4: Ängelholm '16 h × 1,160 kr/h (2024) = 18,560 kr (computed)': no page states 18,560 kr."""
    row = _markdown_row("Ängelholm", "angelholm")
    assert "18,560 kr (2024; computed: 16 h × 1,160 kr/h) [" in row
    assert "11,700 kr (2017) [" in _markdown_row("Helsingborg", "helsingborg")


def test_facts_help_names_as_the_mappings_dimensions_only_those_its_report_names():
    """The 2022 report: 'Kartläggning av avgifter, förekomst av e-tjänster, handläggningstid, antal
    anställda, förekomst samarbeten' and 'grad av delegation'; who handles the case is not among them."""
    text = " ".join(invoke("facts", "--help").output.split())
    compared = text.split("mapping compared (", 1)[1].split(")", 1)[0]
    for word in ("fee", "e-service", "stated time", "staff", "collaboration", "delegation"):
        assert word in compared, word
    assert "handl" not in compared
    assert "who handles the case" in text


def test_facts_json_carries_each_value_in_swedish_too():
    """Found by the words review: the JSON said each value as written and in English only, while the report's Swedish
    facts table says the English-written values (names: {sv: ...}) and the fixed words ("unknown", "yes",
    "computed") in Swedish. It now gives text_sv beside text_en, as the report's Swedish view says the value."""
    data = json.loads(invoke("facts", "klippan", "angelholm", "landskrona", "--format", "json").output)
    rows = {r["name"]: r["facts"] for r in data["rows"]}
    said = {(name, key): (fact["text"], fact["text_en"], fact["text_sv"])
            for name, facts in rows.items() for key, fact in facts.items()}
    assert said["klippan", "collaborations"] == ("buys handling and supervision from Ängelholm",
                                                 "buys handling and supervision from Ängelholm",
                                                 "köper handläggning och tillsyn av Ängelholm")
    assert said["klippan", "handling_unit"] == ("Ängelholms alkoholhandläggare",
                                                "Ängelholm's alcohol licensing officers (alkoholhandläggare)",
                                                "Ängelholms alkoholhandläggare")
    assert said["klippan", "e_service"] == ("yes", "yes", "ja")
    assert said["klippan", "deciding_body"] == ("unknown", "unknown", "okänt")
    # every amount as its language writes it (found by QA, qanumbers: "18 560 kr" beside "1,160 kr/h" in English)
    assert said["klippan", "application_fee"] == ("5,000 kr (2015)", "5,000 kr (2015)", "5\u00a0000\u00a0kr (2015)")
    assert said["angelholm", "application_fee"] == (
        "18,560 kr (2024; computed: 16 h × 1,160 kr/h)", "18,560 kr (2024; computed: 16 h × 1,160 kr/h)",
        "18\u00a0560\u00a0kr (2024; framräknat: 16\u00a0tim × 1\u00a0160\u00a0kr/tim)")
    assert said["landskrona", "local_rules"][2] == (
        "Riktlinjer antagna av individ- och familjenämnden (nya 2018); serveringstider: okänt")
    # the table and the CSV keep the value as written
    assert "köper handläggning" not in invoke("facts", "klippan").output
    assert "text_sv" not in invoke("facts", "klippan", "--format", "csv").output


#: Ängelholm's stated handling time: its assumption and first source in English and Swedish, as the profile writes them
ANGELHOLM_TIME_ASSUMPTION = (
    "The stated 'cirka två månader' is read as 7-10 weeks; assumed to hold for Ängelholm's own cases too.",
    "Uppgiften ”cirka två månader” tolkas som 7–10\u00a0veckor; antas gälla även för Ängelholms egna ärenden.")
_KLIPPAN = "https://www.klippan.se/naringsliv--arbete/starta-och-driva-foretag/tillstand-regler--tillsyn/alkohol--serveringstillstand"
KLIPPAN_SOURCE = (f"{_KLIPPAN} (2024/2025 fees on page)", f"{_KLIPPAN} (avgifter för 2024/2025 på sidan)")


def test_facts_json_gives_assumption_and_sources_in_swedish_too():
    """Found by QA (qapolish): the JSON gave the values in both languages but the assumptions and the sources in
    English only, although the profiles write both ({en:, sv:}); the table keeps its English."""
    data = json.loads(invoke("facts", "angelholm", "--format", "json").output)
    time = data["rows"][0]["facts"]["stated_handling_time"]
    assert (time["assumption"], time["assumption_sv"]) == ANGELHOLM_TIME_ASSUMPTION
    assert (data["sources"]["1"], data["sources_sv"]["1"]) == KLIPPAN_SOURCE
    assert data["sources_sv"].keys() == data["sources"].keys()
    assert data["rows"][0]["facts"]["handling_unit"]["assumption_sv"] is None  # no assumption: none in either
    table = invoke("facts", "angelholm").output
    assert "(2024/2025 fees on page)" in table and "avgifter för" not in table


def test_library_json_gives_each_fact_and_its_provenance_in_swedish_too():
    """Found by QA (qawords): `library --format json` gave the provenance in English only, while `facts --format
    json` gives assumption_sv and sources_sv; the keys it had stay as they were."""
    rows = {row["name"]: row for row in json.loads(invoke("library", "--format", "json").output)}
    time = rows["angelholm"]["provenance"]["stated_handling_time"]
    assert (time["assumption"], time["assumption_sv"]) == ANGELHOLM_TIME_ASSUMPTION
    assert (time["sources"][0], time["sources_sv"][0]) == KLIPPAN_SOURCE
    assert rows["angelholm"]["provenance"]["deciding_body"]["assumption_sv"] is None  # none in either
    assert rows["landskrona"]["facts_sv"]["application_fee"] == "okänt"
    assert rows["landskrona"]["facts_en"]["application_fee"] == "unknown"
    assert rows["landskrona"]["facts"]["application_fee"] == "unknown"  # as written, unchanged
    for row in rows.values():
        assert set(row) == {"name", "municipality", "handled_by", "process", "facts", "facts_en", "facts_sv",
                            "provenance"}
        for said in row["provenance"].values():
            assert set(said) == {"sources", "assumption", "sources_sv", "assumption_sv"}
            assert len(said["sources_sv"]) == len(said["sources"])
