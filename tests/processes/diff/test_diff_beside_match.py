"""A last look before a step is claimed only in its model (processes/diff/besidematch.py): a step
left over right beside a correspondence whose step in the other model its label is like is asked
about that step, whatever the score; no pair is made. The first two tests fail without the pass."""

from __future__ import annotations

from diffbuilders import candidates, linear, only

from processes.diff import diff_models
from processes.diff.formats import diff_text

_COARSE = ["Ansökan kommer in", "Ansökan registreras och kompletteras", "Utred ansökan", "Beslut i nämnden"]
_REASON = (
    "right beside its match Registrera ansökan ↔ Ansökan registreras och kompletteras: may be part of it"
)


def test_a_finer_step_beside_the_coarse_match_is_asked_about_not_claimed_only() -> None:
    # p91's shape: "Skapa nytt ärende i diariet" right after "Registrera ansökan", which holds the
    # coarse "Ansökan registreras och kompletteras" (labels 0.40, the score under the rival bar)
    fine = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Skapa nytt ärende i diariet",
        "Utred ansökan",
        "Beslut i nämnden",
    ]
    d = diff_models(linear(fine, prefix="A"), linear(_COARSE, prefix="B"))
    (c,) = candidates(d, "a", "A2")
    assert c.ids == ("B1",)
    assert 0.3 <= c.label < 0.5
    assert c.reasons[-1].startswith(_REASON)
    assert only(d) == []
    assert "A2" not in {s for m in d.matches for s in m.a}  # a question, not a pair
    assert _REASON in diff_text(d)


def test_the_same_from_b() -> None:
    fine = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Skapa nytt ärende i diariet",
        "Utred ansökan",
        "Beslut i nämnden",
    ]
    d = diff_models(linear(_COARSE, prefix="A"), linear(fine, prefix="B"))
    (c,) = candidates(d, "b", "B2")
    assert c.ids == ("A1",)
    assert c.reasons[-1].startswith(
        "right beside its match Registrera ansökan ↔ Ansökan registreras och kompletteras"
    )
    assert only(d) == []


def test_a_like_step_far_from_the_match_stays_only() -> None:
    # the same step drawn after the decision: the registration's correspondence is not beside it
    far = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Utred ansökan",
        "Beslut i nämnden",
        "Skapa nytt ärende i diariet",
    ]
    d = diff_models(linear(far, prefix="A"), linear(_COARSE, prefix="B"))
    assert candidates(d, "a", "A4") == []
    assert only(d) == ["a:A4"]


def test_an_unlike_step_beside_the_match_stays_only() -> None:
    unlike = [
        "Ansökan kommer in",
        "Registrera ansökan",
        "Skicka faktura",
        "Utred ansökan",
        "Beslut i nämnden",
    ]
    d = diff_models(linear(unlike, prefix="A"), linear(_COARSE, prefix="B"))
    assert candidates(d, "a", "A2") == []
    assert only(d) == ["a:A2"]
