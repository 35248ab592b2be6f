"""``permitflow serve``: the what-if web app started on a host and port (web/ holds the app).

Its own module: the one command that starts a server and waits for signals.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from clicommands.options import Count, Number
from clicommands.output import fail
from processes.errors import InputError
from processes.extras import install_hint

__all__ = ["WILDCARD_HOSTS", "serve_cmd", "shown_address", "proxy_said", "token_from_file", "open_to_others"]


#: hosts that listen on every address of the machine: none is an address a browser opens from elsewhere
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def shown_address(host: str, port: int, token: str | None, machine: str, prefix: str = "") -> str:
    """The address ``serve`` says to open: a host that listens on every address (``0.0.0.0``, ``::``) is
    named by this ``machine``'s name, which a colleague's browser can open (found by QA, qafresh: it said
    "open http://0.0.0.0:8080/?token=…"); ``prefix``: the path a proxy serves it under (``--root-path``), which
    this address takes too.

    >>> shown_address("0.0.0.0", 8080, "t0k", "vm"), shown_address("::1", 8765, None, "vm", "/pf")
    ('http://vm:8080/?token=t0k', 'http://[::1]:8765/pf/')
    """
    host = machine if host in WILDCARD_HOSTS else host
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{prefix}/" + (f"?token={token}" if token else "")


def proxy_said(local: str, prefix: str, trusted: str) -> str:
    """What the start says to whoever sets up the proxy in front (``--root-path`` ``prefix``,
    ``--trust-proxy`` ``trusted``): the path the pages are served under and the address to forward to,
    ``local`` (the address it opens, its prefix and token left out): the address printed to open is this
    machine's, not the proxy's.

    >>> said = proxy_said("http://127.0.0.1:8765/", "/pf", "")
    >>> said.split("; ")
    ['behind the proxy: the pages are served under /pf/', 'point the proxy at http://127.0.0.1:8765/pf/ \
if it keeps /pf in the address, at http://127.0.0.1:8765/ if it strips it']
    >>> proxy_said("http://127.0.0.1:8765/", "", "127.0.0.1").split("; ")[1]
    'point the proxy at http://127.0.0.1:8765/, with its prefix kept or stripped'
    """
    if prefix:
        said = (f"behind the proxy: the pages are served under {prefix}/; point the proxy at "
                f"{local}{prefix[1:]}/ if it keeps {prefix} in the address, at {local} if it strips it")
        return said + (f" (an X-Forwarded-Prefix from {trusted} names the prefix instead)" if trusted else "")
    return (f"behind the proxy: the pages are served under the prefix the proxy names in "
            f"X-Forwarded-Prefix (believed from {trusted} only), else under /; point the proxy at {local}, "
            f"with its prefix kept or stripped")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any address but loopback requires a token.")
@click.option("--port", type=Count(1, 65535, what="a port number", example="8765"), default=8765, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="PERMITFLOW_TOKEN", show_envvar=True,
              help="The token every request must carry (default off loopback: a new one, printed). On the command "
                   "line it is seen by every user of the machine (ps): a service gives --token-file or the "
                   "environment variable.")
@click.option("--token-file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A file whose one line is the token (a service's credential, readable by its user alone).")
@click.option("--workers", "-j", type=Count(min=1, what="a number of worker processes", example="2"),
              help="Worker processes kept warm for what-ifs (default: all cores); a 'how sure' run, a goal seek or a "
                   "run of an uploaded model starts a process of its own with a pool of this many, ended with the run.")
@click.option("--keep-mb", type=Count(min=1, what="a number of megabytes", example="32"), default=32, show_default=True,
              help="Megabytes of finished runs kept for their report download (compressed, in memory; "
                   "the oldest are forgotten first, a running run never).")
# (web.checkserver.IDLE_SECONDS, in minutes: not imported here, where the web extra may be missing)
@click.option("--log-check-idle-minutes", type=Number(min=0, what="a number of minutes", example="10"), default=10, show_default=True,
              help="Minutes without a case log's check after which the process that checks case logs (about "
                   "120 MB) is stopped; the next check starts it again (a second or three more).")
@click.option("--root-path", default="", metavar="PREFIX",
              help="The path a reverse proxy serves the page under (/permitflow), for a proxy that keeps it in the "
                   "address it forwards; one that strips it needs nothing. A token is then required, as off "
                   "loopback; the start says the path the pages are served under and where to point the "
                   "proxy.")
@click.option("--trust-proxy", metavar="ADDRESSES", default="",
              help="The proxy's IP addresses or networks, comma-separated (127.0.0.1): its X-Forwarded-Prefix and "
                   "X-Forwarded-Proto are believed, no one else's. A token is then required, as off "
                   "loopback; the start says where to point the proxy.")
def serve_cmd(host: str, port: int, token: str | None, token_file: Path | None, workers: int | None, keep_mb: int,
              log_check_idle_minutes: float, root_path: str, trust_proxy: str) -> None:
    """The what-if web app: pick municipalities, move the levers, see the answer.

    Binds 127.0.0.1 by default. On any other address, or behind a proxy
    (--root-path, --trust-proxy), a token is required: give --token-file,
    PERMITFLOW_TOKEN or --token, or use the one printed; requests without it
    are refused, but GET /healthz. --token-file wins over PERMITFLOW_TOKEN
    (a note says so); with --token it is refused. Each request and each
    run's end is one line on standard error.

    \b
    Examples:
      permitflow serve                       # open http://127.0.0.1:8765/
      permitflow serve --host 0.0.0.0 --port 8080   # prints the address with its token
      permitflow serve --trust-proxy 127.0.0.1 --token-file /etc/permitflow/token   # behind nginx (docs/web.md)
    """
    import importlib.util
    import signal
    import socket

    # every part of the extra, before the address is printed (web.server imports uvicorn only to serve)
    missing = next((shown for shown, names in (("uvicorn", ("uvicorn",)), ("starlette", ("starlette",)),
                                               ("python-multipart", ("python_multipart", "multipart")))
                    if all(importlib.util.find_spec(name) is None for name in names)), None)
    if missing:
        fail(f"permitflow serve needs the web extra ({missing} is missing): {install_hint('web')}")
    from_env = token is not None and (click.get_current_context().get_parameter_source("token")
                                      is ParameterSource.ENVIRONMENT)
    quiet, source = token_file is not None or from_env, "PERMITFLOW_TOKEN" if from_env else "--token"
    if token_file is not None:
        if token is not None and not from_env:
            fail(f"the token is given twice, by --token and by --token-file {token_file}: drop one (a service "
                 "keeps --token-file, which ps does not show)")
        token, source = token_from_file(token_file), f"--token-file {token_file}"
        if from_env:
            # the command line wins over the environment, as for every option; a service's environment may
            # carry the variable for other reasons, so the file's token is used and the variable said ignored
            click.echo(f"permitflow serve: note: PERMITFLOW_TOKEN is set too and not used: the token is the one "
                       f"in {token_file} (unset PERMITFLOW_TOKEN to drop this note)", err=True)

    from web.proxy import root_path as prefix_of
    from web.proxy import trusted_proxies
    from web.server import bind_token, serve
    prefix = prefix_of(root_path) if root_path else ""
    proxies = trusted_proxies(trust_proxy) if trust_proxy else ()
    token, generated = bind_token(host, token, proxied=bool(prefix or proxies), source=source)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
        except OSError as err:
            fail(f"cannot listen on {host}:{port}: {err.strerror or err}")
    if token_file is not None and open_to_others(token_file):  # said once the input is known good
        click.echo(f"permitflow serve: note: {token_file} can be read by other users of this machine "
                   f"(chmod 0400 {token_file})", err=True)
    # a token from a file or the environment is not printed: a service's output goes to its journal
    address = shown_address(host, port, None if quiet else token, socket.gethostname(), prefix)
    said = [*(["this machine's name"] if host in WILDCARD_HOSTS else []),
            *(["the token was generated for this run"] if generated else []),
            *(["add ?token= and the token to open it the first time"] if quiet else [])]
    click.echo(f"permitflow serve: open {address}" + (f" ({'; '.join(said)})" if said else ""))
    if prefix or proxies:  # the address above is this machine's: whoever sets up the proxy needs its target
        local = shown_address(host, port, None, socket.gethostname())
        click.echo(f"permitflow serve: {proxy_said(local, prefix, trust_proxy)}")
    click.echo("Ctrl-C stops the server.")

    def stopped(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    # uvicorn stops gracefully on SIGINT and SIGTERM (runs cancelled, the pool shut down), then raises
    # the signal again: SIGTERM, like Ctrl-C, then ends here with one line, not by the signal itself
    main = threading.current_thread() is threading.main_thread()  # signals are set only there
    previous = signal.signal(signal.SIGTERM, stopped) if main else None
    try:
        # each process the fork server starts runs the console script (`from cli import main`) again
        cancelled = serve(host, port, token=token, workers=workers, keep_mb=keep_mb, preload=("cli",),
                          check_idle_minutes=log_check_idle_minutes, root_path=prefix, proxies=proxies)
    except KeyboardInterrupt:
        cancelled = 0
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    click.echo("permitflow serve: stopped" + (f" ({cancelled} running run{'s' * (cancelled != 1)} cancelled)"
                                              if cancelled else ""))


def open_to_others(path: Path) -> bool:
    """Whether users other than the owner of the file at ``path`` may read or write it (a token's file should
    be its service's alone: a systemd credential is 0400)."""
    return bool(path.stat().st_mode & 0o077)


def token_from_file(path: Path) -> str:
    """The token in ``path``: its one line, without the line's end (a file of several lines, an empty one
    or one that cannot be read is refused in one line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"--token-file {path}: cannot read it: {getattr(err, 'strerror', None) or err}") from None
    if len(lines) != 1 or not lines[0].strip():
        found = ("0 lines (an empty file)" if not lines else "1 line, blank" if len(lines) == 1
                 else f"{len(lines)} lines")
        raise InputError(f"--token-file {path}: expected one line, the token; found {found}")
    return lines[0].strip()

