"""report.namemarks: a model's names in a sentence of the other language say their language."""

from __future__ import annotations

from processes.model import Collaboration, Definitions, FrozenMap, Participant, Process, Task
from report.failurewords import failure_words
from report.namemarks import NameMarks


def _model(*tasks: Task) -> Definitions:
    return Definitions(processes=(Process(id="P", nodes=FrozenMap({t.id: t for t in tasks})),))


def test_an_english_models_step_in_a_swedish_sentence_is_english() -> None:
    """The mirror case: a model named in English, the Swedish page's sentence names its step."""
    marks = NameMarks.of({"hbg": _model(Task(id="A", name="Register the application"),
                                         Task(id="B", name="Check the documents"))})
    assert (marks.html("dagar i väntan vid: Register the application", "sv", ("hbg",))
            == 'dagar i väntan vid: <span lang="en">Register the application</span>')
    assert marks.html("days waiting at: Register the application", "en", ("hbg",)) == (
        "days waiting at: Register the application")


def test_a_name_the_model_gives_in_the_pages_language_is_not_marked() -> None:
    """A step named per language shows the page's own name: nothing to mark; its drawn name, on the other
    page, is in the page's language."""
    named = Task(id="A", name="Beslut i nämnd", names=FrozenMap({"en": "Decision by the committee"}))
    marks = NameMarks.of({"m": _model(named, Task(id="B", name="Granska ansökan"))})
    assert marks.html("days waiting at: Decision by the committee", "en", ["m"]) == (
        "days waiting at: Decision by the committee")
    assert marks.html("work time in: Granska ansökan", "en", ["m"]) == (
        'work time in: <span lang="sv">Granska ansökan</span>')
    assert marks.html("dagar i: Beslut i nämnd", "sv", ["m"]) == "dagar i: Beslut i nämnd"


def test_whole_names_of_the_sentences_processes_only_the_longest_first_and_escaped() -> None:
    marks = NameMarks.of({"m": _model(Task(id="A", name="Beslut"), Task(id="B", name="Beslut i nämnd"),
                                      Task(id="C", name="Granska <utkast> & skicka")),
                          "other": _model(Task(id="D", name="Registrera ärendet"))})
    assert marks.html("Beslut i nämnd before Beslut, not Beslutet", "en", ["m"]) == (
        '<span lang="sv">Beslut i nämnd</span> before <span lang="sv">Beslut</span>, not Beslutet')
    assert marks.html("Registrera ärendet", "en", ["m"]) == "Registrera ärendet"  # not about "other"
    assert marks.html("Registrera ärendet", "en", ["m",
                                                   "other"]) == '<span lang="sv">Registrera ärendet</span>'
    assert marks.html("in Granska <utkast> & skicka <b>", "en", ["m"]) == (
        'in <span lang="sv">Granska &lt;utkast&gt; &amp; skicka</span> &lt;b&gt;')


def test_a_pools_name_is_marked_where_a_place_quotes_it_only() -> None:
    """Two steps told apart by their pool ("Granska ansökan (in “Tillståndsenheten”)", unnamedwords) quote the
    pool's name: marked as the step names are (found by QA, qaheads); the same name bare in a sentence is the
    municipality's as its profile names it, not marked."""
    pool = Participant(id="Pool", name="Tillståndsenheten", process_ref="P")
    model = Definitions(processes=_model(Task(id="A", name="Granska ansökan")).processes,
                        collaborations=(Collaboration(id="C", participants=(pool,)),))
    marks = NameMarks.of({"m": model}, drawn=True)
    assert marks.html("Granska ansökan (in “Tillståndsenheten”)", "en", ["m"]) == (
        '<span lang="sv">Granska ansökan</span> (in “<span lang="sv">Tillståndsenheten</span>”)')
    assert marks.html("fees in Tillståndsenheten", "en", ["m"]) == "fees in Tillståndsenheten"
    # on a page in the model's own language: nothing to mark
    assert marks.html("i ”Tillståndsenheten”", "sv", ["m"]) == "i ”Tillståndsenheten”"


def test_a_failures_words_name_the_join_in_its_models_language() -> None:
    """A failed scenario's words name the join a case waits at by its step's name (report.failurewords)."""
    marks = NameMarks.of({"m": _model(Task(id="J", name="Båda klara"), Task(id="B", name="Beslut"))})
    message = ("element 'J': 5 case(s) cannot finish, a deadlock in the model: parallel join Båda klara (J) "
               "waits for a token by 'B_J', which comes only from branch 'X_B' of exclusive gateway X (cases "
               "0, 1)")
    said = marks.both(failure_words(message), ["m"])
    assert '‘<span lang="sv">Båda klara</span>’' in said["en"], said
    assert "”Båda klara”" in said["sv"] and "<span" not in said["sv"]


def test_the_how_sure_rows_name_a_step_by_its_name_marked_in_its_models_language() -> None:
    """Found by QA (qasure): a how-sure row said a step's figure by its element id ("days waiting at:
    T_B")."""
    from report.howsure import how_sure

    model = _model(Task(id="T_B", name="Beslut i nämnd"))
    names = {lang: {"m": {"T_B": "Beslut i nämnd"}} for lang in ("en", "sv")}
    estimate = {"noise": {"mean": 3.0, "ci": [2.0, 4.0]}, "noise_and_assumptions": {"median": 3.0, "low": 1.0,
                                                                                     "high": 5.0}}
    doc = {"factors": [], "points": 2, "scenarios": {"s": {
        "members": ["m"], "baseline": None, "conclusions": {}, "drivers": {}, "failures": [],
        "figures": {"m/wait_days.T_B": estimate}}}}
    towns = {"en": {"m": "Mstad"}, "sv": {"m": "Mstad"}}
    row = how_sure(doc, towns, names, NameMarks.of({"m": model}))[0]["rows"][0]
    assert row["html"] == {"en": 'days waiting at: <span lang="sv">Beslut i nämnd</span>',
                           "sv": "dagar i väntan vid: Beslut i nämnd"}
