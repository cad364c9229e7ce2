#!/usr/bin/env python3
"""Relay latency: time from a reply posted in a hub group to its text on the wiki talk page.

    python3 Benchmarks/RelayLatency/relay_latency.py                # 100 replies, debug build
    python3 Benchmarks/RelayLatency/relay_latency.py --replies 20 --crier .build-release/release/crier

It starts a real MediaWiki (Tests/Systems/mediawiki.sh) and the real `crier` binary with the
embedded hub on loopback, makes a wiki edit so that a bridged post exists, then posts replies one
after another through the hub's Mastodon API and polls the talk page until each reply's text is
there. The baseline, measured in the same run, is a direct talk-page edit through the wiki API
(what any relay must pay at the least). Target: p95 <= 2 x reply_poll_interval + 1 s.
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time
import urllib.parse, urllib.request, http.cookiejar

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Wiki:
    def __init__(self, api, user, password):
        self.api = api
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        token = self.get(action="query", meta="tokens", type="login")["query"]["tokens"]["logintoken"]
        result = self.post(action="login", lgname=user, lgpassword=password, lgtoken=token)
        assert result["login"]["result"] == "Success", result
        self.csrf = self.get(action="query", meta="tokens")["query"]["tokens"]["csrftoken"]

    def get(self, **params):
        params.update(format="json", formatversion="2")
        with self.opener.open(self.api + "?" + urllib.parse.urlencode(params), timeout=10) as r:
            return json.load(r)

    def post(self, **params):
        params.update(format="json", formatversion="2")
        with self.opener.open(self.api, urllib.parse.urlencode(params).encode(), timeout=10) as r:
            return json.load(r)

    def edit(self, title, text, **extra):
        return self.post(action="edit", title=title, text=text, token=self.csrf, **extra)

    def wikitext(self, title):
        pages = self.get(action="query", prop="revisions", rvprop="content", rvslots="main", titles=title)["query"]["pages"]
        page = pages[0]
        return "" if page.get("missing") else page["revisions"][0]["slots"]["main"]["content"]


def hub(base, path, token=None, data=None):
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(data).encode() if data else None)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as r:
        return json.load(r)


def wait_for(condition, timeout, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError("condition not met in %.0f s" % timeout)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", type=int, default=100)
    parser.add_argument("--interval", type=float, default=1.0, help="reply_poll_interval in seconds")
    parser.add_argument("--crier", default=os.path.join(ROOT, ".build/debug/crier"))
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="crier-relay-bench-")
    wiki_dir, wiki_port, hub_port = os.path.join(work, "wiki"), free_port(), free_port()
    script = os.path.join(ROOT, "Tests/Systems/mediawiki.sh")
    subprocess.run([script, "start", wiki_dir, str(wiki_port)], check=True, stdout=subprocess.DEVNULL)
    crier = None
    try:
        api = "http://127.0.0.1:%d/api.php" % wiki_port
        admin = Wiki(api, "Admin", open(os.path.join(wiki_dir, "adminpassword")).read().strip())
        config = os.path.join(work, "crier.toml")
        with open(config, "w") as f:
            f.write(f"""
[crier]
state_dir = "{work}/state"
log_level = "warning"
reply_poll_interval = "{int(args.interval * 1000)}ms"
[hub]
listen = "127.0.0.1:{hub_port}"
[sources.wiki]
type = "mediawiki"
url = "{api}"
username = "BridgeBot@bridge"
password_file = "{wiki_dir}/botpassword"
interval = "1s"
min_interval = "1s"
backfill = 5
[sinks.hub]
type = "hub"
[groups.wiki]
sink = "hub"
[routes.wiki]
sources = ["wiki"]
groups = ["wiki"]
updates = "reply"
""")
        admin.edit("Relay bench", "A page whose talk page collects relayed replies.")
        subprocess.run([args.crier, "hub", "user", "add", "bench", "--config", config], check=True, stdout=subprocess.DEVNULL)
        token = subprocess.run([args.crier, "hub", "token", "bench", "--config", config], check=True, capture_output=True, text=True).stdout.strip()
        log = open(os.path.join(work, "crier.log"), "w")
        crier = subprocess.Popen([args.crier, "run", "--config", config], stdout=log, stderr=log)
        base = "http://127.0.0.1:%d" % hub_port
        group = wait_for(lambda: _try(lambda: hub(base, "/api/v1/accounts/lookup?acct=wiki")), 30, 0.2)
        post = wait_for(lambda: _try(lambda: hub(base, "/api/v1/accounts/%s/statuses" % group["id"]))[:1], 60, 0.2)[0]

        baseline = []
        for i in range(max(10, args.replies // 10)):
            start = time.monotonic()
            admin.edit("Talk:Relay baseline", "baseline %d" % i, section="new", sectiontitle="Baseline %d" % i)
            wait_for(lambda: ("baseline %d" % i) in admin.wikitext("Talk:Relay baseline"), 30)
            baseline.append(time.monotonic() - start)

        latencies = []
        for i in range(args.replies):
            text = "bench-reply-%04d" % i
            start = time.monotonic()
            hub(base, "/api/v1/statuses", token, {"status": text, "in_reply_to_id": post["id"]})
            wait_for(lambda: text in admin.wikitext("Talk:Relay bench"), 60)
            latencies.append(time.monotonic() - start)
        target = 2 * args.interval + 1
        p50, p95 = statistics.median(latencies), percentile(latencies, 95)
        b50 = statistics.median(baseline)
        print("Relay latency: %d replies, reply_poll_interval %.1f s, crier %s" % (args.replies, args.interval, args.crier))
        print("| measure | p50 (s) | p95 (s) | max (s) |")
        print("|---|---|---|---|")
        print("| reply in hub -> text on talk page | %.3f | %.3f | %.3f |" % (p50, p95, max(latencies)))
        print("| baseline: direct talk-page edit + read back | %.3f | %.3f | %.3f |" % (b50, percentile(baseline, 95), max(baseline)))
        print("p95 target <= %.1f s: %s; p50 is %.1f x the baseline" % (target, "met" if p95 <= target else "NOT met", p50 / b50))
    finally:
        if crier:
            crier.terminate()
            crier.wait(timeout=30)
        subprocess.run([script, "stop", wiki_dir], check=False)
        shutil.rmtree(work, ignore_errors=True)


def _try(call):
    try:
        return call()
    except Exception:
        return None


if __name__ == "__main__":
    sys.exit(main())
