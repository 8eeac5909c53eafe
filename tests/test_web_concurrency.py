"""Compute runs in the worker pool: concurrent requests all finish and the server keeps answering."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from web_live import live_server


def test_four_concurrent_runs_finish_without_errors_and_pages_still_answer(tmp_path):
    cases = ["kocher-clamp", "suture-set", "incontinence", "kocher-clamp"]
    with live_server(tmp_path) as base, ThreadPoolExecutor(max_workers=5) as threads:

        def run(case: str) -> httpx.Response:
            return httpx.post(f"{base}/api/v1/runs", json={"case": case, "samples": 100, "seed": 1}, timeout=300)

        futures = [threads.submit(run, case) for case in cases]
        home = httpx.get(f"{base}/", timeout=60)  # answered while the runs compute
        answers = [f.result() for f in futures]
        runs = httpx.get(f"{base}/api/v1/runs", timeout=60).json()
        same_case = [httpx.get(f"{base}/api/v1/runs/{answers[i].json()['run_id']}/result").content for i in (0, 3)]
    assert home.status_code == 200
    assert [a.status_code for a in answers] == [201] * 4, [a.text for a in answers]
    assert len({a.json()["run_id"] for a in answers}) == 4
    assert len(runs) == 4
    assert same_case[0] == same_case[1]  # runs in parallel threads do not disturb each other's numbers
