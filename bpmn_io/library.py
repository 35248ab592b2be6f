"""The bundled process library: one folder per municipality under ``processes/library/``.

A folder holds ``profile.yaml`` (facts: the 2022 mapping's dimensions with
values from public pages; and simulation parameters) and usually ``process.bpmn`` (with DI) generated from the authoring
source ``process.yaml``. A municipality whose cases another one handles (Klippan
by Ängelholm, Bjuv by Höganäs) names it in ``handled_by:`` and may have no
process of its own: it then uses the handler's ``process.bpmn`` with its own
profile. Örkelljunga is handled by Ängelholm but decides locally, so it has its
own process.

The library is data of the ``processes`` package, read here (``processes`` code
never reads it). Entries load lazily, one folder at a time.

>>> "helsingborg" in library_names()
True
>>> load_entry("klippan").handled_by
'angelholm'
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import processes
from bpmn_io.profile import Profile, parse_profile, provenance_gaps
from bpmn_io.profile_schema import facts_from_data
from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file
from bpmn_io.yamlsrc import load_yaml
from processes.cachestore import cache_folder, code_digest, read_checked, write_checked
from processes.errors import InputError, did_you_mean
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap

if TYPE_CHECKING:
    from processes.model import Definitions
    from processes.params import Fact

__all__ = [
    "LibraryEntry",
    "library_root",
    "shown_path",
    "library_names",
    "is_library_name",
    "no_such_model",
    "pool_prices",
    "priced_as_library",
    "library_paths",
    "load_entry",
    "read_library_profile",
    "ListedProfile",
    "read_listed_profile",
    "generate_bpmn",
    "own_process_names",
    "PROCESS_FILE",
    "PROFILE_FILE",
    "AUTHORING_FILE",
    "MAPPED_2022",
    "ordered_names",
]

PROCESS_FILE = "process.bpmn"
PROFILE_FILE = "profile.yaml"
AUTHORING_FILE = "process.yaml"


@frozen_dataclass
class LibraryEntry:
    """One library municipality, loaded.

    ``definitions``: the BPMN model the cases follow (the handler's when the
    folder has none); ``profile``: this municipality's facts and parameters;
    ``folder``: this municipality's folder; ``handled_by``: the library name of
    the municipality that handles the cases, or ``None``; ``process_folder``:
    the folder ``definitions`` came from.
    """

    name: str
    definitions: Definitions
    profile: Profile
    folder: Path
    handled_by: str | None
    process_folder: Path

    @property
    def display_name(self) -> str:
        """The municipality's name as written in the profile (``Åstorp``), else the folder name."""
        return self.profile.municipality or self.name


def library_root() -> Path:
    """The folder that holds one sub-folder per library municipality."""
    # the package's own folder: importlib.resources gives the same one, but imports zipfile, tempfile
    # and shutil to find it
    return Path(processes.__file__).parent / "library"


def shown_path(path: str | Path) -> str:
    """``path`` as an output names it: a file of the bundled library by its path inside permitflow
    (``processes/library/helsingborg/profile.yaml``), wherever permitflow is installed (a checkout,
    a wheel's site-packages), so the same inputs give the same bytes; any other file as given."""
    try:
        inside = Path(path).resolve().relative_to(library_root().resolve())
    except (OSError, ValueError):  # outside the library (or unreadable): the user's own words
        return str(path)
    return f"processes/library/{inside.as_posix()}"


def library_names(root: Path | None = None) -> list[str]:
    """Names (folder names) of every library municipality, sorted.

    ``root``: a library folder other than the bundled one (the same for every function here).
    """
    root = library_root() if root is None else root
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / PROFILE_FILE).is_file())


def is_library_name(text: str, root: Path | None = None) -> bool:
    """True if ``text`` names a library municipality (and is not a path)."""
    return "/" not in text and "\\" not in text and text in library_names(root)


def no_such_model(arg: str, *, logs: bool = False) -> InputError:
    """The refusal of a model argument that is neither a file nor a library name; a bare name close to a
    library name says which (found by QA, qafresh: ``simulate Helsingborg`` or ``helsingborgg`` listed the ten
    names without saying the near one). ``logs``: the command reads case logs too (``diff``, ``compare``).

    >>> str(no_such_model("Åstorp")).split(" (expected")[0]
    "Åstorp: no such file (did you mean 'astorp'?)"
    """
    names = library_names()
    near = did_you_mean(arg, names) if "/" not in arg and "\\" not in arg and not Path(arg).suffix else ""
    what = ("a .bpmn or .yaml model, a case log (.xes, .xes.gz, .csv) or" if logs
            else "a .bpmn or .yaml model, or")
    return InputError(f"no such file{near} (expected {what} a library name: {', '.join(names)})", file=arg)


def pool_prices(profile: Mapping[str, Any] | None) -> frozenset[tuple[str, float]]:
    """Each staff pool of a profile document with its hourly cost (``cost_per_hour``), the pools without one
    left out.

    >>> pools = {"officer": {"cost_per_hour": 1160}, "it": {"count": 1}}
    >>> sorted(pool_prices({"simulation": {"pools": pools}}))
    [('officer', 1160.0)]
    """
    pools = ((profile or {}).get("simulation") or {}).get("pools") or {}
    out = set()
    for pool, spec in pools.items() if isinstance(pools, Mapping) else ():
        cost = spec.get("cost_per_hour") if isinstance(spec, Mapping) else None
        if isinstance(cost, Mapping):  # a value with its source or assumption beside it
            cost = cost.get("value")
        if isinstance(cost, (int, float)) and not isinstance(cost, bool):
            out.add((str(pool), float(cost)))
    return frozenset(out)


#: the pool prices of each library profile read so far (the library's own files: read once per process, without
#: the checks a user's file gets)
_LIBRARY_PRICES: dict[Path, frozenset[tuple[str, float]]] = {}


def _library_prices(profile: Path) -> frozenset[tuple[str, float]]:
    found = _LIBRARY_PRICES.get(profile)
    if found is None:
        import yaml  # here, not at the top: the listings read the library from the user cache without YAML

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        found = _LIBRARY_PRICES[profile] = pool_prices(yaml.load(profile.read_bytes(), Loader=loader))
    return found


def priced_as_library(profile: Mapping[str, Any] | None, name: str = "", root: Path | None = None) -> bool:
    """Whether ``profile`` (a profile document) prices its staff as a library profile does, every pool at the
    library's hourly cost (Ängelholm's fee rate for the officers, the assumed registry hour): what decides
    whether the report may describe the library's prices, not the process's name (found by QA: a user's own
    model called "helsingborg" with its own prices got them described). ``name``: the library profile to look
    at first."""
    prices = pool_prices(profile)
    if not prices:
        return False
    root = library_root() if root is None else root
    files = [root / n / PROFILE_FILE for n in library_names(root)]
    # the files read already first, then ``name``'s: the same prices in every library profile today, so a report
    # of six library processes reads one file (73 ms for six, 8 ms for one)
    return any(_library_prices(f) == prices
               for f in sorted(files, key=lambda f: (f not in _LIBRARY_PRICES, f.parent.name != name)))


def _unknown(name: str, root: Path | None) -> InputError:
    return InputError(
        f"unknown library municipality {name!r} (expected one of {', '.join(library_names(root))})"
    )


#: the ``handled_by`` of profile texts this process has read: a listing reads every profile for
#: its table and then asks each for its handler (parsing it again would cost as much once more)
_HANDLED: dict[bytes, str | None] = {}


def _remember_handler(data: bytes, value: str | None) -> None:
    if len(_HANDLED) >= 64:
        _HANDLED.clear()
    _HANDLED[data] = value


def _handled_by(folder: Path) -> str | None:
    """The ``handled_by:`` of a folder's profile, read without checking the rest."""
    path = folder / PROFILE_FILE
    text = path.read_bytes()
    if text in _HANDLED:
        return _HANDLED[text]
    data = load_yaml(text, source=str(path)).data
    value = data.get("handled_by") if isinstance(data, dict) else None
    if value is not None and not isinstance(value, str):
        raise InputError(f"handled_by: {value!r} is not a library name", file=str(path), path="handled_by")
    _remember_handler(text, value)
    return value


def _process_folder(name: str, root: Path, seen: tuple[str, ...] = ()) -> Path:
    """The folder whose process.bpmn ``name``'s cases follow (following handled_by)."""
    if name not in library_names(root):
        raise _unknown(name, root)
    folder = root / name
    if (folder / PROCESS_FILE).is_file():
        return folder
    handler = _handled_by(folder)
    if handler is None:
        raise InputError(
            f"library municipality {name!r} has no {PROCESS_FILE} and no handled_by (expected one of them)",
            file=str(folder / PROFILE_FILE),
        )
    if handler in seen + (name,):
        raise InputError(
            f"handled_by cycle: {' -> '.join(seen + (name, handler))}", file=str(folder / PROFILE_FILE)
        )
    return _process_folder(handler, root, seen + (name,))


def library_paths(name: str, root: Path | None = None) -> tuple[Path, Path]:
    """``(process.bpmn, profile.yaml)`` of library municipality ``name``.

    The BPMN is the handler's when ``name`` has no process of its own.
    """
    root = library_root() if root is None else root
    process_folder = _process_folder(name, root)
    return process_folder / PROCESS_FILE, root / name / PROFILE_FILE


def generate_bpmn(name: str) -> bytes:
    """The process.bpmn that library municipality ``name``'s process.yaml generates (with layout).

    The committed process.bpmn must equal this byte for byte; ``permitflow library
    build`` writes it.
    """
    # only maintainers regenerate: loading a library entry needs neither Graphviz nor the writer
    from bpmn_io.authoring import read_authoring
    from bpmn_io.layout import add_layout
    from bpmn_io.writer import to_bpmn_bytes

    source = library_root() / name / AUTHORING_FILE
    if name not in library_names() or not source.is_file():
        raise InputError(
            f"library municipality {name!r} has no {AUTHORING_FILE} "
            f"(expected one of {', '.join(own_process_names())})"
        )
    return to_bpmn_bytes(add_layout(read_authoring(source)))


def own_process_names() -> list[str]:
    """Library municipalities with a process of their own (an authoring source)."""
    return [n for n in library_names() if (library_root() / n / AUTHORING_FILE).is_file()]


def read_library_profile(path: Path) -> Profile:
    """Read a library ``profile.yaml``; a number with neither a ``source`` nor an
    ``assumption`` (on itself or an enclosing mapping) is an :class:`InputError`.

    The library ships sourced facts only, so an undocumented number is refused
    rather than shown as if it were a fact.
    """
    data = read_user_file(path, what="profile", max_bytes=MAX_YAML_BYTES)
    profile = parse_profile(data, source=str(path))
    if profile.handled_by is None or isinstance(profile.handled_by, str):
        _remember_handler(data, profile.handled_by)
    gaps = provenance_gaps(profile.raw)
    if gaps:
        rest = ", ".join(gaps[1:4]) + (", ..." if len(gaps) > 4 else "")
        more = f" (and {len(gaps) - 1} more: {rest})" if len(gaps) > 1 else ""
        raise InputError(
            f"a number with neither 'source' nor 'assumption'{more} "
            "(expected a source: address (date), or an assumption: why this value and a plausible range)",
            file=str(path),
            path=gaps[0],
        )
    return profile


@frozen_dataclass
class ListedProfile:
    """What the listings (``permitflow library``, ``facts``) show of a library profile."""

    municipality: str | None
    handled_by: str | None
    facts: FrozenMap[str, Fact]


#: the user cache's record that a profile text passed :func:`read_library_profile` under this code
_CHECKED_FORMAT = "permitflow-library-checked/1"
_CHECKED_MOST = 400


def _checked_place(data: bytes) -> tuple[Path, str] | None:
    folder = cache_folder("checked")
    if folder is None:
        return None
    key = hashlib.sha256(f"{_CHECKED_FORMAT}\x00{code_digest()}\x00".encode() + data).hexdigest()
    return folder / f"{key[:40]}.json", key


def read_listed_profile(path: Path) -> ListedProfile:
    """The names and facts of the library profile at ``path``, checked as :func:`read_library_profile`
    checks the whole profile (the same errors).

    A listing does not need the simulation parameters, which are most of what reading a profile
    costs: a text that passed the whole check before, under this very code (a record in the user
    cache, kind ``checked``, keyed by the text and :func:`processes.cachestore.code_digest`), passes
    again, so only its facts are built. Any other text is read whole and, when it passes, recorded.
    """
    data = read_user_file(path, what="profile", max_bytes=MAX_YAML_BYTES)
    place = _checked_place(data)
    if place is not None and read_checked(place[0], _CHECKED_FORMAT, place[1]) == "ok":
        raw = load_yaml(data, source=str(path)).data or {}
        handled_by = raw.get("handled_by")
        _remember_handler(data, handled_by)
        return ListedProfile(raw.get("municipality"), handled_by, facts_from_data(raw.get("facts")))
    profile = read_library_profile(path)
    if place is not None:
        write_checked(place[0], _CHECKED_FORMAT, place[1], "ok", _CHECKED_MOST)
    return ListedProfile(profile.municipality, profile.handled_by, profile.facts)


def load_entry(name: str, root: Path | None = None) -> LibraryEntry:
    """Read and parse library municipality ``name``: its process and its (provenance-checked) profile."""
    from bpmn_io.reader import read_bpmn  # the listing commands read profiles only: no XML at start-up

    bpmn_path, profile_path = library_paths(name, root)
    profile = read_library_profile(profile_path)
    return LibraryEntry(
        name=name,
        definitions=read_bpmn(bpmn_path),
        profile=profile,
        folder=profile_path.parent,
        handled_by=profile.handled_by,
        process_folder=bpmn_path.parent,
    )


#: the library names in the order tables show them: the three municipalities of the 2022 mapping first
MAPPED_2022 = ("helsingborg", "landskrona", "astorp")


def ordered_names(names: list[str] | None = None, root: Path | None = None) -> list[str]:
    """``names`` (default: all) in table order: the 2022 mapping's three, then each handling
    municipality followed by those it handles, then the national reference.

    >>> ordered_names(["bjuv", "national-reference", "hoganas", "astorp", "helsingborg"])
    ['helsingborg', 'astorp', 'hoganas', 'bjuv', 'national-reference']
    """
    root = library_root() if root is None else root
    names = library_names(root) if names is None else list(names)

    def key(name: str) -> tuple[int, int, str, bool, str]:
        if name in MAPPED_2022:
            return (0, MAPPED_2022.index(name), "", False, name)
        handler = _handled_by(root / name) if (root / name / PROFILE_FILE).is_file() else None
        return (2 if name.startswith("national") else 1, 0, handler or name, handler is not None, name)

    return sorted(names, key=key)
