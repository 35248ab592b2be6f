"""What a finished what-if's figures cost to download from the page: the size of ``results.json`` and of
``results.csv`` in each language, and the time the server takes to make each (``GET /api/runs/{id}/results.*``,
beside its report's), for a what-if of six municipalities, under starlette's TestClient (no network).

    PYTHONPATH=. .venv/bin/python bench/bench_web_results.py --replications 20 --years 2 --repeat 3
"""

import argparse
import os
import time

SIX = ["angelholm", "astorp", "bjuv", "helsingborg", "hoganas", "klippan"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--years", type=float, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="downloads of each file (default 3)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from starlette.testclient import TestClient

    from web.app import create_app

    with TestClient(create_app(workers=args.workers)) as client:
        started = time.monotonic()
        asked = {"municipalities": SIX, "levers": {"replications": args.replications, "years": args.years}}
        run_id = client.post("/api/runs", json=asked).json()["id"]
        while (state := client.get(f"/api/runs/{run_id}").json()).get("state") == "running":
            time.sleep(0.2)
        if state.get("state") != "done":
            raise SystemExit(f"the run did not finish: {state}")
        print(f"six municipalities, {args.replications} replications, {args.years:g} years: run "
              f"{time.monotonic() - started:.1f} s")
        for path in ("results.json", "results.csv?lang=sv", "results.csv?lang=en", "report"):
            took = []
            for _ in range(args.repeat):
                begun = time.monotonic()
                reply = client.get(f"/api/runs/{run_id}/{path}")
                took.append(time.monotonic() - begun)
                if reply.status_code != 200:
                    raise SystemExit(f"{path}: status {reply.status_code}: {reply.text[:200]}")
            print(f"{path}: {len(reply.content) / 1e6:.2f} MB, made in {', '.join(f'{t:.2f}' for t in took)} s")
    print(f"{os.cpu_count()} cores, load {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":  # the pool's fork server runs this script again in each process it starts
    main()
