"""One run of the what-if page as the server keeps it (:class:`Run`): its progress and state, and once
finished what it stored (:func:`store`): its batch, answer, uncertainty document and files, compressed,
and its answer's diagrams apart (gzip, each on its own address, :data:`DIAGRAM_URL`), counted in bytes
against the server's budget (:attr:`Run.size`).

Its own module: a run in a process of its own (:mod:`web.runprocess`) stores its answer the same way
and sends the bytes back, and the server (:mod:`web.runs`) keeps them; neither needs the other.
"""

from __future__ import annotations

import gzip
import json
import pickle
import threading
import zlib
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from scenarios.batch import BatchResults

__all__ = ["RECORD_BYTES", "Run", "FILES", "DIAGRAM_URL", "Stored", "UNCERTAINTY", "store"]


#: what a run's record costs besides its stored answer and results (its id, counters, lock),
#: counted so that runs which keep nothing (cancelled, failed) are bounded by the budget too
RECORD_BYTES = 2048


@dataclass
class Run:
    """One run: its progress, and when finished its batch or the reason it stopped."""

    id: str
    total: int
    done: int = 0
    state: str = "running"  # running, done, cancelled, failed
    error: str = ""
    futures: list[Future[Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: the answer (JSON) and the batch (pickle), each compressed; empty until the run is done
    stored_answer: bytes = b""
    stored_batch: bytes = b""
    #: the uncertainty document (JSON, compressed) of a run asked "how sure", for its report
    stored_uncertainty: bytes = b""
    #: the answer's diagrams (SVG, gzip), each sent on its own address (:data:`DIAGRAM_URL`), not in the answer
    stored_diagrams: tuple[bytes, ...] = ()
    #: the files a goal seek's answer is downloaded as (JSON of name -> text, compressed), as
    #: ``permitflow optimise`` writes them: not in the answer, which the page reads at every poll
    stored_files: bytes = b""
    #: the process of its own a large run runs in (``None``: it runs on the server's pool)
    process: Any = None
    #: when the run failed or finished (seconds since the epoch; 0: not yet): a failure's words name the
    #: time, whoever runs the server finds the run's log line by it
    ended: float = 0.0

    @property
    def size(self) -> int:
        """The bytes this run keeps (its record and its stored answer and results)."""
        return (RECORD_BYTES + len(self.stored_answer) + len(self.stored_batch) + len(self.stored_uncertainty)
                + sum(len(d) for d in self.stored_diagrams) + len(self.stored_files))

    @property
    def extra(self) -> dict[str, Any]:
        """The page's answer (empty until done); each diagram drawn (its ``svg``) is named by its address
        (``url``: :data:`DIAGRAM_URL`), which :meth:`diagram` answers."""
        if not self.stored_answer:
            return {}
        answer = json.loads(zlib.decompress(self.stored_answer))
        for place in answer.get("municipalities") or ():
            drawing = place.get("diagram")
            if isinstance(drawing, dict) and isinstance(drawing.get("url"), int):
                drawing["url"] = DIAGRAM_URL.format(run=self.id, n=drawing["url"])
        return answer  # type: ignore[no-any-return]

    def diagram(self, n: int) -> bytes | None:
        """The answer's ``n``-th diagram (SVG, gzip; ``None``: no such diagram)."""
        return self.stored_diagrams[n] if 0 <= n < len(self.stored_diagrams) else None

    def file(self, name: str) -> str | None:
        """The finished run's file ``name`` (a goal seek's ``csv`` and ``json``; ``None``: the run has none)."""
        files = json.loads(zlib.decompress(self.stored_files)) if self.stored_files else {}
        found = files.get(name)
        return found if isinstance(found, str) else None

    @property
    def uncertainty(self) -> dict[str, Any] | None:
        """The uncertainty document of a run asked "how sure" (``None``: not asked), for its report."""
        return json.loads(zlib.decompress(self.stored_uncertainty)) if self.stored_uncertainty else None

    @property
    def batch(self) -> BatchResults | None:
        """The finished run's batch, for its report (``None``: none, e.g. a goal seek)."""
        return pickle.loads(zlib.decompress(self.stored_batch)) if self.stored_batch else None  # noqa: S301 - our own

    def advance(self, n: int) -> None:
        """``n`` more work units finished."""
        with self.lock:
            self.done += n

    def cancel(self) -> None:
        """Drop the queued work units; the run ends as ``cancelled``."""
        with self.lock:
            if self.state == "running":
                self.state = "cancelled"
            futures, process = list(self.futures), self.process
        for future in futures:
            future.cancel()
        if process is not None and process.exitcode is None:
            process.kill()  # its workers end with it (their parent-death signal, their watchdog)


#: the answer's key a "how sure" run's uncertainty document travels under to :func:`store`
UNCERTAINTY = "_uncertainty"
#: the answer's key a goal seek's files travel under to :func:`store` (name -> text: :meth:`Run.file`)
FILES = "_files"
#: the address of a finished run's ``n``-th diagram (:meth:`Run.diagram`), relative to the page as all its
#: addresses are (:mod:`web.proxy`)
DIAGRAM_URL = "api/runs/{run}/diagram/{n}"
#: what :func:`store` keeps of a finished run: its batch, answer, uncertainty document, diagrams and files
Stored = tuple[bytes, bytes, bytes, tuple[bytes, ...], bytes]


def store(batch: BatchResults | None, answer: dict[str, Any]) -> Stored:
    """A finished run's batch (pickled), answer and uncertainty document (JSON; empty when not
    asked "how sure"), compressed; what a later request reads back is equal to them (JSON gives
    lists for tuples and strings for keys, which the page's JSON would say anyway). Each diagram
    drawn in the answer (its ``svg``; 10 MB for a large uploaded model) is kept apart (gzip, as it
    is sent) and named in the answer by its number (``url``), so that the answer does not carry it."""
    stored = b"" if batch is None else zlib.compress(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL), 1)
    doc = answer.pop(UNCERTAINTY, None)
    kept = b"" if doc is None else zlib.compress(json.dumps(doc, ensure_ascii=False).encode(), 1)
    files = answer.pop(FILES, None)
    filed = b"" if files is None else zlib.compress(json.dumps(files, ensure_ascii=False).encode(), 1)
    diagrams: list[bytes] = []
    for place in answer.get("municipalities") or ():
        drawing = place.get("diagram") if isinstance(place, dict) else None
        if isinstance(drawing, dict) and drawing.get("svg"):
            svg = drawing.pop("svg")
            place["diagram"] = {"url": len(diagrams), **drawing}
            diagrams.append(gzip.compress(svg.encode("utf-8"), 6, mtime=0))
    return stored, zlib.compress(json.dumps(answer, ensure_ascii=False).encode(), 1), kept, tuple(diagrams), filed
