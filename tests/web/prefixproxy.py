"""A small reverse proxy of the standard library, run as a process of its own by the tests of `permitflow serve`
behind a proxy: it serves ``http://127.0.0.1:PORT/PREFIX/...`` from the server at ``--to``, with the prefix kept
in the address it forwards or stripped (both are common: nginx's ``proxy_pass http://host;`` keeps it,
``proxy_pass http://host/;`` strips it), and says what nginx is told to say (``X-Forwarded-Prefix``,
``X-Forwarded-Proto``, ``X-Forwarded-For``). What is not under the prefix is 404, as on an intranet where
the host serves other applications. It prints its port, then serves until killed.

    python prefixproxy.py --to 8765 --prefix /permitflow [--strip] [--proto https]
"""

from __future__ import annotations

import argparse
import http.client
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: the headers a hop ends (RFC 9110 §7.6.1): not forwarded either way
HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}


def handler(target: int, prefix: str, strip: bool, proto: str) -> type[BaseHTTPRequestHandler]:
    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            if not (self.path == prefix or self.path.startswith(prefix + "/")):
                self._answer(404, b"not under the prefix\n")
                return
            path = (self.path[len(prefix):] or "/") if strip else self.path
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
            headers.update({"X-Forwarded-Prefix": prefix, "X-Forwarded-Proto": proto,
                            "X-Forwarded-For": self.client_address[0], "Connection": "close"})
            upstream = http.client.HTTPConnection("127.0.0.1", target, timeout=300)
            try:
                upstream.request(self.command, path, body=body, headers=headers)
                reply = upstream.getresponse()
                data = reply.read()
                self.send_response(reply.status)
                for name, value in reply.getheaders():
                    if name.lower() not in HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError as err:
                self._answer(502, f"bad gateway: {err}\n".encode())
            finally:
                upstream.close()

        def _answer(self, status: int, text: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        do_GET = do_POST = do_DELETE = do_HEAD = _forward

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            pass

    return Forward


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--to", type=int, required=True)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--strip", action="store_true")
    parser.add_argument("--proto", default="https")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(args.to, args.prefix, args.strip, args.proto))
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
