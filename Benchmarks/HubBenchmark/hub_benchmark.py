#!/usr/bin/env python3
"""Hub benchmark: posts per second through the Mastodon API, and the p95 time to render a group
timeline page with 100,000 posts, against the real `crier hub serve` over loopback.

    swift build -c release --scratch-path .build-release --product crier
    python3 Benchmarks/HubBenchmark/hub_benchmark.py            # 8 connections, 10 s, 100,000 posts

Every figure is reported next to a baseline measured on the same server in the same run: the
rate and latency of `GET /healthz`, which is the cost of HTTP on loopback with nothing behind it.
Load comes from worker processes (not threads: the GIL would cap the client before the server),
each with one keep-alive connection. See Benchmarks/README.md for the method and results.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def worker(args):
    """One connection: sends `kind` requests until `deadline` (or `count` of them), returns
    (successes, failures, latencies in seconds)."""
    port, kind, token, deadline, count, worker_id = args
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, ok, failed, n = [], 0, 0, 0
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/x-www-form-urlencoded"}
    while (deadline is None or time.time() < deadline) and (count is None or n < count):
        n += 1
        start = time.perf_counter()
        if kind == "post":
            body = urllib.parse.urlencode({"status": f"Benchmark post {worker_id}-{n}: release notes at https://example.org/r/{n} #bench"})
            headers["Idempotency-Key"] = f"bench-{worker_id}-{n}-{time.time_ns()}"
            connection.request("POST", "/api/v1/statuses", body=body, headers=headers)
        else:
            connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        if response.status == 200:
            ok += 1
        else:
            failed += 1
    connection.close()
    return ok, failed, latencies


def load(pool, port, kind, token, connections, seconds=None, total=None):
    """Runs `connections` workers at once; returns (requests/s, failures, p50 ms, p95 ms)."""
    deadline = time.time() + seconds if seconds else None
    per_worker = (total + connections - 1) // connections if total else None
    start = time.perf_counter()
    results = pool.map(worker, [(port, kind, token, deadline, per_worker, i) for i in range(connections)])
    elapsed = time.perf_counter() - start
    ok = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    latencies = [l for r in results for l in r[2]]
    return ok / elapsed, failed, percentile(latencies, 50) * 1000, percentile(latencies, 95) * 1000


def timed_gets(port, paths):
    """Sequential GETs on one keep-alive connection; returns (p50 ms, p95 ms, max ms, statuses)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, statuses = [], set()
    for path in paths:
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        statuses.add(response.status)
    connection.close()
    return percentile(latencies, 50) * 1000, percentile(latencies, 95) * 1000, max(latencies) * 1000, statuses


def get_json(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return json.loads(body)


def wrk_phase(port, token, options, directory):
    """The same two measurements with wrk (Debian package wrk), a C load generator: on a 2-core
    machine Python clients take a whole core from the server, so this shows the server's own rate."""
    if not shutil.which("wrk"):
        print("wrk       not installed (apt-get install wrk): skipping the C load generator runs")
        return
    script = os.path.join(directory, "post.lua")
    with open(script, "w") as f:
        f.write('wrk.method = "POST"\n'
                f'wrk.headers["Authorization"] = "Bearer {token}"\n'
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                'counter = 0\n'
                'request = function()\n'
                '  counter = counter + 1\n'
                '  return wrk.format(nil, "/api/v1/statuses", nil, "status=wrk+post+" .. counter .. "+" .. math.random(1000000000))\n'
                'end\n')
    results = {}
    for name, extra in (("healthz", [f"http://127.0.0.1:{port}/healthz"]), ("post", ["-s", script, f"http://127.0.0.1:{port}/"])):
        out = subprocess.run(["wrk", "-t2", f"-c{options.connections}", f"-d{int(options.seconds)}s", "--latency"] + extra,
                             capture_output=True, text=True, check=True).stdout
        rate = float(next(l for l in out.splitlines() if l.startswith("Requests/sec:")).split()[1])
        errors = next((l.strip() for l in out.splitlines() if "Non-2xx" in l or "Socket errors" in l), "no errors")
        results[name] = (rate, errors)
    base, post = results["healthz"], results["post"]
    print(f"wrk       GET /healthz     {base[0]:8.0f} req/s   ({base[1]})")
    print(f"wrk       POST /statuses   {post[0]:8.0f} posts/s ({post[1]}; {post[0] / base[0]:.0%} of the baseline rate)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-release", "release", "crier"))
    parser.add_argument("--connections", type=int, default=8, help="concurrent client connections (processes)")
    parser.add_argument("--seconds", type=float, default=10, help="length of each throughput run")
    parser.add_argument("--posts", type=int, default=100_000, help="posts in the group before timing its pages")
    parser.add_argument("--samples", type=int, default=200, help="timeline page requests per kind of page")
    options = parser.parse_args()
    if not os.path.exists(options.binary):
        sys.exit(f"{options.binary} is missing; build it with:\n  swift build -c release --scratch-path .build-release --product crier")

    with tempfile.TemporaryDirectory(prefix="crier-hub-bench-") as directory:
        port = free_port()
        config = os.path.join(directory, "crier.toml")
        with open(config, "w") as f:
            f.write(f'[crier]\nstate_dir = "state"\nlog_level = "warning"\n\n[hub]\nlisten = "127.0.0.1:{port}"\n\n'
                    '[sinks.hub]\ntype = "hub"\n\n[groups.bench]\nsink = "hub"\ndisplay_name = "Bench"\ndescription = "Benchmark group"\n')
        server = subprocess.Popen([options.binary, "hub", "serve", "--config", config])
        try:
            deadline = time.time() + 30
            while True:
                try:
                    get_json(port, "/api/v1/instance")
                    break
                except (OSError, ValueError):
                    if server.poll() is not None or time.time() > deadline:
                        sys.exit("crier hub serve did not start")
                    time.sleep(0.1)
            token = subprocess.run([options.binary, "hub", "token", "bench", "--config", config],
                                   capture_output=True, text=True, check=True).stdout.strip()
            group = get_json(port, "/api/v1/accounts/lookup?acct=bench")

            with multiprocessing.Pool(options.connections) as pool:
                load(pool, port, "healthz", token, options.connections, seconds=1)  # warm-up
                base_rate, _, base_p50, base_p95 = load(pool, port, "healthz", token, options.connections, seconds=options.seconds)
                print(f"baseline  GET /healthz     {base_rate:8.0f} req/s   p50 {base_p50:6.2f} ms   p95 {base_p95:6.2f} ms"
                      f"   ({options.connections} connections, {options.seconds:.0f} s)")
                rate, failed, p50, p95 = load(pool, port, "post", token, options.connections, seconds=options.seconds)
                print(f"posting   POST /statuses   {rate:8.0f} posts/s p50 {p50:6.2f} ms   p95 {p95:6.2f} ms"
                      f"   ({failed} failed; {rate / base_rate:.0%} of the baseline rate)")
                wrk_phase(port, token, options, directory)

                have = get_json(port, f"/api/v1/accounts/{group['id']}")["statuses_count"]
                if have < options.posts:
                    start = time.perf_counter()
                    load(pool, port, "post", token, options.connections, total=options.posts - have)
                    print(f"seeded    {options.posts - have} posts through the API in {time.perf_counter() - start:.1f} s")
            count = get_json(port, f"/api/v1/accounts/{group['id']}")["statuses_count"]

            newest = get_json(port, f"/api/v1/accounts/{group['id']}/statuses?limit=1")[0]["id"]
            rng = random.Random(1)
            deep = [str(rng.randint(1, int(newest))) for _ in range(options.samples)]
            cases = [
                ("baseline  GET /healthz", ["/healthz"] * options.samples),
                ("HTML      /@bench (newest)", ["/@bench"] * options.samples),
                ("HTML      /@bench?max_id=…", [f"/@bench?max_id={m}" for m in deep]),
                ("API       …/statuses", [f"/api/v1/accounts/{group['id']}/statuses"] * options.samples),
                ("API       …/statuses?max_id=…", [f"/api/v1/accounts/{group['id']}/statuses?max_id={m}" for m in deep]),
            ]
            print(f"timeline pages with {count} posts in the group, {options.samples} sequential requests each:")
            for name, paths in cases:
                p50, p95, worst, statuses = timed_gets(port, paths)
                print(f"  {name:32s} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   max {worst:6.2f} ms   HTTP {sorted(statuses)}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
