"""The one root of every domain error, and its location-aware message."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["PermitflowError", "InputError", "ModelError", "SimulationError", "NotExecutableError", "OutputError",
           "did_you_mean", "not_utf8", "UTF16_BOMS"]


class PermitflowError(Exception):
    """Base of every permitflow error.

    The message names the thing, the rule and the actual value; ``file``,
    ``line``, ``element`` (element id) and ``path`` (a key path in a YAML file)
    locate it where known. ``str(err)`` gives one line:
    ``helsingborg/profile.yaml:41: elements.Task_Review.duration: unknown ...``.
    """

    exit_code = 2
    #: the command-line option that gets past this refusal (a parameter name: ``lenient`` for an id used
    #: twice or a flow to nothing, ``layout_timeout`` for a slow layout) and ``option_hint``, what to say
    #: of it: a command that has the option says so after the message, one without it says nothing of
    #: it (clicommands/output.py; a hint names only options of the command that printed it)
    option = ""
    option_hint = ""
    #: a profile rule's key and the values its message names (:func:`processes.rulewords.rule_error`), from which
    #: the message is said in another language; empty for any other error
    rule = ""
    rule_values: tuple[tuple[str, str | tuple[str, str]], ...] = ()

    def with_option(self, option: str, hint: str) -> PermitflowError:
        """This error, with the option that gets past it (see ``option``)."""
        self.option, self.option_hint = option, hint
        return self

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        element: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.element = element
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled whole, whatever its own ``__init__`` takes (a subclass's extra arguments, such as a
        Swedish ``sv``, would otherwise be lost or fail on the way back from another process)."""
        return _rebuilt, (type(self), self.args, self.__dict__)

    def located(self, *, file: str | None = None, line: int | None = None) -> PermitflowError:
        """Fill in a file and line not known where the error was raised."""
        if self.file is None and file is not None:
            self.file = file
        if self.line is None and line is not None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        what = ""
        if self.element:
            what += f"element '{self.element}': "
        if self.path:
            what += f"{self.path}: "
        return " ".join(f"{where}{what}{self.message}".split("\n"))


class InputError(PermitflowError):
    """Bad input: a file that cannot be read as what it claims to be."""


class ModelError(PermitflowError):
    """A model that is structurally unusable for the requested operation."""


class SimulationError(PermitflowError):
    """A simulation that cannot run or cannot finish."""

    exit_code = 1


class NotExecutableError(SimulationError):
    """A process the engine cannot run, found before any run: ``elements`` are the ids named, in
    the message's order (a caller with the profile turns it into bad input at the line of the first)."""

    def __init__(self, message: str, *, elements: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.elements = elements


class OutputError(PermitflowError):
    """An output that cannot be written (full disk, read-only folder, a folder in use):
    the run failed, the input was fine."""

    exit_code = 1


#: how a UTF-16 file begins (Windows Notepad's "Unicode"): a YAML file saved so reads as not UTF-8
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def not_utf8(data: bytes, file: str | None, err: UnicodeDecodeError | None = None) -> InputError:
    r"""The refusal of a YAML file's ``data`` that is not UTF-8: a UTF-16 file named as such (found by QA,
    qafresh: saved as Notepad's "Unicode", a scenario said "not UTF-8 text (invalid start byte at byte 0)", a
    model "not a YAML text file (it contains NUL bytes)"), else where decoding failed (``err``) and at which
    line.

    >>> str(not_utf8(b"\xff\xfen\x00", "a.yaml"))
    "a.yaml: UTF-16 text, not UTF-8 (as Notepad's 'Unicode' saves it; save the file as UTF-8)"
    >>> try:
    ...     b"x: 1\nname: G\xe4vle".decode()
    ... except UnicodeDecodeError as err:
    ...     print(not_utf8(b"x: 1\nname: G\xe4vle", "a.yaml", err))
    a.yaml:2: not UTF-8 text (invalid continuation byte at byte 12; save the file as UTF-8)
    """
    if data[:2] in UTF16_BOMS or err is None:
        return InputError("UTF-16 text, not UTF-8 (as Notepad's 'Unicode' saves it; save the file as UTF-8)",
                          file=file)
    return InputError(f"not UTF-8 text ({err.reason} at byte {err.start}; save the file as UTF-8)", file=file,
                      line=data.count(b"\n", 0, err.start) + 1)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known`` to ``name``, or ``""``.

    >>> did_you_mean("helsinborg", ["helsingborg", "landskrona"])
    " (did you mean 'helsingborg'?)"
    """
    import difflib  # only on the way to an error message: not at every start-up

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _rebuilt(cls: type[PermitflowError], args: tuple[Any, ...], state: dict[str, Any]) -> PermitflowError:
    """An error unpickled (:meth:`PermitflowError.__reduce__`): its arguments and attributes as they were,
    without calling its ``__init__``."""
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err
