"""report.embed: the diff engineer's comparison page as a scoped section of the batch report."""

from __future__ import annotations

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
    assert ('<li><span class="en">timer after 14 days in “Wait for the supplement”</span>'
            '<span class="sv">bevakning efter 14 dagar i ”Invänta komplettering”</span></li>') in core
    assert '<li><span class="en">Application received</span><span class="sv">Ansökan inkommen</span></li>' in core


def test_a_municipality_named_per_language_is_named_so_in_each_languages_comparison() -> None:
    """Found by QA (words23): comparing the national reference, the English report's section read "Comparison of
    Helsingborg, Nationell referens (Alkohollagen 8 kap., ...)" and named it so in every table and diagram."""
    import re

    html = library_comparison_section(["helsingborg", "national-reference"])
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)  # the diagrams show each model's own labels

    def said(lang: str) -> str:
        other = "sv" if lang == "en" else "en"
        return " ".join(re.sub(r"<[^>]*>", " ", re.sub(rf'<span class="{other}">[^<]*</span>', " ", html)).split())

    english, swedish = said("en"), said("sv")
    assert "Nationell referens" not in english and "National reference" not in swedish
    assert "Comparison of Helsingborg, National reference (Alkohollagen 8 kap., Alkoholförordningen 5 §)" in english
    assert "Jämförelse av Helsingborg, Nationell referens (Alkohollagen 8 kap., Alkoholförordningen 5 §)" in swedish
    assert english.count("National reference") >= 5 and swedish.count("Nationell referens") >= 5
