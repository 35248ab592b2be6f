"""The event constructs the simulator runs since they stopped being refused, through the commands: the
profile to fill in gives what they need, and a run says in one note each what it assumed.
(The semantics, by hand: tests/simulator/test_eventsemantics.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

EVENTS = Path(__file__).resolve().parent / "fixtures" / "sim" / "events"
SHORT = ("--years", "0.3", "-r", "1", "--workers", "1", "-q")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def converted(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """The fixture ``name`` copied into ``tmp_path`` and the profile ``convert --to profile`` wrote for it."""
    model = tmp_path / name
    shutil.copy(EVENTS / name, model)
    profile = tmp_path / "p.yaml"
    made = run("convert", str(model), str(profile), "--to", "profile")
    assert made.exit_code == 0, made.output
    return model, profile


def simulated(model: Path, profile: Path, *more: str):
    result = run("simulate", *more, str(model), "--profile", str(profile), *SHORT)
    assert result.exit_code == 0, result.output
    return result


def test_two_start_events_get_equal_shares_and_a_note_that_says_how_cases_split(tmp_path: Path) -> None:
    model, profile = converted(tmp_path, "two_starts.bpmn")
    text = profile.read_text(encoding="utf-8")
    assert "    S1:\n      share: 0.5\n" in text and "    S2:\n      share: 0.5\n" in text
    shown = simulated(model, profile)
    assert shown.stderr == (
        f"note: {model}:5: Ansökan via e-tjänst (S1): one of 2 top-level start events (S1, S2): "
        "each case arrives at one of them, by the `share:` the profile gives each\n"
    )
    profile.write_text(text.replace("      share: 0.5\n", ""), encoding="utf-8")
    assert simulated(model, profile).stderr.endswith(
        "each case arrives at one of them, in equal shares (the profile gives them no `share:`)\n"
    )


def test_a_message_start_of_an_event_subprocess_gets_a_wait_and_a_share_to_fill_in(tmp_path: Path) -> None:
    model, profile = converted(tmp_path, "event_subprocess.bpmn")
    assert "    EMS:\n      delay: 2w\n      share: 0.5\n" in profile.read_text(encoding="utf-8")
    notes = simulated(model, profile).stderr.splitlines()
    assert len(notes) == 1 and notes[0].startswith(
        f"note: {model}:20: Fråga inkommen (EMS): the start event of a non-interrupting event subprocess: its message "
        "comes its `delay:` after the case starts"
    )


def test_a_signal_catch_event_gets_a_wait_to_fill_in_and_a_note(tmp_path: Path) -> None:
    model, profile = converted(tmp_path, "signal_catch.bpmn")
    text = profile.read_text(encoding="utf-8")  # (it races the 5-hour timer T: not a fixed 2w that always lost)
    assert "    C:\n      delay:\n        dist: exponential\n        mean: 5h\n" in text
    assert "its `delay:`: it races the other catches of G: an exponential time with the mean of" in " ".join(
        line.strip(" #") for line in text.splitlines())
    notes = simulated(model, profile).stderr
    assert notes.startswith(
        f"note: {model}:8: Planbeslut fattat (C): a signal catch event: simulated as a wait of "
        "its `delay:`, until the signal comes (a throw is not followed to its catches)"
    )


@pytest.mark.parametrize("name", ["compensation.bpmn", "transaction.bpmn"])
def test_compensation_and_a_transaction_simulate_as_written_without_a_note(tmp_path: Path, name: str) -> None:
    """Run as BPMN says (simulator.eventrun): nothing assumed, so nothing to say."""
    model, profile = converted(tmp_path, name)
    assert simulated(model, profile).stderr == ""


def test_a_cancel_end_outside_a_transaction_is_refused_and_read_as_a_plain_end_leniently(
    tmp_path: Path,
) -> None:
    """jBPM's designer draws one at a process's top level (the corpus's simulationProcess.bpmn2)."""
    model = tmp_path / "cancel.bpmn"
    model.write_text(
        (EVENTS / "signal_catch.bpmn")
        .read_text(encoding="utf-8")
        .replace(
            '<endEvent id="E2" name="Utan planbeslut"/>',
            '<endEvent id="E2" name="Utan planbeslut"><cancelEventDefinition/></endEvent>',
        ),
        encoding="utf-8",
    )
    profile = tmp_path / "p.yaml"
    strict = run("convert", str(model), str(profile), "--to", "profile")
    assert strict.exit_code == 2 and not profile.exists()
    assert strict.output == (
        f"permitflow: error: {model}:15: process 'P' cannot be simulated: 1 element(s) not executable: 'E2': cancel "
        "end event is not simulated outside a transaction (BPMN defines cancel only for one): draw it inside a "
        "transaction (with a cancel boundary event on it, the way out), or draw an error end event instead, and an "
        "error boundary event on the subprocess (`simulate --lenient` reads it as an end event without a trigger)\n"
    )
    lenient = run("convert", "--lenient", str(model), str(profile), "--to", "profile")
    assert lenient.exit_code == 0, lenient.output
    said = (
        f"note: {model}:15: read leniently: cancel end event 'E2' is not inside a transaction (BPMN defines "
        "cancel only there); simulated as an end event without a trigger (nothing cancelled or compensated)\n"
    )
    assert said in lenient.stderr
    shown = simulated(model, profile, "--lenient")
    assert shown.stderr.startswith(said)
    assert run("simulate", str(model), "--profile", str(profile), "--cases", "2").exit_code == 2


def test_an_error_boundary_event_on_a_task_gets_a_share_to_fill_in_and_is_said_with_or_without_one(
    tmp_path: Path,
) -> None:
    """It never fired (the error is thrown inside the task, not in the file), and nothing said so; a
    compensation throw behind one (MIWG C.6.0) was never reached."""
    model, profile = converted(tmp_path, "error_share.bpmn")
    text = profile.read_text(encoding="utf-8")
    assert "    EB:\n      share: 0.5\n" in text
    line = text.splitlines().index("      share: 0.5") + 1
    assert simulated(model, profile).stderr == (
        f"note: {model}:7: Avvisad (EB): an error boundary event on a step whose inside is not in the file: simulated "
        "as the step ending in that error after its work, in the `share:` of its runs the profile gives (the model "
        f"does not say when the error is thrown); its `share:` from {profile}:{line}\n"
    )
    profile.write_text(text.replace("      share: 0.5\n", ""), encoding="utf-8")
    assert simulated(model, profile).stderr == (
        f"note: {model}:7: Avvisad (EB): an error boundary event on a step whose inside is not in the file: never "
        "fires, as the profile gives it no `share:` (the share of the step's runs that end in that error)\n"
    )
