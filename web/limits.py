"""The what-if server's limits (:mod:`web.app`): the largest request, the uploads kept and checked at once,
the reports made at once, the seconds a busy page is told to wait; and the refusals a limit gives that are no
fault of the request's words (too large, too busy, a check ended), said in both languages."""

from __future__ import annotations

from processes.errors import PermitflowError
from web.whatif import MAX_UPLOAD_BYTES, size_said

__all__ = ["TOKEN_HEADER", "COOKIE", "MAX_BODY_BYTES", "MAX_UPLOADS", "CHECK_SECONDS", "CHECKS_AT_ONCE",
           "CHECKS_WAITING", "REPORTS_AT_ONCE", "BUSY_RETRY_SECONDS", "TooLarge", "Interrupted",
           "ChecksBusy", "BIG_EN", "BIG_SV", "OVER_EN", "OVER_SV"]

TOKEN_HEADER = "x-permitflow-token"
COOKIE = "permitflow_token"
#: the largest request body (an upload of a model and a profile)
MAX_BODY_BYTES = 2 * MAX_UPLOAD_BYTES + 64 * 1024
#: the refusal of a request over :data:`MAX_BODY_BYTES`, its size as a manager reads it ("10.1 MB", not 10551296 bytes)
#: (the page's one large request is an upload: a file of 16 MB was "förfrågan är större …", lower case: QA evening)
OVER_EN = f"The files sent are too large: over the limit of {size_said(MAX_BODY_BYTES, 'en')} together (two files " \
           f"of at most {size_said(MAX_UPLOAD_BYTES, 'en')} each)."
OVER_SV = f"Filerna som skickades är för stora: över gränsen {size_said(MAX_BODY_BYTES, 'sv')} tillsammans (två " \
           f"filer på högst {size_said(MAX_UPLOAD_BYTES, 'sv')} var)."
#: the same for a request that sends no files (it said "The files sent are too large": QA serve)
BIG_EN = f"The request is too large: over the limit of {size_said(MAX_BODY_BYTES, 'en')}."
BIG_SV = f"Förfrågan är för stor: över gränsen {size_said(MAX_BODY_BYTES, 'sv')}."
#: uploaded processes kept by the server (the oldest is forgotten first)
MAX_UPLOADS = 32
#: the seconds an upload's check may take (a 4.6 MB model from a modelling tool: 2-4 s on a busy 2-core machine)
CHECK_SECONDS = 60
#: the uploads checked at once (each in a process of its own that takes about ten times the model: 170 MB for a
#: 4.6 MB model) and those let wait for their turn (each holding what was sent, up to 10 MB): ten such uploads at
#: once took the server's processes to 1.7 GB and each check 25-27 s instead of 3 s, so that twenty-five would pass
#: the 60 s and good models be remembered as refused (QA serve); the limit counts from a check's start
CHECKS_AT_ONCE = 2
CHECKS_WAITING = 16
#: the reports made at once, in the server's own threads (a six-municipality run's report takes about 18 MB on the
#: way, which the server's heap keeps: eight downloads at once took it from 122 to 298 MB; QA serve); the others
#: wait their turn in the event loop
REPORTS_AT_ONCE = 2
#: the seconds a page too many for the server's runs or checks (503) is told to wait before it asks again
#: (``Retry-After``); the page waits that long, then longer at each try (app.js, BUSY_TRIES)
BUSY_RETRY_SECONDS = 5


class TooLarge(PermitflowError):
    """A body over :data:`MAX_BODY_BYTES` that gave no Content-Length (sent in chunks): its words, an upload's
    (:data:`OVER_EN`) or another request's (:data:`BIG_EN`)."""

    def __init__(self, message: str, sv: str) -> None:
        super().__init__(message)
        self.sv = sv


class Interrupted(PermitflowError):
    """The check of the same bytes another request started was ended with that request: not the upload's fault
    (not remembered as a refusal, as an :class:`InputError` is), and said on the Swedish page in Swedish."""

    sv = "Kontrollen av uppladdningen avbröts: ladda upp filerna igen."

    def __init__(self) -> None:
        super().__init__("the upload's check was interrupted: upload the files again")


class ChecksBusy(PermitflowError):
    """More uploads than :data:`CHECKS_AT_ONCE` and :data:`CHECKS_WAITING` together are being checked: not the
    upload's fault (not remembered as a refusal), said in both languages."""

    sv = "Servern kontrollerar många uppladdningar just nu: skicka filerna igen om en minut."

    def __init__(self) -> None:
        super().__init__("The server is checking many uploads just now: send the files again in a minute.")
