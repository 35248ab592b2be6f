"""report.embed: the diff engineer's comparison page as a scoped section of the batch report."""

from __future__ import annotations

import re
from html import unescape

from report.embed import embed_page, library_comparison_section


def test_a_page_becomes_a_section_with_scoped_styles() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>x</title><style>body{margin:1rem}\nh1, table td{color:red}</style>"
        "</head><body class='b'><h1>Title</h1><p>text</p></body></html>"
    )
    assert embed_page(page) == (
        '<div class="embedded-diff"><style>.embedded-diff{margin:1rem}\n'
        ".embedded-diff h1,.embedded-diff table td{color:red}</style><h1>Title</h1><p>text</p></div>"
    )


def test_a_pages_main_landmark_stays_out_of_the_section() -> None:
    # the report has its own <main>; a second one inside it is a page with two main landmarks (axe:
    # landmark-no-duplicate-main), so the diff page's <main> (its own landmark since the accessibility audit) is dropped
    page = "<html><head><style>h1{color:red}</style></head><body>\n<main>\n<h1>T</h1>\n</main>\n</body></html>"
    assert embed_page(page) == '<div class="embedded-diff"><style>.embedded-diff h1{color:red}</style><h1>T</h1></div>'
    assert "<main" not in library_comparison_section(["helsingborg", "astorp"])


def test_library_municipalities_are_compared_in_the_section() -> None:
    html = library_comparison_section(["helsingborg", "astorp"])
    assert html.startswith('<div class="embedded-diff">') and html.endswith("</div>")
    assert "<html" not in html and "<body" not in html
    assert "Helsingborg" in html and "Åstorp" in html  # the municipalities' names
    assert "<svg" in html


def test_an_unnamed_step_of_the_common_core_is_said_in_words_not_by_its_id() -> None:
    """Found by the words review: the report's common core listed "Timer_Paminnelse" (an unnamed reminder
    timer every model draws) between the step names."""
    html = library_comparison_section(["helsingborg", "landskrona"])
    core = html[html.index("Gemensam kärna"):]
    core = core[:core.index("</ul>")]
    assert "Timer_Paminnelse" not in core
    # its length as the profiles set it (delay 2w), as the diff's text, the one-language pages and the report's
    # other tables say it (found by QA, qaleft: the section alone said the BPMN's "14 days")
    assert ('<li><span class="en" lang="en">timer after 2 weeks in “Wait for the supplement”</span>'
            '<span class="sv" lang="sv">bevakning efter 2 veckor i ”Invänta komplettering”</span></li>') in core
    assert "14 days" not in core and "14 dagar" not in core
    assert '<li><span class="en" lang="en">Application received</span><span class="sv" lang="sv">Ansökan inkommen</span></li>' in core


def test_a_municipality_named_per_language_is_named_so_in_each_languages_comparison() -> None:
    """Found by QA (words23): comparing the national reference, the English report's section read "Comparison of
    Helsingborg, Nationell referens (Alkohollagen 8 kap., ...)" and named it so in every table and diagram."""
    import re

    html = library_comparison_section(["helsingborg", "national-reference"])
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)  # the diagrams show each model's own labels

    def said(lang: str) -> str:
        other = "sv" if lang == "en" else "en"
        return " ".join(re.sub(r"<[^>]*>", " ", re.sub(rf'<span class="{other}" lang="{other}">[^<]*</span>', " ", html)).split())

    english, swedish = said("en"), said("sv")
    assert "Nationell referens" not in english and "National reference" not in swedish
    assert "Comparison of Helsingborg, National reference (the Alcohol Act, Alkohollagen, ch. 8; the Alcohol Ordinance, " \
           "Alkoholförordningen, § 5)" in english
    assert "Jämförelse av Helsingborg, Nationell referens (Alkohollagen 8 kap., Alkoholförordningen 5 §)" in swedish
    assert english.count("National reference") >= 5 and swedish.count("Nationell referens") >= 5


def test_the_facts_table_says_each_value_in_the_reports_language_where_the_profile_gives_it() -> None:
    """Found by QA (facts24): the English report's facts table read "Socialnämnden", "Kundtjänst",
    "Tillståndsenheten, socialförvaltningen", "Polisen, Skatteverket, ..." and "cirka 2 månader"; the Swedish view is
    as before."""
    import re

    html = library_comparison_section(["helsingborg", "landskrona", "astorp"])
    table = html[html.index('aria-labelledby="facts-heading"'):]
    table = table[:table.index("</table>")]
    rows = {re.sub(r"<[^>]*>", "", m.group(1)): m.group(2)
            for m in re.finditer(r'<tr><th><span class="en" lang="en">([^<]*)</span>.*?</th>(.*?)</tr>', table)}

    def cells(fact: str, lang: str) -> list[str]:  # the words of a cell, a quoted original's <span lang> left out
        shown = re.findall(rf'<span class="{lang}" lang="{lang}">((?:[^<]|<span lang="sv">[^<]*</span>)*)</span>',
                           rows[fact])
        return [re.sub(r"<[^>]*>", "", cell) for cell in shown]

    assert 'Social services committee (<span lang="sv">Socialnämnden</span>)' in rows["deciding body"]
    # found by QA (qawords3): Åstorp's body, quoted with the page's remark, was unmarked
    assert ('Social services committee (<span lang="sv">Socialnämnden</span>; older page; current body unknown)'
            in rows["deciding body"])

    assert cells("deciding body", "en") == [
        "Social services committee (Socialnämnden)", "Individual and family committee (Individ- och familjenämnden)",
        "Social services committee (Socialnämnden; older page; current body unknown)"]
    assert cells("deciding body", "sv") == [
        "Socialnämnden", "Individ- och familjenämnden", "Socialnämnden (äldre sida; nuvarande organ okänt)"]
    assert cells("handling unit", "en")[2] == "Customer service (Kundtjänst)"
    assert cells("handling unit", "sv")[2] == "Kundtjänst"
    assert cells("bodies asked for an opinion", "en")[0].startswith("Police (Polisen), Swedish Tax Agency (Skatteverket)")
    assert cells("handling time the municipality states", "en")[0] == (
        "about 2 months; longer in summer (weeks: 7–10; counted from: unknown)")
    assert cells("handling time the municipality states", "sv")[0] == (
        "cirka 2 månader; längre på sommaren (veckor: 7–10; räknas från: okänt)")


def test_klippans_supervision_fee_says_kronor_of_its_variable_part_too() -> None:
    """Found by the words review: the facts table read "400 kronor a year (year: 2015; variable: 1000–6000)", the
    variable part of Klippan's supervision fee without its unit."""
    import re

    html = library_comparison_section(["helsingborg", "klippan"])
    table = html[html.index('aria-labelledby="facts-heading"'):]
    row = next(m.group(1) for m in re.finditer(r"<tr>(.*?)</tr>", table[:table.index("</table>")], flags=re.S)
               if ">supervision fee<" in m.group(1))
    said = {lang: [unescape(c) for c in re.findall(rf'<span class="{lang}" lang="{lang}">([^<]*)</span>', row)] for lang in ("en", "sv")}
    assert said["en"][1:] == ["3,600 kronor a year (year: 2017)",
                              "400 kronor a year (year: 2015; variable: 1,000–6,000 kronor a year by alcohol turnover)"]
    assert said["sv"][1:] == ["3\u00a0600\u00a0kr/år (år: 2017)",
                              "400\u00a0kr/år (år: 2015; rörlig del: 1\u00a0000–6\u00a0000\u00a0kr per år efter "
                              "alkoholomsättning)"]


#: English words that no Swedish cell of the facts table should hold (found by QA, facts25)
ENGLISH_WORDS = re.compile(r"\b(handles|buys|decides|from|after|the|town|hall|municipality|specific|working|chair|"
                           r"months|once|computed|variable|extension|control|food|supervision|handling)\b", re.I)


def test_the_swedish_facts_table_says_every_value_in_swedish_and_the_english_one_in_english() -> None:
    """Found by QA (facts25): the Swedish report's facts table read "handles Klippan's cases (handling och
    supervision)", "Ängelholm town hall", "working committee or chair", "municipality-specific", "4 months from a
    komplett ansökan" and "after a komplett ansökan"; the English heading read "National reference (Alkohollagen 8
    kap., ...)". Each value written in English gives its Swedish (names: {sv: ...}), a field its text per language."""
    from bpmn_io.library import library_names

    html = library_comparison_section(list(library_names()))
    table = html[html.index('aria-labelledby="facts-heading"'):]
    table = table[:table.index("</table>")]
    heading, body = table[:table.index("</tr>")], table[table.index("</tr>"):]
    swedish = [unescape(c) for c in re.findall(r'<span class="sv" lang="sv">([^<]*)</span>', body)]
    english = [unescape(re.sub(r"<[^>]*>", "", c))  # a quoted original in its <span lang="sv"> (qasure)
               for c in re.findall(r'<span class="en" lang="en">((?:[^<]|<span lang="sv">[^<]*</span>)*)</span>', body)]
    assert len(swedish) == len(english) > 50
    assert [c for c in swedish if ENGLISH_WORDS.search(c)] == []
    assert "handlägger Klippans ärenden (handläggning och tillsyn), handlägger Örkelljungas ärenden (Örkelljunga " \
           "beslutar)" in swedish
    assert {"Ängelholms stadshus", "arbetsutskottet eller ordföranden", "olika i varje kommun",
            "efter komplett ansökan"} <= set(swedish)
    assert "18\u00a0560\u00a0kr (år: 2024; framräknat: 16\u00a0tim × 1\u00a0160\u00a0kr/tim)" in swedish
    assert any(c.startswith("4 månader (räknas från: komplett ansökan; förlängning: en gång") for c in swedish)
    assert any(c.endswith("(veckor: 5,7–17,4; räknas från: komplett ansökan)") for c in swedish)
    # the English view as before, the values as written
    assert {"Ängelholm town hall", "working committee or chair", "municipality-specific",
            "after a complete application"} <= set(english)
    assert any(c.startswith("4 months (counted from: complete application; extension: once") for c in english)
    assert "18,560 kronor (year: 2024; computed: 16 h × 1,160 kr/h)" in english
    said = re.sub(r"<[^>]*>", "|", heading)
    # each language's name, short in a heading (the laws it cites in the diagram's heading: qacomptext)
    assert "||National reference||Nationell referens||" in said and "National reference (Alkohollagen" not in said
    assert "|National reference (the Alcohol Act, Alkohollagen, ch. 8; the Alcohol Ordinance, Alkoholförordningen, " \
           "§ 5)|" in re.sub(r"<[^>]*>", "|", html)


def test_an_unnamed_step_in_a_variation_is_said_in_words_in_each_language() -> None:
    """Found by QA: compare names a step no model names as the pairwise diff does ("unnamed boundary event
    Timer_Paminnelse"); the bilingual page says the timer in words in both languages, not in English."""
    from bpmn_io.authoring import parse_authoring, read_authoring
    from bpmn_io.library import library_paths
    from processes.diff import compare_models, prepare
    from report.diff_html import comparison_html

    helsingborg = read_authoring(library_paths("helsingborg")[0].with_suffix(".yaml"))
    mine = parse_authoring(
        "process: {id: P, name: Mine}\nsteps:\n  - {id: S, event: start, name: Ansökan inkommen}\n"
        "  - {id: T, task: user, name: Besluta}\n  - {id: E, event: end, name: Klart}\n",
        source="mine.yaml",
    )
    comparison = compare_models([prepare(helsingborg, "helsingborg"), prepare(mine, "mine")])
    html = comparison_html(comparison, {"helsingborg": helsingborg, "mine": mine}, bilingual=True)
    # the timer's words, unquoted: they are no label (qacomptext)
    assert "bevakning efter 14 dagar i ”Invänta komplettering” är ett steg i" in html
    # found by QA (qawords3): the shared steps listed Swedish-only names inside English spans without a mark
    core = html[html.index("Common core"):]
    core = core[core.index("<ul>"):core.index("</ul>")]
    assert ('<li><span class="en" lang="en"><span lang="sv">Ansökan inkommen</span></span>'
            '<span class="sv" lang="sv">Ansökan inkommen</span></li>') in core
    # two steps matched as one, each named in English by its model: in English, not "Tillstånd beviljat + …"
    assert ('<li><span class="en" lang="en">Permit granted + Application refused</span>'
            '<span class="sv" lang="sv">Tillstånd beviljat + Ansökan avslagen</span></li>') in core
    assert "timer after 14 days in “Wait for the supplement” is a step in" in html
    assert "unnamed boundary event" not in html


def test_each_language_of_the_section_says_which_it_is() -> None:
    """Found by QA: the report's Swedish view read as English (no lang on its class="sv" pieces); the comparison
    section it embeds marks every piece of each language, its diagrams in the language of the models' labels."""
    from lxml import html as lxml_html

    section = lxml_html.fromstring(library_comparison_section(["helsingborg", "astorp"]))
    for lang in ("en", "sv"):
        pieces = section.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {lang} ')]")
        assert len(pieces) > 50 and all(e.xpath("ancestor-or-self::*[@lang][1]/@lang") == [lang] for e in pieces)
    assert [svg.get("lang") for svg in section.iter("svg")] == ["sv", "sv"]  # the drawn names are Swedish
