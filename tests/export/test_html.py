"""render_report: one self-contained page that shows the cast, the text and its speakers, and that no
story can turn into a page that runs code or fetches anything."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import fabula
from fabula.export.html import render_report
from fabula.pipeline import read

EXAMPLE = Path(fabula.__file__).parent / "data" / "first-steps-to-recovery.txt"

HOSTILE_TEXT = """Title: </title><script>window.pwned = 1</script>
Author: <img src=x onerror="window.pwned = 2">
Rating: </style><script>window.pwned = 3</script>

Zoe <b>waited</b> by the door. <script>window.pwned = 4</script>

"<img src=x onerror='window.pwned = 5'>," said Zoe. "Click <a href="javascript:window.pwned = 6">here</a>."

Marcus shrugged. "</span></p><script>window.pwned = 7</script>" he said to Zoe.

"[link](javascript:window.pwned = 8) and <iframe src=https://example.com/></iframe>," Zoe said.
"""


@pytest.fixture(scope="module")
def example():
    analysis = read(EXAMPLE)
    return analysis, render_report(analysis)


@pytest.fixture(scope="module")
def hostile():
    analysis = fabula.analyse(HOSTILE_TEXT)
    return analysis, render_report(analysis)


class _Page(HTMLParser):
    """What a browser would build: tags, attributes, and the text inside the story section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.story_text: list[str] = []
        self._depth = 0  # inside <div class="story">, counting nested divs
        self._skip = 0  # inside a scene-break marker or a chapter heading, which are ours

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if self._depth:
            self._depth += tag == "div"
            self._skip += tag == "h3" or attributes.get("class") == "scene-break"
        elif tag == "div" and attributes.get("class") == "story":
            self._depth = 1

    def handle_endtag(self, tag):
        if self._depth and tag in ("div", "h3"):
            self._skip -= bool(self._skip)
            self._depth -= tag == "div"

    def handle_data(self, data):
        if self._depth and not self._skip:
            self.story_text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def test_report_shows_the_whole_text_unchanged(example):
    analysis, page = example
    shown = "".join(_parse(page).story_text)
    story = analysis.story
    assert shown == "".join(story.text[p.start : p.end] for p in story.paragraphs)


def test_every_line_is_wrapped_with_its_speaker_and_details(example):
    analysis, page = example
    names = {c.id: c.name for c in analysis.cast.characters}
    spans = [a for tag, a in _parse(page).tags if tag == "span" and "data-tip" in a]
    lines = [q for q in analysis.quotes if q.kind != "embedded"]
    assert len(spans) == len(lines)
    for quote, span in zip(lines, spans):
        assert (f"s-{quote.speaker}" if quote.speaker else "s-none") in span["class"].split()
        for speaker in quote.speakers or (quote.speaker,):
            assert (names[speaker] if speaker else "unknown") in span["data-tip"]
        for addressee in quote.addressees:
            assert names[addressee] in span["data-tip"]
        assert f"{quote.confidence:.2f}" in span["data-tip"]
        assert span["tabindex"] == "0"


def test_cast_cards_for_speakers_and_mentioned_ones_apart(example):
    analysis, page = example
    cards = re.findall(r'<article class="card[^"]*"[^>]*><h3>([^<]+)', page)
    assert cards[:3] == ["Willow", "Tara", "Julie"]
    mentioned = re.search(r"Only mentioned:</strong> ([^<]+)", page).group(1)
    assert {"Buffy", "Xander"} <= set(mentioned.split(", "))
    assert not {"Buffy", "Xander"} & set(cards)


def test_report_fetches_nothing_and_only_its_own_script_may_run(example):
    _, page = example
    tags = _parse(page).tags
    for tag, attributes in tags:
        for name in ("src", "href", "srcset", "action", "data"):
            value = attributes.get(name) or ""
            assert not value or value.startswith("#"), (tag, attributes)
    policy = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert sum(1 for t, _ in tags if t == "script") == 1


def test_hostile_story_is_shown_as_text_and_adds_no_markup(hostile):
    analysis, page = hostile
    tags = _parse(page).tags
    assert sum(1 for t, _ in tags if t == "script") == 1
    assert not [t for t, _ in tags if t in ("img", "iframe", "b")]
    assert not [a for _, a in tags for k in a if k.startswith("on")]
    assert not [a for _, a in tags if "javascript:" in (a.get("href") or "")]
    assert "&lt;/title&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    shown = "".join(_parse(page).story_text)
    assert "<script>window.pwned = 4</script>" in shown
    assert analysis.story.metadata.title and "<script>" in analysis.story.metadata.title


def test_report_of_a_story_without_dialogue():
    analysis = fabula.analyse("The rain fell all night on the empty town.\n\nNobody came.\n")
    page = render_report(analysis)
    assert "No exchanges between characters were found." in page
    assert "".join(_parse(page).story_text) == "The rain fell all night on the empty town.Nobody came."


def test_report_says_why_declared_warnings_differ_from_the_proposal():
    fight = "She punched him in the face and he stabbed at her with the knife, and blood ran from the wound. " * 4
    story = "Title: Night Road\nWarnings: No Archive Warnings Apply\n\n" + "\n\n".join(
        [fight + "He kicked her when she fell and she choked, her ribs broken, the blade at her throat."] * 3)
    page = render_report(fabula.analyse(story))
    row = re.search(r"<th scope=\"row\">Why the warnings differ</th><td>([^<]*)</td>", page)
    assert row and "not declared: Graphic Depictions Of Violence" in row.group(1)


# --------------------------------------------------------------------------- in a real browser

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium (Debian's chromium and chromium-driver, which `make test` installs)."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("headless Chromium is missing: run `make test`, which installs chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1800",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def _open(browser, page: str, path: Path) -> tuple[list[dict], list[str]]:
    """Load the page from disk; the console messages and every URL the page asked for."""
    import json

    path.write_text(page, encoding="utf-8")
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(path.as_uri())
    console = browser.get_log("browser")
    requests = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message["params"]
        if message["method"] == "Network.requestWillBeSent" and params.get("documentURL") == path.as_uri():
            requests.append(params["request"]["url"])
    return console, requests


def test_browser_loads_the_report_with_no_errors_and_no_network(browser, example, tmp_path):
    _, page = example
    console, requests = _open(browser, page, tmp_path / "report.html")
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    assert set(requests) <= {(tmp_path / "report.html").as_uri()}
    names = [e.text for e in browser.find_elements("css selector", ".card h3")]
    assert names[:3] == ["Willow", "Tara", "Julie"]
    first = browser.find_element("css selector", ".story p")
    assert first.is_displayed() and "Tara pulled her car over" in first.text


def test_browser_screenshot_is_not_blank(browser, example, tmp_path):
    import io

    from PIL import Image

    _open(browser, example[1], tmp_path / "report.html")
    image = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    background = max(count for count, _ in colours)
    assert len(colours) > 100
    assert background < 0.95 * image.width * image.height


def test_browser_focus_shows_speaker_and_filter_follows_one_character(browser, example, tmp_path):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    analysis, page = example
    _open(browser, page, tmp_path / "report.html")
    tara = next(c.id for c in analysis.cast.characters if c.name == "Tara")
    line = browser.find_element("css selector", f".story .q.s-{tara}")
    browser.execute_script("arguments[0].focus()", line)
    tip = browser.find_element("id", "tip")
    assert tip.is_displayed() and tip.text.startswith("Tara says to")
    line.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()

    Select(browser.find_element("id", "follow")).select_by_visible_text("Tara")
    assert browser.find_element("tag name", "body").get_attribute("data-follow") == tara
    other = browser.find_element("css selector", f".story .q:not(.s-{tara})")
    WebDriverWait(browser, 2).until(lambda _: float(other.value_of_css_property("opacity")) < 0.5)
    browser.find_element("id", "next").click()
    focused = browser.switch_to.active_element
    assert f"s-{tara}" in focused.get_attribute("class").split()


def test_browser_report_fits_a_phone_screen(browser, example, tmp_path):
    _open(browser, example[1], tmp_path / "report.html")
    browser.set_window_size(390, 844)
    try:
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
    finally:
        browser.set_window_size(1280, 1800)


def test_browser_hostile_story_runs_nothing(browser, hostile, tmp_path):
    console, requests = _open(browser, hostile[1], tmp_path / "hostile.html")
    assert browser.execute_script("return window.pwned === undefined")
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    assert set(requests) <= {(tmp_path / "hostile.html").as_uri()}
    assert "</title><script>window.pwned = 1</script>" in browser.title
    for link in browser.find_elements("css selector", "#text a"):
        assert not (link.get_attribute("href") or "").startswith("javascript:")


def test_network_of_a_crowded_cast_leaves_out_one_line_exchanges_without_failing():
    names = ["Ben", "Cara", "Dan", "Eve", "Finn", "Gus", "Hal", "Ida", "Jon", "Kim", "Lea"]
    lines = ["Anna sat at the head of the long table and greeted her guests one by one."]
    for name in names:
        lines += [f'"Good evening, Anna," said {name}.', f'"Good evening, {name}," said Anna.']
    lines.append('"Good evening, Anna," said Zed, and left at once.')
    analysis = fabula.analyse("\n\n".join(lines))
    by_name = {c.name: c.id for c in analysis.cast.characters}
    assert {"Anna", "Zed", *names} <= set(by_name)
    page = render_report(analysis)
    network = page[page.index('<section id="network">'):page.index("</section>", page.index('<section id="network">'))]
    assert network.count("<line ") == len(names)
    assert "Zed to Anna" not in network.split("<table")[0]
