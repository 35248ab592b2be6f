"""A what-if question from the page as a study: the status quo and the scenario, the same seed.

:func:`build_study` turns the chosen municipalities (library names or uploaded
models) and the levers into a :class:`scenarios.study.Study` of two scenarios
built by :func:`scenarios.study.build_scenario` — ``status-quo`` and
``what-if`` with ``baseline: status-quo`` — so replication ``i`` of both uses the
same random streams (common random numbers) and the difference is paired.
:func:`scenario_yaml` writes the what-if as the scenario file ``permitflow
run`` reads, with the very ``set:`` entries the page ran.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bpmn_io.library import library_names
from bpmn_io.profile import profile_from_data
from bpmn_io.reader import parse_bpmn
from bpmn_io.xmltext import xml_text
from bpmn_io.yamlsrc import dump_yaml, load_yaml
from processes.errors import InputError, PermitflowError, not_utf8
from scenarios.bases import Base, library_base
from scenarios.road import prepare
from scenarios.settings import Origin, resolve_settings
from scenarios.study import Study, build_scenario
from web.levers import FORM, lever_sets, run_settings, said_back, status_quo
from web.leversteps import LeverSteps, remember_steps, steps_of, text_key

__all__ = ["PageError", "Question", "Upload", "upload_base", "checked_upload", "upload_id", "build_study", "scenario_yaml", "MAX_UPLOAD_BYTES", "MAX_PROCESSES",
           "size_said", "sizes_said", "simulate_command", "read_upload", "unreadable"]

#: the largest model or profile file the page accepts
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: a megabyte as the page counts it (its limits: 5 MB a file)
MEGABYTE = 1024 * 1024


def size_said(count: int, lang: str, digits: int = 1) -> str:
    """A number of bytes as a manager reads a file's size: megabytes with ``digits`` decimals (as few as
    needed), kilobytes under one megabyte, in ``lang``'s way of writing a number.

    >>> size_said(6069673, "en"), size_said(6069673, "sv"), size_said(5 * MEGABYTE, "sv"), size_said(2500, "en")
    ('5.8 MB', '5,8\xa0MB', '5\xa0MB', '2.4 kB')
    """
    from report.numbers import number

    space = "\u00a0" if lang == "sv" else " "
    if count < MEGABYTE:
        return f"{number(round(count / 1024, digits), lang)}{space}kB"
    return f"{number(round(count / MEGABYTE, digits), lang)}{space}MB"


def sizes_said(count: int, limit: int, lang: str) -> tuple[str, str]:
    """A size over a limit and the limit (:func:`size_said`), with the decimals that show them apart: a file
    a few bytes over 5 MB is not "5 MB, over the limit of 5 MB".

    >>> sizes_said(5 * MEGABYTE + 60000, 5 * MEGABYTE, "en"), sizes_said(5 * MEGABYTE + 1, 5 * MEGABYTE, "en")
    (('5.1 MB', '5 MB'), ('5.000001 MB', '5 MB'))
    """
    from report.numbers import number

    for digits in range(1, 7):
        said = size_said(count, lang, digits), size_said(limit, lang, digits)
        if said[0] != said[1]:
            return said
    return f"{number(count, lang)} byte", f"{number(limit, lang)} byte"


#: how many municipalities one question may simulate together
MAX_PROCESSES = 6
BASELINE = "status-quo"
SCENARIO = "what-if"


class PageError(InputError):
    """Bad input from the page, with its message in Swedish too (``sv``)."""

    def __init__(self, message: str, sv: str) -> None:
        super().__init__(message)
        self.sv = sv


@dataclass(frozen=True, slots=True)
class Question:
    """What the page asks: the processes (read bases), the lever form and the run settings."""

    bases: tuple[Base, ...]
    sets: tuple[tuple[str, Any, Origin], ...]
    settings: Mapping[str, Any]
    files: Mapping[str, tuple[str, str]]  # uploaded process name -> (model file name, profile file name)


def _text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        # a profile saved as Notepad's "Unicode" named so, as the command line names it (QA, qareview)
        raise not_utf8(data, source, err) from None


def unreadable(en: str, sv: str, err: PermitflowError, defs: Any = None) -> PageError:
    """A refused upload file: a plain first sentence in each language, then the reader's message (file, line,
    element), which names the detail a person fixing the file needs, in plain words: a parser's words said as
    what is wrong with the file, an element of the model (``defs``, when it was read) by its name, or by
    what it is and its id when the model leaves it unnamed (:func:`web.plainwords.detail_en`, :func:`web.uploadwords.detail_sv`; the command line keeps its
    message)."""
    from web.plainwords import detail_en, element_names
    from web.unnamedkinds import unnamed_kinds
    from web.uploadwords import detail_sv

    names = {lang: element_names(defs, lang) for lang in ("en", "sv")} if defs is not None else {}
    kinds = {lang: unnamed_kinds(defs, lang) for lang in ("en", "sv")} if defs is not None else {}
    return PageError(f"{en}. Details: {detail_en(err, names.get('en'), kinds.get('en'))}",
                     f"{sv}. Detaljer: {detail_sv(err, names.get('sv'), kinds.get('sv'))}")


#: the longest name the page takes for an upload (it heads the answer and the report)
MAX_NAME = 60


def upload_id(shown: str) -> str:
    """A safe process name for a name as a manager writes it: ``Höganäs`` -> ``hoganas``,
    ``Landskrona egen`` -> ``landskrona_egen`` (a–z, digits and _; ``egen`` when nothing is left).

    >>> upload_id("Höganäs"), upload_id("Landskrona egen"), upload_id("  "), upload_id("3 kommuner")
    ('hoganas', 'landskrona_egen', 'egen', 'k_3_kommuner')
    """
    plain = unicodedata.normalize("NFKD", shown).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "egen"
    return f"k_{words}" if words[0].isdigit() else words


def upload_base(name: str, model: bytes, model_name: str, profile: bytes, profile_name: str) -> Base:
    """The base of an uploaded model and profile, both checked (the hardened BPMN parser, the
    profile rules); raises :class:`processes.errors.InputError` naming the file. ``name``: as the
    manager writes it ("Höganäs", "Landskrona egen"), shown everywhere (the profile's ``municipality:``
    for this run); empty: the profile's own; the process is named :func:`upload_id` of it."""
    return read_upload(name, model, model_name, profile, profile_name)[0]


def read_upload(name: str, model: bytes, model_name: str, profile: bytes, profile_name: str) -> tuple[Base, Any]:
    """:func:`upload_base`, and the model as read (its definitions)."""
    name = name.strip()
    if len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise PageError(f"Name \"{name[:MAX_NAME]}…\": at most {MAX_NAME} characters, no control characters",
                        f"Namn \"{name[:MAX_NAME]}…\": högst {MAX_NAME} tecken, inga styrtecken")
    for data, source in ((model, model_name), (profile, profile_name)):
        if len(data) > MAX_UPLOAD_BYTES:
            said = {lang: sizes_said(len(data), MAX_UPLOAD_BYTES, lang) for lang in ("en", "sv")}
            raise PageError(f"The file {source} is too large: {said['en'][0]}, over the limit of {said['en'][1]}.",
                            f"Filen {source} är för stor: {said['sv'][0]}, över gränsen {said['sv'][1]}.")
    try:
        defs = parse_bpmn(model, source=model_name)
        if not defs.processes:
            raise InputError("the BPMN file has no process", file=model_name)
    except PermitflowError as err:
        raise unreadable("The BPMN model could not be read", "BPMN-modellen kunde inte läsas", err) from None
    try:
        doc = load_yaml(_text(profile, profile_name), source=profile_name)
        if not isinstance(doc.data, dict) or "simulation" not in doc.data:
            raise InputError("not a profile (expected a mapping with simulation:, as profile.yaml in the library)",
                             file=profile_name, line=1)
        profile_from_data(doc.data, source=profile_name, doc=doc)
    except PermitflowError as err:
        raise unreadable("The profile could not be read", "Profilen kunde inte läsas", err, defs) from None
    shown = name or str(doc.data.get("municipality") or "").strip() or "egen"
    raw = {**doc.data, "municipality": shown}
    if name:  # the name the manager wrote, in both languages: not the profile's own names per language (names:)
        raw.pop("names", None)
    # the model's text as the parser above read it (a Latin-1 model under its declaration was refused here)
    return Base(upload_id(shown), xml_text(model, source=model_name), model_name, raw, profile_name,
                dict(doc.lines)), defs


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded process as the server keeps it: its base without the model's text, the text compressed
    (a model up to the 5 MB limit: a tenth of that or less), and the names of its two files."""

    base: Base  # its ``bpmn`` empty
    model: bytes  # the model's text, UTF-8, compressed (zlib)
    model_file: str
    profile_file: str

    def opened(self) -> tuple[Base, str, str]:
        """(the base with its model's text, model file name, profile file name), as :func:`question` takes them."""
        return replace(self.base, bpmn=zlib.decompress(self.model).decode("utf-8")), self.model_file, self.profile_file


def _check_simulates(base: Base, model_name: str, profile_name: str, defs: Any) -> None:
    """Refuse an upload whose run would be refused, as the run checks it (:func:`scenarios.road.prepare`: a profile
    entry naming what the model lacks, an element the engine cannot run), when it is sent: it was kept, and refused
    only at the first *Räkna*, in English with the model's ids (found by the manager's QA evening: MIWG's B.2.0,
    two start events)."""
    try:
        prepare(build_study(question((), {base.name: (base, model_name, profile_name)}, {})))
    except PermitflowError as err:
        raise unreadable("The model cannot be simulated with this profile",
                         "Modellen kan inte simuleras med den här profilen", err, defs) from None


def checked_upload(name: str, model: bytes, model_name: str, profile: bytes,
                   profile_name: str) -> tuple[Upload, dict[str, Any], bytes, LeverSteps | None]:
    """An upload read and checked as :func:`upload_base` does, for the server to keep: (the :class:`Upload`,
    its own lever values (:func:`web.levers.status_quo`), the :func:`web.leversteps.text_key` of its model
    and the steps its levers change). The server runs it in a process of its own (:meth:`web.runs.Runs.call_apart`):
    a model's parse takes ten times the model's size, which a server process would keep as its own."""
    base, defs = read_upload(name, model, model_name, profile, profile_name)
    _check_simulates(base, model_name, profile_name, defs)
    key = text_key(base.bpmn)
    try:  # its steps from the model as read here, not read again (the parse takes seconds for a large model)
        steps: LeverSteps | None = steps_of(defs)
    except PermitflowError:
        steps = None
    remember_steps(key, steps)
    own = status_quo(base.profile, base.bpmn)
    kept = Upload(replace(base, bpmn=""), zlib.compress(base.bpmn.encode("utf-8"), 6), model_name, profile_name)
    return kept, own, key, steps


def question(
    names: Sequence[str], uploads: Mapping[str, tuple[Base, str, str]], levers: Mapping[str, Any],
) -> Question:
    """Read library municipalities ``names`` and pick uploaded processes (upload key -> (base, model
    file, profile file)); check the levers. Raises :class:`processes.errors.InputError`."""
    if not names and not uploads:
        raise PageError("choose at least one municipality or upload a model and profile",
                        "välj minst en kommun eller ladda upp en modell och en profil")
    if len(names) + len(uploads) > MAX_PROCESSES:
        raise PageError(f"at most {MAX_PROCESSES} municipalities at a time",
                        f"högst {MAX_PROCESSES} kommuner åt gången")
    library = library_names()
    unknown = [n for n in names if n not in library]
    if unknown:
        # said in words, in both languages ("web form: base: unknown library municipality ..." before: QA serve)
        raise PageError(f"“{said_back(unknown[0])}” is not a municipality of the list: choose one there",
                        f"”{said_back(unknown[0])}” är ingen kommun i listan: välj en där")
    bases = [library_base(str(n), source="web form", line=None) for n in names]
    bases += [base for base, _m, _p in uploads.values()]
    profiles = {b.name: b.profile for b in bases}
    if len(profiles) != len(bases):
        # the one way in from the page: an upload named as a library municipality ("landskrona", the
        # manager's own) chosen beside it; name it and say what to do
        every = [b.name for b in bases]
        twice = next(n for n in every if every.count(n) > 1)
        uploaded = [b.name for b, _m, _p in uploads.values()]
        if twice not in names or twice not in uploaded:
            raise PageError(f"“{twice}” is chosen twice", f"”{twice}” är vald två gånger")
        shown = next(str(b.profile.get("municipality") or twice) for b, _m, _p in uploads.values() if b.name == twice)
        raise PageError(f"Your uploaded process is named “{shown}”, as a municipality in the list that is chosen too: "
                        f"upload it again under another name (e.g. {shown} own) to compare the two",
                        f"Er uppladdade process heter ”{shown}”, som en kommun i listan som också är vald: ladda upp "
                        f"den igen under ett annat namn (t.ex. {shown} egen) för att jämföra de två")
    sets = tuple(lever_sets(levers, profiles, {b.name: b.bpmn for b in bases}))
    files = {base.name: (m, p) for base, m, p in uploads.values()}
    return Question(tuple(bases), sets, run_settings(levers), files)


def build_study(q: Question) -> Study:
    """The status quo and the what-if of ``q``, the what-if paired with the status quo."""
    settings = resolve_settings([(dict(q.settings), FORM, {})])
    status = build_scenario(name=BASELINE, question="Status quo", question_sv="Nuläget", source="web form",
                            bases=q.bases, settings=settings)
    whatif = build_scenario(name=SCENARIO, question="What if", question_sv="Vad händer om", source="web form",
                            bases=q.bases, settings=settings,
                            sets=q.sets, baseline=BASELINE)
    return Study("what-if", "What-if from the web page", "web form", (status, whatif),
                 title_sv="Vad händer om – från webbsidan")


def simulate_command(name: str, model: str, profile: str, settings: Mapping[str, Any]) -> str:
    """The ``permitflow simulate`` command line of an uploaded process's status quo, with the page's figures:
    its files, its name (``--name``: the process's random numbers are keyed by it, and ``simulate`` would
    otherwise name it after the model file) and the run settings.

    >>> simulate_command("hoganas", "min modell.bpmn", "p.yaml", {"replications": 10, "seed": 2025, "horizon": "0.5y"})
    "permitflow simulate 'min modell.bpmn' --profile p.yaml --name hoganas --replications 10 --seed 2025 --years 0.5"
    """
    import shlex

    model = f"./{model}" if model.startswith("-") else model  # a file, not an option
    words = ["permitflow", "simulate", model, "--profile", profile, "--name", name,
             "--replications", str(settings["replications"]), "--seed", str(settings["seed"])]
    horizon = str(settings.get("horizon") or "")
    if horizon.endswith("y"):
        words += ["--years", horizon[:-1]]
    return " ".join(shlex.quote(w) for w in words)


def scenario_yaml(q: Question) -> str:
    """The what-if as a scenario file that ``permitflow run`` reads (the same overrides and settings),
    after the status quo the page compared it with (its baseline: the same processes and settings, no
    overrides), so that the run shows the same comparison with today."""
    bases: list[Any] = []
    for base in q.bases:
        if base.name in q.files:
            model, profile = q.files[base.name]
            bases.append({"bpmn": model, "profile": profile, "name": base.name})
        else:
            bases.append(base.name)
    # the question in both languages: the report of `permitflow run` is read in either
    today: dict[str, Any] = {"name": BASELINE, "question": {"en": "Status quo (saved from permitflow serve)",
                                                            "sv": "Nuläget (sparat från permitflow serve)"},
                             "base": bases, **q.settings}
    doc: dict[str, Any] = {
        "name": SCENARIO,
        "question": {"en": "What if (saved from permitflow serve)",
                     "sv": "Vad händer om (sparat från permitflow serve)"},
        "base": bases,
        "set": {path: value for path, value, _origin in q.sets},
        "baseline": BASELINE,
        **q.settings,
    }
    note = ("# Saved from permitflow serve: the status quo, then the what-if compared with it (its baseline).\n"
            "# Run both with: permitflow run this-file.yaml")
    if q.files:
        note += "\n# Put the uploaded model and profile files beside this file."
        # each uploaded process is named as the page named it (name: above): its random numbers are keyed by that
        # name, so simulate of the same files gives the page's figures only under the same name (--name), not the
        # model file's
        for base in q.bases:
            if base.name in q.files:
                note += (f"\n# Its status quo alone, the page's figures for "
                         f"{' '.join(str(base.profile.get('municipality') or base.name).split())}: "
                         f"{simulate_command(base.name, *q.files[base.name], q.settings)}")
    return f"{note}\n{dump_yaml(today)}---\n{dump_yaml(doc)}"
