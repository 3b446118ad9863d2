"""The whole pipeline: every layer's spans point into the text, ids agree, and the fabula/1 contract."""

from __future__ import annotations

import json
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import pytest

import fabula
from fabula.model import Analysis

EXAMPLE = files("fabula").joinpath("data/first-steps-to-recovery.txt")

MARKDOWN = """\
---
title: "Night Drive"
author: Jane Doe
rating: Teen And Up Audiences
---

# Chapter 1

Tara pulled the car over to the side of the road when she heard Willow crying.

"Are you going to be *alright*?" Tara asked.

"I don't know," Willow said, and wiped her face. "I really don't."

---

The house was dark when they got there. Tara carried Willow up the steps and set her on the couch.

"Home sweet home," Tara said.

## Chapter 2

In the morning Willow woke to the smell of coffee. *She stayed*, Willow thought, and smiled.

"Good morning," Tara said from the doorway.
"""

HTML = """\
<!DOCTYPE html>
<html><head><meta charset="UTF-8"/><title>Night Drive</title></head>
<body>
<h1>Night Drive</h1>
<h2>Chapter 1</h2>
<p>Tara pulled the car over to the side of the road when she heard Willow crying.</p>
<p>&ldquo;Are you going to be <em>alright</em>?&rdquo; Tara asked.</p>
<p>&ldquo;I don&rsquo;t know,&rdquo; Willow said, and wiped her face. &ldquo;I really don&rsquo;t.&rdquo;</p>
<hr/>
<p>The house was dark when they got there. Tara carried Willow up the steps &amp; set her on the couch.</p>
<p>&ldquo;Home sweet home,&rdquo; Tara said.</p>
<h2>Chapter 2</h2>
<p>In the morning Willow woke to the smell of coffee. <i>She stayed</i>, Willow thought, and smiled.</p>
<p>&ldquo;Good morning,&rdquo; Tara said from the doorway.</p>
</body></html>
"""


@pytest.fixture(scope="module")
def example() -> Analysis:
    return fabula.read(EXAMPLE)


@pytest.fixture(scope="module")
def markdown(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    path = tmp_path_factory.mktemp("md") / "night-drive.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return fabula.read(path)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    path = tmp_path_factory.mktemp("html") / "night-drive.html"
    path.write_text(HTML, encoding="utf-8")
    return fabula.read(path)


@pytest.fixture(params=["example", "markdown", "html"])
def analysis(request: pytest.FixtureRequest) -> Analysis:
    return request.getfixturevalue(request.param)


# --------------------------------------------------------------------------- spans


def _check_span(text: str, start: int, end: int, span_text: str | None = None) -> None:
    assert 0 <= start <= end <= len(text)
    if span_text is not None:
        assert text[start:end] == span_text


def test_pipeline_every_span_of_every_layer_is_a_slice_of_the_text(analysis: Analysis) -> None:
    story = analysis.story
    text = story.text
    assert story.paragraphs and analysis.quotes and analysis.cast.mentions and analysis.scenes
    for layer in (story.paragraphs, story.breaks, story.italics, analysis.quotes, analysis.cast.mentions):
        for span in layer:
            _check_span(text, span.start, span.end, span.text)
    for span in (*story.chapters, *analysis.scenes):
        _check_span(text, span.start, span.end)


def test_pipeline_paragraphs_and_chapters_are_in_order(analysis: Analysis) -> None:
    story = analysis.story
    for before, after in pairwise(story.paragraphs):
        assert before.end <= after.start
    for before, after in pairwise(story.chapters):
        assert before.end <= after.start
    for marker in story.breaks:
        assert not any(p.start < marker.end and marker.start < p.end for p in story.paragraphs)


def test_pipeline_quotes_in_order_and_never_overlapping(analysis: Analysis) -> None:
    quotes = analysis.quotes
    assert [q.id for q in quotes] == [f"q{n}" for n in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    hosts = [q for q in quotes if q.kind != "embedded"]
    for first, second in pairwise(hosts):
        assert first.end <= second.start
    for quote in quotes:
        assert quote.kind in ("speech", "thought", "written", "embedded")
        paragraph = analysis.story.paragraphs[quote.paragraph]
        assert paragraph.start <= quote.start and quote.end <= paragraph.end
        if quote.kind == "embedded":
            assert any(h.start <= quote.start and quote.end <= h.end for h in hosts)


def test_pipeline_scenes_tile_the_body_in_order(analysis: Analysis) -> None:
    story, scenes = analysis.story, analysis.scenes
    assert [s.id for s in scenes] == [f"s{n}" for n in range(1, len(scenes) + 1)]
    assert scenes[0].start == story.paragraphs[0].start
    assert scenes[-1].end == story.paragraphs[-1].end
    for scene, following in pairwise(scenes):
        assert scene.end == following.start
    for scene in scenes:
        assert scene.start < scene.end
    for paragraph in story.paragraphs:
        assert sum(s.start <= paragraph.start and paragraph.end <= s.end for s in scenes) == 1


def test_pipeline_every_id_a_layer_names_is_a_character(analysis: Analysis) -> None:
    ids = [c.id for c in analysis.cast.characters]
    assert len(ids) == len(set(ids))
    for quote in analysis.quotes:
        assert quote.speaker is None or quote.speaker in ids
        assert set(quote.speakers) <= set(ids)
        assert set(quote.addressees) <= set(ids)
        assert 0.0 <= quote.confidence <= 1.0
    for mention in analysis.cast.mentions:
        assert mention.character in ids
    for scene in analysis.scenes:
        assert set(scene.characters) <= set(ids)


def test_pipeline_markdown_and_html_find_the_same_story(markdown: Analysis, html: Analysis) -> None:
    for analysis, format in ((markdown, "markdown"), (html, "html")):
        assert analysis.story.source.format == format
        assert analysis.story.metadata.title == "Night Drive"
        assert len(analysis.story.chapters) == 2
        assert len(analysis.story.breaks) == 1
        assert [i.text for i in analysis.story.italics] == ["alright", "She stayed"]
        assert {c.name for c in analysis.cast.characters} == {"Tara", "Willow"}
    # Markdown keeps its markup in the text (offsets into the file); HTML gives the extracted text.
    plain = [(q.text.replace("*", ""), q.kind) for q in markdown.quotes]
    assert plain == [(q.text.replace("\u2019", "'"), q.kind) for q in html.quotes]
    for analysis in (markdown, html):
        names = {c.id: c.name for c in analysis.cast.characters}
        speakers = [names.get(q.speaker) for q in analysis.quotes]
        assert speakers == ["Tara", "Willow", "Willow", "Tara", "Willow", "Tara"]


# --------------------------------------------------------------------------- the fabula/1 contract

SOURCE_KEYS = {"path", "format", "sha256"}
METADATA_KEYS = {
    "title",
    "author",
    "rating",
    "warnings",
    "fandoms",
    "relationships",
    "tags",
    "summary",
    "notes",
}
CHARACTER_KEYS = {"id", "name", "aliases", "pronouns", "mentions", "quotes"}
QUOTE_KEYS = {"id", "start", "end", "text", "kind", "speaker", "addressees", "confidence", "cue"}
SCENE_KEYS = {"id", "start", "end", "characters"}


def _check_contract(data: dict, analysis: Analysis) -> None:
    assert data["schema"] == "fabula/1"
    assert {"schema", "source", "metadata", "characters", "quotes", "scenes"} <= set(data)
    assert SOURCE_KEYS <= set(data["source"])
    assert data["source"]["format"] in ("text", "markdown", "html", "epub")
    assert len(data["source"]["sha256"]) == 64
    assert METADATA_KEYS <= set(data["metadata"])
    assert isinstance(data["metadata"]["warnings"], list)
    assert len(data["characters"]) == len(analysis.cast.characters)
    assert len(data["quotes"]) == len(analysis.quotes)
    assert len(data["scenes"]) == len(analysis.scenes)
    ids = {c["id"] for c in data["characters"]}
    for character in data["characters"]:
        assert CHARACTER_KEYS <= set(character)
        assert isinstance(character["aliases"], list)
        assert character["pronouns"] in (None, "she/her", "he/him", "they/them")
    text = analysis.story.text
    for quote in data["quotes"]:
        assert QUOTE_KEYS <= set(quote)
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in ids
        assert set(quote.get("speakers", [])) <= ids and set(quote["addressees"]) <= ids
        assert 0 <= quote["confidence"] <= 1
    for scene in data["scenes"]:
        assert SCENE_KEYS <= set(scene)
        assert set(scene["characters"]) <= ids
    assert json.loads(json.dumps(data)) == data


def test_pipeline_read_gives_the_fabula_1_dict(example: Analysis) -> None:
    data = example.to_dict()
    _check_contract(data, example)
    assert data["source"]["path"] == str(EXAMPLE)
    assert data["source"]["format"] == "text"
    assert data["metadata"]["title"] == "First Steps to Recovery"


def test_pipeline_read_of_markdown_and_html_gives_the_fabula_1_dict(
    markdown: Analysis, html: Analysis
) -> None:
    for analysis in (markdown, html):
        data = analysis.to_dict()
        _check_contract(data, analysis)
        assert Path(data["source"]["path"]).name.startswith("night-drive.")


def test_pipeline_analyse_gives_the_fabula_1_dict() -> None:
    analysis = fabula.analyse(
        'Tara smiled at Willow. "Are you going to be alright?" she asked.\n\n"I don\'t know," Willow said.'
    )
    data = analysis.to_dict()
    _check_contract(data, analysis)
    assert data["source"]["path"] is None and data["source"]["format"] == "text"
    json.dumps(data)


def test_pipeline_analyse_of_markdown_string_keeps_offsets() -> None:
    analysis = fabula.analyse(MARKDOWN, format="markdown")
    assert analysis.story.text == MARKDOWN
    assert analysis.story.source.format == "markdown"
    for quote in analysis.quotes:
        assert MARKDOWN[quote.start : quote.end] == quote.text
    _check_contract(analysis.to_dict(), analysis)


def test_pipeline_dict_has_rating_feelings_and_relations(example: Analysis) -> None:
    data = example.to_dict()
    assert data["rating"]["declared"]["rating"] == example.story.metadata.rating
    feelings = data["feelings"]
    assert set(feelings["quotes"]) == {q.id for q in example.quotes if q.kind != "embedded"}
    assert len(feelings["paragraphs"]) == len(example.story.paragraphs)
    assert set(feelings["scenes"]) == {s.id for s in example.scenes}
    ids = {c.id for c in example.cast.characters}
    assert set(feelings["characters"]) <= ids
    for relation in data["relations"]:
        assert set(relation["characters"]) <= ids and len(relation["characters"]) == 2
        assert -1 <= relation["valence"] <= 1 and relation["lines"] == sum(relation["lines_each_way"])
        assert relation["label"] in (None, "affection", "care", "conflict", "hostility", "fear")


def test_pipeline_read_reports_each_stage_and_a_share_that_only_grows(tmp_path: Path) -> None:
    story = tmp_path / "long.txt"
    paragraph = 'Mara looked at the sea. "It is cold," she said to Ivo.'
    story.write_text("\n\n".join([paragraph] * 300), encoding="utf-8")
    heard: list[tuple[str, float]] = []
    fabula.read(story, progress=lambda stage, done: heard.append((stage, done)))
    stages = list(dict.fromkeys(stage for stage, _ in heard))
    assert stages == ["parse", "quotes", "characters", "scenes", "speakers", "called names", "feelings", "relations", "content", "done"]
    shares = [done for _, done in heard]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert sum(stage == "parse" for stage, _ in heard) > 3  # the parse, the long part, moves the bar itself
