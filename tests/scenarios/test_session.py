"""The warm road: chunked units and a Session give the files of a plain run, byte for byte; a Session stops."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from report.results import write_results
from scenarios.execute import UnitId
from scenarios.loader import read_any
from scenarios.road import Cancelled, Session, Stop, execute, prepare, run_study
from scenarios.schedule import chunks_of, default_chunk, finer_tail, run_units
from simulator.runner import Failure, Job

FILES = ("summary.json", "summary.csv", "cases.csv")


def study_of(folder: Path, *, replications: int = 5, horizon: str = "12w"):
    common = f"base: {{bpmn: mini.bpmn, profile: mini.yaml}}\nreplications: {replications}\nhorizon: {horizon}\nwarmup: 1w\n"
    (folder / "a.yaml").write_text("name: a\n" + common, encoding="utf-8")
    (folder / "b.yaml").write_text(
        "name: b\n" + common + "sweep:\n  simulation.pools.officer.fte: [0.3, 1.0]\nbaseline: a\n", encoding="utf-8")
    return read_any([folder / "a.yaml", folder / "b.yaml"])


def files(folder: Path, batch) -> dict[str, bytes]:
    write_results(folder, batch)
    return {name: (folder / name).read_bytes() for name in FILES}


def test_one_worker_two_workers_any_chunk_and_a_session_write_the_same_files(workdir: Path) -> None:
    study = study_of(workdir)
    here = files(workdir / "here", run_study(study))
    assert b"officer" in here["summary.csv"] and here["cases.csv"].count(b"\n") > 20
    plan = prepare(study)
    with ProcessPoolExecutor(2) as pool:
        for chunk in (1, 2, 8):
            assert files(workdir / f"pool{chunk}", execute(plan, executor=pool, chunk=chunk)) == here, chunk
    with Session(workers=2) as session:
        first = files(workdir / "session1", session.run(study))
        again = files(workdir / "session2", session.run(plan))  # warm workers, a prepared plan
    assert first == here
    assert again == here
    with Session(workers=1) as here_session:  # one worker: no pool, units run in this process
        assert files(workdir / "session0", here_session.run(study)) == here


def test_progress_counts_every_unit_once(workdir: Path) -> None:
    study = study_of(workdir)
    ticks: list[int] = []
    with Session(workers=2, chunk=3) as session:
        session.run(study, progress=ticks.append)
    assert sum(ticks) == len(prepare(study).jobs) == 15
    assert max(ticks) <= 3


def test_cancel_stops_the_run_at_once_and_the_session_answers_the_next(workdir: Path) -> None:
    long_study = study_of(workdir, replications=40, horizon="3y")
    (workdir / "short").mkdir()
    for name in ("mini.bpmn", "mini.yaml"):
        (workdir / "short" / name).write_bytes((workdir / name).read_bytes())
    short_study = study_of(workdir / "short", replications=2)
    with Session(workers=2, chunk=1) as session:
        caught: list[BaseException] = []

        def first_click() -> None:
            try:
                session.run(long_study)
            except Cancelled as err:
                caught.append(err)

        thread = threading.Thread(target=first_click)
        thread.start()
        deadline = time.monotonic() + 30
        while session.cancel() == 0 and time.monotonic() < deadline:  # the second click, once the first runs
            time.sleep(0.01)
        thread.join(timeout=30)
        assert not thread.is_alive()
        assert len(caught) == 1 and "work units not finished" in str(caught[0])
        assert files(workdir / "after", session.run(short_study)) == files(workdir / "plain", run_study(short_study))


def test_a_stop_set_stops_only_its_own_run(workdir: Path) -> None:
    study = study_of(workdir, replications=2)
    stopped = Stop()
    stopped.set()
    with Session(workers=2) as session:
        with pytest.raises(Cancelled):
            session.run(study, stop=stopped)
        assert session.run(study, stop=Stop()).failures == ()
    with pytest.raises(RuntimeError, match="closed"):
        session.run(study)


def test_chunks_split_each_point_evenly_and_go_out_largest_first() -> None:
    units = [UnitId("small", 0, r) for r in range(3)] + [UnitId("big", 0, r) for r in range(20)]
    cost = {**dict.fromkeys(range(3), 1.0), **dict.fromkeys(range(3, 23), 5.0)}
    chunks = chunks_of(units, list(range(23)), size=8, cost=cost.__getitem__)
    assert [len(c) for c in chunks] == [7, 7, 6, 3]
    assert chunks[0] == list(range(3, 10)) and chunks[-1] == [0, 1, 2]
    assert sorted(i for c in chunks for i in c) == list(range(23))
    assert (default_chunk(60, 2), default_chunk(420, 2), default_chunk(3, 2)) == (8, 8, 1)


def test_every_scenarios_first_point_goes_out_before_the_other_points() -> None:
    units = [UnitId("sweep", p, r) for p in range(3) for r in range(4)] + [UnitId("small", 0, r) for r in range(2)]
    cost = {i: 5.0 if i < 12 else 1.0 for i in range(14)}
    chunks = chunks_of(units, list(range(14)), size=4, cost=cost.__getitem__)
    # the sweep's first point, the small scenario's (cheaper, still a first point), then the sweep's other points
    assert chunks == [[0, 1, 2, 3], [12, 13], [4, 5, 6, 7], [8, 9, 10, 11]]


def test_the_last_chunks_are_halved_so_the_workers_finish_together() -> None:
    chunks = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10], [11, 12], [13]]
    assert finer_tail(chunks, 1) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10], [11], [12], [13]]
    assert finer_tail(chunks, 2) == [[0, 1, 2, 3], [4, 5], [6, 7], [8, 9], [10], [11], [12], [13]]
    assert finer_tail([], 2) == []


class Recording(ThreadPoolExecutor):
    """A thread pool that records what it was given, in order, and how many chunks were with it
    (sent and not yet finished) at most."""

    def __init__(self) -> None:
        super().__init__(2)
        self.sent, self.finished, self.most, self.order = 0, 0, 0, []
        self.lock = threading.Lock()

    def _finish(self, _future) -> None:
        with self.lock:
            self.finished += 1

    def submit(self, fn, /, *args, **kwargs):
        self.order.append(fn.__name__)
        if fn.__name__ == "run_chunk":
            with self.lock:
                self.sent += 1
                self.most = max(self.most, self.sent - self.finished)
        future = super().submit(fn, *args, **kwargs)
        if fn.__name__ == "run_chunk":
            future.add_done_callback(self._finish)
        return future


def extra() -> str:
    return "extra"


def test_ahead_keeps_few_chunks_out_so_work_sent_meanwhile_starts_soon() -> None:
    units = [UnitId("s", 0, r) for r in range(12)]
    jobs = [Job(str(i), explode, i if i != 3 else 30) for i in range(12)]
    with Recording() as pool:
        sent: list[object] = []
        out_at_first_back: list[int] = []

        def arrived(part, outcomes) -> None:
            if not sent:  # the first chunk back: other work goes to the same executor
                out_at_first_back.append(pool.sent)
                sent.append(pool.submit(extra))

        out = run_units(units, jobs, executor=pool, chunk=1, workers=2, ahead=4, arrived=arrived)
        assert 1 <= pool.most <= 4
        # the chunks back were replaced before ``arrived`` ran (its work must not leave a worker
        # idle), so the extra task went out after the first four and one per chunk back (1 to 4)
        assert 5 <= out_at_first_back[0] <= 8
        assert pool.order[:out_at_first_back[0] + 1] == ["run_chunk"] * out_at_first_back[0] + ["extra"]
        assert pool.order.count("run_chunk") == 12
        assert sent[0].result() == "extra"
    with ThreadPoolExecutor(2) as pool:
        assert run_units(units, jobs, executor=pool, chunk=1) == out


def explode(x: int) -> int:
    if x == 3:
        raise ValueError("three is not allowed")
    return x


def test_a_failing_unit_fails_alone_in_its_chunk() -> None:
    units = [UnitId("s", 0, r) for r in range(6)]
    jobs = [Job(str(i), explode, i) for i in range(6)]
    with ThreadPoolExecutor(2) as pool:
        out = run_units(units, jobs, executor=pool, chunk=3)
    assert [o for o in out if not isinstance(o, Failure)] == [0, 1, 2, 4, 5]
    assert isinstance(out[3], Failure) and out[3].message == "three is not allowed"


def test_a_chunk_travels_as_one_pickled_bytes_object() -> None:
    from scenarios.schedule import Chunk, run_chunk, unpack

    packed = run_chunk(Chunk(explode, (2, 3, 4)))
    assert isinstance(packed, bytes)
    two, three, four = unpack(packed)
    assert (two, four) == (2, 4)
    assert isinstance(three, Failure) and three.kind == "ValueError" and three.message == "three is not allowed"


def test_a_chunk_is_counted_finished_before_arrived_works_on_it() -> None:
    # ``arrived`` draws a finished point's plots (1-2 s): a Ctrl-C meanwhile said how many units
    # finished without the chunk already stored in the cache
    units = [UnitId("s", 0, r) for r in range(6)]
    jobs = [Job(str(i), explode, i + 10) for i in range(6)]
    counted: list[int] = []
    seen: list[tuple[int, int]] = []

    def arrived(part, outcomes) -> None:
        seen.append((sum(counted), len(part)))

    with ThreadPoolExecutor(2) as pool:
        run_units(units, jobs, executor=pool, chunk=2, progress=counted.append, arrived=arrived)
    assert sum(counted) == 6 and sum(size for _at, size in seen) == 6
    done_before = 0
    for at_arrival, size in seen:
        assert at_arrival == done_before + size  # this chunk already counted
        done_before += size
