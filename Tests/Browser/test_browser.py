"""The web UI in a real browser: Debian's `chromium`, driven headless through `chromium-driver` by
Selenium (from PyPI), against a real `crier run` that bridges an RSS feed into the hub group `news`.

Two separate browser sessions: Alice logs in through the log-in form, opens the group, sees the
bridged post, opens its thread and replies through the reply form; Bob, who has the same thread
open before she replies, sees her reply appear live (Server-Sent Events) without a reload. The feed
takes no replies, so the relay answers in the thread with "Not relayed: the source 'news' does not
take replies", which both see, and which the state database records.

Screenshots of the group timeline (desktop and phone width) and of the thread go to `test-output/`
at the repository root.

Needs: `.build/debug/crier` (`swift build --product crier`; or CRIER_BINARY), `apt-get install
chromium chromium-driver`, `pip install selenium pytest`. Run: `python3 -m pytest -q Tests/Browser`.
A missing piece is a failure, never a skip. Nothing is downloaded: the driver path is explicit and
Selenium Manager runs offline.
"""

import http.server
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("CRIER_BINARY", ROOT / ".build" / "debug" / "crier"))
CHROMIUM = Path(os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
OUTPUT = ROOT / "test-output"

# Selenium Manager must never try the network.
os.environ["SE_OFFLINE"] = "true"

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    SELENIUM_ERROR = None
except ImportError as error:  # reported as a failure by the test, not a collection-time skip
    SELENIUM_ERROR = error

WAIT = 15  # seconds: the bound of every wait in a browser
POST_TITLE = "Canteen reopens on Monday"
OTHER_TITLE = "New coffee machine on floor 3"
REPLY_TEXT = "Will there be vegan options? (browser test)"
NOTICE = "Not relayed: the source 'news' does not take replies"

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Example Corp news</title><link>https://intranet.example.com/news</link>
<description>News from around Example Corp</description>
<item><guid>news-2</guid><title>{POST_TITLE}</title>
<link>https://intranet.example.com/news/canteen</link>
<description>After the renovation the canteen opens again, with a salad bar and longer hours.</description>
<pubDate>Fri, 21 Nov 2025 09:30:00 +0000</pubDate></item>
<item><guid>news-1</guid><title>{OTHER_TITLE}</title>
<link>https://intranet.example.com/news/coffee</link>
<description>It grinds beans and makes oat-milk cappuccinos.</description>
<pubDate>Thu, 20 Nov 2025 08:00:00 +0000</pubDate></item>
</channel></rss>
"""

# Observes the page's own EventSource (injected before any page script through the DevTools
# protocol, so the page and its Content-Security-Policy are untouched): the test waits until Bob's
# live stream is open before Alice replies, instead of sleeping and hoping.
STREAM_PROBE = """
(function(){var E=window.EventSource;if(!E)return;window.__crierStreams=[];
window.EventSource=class extends E{constructor(u,c){super(u,c);window.__crierStreams.push(this)}};})();
"""


def require(condition, message):
    if not condition:
        pytest.fail(message, pytrace=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def eventually(what, check, timeout, process=None, log=None):
    """Polls `check` until it returns something truthy (returned), for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        if process is not None and process.poll() is not None:
            pytest.fail(f"crier exited ({process.returncode}) while waiting for {what}; log: {log}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}", pytrace=False)
        time.sleep(0.1)


class FeedHandler(http.server.BaseHTTPRequestHandler):
    timeout = 5

    def do_GET(self):
        if urllib.parse.urlsplit(self.path).path != "/news.xml":
            self.send_error(404)
            return
        body = FEED.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/news.xml"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Crier:
    """A running `crier run` with its config, state and log in a temporary directory."""

    def __init__(self, directory, feed_url):
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.state = self.directory / "state"
        self.config = self.directory / "crier.toml"
        self.log = self.directory / "crier.log"
        self.process = None
        self.config.write_text(f"""
[crier]
state_dir = "{self.state}"
log_level = "info"
reply_poll_interval = "300ms"

[hub]
listen = "127.0.0.1:{self.port}"
title = "Example Corp"

[sources.news]
type = "feed"
url = "{feed_url}"
interval = "1s"
min_interval = "1s"
backfill = 5

[sinks.hub]
type = "hub"

[groups.news]
sink = "hub"
display_name = "Company news"
description = "News from around Example Corp"

[routes.news]
sources = ["news"]
groups = ["news"]
template = \"\"\"
{{{{title}}}}

{{{{summary}}}}

{{{{link}}}}\"\"\"
""")

    def command(self, *args):
        result = subprocess.run(
            [str(BINARY), *args, "--config", str(self.config)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"crier {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        return result.stdout

    def add_person(self, name, display_name, password):
        password_file = self.directory / f"{name}.password"
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        self.command("hub", "user", "add", name, "--display-name", display_name, "--password-file", str(password_file))

    def start(self):
        with open(self.log, "ab") as log:
            # Its own process group, so that teardown can end it and anything it started.
            self.process = subprocess.Popen(
                [str(BINARY), "run", "--config", str(self.config)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # graceful shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def wait_until_healthy(self):
        def healthy():
            with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                return response.status == 200

        eventually("the hub's /healthz", healthy, 30, self.process, self.log)

    def bridged_post(self, title):
        """The group's bridged post whose text contains `title` (through the API), once delivered."""

        def find():
            group = get_json(self.url + "/api/v1/accounts/lookup?acct=news")
            statuses = get_json(self.url + f"/api/v1/accounts/{group['id']}/statuses")
            return next((s for s in statuses if title in s["content"]), None)

        return eventually(f"the bridged post '{title}'", find, 30, self.process, self.log)


@pytest.fixture
def crier(feed_server):
    require(BINARY.is_file() and os.access(BINARY, os.X_OK),
            f"{BINARY} is missing: build it first with `swift build --product crier`")
    with tempfile.TemporaryDirectory(prefix="crier-browser-") as directory:
        daemon = Crier(directory, feed_server)
        try:
            yield daemon
        finally:
            daemon.stop()
            # Shown by pytest only when the test fails.
            if daemon.log.exists():
                print(f"----- {daemon.log} -----")
                print(daemon.log.read_text(errors="replace")[-20000:])


@pytest.fixture
def browsers():
    """Makes separate headless Chromium sessions (own driver, own profile, own cookies)."""
    require(SELENIUM_ERROR is None, f"Selenium is missing ({SELENIUM_ERROR}): pip install selenium")
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    require(CHROMEDRIVER.is_file(), f"{CHROMEDRIVER} is missing: apt-get install -y chromium-driver")
    drivers = []
    profiles = tempfile.TemporaryDirectory(prefix="crier-browser-profiles-")

    def make(name):
        options = Options()
        options.binary_location = str(CHROMIUM)
        for argument in (
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--lang=en-US", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--force-prefers-color-scheme=light",
            f"--user-data-dir={profiles.name}/{name}",
        ):
            options.add_argument(argument)
        service = Service(executable_path=str(CHROMEDRIVER), log_output=os.path.join(profiles.name, f"{name}-chromedriver.log"))
        driver = webdriver.Chrome(service=service, options=options)
        drivers.append(driver)
        driver.set_page_load_timeout(WAIT)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STREAM_PROBE})
        return driver

    try:
        yield make
    finally:
        for driver in drivers:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001 - teardown must reach every session
                pass
        profiles.cleanup()


def wait(driver, timeout=WAIT):
    return WebDriverWait(driver, timeout, poll_frequency=0.1)


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def log_in(driver, base, username, password, return_to):
    """Logs in through the log-in form and lands on `return_to`."""
    driver.get(f"{base}/login?return_to={urllib.parse.quote(return_to)}")
    form = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "form[action='/login']")))
    # The form carries its CSRF token.
    assert form.find_element(By.NAME, "csrf").get_attribute("value")
    form.find_element(By.NAME, "username").send_keys(username)
    form.find_element(By.NAME, "password").send_keys(password)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(lambda d: path_of(d) == return_to)
    # The header shows who is logged in, with a log-out button.
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"header a[href='/@{username}']")))
    assert driver.find_elements(By.CSS_SELECTOR, "header form[action='/logout'] button")


def article_with(driver, text):
    """The `<article>` whose text contains `text`, or None."""
    for article in driver.find_elements(By.CSS_SELECTOR, "article"):
        if text in article.text:
            return article
    return None


def wait_for_stream(driver, what):
    try:
        wait(driver).until(lambda d: d.execute_script(
            "return (window.__crierStreams||[]).some(function(s){return s.readyState===1})"))
    except TimeoutException:
        pytest.fail(f"{what}: the page's live stream (EventSource) never opened", pytrace=False)


def screenshot(driver, name, saved, phone=False):
    """Saves a PNG of the viewport to test-output/NAME.png; at 390×844 (a phone, 2× pixels) when asked."""
    OUTPUT.mkdir(exist_ok=True)
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        driver.refresh()
        wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # Let the "new post" highlight of live inserts fade so the picture shows the resting page.
    time.sleep(0.3)
    path = OUTPUT / f"{name}.png"
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    if phone:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    saved.append(path)
    return path


def replies_recorded(crier):
    """The relay's records of replies (state.db), read-only."""
    connection = sqlite3.connect(f"file:{crier.state / 'state.db'}?mode=ro", uri=True, timeout=5)
    try:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(
            "SELECT remoteId, parentRemoteId, authorHandle, text, state, sourceId, noticeReason, noticeRemoteId FROM reply")]
    finally:
        connection.close()


def test_log_in_read_reply_live_and_relay(crier, browsers, capsys):
    started = time.monotonic()
    alice_password, bob_password = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    crier.add_person("alice", "Alice", alice_password)
    crier.add_person("bob", "Bob", bob_password)
    crier.start()
    crier.wait_until_healthy()
    post = crier.bridged_post(POST_TITLE)
    crier.bridged_post(OTHER_TITLE)
    thread_path = f"/@news/{post['id']}"
    saved = []

    alice = browsers("alice")
    bob = browsers("bob")

    # Alice logs in, opens the group from the list of groups and sees the bridged post.
    log_in(alice, crier.url, "alice", alice_password, "/")
    group_link = wait(alice).until(EC.element_to_be_clickable((By.LINK_TEXT, "Company news")))
    group_link.click()
    wait(alice).until(lambda d: path_of(d) == "/@news")
    bridged = wait(alice).until(lambda d: article_with(d, POST_TITLE))
    assert "via intranet.example.com" in bridged.text, bridged.text  # the source badge
    badge = bridged.find_element(By.CSS_SELECTOR, "a.badge")
    assert badge.get_attribute("href") == "https://intranet.example.com/news/canteen"
    assert article_with(alice, OTHER_TITLE) is not None
    # Newest first.
    titles = [a.text for a in alice.find_elements(By.CSS_SELECTOR, "#live article")]
    assert POST_TITLE in titles[0] and OTHER_TITLE in titles[1], titles

    # Bob logs in straight to the thread and keeps it open; a marker on `window` would be lost by
    # any navigation or reload.
    log_in(bob, crier.url, "bob", bob_password, thread_path)
    wait(bob).until(lambda d: article_with(d, POST_TITLE))
    bob.execute_script("window.__noReload = 'bob-' + arguments[0]", secrets.token_hex(4))
    marker = bob.execute_script("return window.__noReload")
    wait_for_stream(bob, "Bob's thread")

    # Alice opens the thread (the post's time links to it) and replies through the form.
    bridged.find_element(By.CSS_SELECTOR, f"a[href='{thread_path}']").click()
    wait(alice).until(lambda d: path_of(d) == thread_path)
    box = wait(alice).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "form.post textarea#reply")))
    box.send_keys(REPLY_TEXT)
    box.find_element(By.XPATH, "./ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(alice).until(lambda d: urllib.parse.urlsplit(d.current_url).fragment.startswith("s"))
    reply_id = urllib.parse.urlsplit(alice.current_url).fragment[1:]
    assert path_of(alice) == thread_path
    mine = wait(alice).until(EC.presence_of_element_located((By.ID, f"s{reply_id}")))
    assert REPLY_TEXT in mine.text and "Alice" in mine.text

    # Bob sees it arrive live, without a reload.
    try:
        live = wait(bob).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#live article#s{reply_id}")))
    except TimeoutException:
        pytest.fail("Alice's reply did not appear live in Bob's open thread", pytrace=False)
    assert REPLY_TEXT in live.text and "Alice" in live.text and "@alice" in live.text, live.text
    # The live script marks what it inserts (on threads, the reply's indented wrapper) as new.
    assert bob.execute_script("return !!arguments[0].closest('.new')", live), "the reply was not inserted by the live script"
    assert bob.execute_script("return window.__noReload") == marker, "Bob's page was reloaded"
    assert path_of(bob) == thread_path

    # The reply reached the relay: the feed takes none, so the group answers it in the thread —
    # live on both pages — and the state database records the reply as noticed.
    for who, driver in (("Bob", bob), ("Alice", alice)):
        try:
            notice = wait(driver).until(lambda d: article_with(d, NOTICE))
        except TimeoutException:
            pytest.fail(f"{who} never saw the relay's notice '{NOTICE}'", pytrace=False)
        assert "@news" in notice.text, notice.text
        # Nested under Alice's reply (depth 2).
        holder = notice.find_element(By.XPATH, "./parent::div[contains(concat(' ', @class, ' '), ' reply ')]")
        style = (holder.get_attribute("style") or "").replace(" ", "")
        assert "margin-left:1rem" in style, style
    assert bob.execute_script("return window.__noReload") == marker, "Bob's page was reloaded"
    records = eventually("the relay's record of the reply", lambda: [
        r for r in replies_recorded(crier) if r["remoteId"] == reply_id and r["state"] == "noticed"], 10)
    assert len(replies_recorded(crier)) == 1
    record = records[0]
    assert record["parentRemoteId"] == post["id"] and record["authorHandle"] == "alice"
    assert record["text"] == REPLY_TEXT
    assert record["noticeReason"] == "the source 'news' does not take replies", record
    assert record["noticeRemoteId"] == notice.get_attribute("id")[1:], record  # the notice shown

    # Screenshots: the thread as Bob sees it (live inserts), then the timeline (desktop, phone).
    bob.execute_script("window.scrollTo(0, 0)")
    screenshot(bob, "browser-thread", saved)
    screenshot(alice, "browser-thread-phone", saved, phone=True)
    alice.get(crier.url + "/@news")
    wait(alice).until(lambda d: article_with(d, POST_TITLE))
    # Direct replies, as Mastodon counts them: Alice's (the notice answers hers).
    assert "1 reply" in article_with(alice, POST_TITLE).text
    screenshot(alice, "browser-timeline", saved)
    screenshot(alice, "browser-timeline-phone", saved, phone=True)
    # Readable on a phone: nothing wider than the screen.
    alice.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    alice.refresh()
    wait(alice).until(lambda d: article_with(d, POST_TITLE))
    scroll_width = alice.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= 390, f"the timeline is {scroll_width} px wide on a 390 px phone"

    with capsys.disabled():
        print()
        for path in saved:
            print(f"screenshot: {path}")
        print(f"browser test took {time.monotonic() - started:.1f} s")
