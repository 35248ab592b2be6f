"""A failed scenario's message in words a manager reads, per language (report.failurewords)."""

from __future__ import annotations

from report.failurewords import failure_words

STUCK = ("element 'J': 5 case(s) cannot finish: tokens wait at join(s) 'J' that no other token can reach "
         "(cases 0, 1); no token came to Gateway (2) (J) by 'Flow_R_J' from Remind (R)")


def test_a_join_that_waits_is_named_by_its_name_never_by_id_or_token() -> None:
    words = failure_words(STUCK)
    assert "the model waits at ‘Gateway (2)’ for a step that does not happen in every case" in words["en"]
    assert "modellen väntar vid ”Gateway (2)” på ett steg som inte sker i varje ärende" in words["sv"]
    for said in words.values():
        assert "token" not in said and "'J'" not in said and "join" not in said


def test_the_models_deadlock_names_its_join_too() -> None:
    """The engine says a join that waits for one branch of a choice as the model's deadlock (simulator.engine)."""
    said = ("element 'J': 5 case(s) cannot finish, a deadlock in the model: parallel join Båda klara (J) waits for a "
            "token by 'B_J', which comes only from branch 'X_B' of exclusive gateway X: cases where ... (cases 0, 1)")
    assert "‘Båda klara’" in failure_words(said)["en"]
    by_id = said.replace("parallel join Båda klara (J) waits for a token", "parallel join 'J' waits for all its inputs")
    assert "”Båda klara”" in failure_words(by_id, {"sv": {"J": "Båda klara"}})["sv"]


def test_the_join_is_named_in_the_pages_language_when_the_model_gives_it() -> None:
    words = failure_words(STUCK, {"en": {"J": "Both done"}, "sv": {"J": "Båda klara"}})
    assert "‘Both done’" in words["en"] and "”Båda klara”" in words["sv"]


def test_an_unnamed_join_is_where_paths_meet() -> None:
    words = failure_words(STUCK.replace("Gateway (2) (J)", "J"))
    assert "the model waits where paths meet for a step" in words["en"]
    assert "modellen väntar där vägarna möts på ett steg" in words["sv"]


def test_a_loop_a_choice_without_a_way_and_anything_else() -> None:
    loop = failure_words("element 'T': case 3 executed more than 9 steps: it loops without end through 'T'")
    assert "some cases never end" in loop["en"] and "vissa ärenden aldrig tar slut" in loop["sv"]
    choice = failure_words("element 'G': case 1 has attributes {}: no condition of this gateway holds and it ...")
    assert "some cases fit none of the ways on" in choice["en"] and "inte passar något av vägvalen" in choice["sv"]
    other = failure_words("simulation.pools.officer.fte=1.0: a broken replication")
    assert other == {"en": "This scenario could not be computed: the simulation stopped on an error in the model or "
                           "its settings. The technical detail below is for the person who maintains the model.",
                     "sv": "Scenariot kunde inte beräknas: simuleringen stoppades av ett fel i modellen eller dess "
                           "inställningar. Den tekniska detaljen nedan är till för den som förvaltar modellen."}
