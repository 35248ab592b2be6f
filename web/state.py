"""What the what-if server keeps between requests (:mod:`web.app`): its runs and their pool, the uploaded
processes, what their checks said (by a digest of what was sent) and the checks running now."""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import threading
from collections import OrderedDict
from typing import Any

from processes.errors import InputError
from scenarios.bases import Base
from web.leversteps import LeverSteps
from web.limits import CHECK_SECONDS, CHECKS_AT_ONCE, MAX_UPLOADS, REPORTS_AT_ONCE
from web.logupload import CALIBRATION_MODULES
from web.runs import CHECKS_IDLE_SECONDS, LARGE_RUNS, MOST_RUNS, Runs
from web.whatif import PageError, Upload

__all__ = ["State", "Checked", "sent_digest"]

#: an upload's check (:func:`web.whatif.checked_upload`): the upload kept, its own values, its model's text key,
#: its lever steps
Checked = tuple[Upload, dict[str, Any], bytes, LeverSteps | None]


def sent_digest(*parts: str | bytes) -> bytes:
    """A digest of an upload as sent (the name, each file's name and bytes), each part framed by its length.

    >>> sent_digest("a", b"bc") == sent_digest("ab", b"c")
    False
    """
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


class State:
    """What the server keeps: the runs and their pool, and the uploaded processes (each model's text
    compressed, opened when a question names it), with what their checks said by a digest of what was
    sent (:func:`sent_digest`): the same bytes again are answered alike without a new check."""

    def __init__(self, workers: int | None, keep: int, check_seconds: float = CHECK_SECONDS,
                 preload: tuple[str, ...] = (), large: int = LARGE_RUNS, most: int = MOST_RUNS,
                 check_idle: float = CHECKS_IDLE_SECONDS) -> None:
        # an upload's check runs checked_upload in a process of its own, a run's units scenarios.road's; a
        # case log's calibration imports more, once in a fork server of the checks' own (web.checkserver), not
        # in each check nor in the one the pool's workers start from (they never calibrate), and stopped after
        # check_idle seconds without a check (its 120 MB are not kept through the hours no log is sent)
        self.runs = Runs(workers, keep, preload=("web.whatif", "scenarios.road", *preload), large=large,
                         most=most, check_preload=CALIBRATION_MODULES, check_idle=check_idle)
        self.check_seconds = check_seconds
        self.uploads: OrderedDict[str, Upload] = OrderedDict()
        #: the checks of the uploads kept (none of another: it holds nothing the uploads do not)
        self.checked: dict[bytes, Checked] = {}
        #: the last :data:`MAX_UPLOADS` uploads refused (their messages)
        self.refused: OrderedDict[bytes, InputError] = OrderedDict()
        #: the checks running now, by digest: the same bytes sent meanwhile wait for that check (:func:`check_once`)
        self.checking: dict[bytes, concurrent.futures.Future[Any]] = {}
        #: what the calibrations of the uploads kept that came from a case log said (:mod:`web.logroute`),
        #: by the digest of what was sent, and the digest of each such upload by its key: kept as long as
        #: the upload is
        self.logs: dict[bytes, Any] = {}
        self.log_of: dict[str, bytes] = {}
        #: the checks running (:data:`CHECKS_AT_ONCE` at most), and those running or waiting for their turn
        self.check_turns = asyncio.Semaphore(CHECKS_AT_ONCE)
        self.checks_admitted = 0
        #: the reports being made (:data:`REPORTS_AT_ONCE` at most)
        self.report_turns = asyncio.Semaphore(REPORTS_AT_ONCE)
        self.lock = threading.Lock()
        #: the runs still running when the server stopped (cancelled then; said in its last line)
        self.cancelled = 0

    def keep_upload(self, key: str, digest: bytes, checked: Checked) -> None:
        """Keep an upload under ``key`` and its check by ``digest``; forget the oldest past :data:`MAX_UPLOADS`,
        and the check of one no longer kept under any key."""
        with self.lock:
            self.uploads[key] = checked[0]
            self.checked[digest] = checked
            while len(self.uploads) > MAX_UPLOADS:
                old_key, gone = self.uploads.popitem(last=False)
                self.log_of.pop(old_key, None)
                if all(kept is not gone for kept in self.uploads.values()):
                    for old in [d for d, c in self.checked.items() if c[0] is gone]:
                        del self.checked[old]
                        self.logs.pop(old, None)

    def refuse(self, digest: bytes, err: InputError) -> None:
        """Remember that the upload of ``digest`` was refused, and why (the last :data:`MAX_UPLOADS`)."""
        with self.lock:
            self.refused[digest] = err
            while len(self.refused) > MAX_UPLOADS:
                self.refused.popitem(last=False)

    def recall(self, digest: bytes) -> Checked | InputError | None:
        """What the check of ``digest`` said, when it is known."""
        with self.lock:
            return self.checked.get(digest) or self.refused.get(digest)

    def pick_uploads(self, ids: Any) -> dict[str, tuple[Base, str, str]]:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            # a list or an object among them was "500 Internal Server Error" (unhashable: QA serve)
            raise PageError("The request does not name its uploaded processes as the page does (a list of the "
                            "names the server gave them): reload the page and upload the files again.",
                            "Förfrågan anger inte de uppladdade processerna som sidan gör (en lista med namnen "
                            "servern gav dem): ladda om sidan och ladda upp filerna igen.")
        with self.lock:
            missing = [i for i in ids if i not in self.uploads]
            if missing:
                # the server restarted, or kept newer uploads since (MAX_UPLOADS): it said so in English (qawords)
                raise PageError(f"uploads: no uploaded process {missing[0]!r} (upload it again)",
                                "Den uppladdade processen finns inte längre på servern (den har startats om, eller "
                                "glömt de äldsta uppladdningarna): ladda upp filerna igen")
            picked = {i: self.uploads[i] for i in ids}
        return {i: kept.opened() for i, kept in picked.items()}
