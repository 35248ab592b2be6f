"""A municipality's own case log, sent from the page: the model calibrated to it and validated on its later
cases.

:func:`calibrated_upload` does what ``permitflow calibrate MODEL LOG -o profile.yaml --validate`` does (the
same reader and column detection, :func:`calibrate.core.calibrate`, the held-out split of
:func:`calibrate.validate.split_by_start`, the page of :mod:`report.validation_html`) and hands the
calibrated profile with the model to :func:`web.whatif.checked_upload`, so that it is kept, run and compared
as any uploaded process. The server runs it in the check process of its own the uploads use (time- and
size-limited); what it says to a manager is in :mod:`web.logwords`, in Swedish and English.
"""

from __future__ import annotations

import copy
import re
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bpmn_io.caselog import LogColumns
from processes.errors import InputError, PermitflowError
from web.leversteps import LeverSteps
from web.logwords import calibration_said, columns_refusal, validation_said
from web.whatif import MAX_UPLOAD_BYTES, PageError, Upload, checked_upload, sizes_said, unreadable

__all__ = ["Calibrated", "calibrated_upload", "COLUMN_ROLES", "LOG_REPLICATIONS", "LOG_SEED",
           "CALIBRATION_MODULES"]

#: the modules :func:`calibrated_upload` imports when it runs (scipy and networkx on the way), not at the
#: top: the server itself never calibrates. The fork server the check's process starts from imports them
#: once (:class:`web.runs.Runs`' check_preload, :mod:`web.checkserver`: the checks' own, not the one the
#: pool's workers start from), so a check no longer imports them each time; its process of its own and its
#: time limit stay as they were (bench/bench_serve_logcheck.py)
CALIBRATION_MODULES = ("bpmn_io.logfiles", "calibrate.core", "calibrate.mapping", "calibrate.validate",
                       "report.validation_html")

#: the columns a manager may name on the page (the others are guessed, as ``permitflow calibrate`` guesses
#: them)
COLUMN_ROLES = ("case", "activity", "timestamp", "start", "resource")
#: the validation's replications and seed: ``permitflow calibrate --validate``'s defaults, so that the page
#: and the command line say the same of the same log
LOG_REPLICATIONS = 5
LOG_SEED = 2025
#: an upload's check (:func:`web.whatif.checked_upload`)
_Checked = tuple[Upload, dict[str, Any], bytes, LeverSteps | None]
#: the suffixes a log file keeps when it is written for the reader (which picks CSV or XES by them, else by
#: content)
_SUFFIXES = (".xes.gz", ".csv.gz", ".xes", ".csv", ".tsv", ".txt")


@dataclass(frozen=True, slots=True)
class Calibrated:
    """What the calibration and its validation said: lines per language, and the validation's page (HTML,
    compressed; None when the validation could not run, which the lines say)."""

    said: dict[str, tuple[str, ...]]
    validation: dict[str, str]
    page: bytes | None


def _log_file(folder: Path, data: bytes, name: str) -> Path:
    """The log written under a plain name with its suffix (the sent name is the browser's, not to be
    trusted)."""
    lower = name.lower()
    suffix = next((s for s in _SUFFIXES if lower.endswith(s)), "")
    path = folder / f"log{suffix}"
    path.write_bytes(data)
    return path


def _model(folder: Path, library: str, model: bytes, model_name: str) -> tuple[bytes, str, Path,
                                                                                  dict[str, Any] | None, str]:
    """(the model's bytes, its file name, its path, the profile to start from, its name as a manager knows
    it):
    a library municipality's model and profile, or the uploaded BPMN model with none."""
    from bpmn_io import library as lib
    from bpmn_io.profile import read_profile

    if library:
        if library not in lib.library_names():
            raise PageError(f"“{library[:60]}” is not a municipality of the list: choose one there",
                            f"”{library[:60]}” är ingen kommun i listan: välj en där")
        root = lib.library_root() / library
        path = root / "process.bpmn"
        profile = read_profile(root / lib.PROFILE_FILE).raw
        return path.read_bytes(), "process.bpmn", path, profile, str(profile.get("municipality") or library)
    if not model:
        raise PageError("Choose a municipality of the list, or upload a BPMN model, to calibrate to the log.",
                        "Välj en kommun i listan, eller ladda upp en BPMN-modell, att anpassa till loggen.")
    path = folder / "model.bpmn"
    path.write_bytes(model)
    return model, Path(model_name).name or "model.bpmn", path, None, ""


def _columns(given: dict[str, str]) -> LogColumns:
    return LogColumns(**{role: (given.get(role) or "").strip() or None for role in COLUMN_ROLES})


def calibrated_upload(name: str, log: bytes, log_name: str, library: str, model: bytes, model_name: str,
                      columns: dict[str, str]) -> tuple[_Checked, Calibrated]:
    """The model (``library``'s, else the uploaded ``model``) calibrated to ``log`` and checked as an upload
    (:func:`web.whatif.checked_upload`), with what the calibration and its held-out validation said. ``name``:
    as the manager writes it (empty: the municipality's name and "(från loggen)"). Raises
    :class:`processes.errors.InputError` (a :class:`web.whatif.PageError` in both languages) and nothing is
    kept."""
    if len(log) > MAX_UPLOAD_BYTES:
        said = {lang: sizes_said(len(log), MAX_UPLOAD_BYTES, lang) for lang in ("en", "sv")}
        raise PageError(f"The case log is too large: {said['en'][0]}, over the limit of {said['en'][1]}.",
                        f"Ärendeloggen är för stor: {said['sv'][0]}, över gränsen {said['sv'][1]}.")
    if not log:
        raise PageError("Choose the case log to upload (CSV as the case system exports it, or XES).",
                        "Välj ärendeloggen att ladda upp (CSV som ärendesystemet exporterar den, eller XES).")
    with tempfile.TemporaryDirectory(prefix="permitflow-log-") as temp:
        folder = Path(temp)
        model_bytes, model_file, model_path, base, known = _model(folder, library, model, model_name)
        log_path = _log_file(folder, log, log_name)
        shown_log = Path(log_name).name or log_path.name
        try:
            from bpmn_io.loading import load_model

            defs = load_model(str(model_path))
        except PermitflowError as err:
            raise unreadable("The BPMN model could not be read", "BPMN-modellen kunde inte läsas",
                             err) from None
        table, stream, result = _calibrate(defs, log_path, shown_log, base, columns)
        shown = name.strip() or f"{known or 'Egen'} (från loggen)"
        profile = ("# Calibrated by permitflow from " + shown_log + "; see each entry's source and note.\n"
                   + _yaml(result.profile)).encode("utf-8")
        checked = checked_upload(shown, model_bytes, model_file, profile, "profile.yaml")
        # a library municipality by its name, as the command line names it (its random streams are keyed
        # by it)
        validation, page = _validated(library or str(model_path), defs, table, base, result, shown, shown_log)
    from calibrate.endings import endings_notes

    notes = (*table.notes, *endings_notes(table))  # what the reader, then the calibration, assumed
    lines = calibration_said(result.report, stream.mapping, stream.guessed, notes)
    return checked, Calibrated(lines, validation, page)


def _yaml(data: dict[str, Any]) -> str:
    from bpmn_io.yamlsrc import dump_yaml

    return dump_yaml(data)


def _calibrate(defs: Any, log_path: Path, shown_log: str, base: dict[str, Any] | None,
               columns: dict[str, str]) -> tuple[Any, Any, Any]:
    """The log read (as ``permitflow calibrate`` reads it) and the model calibrated to it; a log it cannot
    read is refused in one line in each language."""
    from bpmn_io.logfiles import read_log
    from calibrate.core import calibrate
    from calibrate.mapping import map_activities

    try:
        table, stream = read_log(log_path, _columns(columns))
        if table.n_cases < 2:  # a share or an interval of one case is that case's value alone
            one = table.n_cases == 1
            raise PageError(f"The case log {shown_log} has {table.n_cases} case{'' if one else 's'}: too few "
                            "to calibrate from (at least 2 are needed, and many more for figures to "
                            "trust).",
                            f"Ärendeloggen {shown_log} har {table.n_cases} ärende{'' if one else 'n'}: "
                            "för få att anpassa från (minst 2 behövs, och många fler för siffror att lita "
                            "på).")
        result = calibrate(defs, table, map_activities(defs, table), base=base, log_name=shown_log)
    except PageError:
        raise
    except InputError as err:
        err = _renamed(err, log_path.name, shown_log)
        refusal = columns_refusal(str(err))
        if refusal is not None:
            raise refusal from None
        raise unreadable("The case log could not be read", "Ärendeloggen kunde inte läsas", err) from None
    except (RecursionError, MemoryError):  # nested or huge beyond the reader's own limits
        raise PageError("The case log could not be read: it is not a case log permitflow reads (CSV or XES).",
                        "Ärendeloggen kunde inte läsas: den är ingen ärendelogg som permitflow läser "
                        "(CSV eller XES).") from None
    return table, stream, result


def _renamed(err: InputError, written: str, sent: str) -> InputError:
    """``err`` naming the log as the manager sent it, not the temporary file it was read from: its file, and the
    file's path where its message names it, replaced; the rest of it (line, the message's words, which the
    Swedish refusal translates) kept. A replace over the whole message text also hit the words "case log" when
    the file was written as ``log`` (an upload of no known suffix: "not a case pic.png permitflow reads")."""
    renamed = copy.copy(err)
    renamed.message = re.sub(r"[^\s:'\"]*/" + re.escape(written) + r"(?![\w.])", sent, err.message)
    if err.file is not None and Path(err.file).name == written:
        renamed.file = sent
    return renamed


def _validated(model: str, defs: Any, table: Any, base: dict[str, Any] | None, result: Any, shown: str,
               log: str) -> tuple[dict[str, str], bytes | None]:
    """The held-out validation of ``permitflow calibrate --validate`` (its split, replications and seed): its
    lines in both languages and its page; a validation that cannot run (too few cases to split) says why."""
    from calibrate.core import calibrate
    from calibrate.mapping import map_activities
    from calibrate.validate import split_by_start, validate_profile
    from report.validation_html import validation_html

    try:
        train, held = split_by_start(table)
        train_map = map_activities(defs, train)
        trained = calibrate(defs, train, train_map, base=base, log_name=log + " (training part)",
                            exported_at=table.last_seen())
        labels = {**map_activities(defs, table).labels, **train_map.labels}
        validation, real, sims = validate_profile(model, trained.profile, train, held, labels,
                                                  replications=LOG_REPLICATIONS, seed=LOG_SEED)
    except PermitflowError as err:
        return validation_said(None, str(err)), None
    page = validation_html(validation, real, sims, name=shown, model=defs)
    return validation_said(validation.data(), ""), zlib.compress(page.encode("utf-8"), 6)
