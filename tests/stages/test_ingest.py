"""Ingest: every format to a Story whose spans all point into its text."""

from __future__ import annotations

import hashlib
import textwrap
import time
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fabula.errors import InputError
from fabula.model import Story
from fabula.pipeline import analyse
from fabula.stages.formats import epub as epub_module
from fabula.stages.ingest import ingest, ingest_text

# --------------------------------------------------------------------------- helpers


def assert_offsets(story: Story) -> Story:
    """Every span of every layer is ``text[start:end]``; paragraphs stripped, ordered, apart from breaks;
    italics inside paragraphs."""
    text = story.text
    for layer in (story.paragraphs, story.breaks, story.italics):
        for span in layer:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
    for paragraph in story.paragraphs:
        assert paragraph.text and paragraph.text == paragraph.text.strip()
    for before, after in zip(story.paragraphs, story.paragraphs[1:]):
        assert before.end <= after.start
    for marker in story.breaks:
        assert not any(p.start < marker.end and marker.start < p.end for p in story.paragraphs)
    for italic in story.italics:
        assert any(p.start <= italic.start and italic.end <= p.end for p in story.paragraphs)
    for chapter in story.chapters:
        assert 0 <= chapter.start <= chapter.end <= len(text)
    return story


def read(tmp_path: Path, name: str, data: bytes | str) -> Story:
    """Write ``data`` (str as UTF-8) to ``tmp_path/name`` and ingest it, checking every offset."""
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return assert_offsets(ingest(path))


def texts(spans) -> list[str]:
    return [span.text for span in spans]


def chapter_texts(story: Story) -> list[str]:
    return [story.text[c.start : c.end] for c in story.chapters]


def wrapped(paragraph: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(paragraph, width))


PROSE = (
    "Willow looked up from the book and found the library empty. The lamps were low and "
    "the rain kept on at the tall windows, as it had since noon, and somewhere a door banged."
)

# --------------------------------------------------------------------------- decoding


def test_ingest_utf8_text_is_kept_unchanged_crlf_included(tmp_path):
    raw = "First paragraph here.\r\n\r\nSecond one,\r\nstill second.\r\n"
    story = read(tmp_path, "s.txt", raw)
    assert story.text == raw
    assert texts(story.paragraphs) == ["First paragraph here.", "Second one,\r\nstill second."]


def test_ingest_utf8_bom_is_stripped_by_decoding(tmp_path):
    story = read(tmp_path, "s.txt", b"\xef\xbb\xbf" + "Caf\u00e9 au lait.\n\nMore.".encode())
    assert story.text == "Caf\u00e9 au lait.\n\nMore."
    assert story.paragraphs[0].text == "Caf\u00e9 au lait."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_ingest_utf16_with_bom(tmp_path, codec):
    raw = "\u201cHello,\u201d said Tara.\n\nWillow smiled."
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    story = read(tmp_path, "s.txt", bom + raw.encode(codec))
    assert story.text == raw
    assert texts(story.paragraphs) == ["\u201cHello,\u201d said Tara.", "Willow smiled."]


def test_ingest_utf16_without_bom_is_recognised(tmp_path):
    raw = "Willow smiled at Tara.\n\nTara smiled back."
    story = read(tmp_path, "s.txt", raw.encode("utf-16-le"))
    assert story.text == raw


def test_ingest_cp1252_smart_quotes(tmp_path):
    story = read(tmp_path, "s.txt", b"\x93Are you alright?\x94 she asked.\n\nIt\x92s fine.")
    assert story.paragraphs[0].text == "\u201cAre you alright?\u201d she asked."
    assert story.paragraphs[1].text == "It\u2019s fine."


def test_ingest_latin1_when_cp1252_cannot_decode(tmp_path):
    story = read(tmp_path, "s.txt", b"Caf\xe9 \x81 noir.\n\nDone.")
    assert story.paragraphs[0].text == "Caf\u00e9 \x81 noir."


def test_ingest_utf8_with_a_stray_cp1252_byte_keeps_both(tmp_path):
    data = "Caf\u00e9 cr\u00e8me and na\u00efve.".encode() + b" \x93Hi.\x94\n\nEnd."
    story = read(tmp_path, "s.txt", data)
    assert story.paragraphs[0].text == "Caf\u00e9 cr\u00e8me and na\u00efve. \u201cHi.\u201d"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Once upon\x00 a time\x00\x01\x02", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"", "empty"),
        (b"  \r\n\n\t \n", "empty"),
        (b"Title: Only a header\nAuthor: Me\n", "no story text"),
    ],
)
def test_ingest_unreadable_input_raises_input_error(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        ingest(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message and ";" in message


def test_ingest_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        ingest(tmp_path / "nope.txt")


def test_ingest_zip_that_is_not_an_epub_raises(tmp_path):
    path = tmp_path / "stories.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("story.txt", "Hello.")
    with pytest.raises(InputError, match="not an EPUB"):
        ingest(path)


# --------------------------------------------------------------------------- paragraphs


def test_ingest_blank_line_paragraphs_are_stripped(tmp_path):
    story = read(tmp_path, "s.txt", "\n\n   First one.  \n\n\n\tSecond one.\t\n\n")
    assert texts(story.paragraphs) == ["First one.", "Second one."]


def test_ingest_one_paragraph_per_line_without_blank_lines(tmp_path):
    lines = [
        '"Hi," she said.',
        "He nodded.",
        "They walked to the car together without another word between them.",
    ]
    story = read(tmp_path, "s.txt", "\n".join(lines))
    assert texts(story.paragraphs) == lines


@pytest.mark.parametrize("name", ["s.txt", "s.md"])
def test_ingest_a_chat_log_with_no_blank_lines_is_one_paragraph_per_message(tmp_path, name):
    messages = ["**Lena:** are you alive", "**Lena:** answer me", "**Me:** working. some nurse just flirted"]
    text = "My phone buzzed as soon as she had gone.\n\n" + "\n".join(messages) + "\n\nI put the phone down.\n"
    story = read(tmp_path, name, text)
    assert texts(story.paragraphs) == ["My phone buzzed as soon as she had gone.", *messages, "I put the phone down."]


def test_ingest_a_block_of_labels_each_named_once_stays_one_paragraph(tmp_path):
    notes = "Pairing: Nell/Kate\nWarnings: none that apply\nBeta: my sister"
    story = read(tmp_path, "s.txt", f"Nell left early.\n\n{notes}\n\nKate stayed behind.\n")
    assert texts(story.paragraphs) == ["Nell left early.", notes, "Kate stayed behind."]


def test_ingest_hard_wrapped_novel_gives_one_paragraph_per_block(tmp_path):
    blocks = [wrapped(PROSE + " " + PROSE), wrapped(PROSE.upper()), wrapped("Short last paragraph.")]
    story = read(tmp_path, "novel.txt", "\n\n".join(blocks) + "\n")
    assert texts(story.paragraphs) == blocks
    assert "\n" in story.paragraphs[0].text


def test_ingest_hard_wrapped_indented_paragraphs_without_blank_lines(tmp_path):
    first, second = wrapped("  " + PROSE + " " + PROSE), wrapped("  " + PROSE)
    story = read(tmp_path, "novel.txt", first + "\n" + second + "\n")
    assert len(story.paragraphs) == 2
    assert story.paragraphs[1].text == second.strip()


# --------------------------------------------------------------------------- plain-text header


def test_ingest_seed_story_from_the_packaged_copy():
    with resources.as_file(resources.files("fabula") / "data" / "first-steps-to-recovery.txt") as path:
        story = assert_offsets(ingest(path))
    assert story.metadata.title == "First Steps to Recovery"
    assert story.metadata.author == "Willow Watcher"
    assert story.metadata.rating == "NC-17"
    assert ("rating_reasons", "sexual content and violence") in story.metadata.extra
    assert story.paragraphs[0].text.startswith("Tara pulled her car over")
    assert story.text.startswith("First Steps to Recovery")


def test_ingest_archive_header_labels_any_order_and_case(tmp_path):
    raw = (
        "A Night at the Bronze\n\n"
        "AUTHOR: Jane Doe <jane@example.com>\n"
        "pairing: Willow/Tara, Buffy/Spike\n"
        "Warnings: violence, character death\n"
        "Characters: Willow, Tara\n"
        "Category: Romance, Angst\n"
        "Rating: PG-13\n"
        "Summary: Willow meets Tara.\n"
        "A/N: My first fic.\n"
        "Disclaimer: Not mine.\n"
        "Feedback: Yes please\n"
        "\n"
        "The Bronze was loud that night.\n\nWillow: she would not go home.\n"
    )
    story = read(tmp_path, "s.txt", raw)
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("A Night at the Bronze", "Jane Doe", "PG-13")
    assert meta.relationships == ("Willow/Tara", "Buffy/Spike")
    assert meta.warnings == ("violence", "character death")
    assert meta.characters == ("Willow", "Tara")
    assert meta.categories == ("Romance", "Angst")
    assert (meta.summary, meta.notes) == ("Willow meets Tara.", "My first fic.")
    extra = dict(meta.extra)
    assert extra["disclaimer"] == "Not mine." and extra["feedback"] == "Yes please"
    assert extra["email"] == "jane@example.com"
    assert texts(story.paragraphs) == ["The Bronze was loud that night.", "Willow: she would not go home."]
    assert story.paragraphs[0].start == raw.index("The Bronze")


def test_ingest_header_value_wraps_onto_unlabelled_lines(tmp_path):
    summary = "Willow and Tara find a spell book in the library and nothing goes as planned, not even lunch."
    lines = textwrap.wrap("Summary: " + summary, 78)
    raw = "Title: Spellbound\n" + "\n".join(lines) + "\nRating: G\nIt began on a Tuesday.\n"
    story = read(tmp_path, "s.txt", raw)
    assert len(lines) > 1
    assert story.metadata.summary == summary
    assert texts(story.paragraphs) == ["It began on a Tuesday."]


def test_ingest_header_with_separators_blank_lines_and_an_empty_label(tmp_path):
    raw = (
        "Title: Moonlight\n=====================\nAuthor: Someone\n\nRating: R for violence\n\n"
        "Summary:\nBuffy goes patrolling.\n\nDisclaimer: Joss owns all.\n*************\n"
        "Chapter 1\nBuffy walked through the cemetery.\n\nShe stopped.\n* * *\nLater, at home.\n\n"
        "The End\n\nA/N: Review please!\n"
    )
    story = read(tmp_path, "s.txt", raw)
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("Moonlight", "Someone", "R")
    assert meta.summary == "Buffy goes patrolling." and meta.notes == "Review please!"
    assert dict(meta.extra)["rating_reasons"] == "violence"
    assert texts(story.paragraphs) == [
        "Buffy walked through the cemetery.",
        "She stopped.",
        "Later, at home.",
    ]
    assert texts(story.breaks) == ["* * *"]
    assert [c.title for c in story.chapters] == ["Chapter 1"]


def test_ingest_markdown_bold_labels_make_a_header(tmp_path):
    story = read(tmp_path, "s.md", "**Title:** Moon\n**Rating:** M\n**Pairing:** Buffy/Faith\n\nShe ran.")
    meta = story.metadata
    assert (meta.title, meta.rating, meta.relationships) == ("Moon", "M", ("Buffy/Faith",))
    assert texts(story.paragraphs) == ["She ran."]


def test_ingest_prose_with_a_colon_is_not_a_header(tmp_path):
    story = read(tmp_path, "s.txt", "Tara had one rule: never look back.\n\nShe looked back.")
    assert story.metadata.title is None and story.metadata.extra == ()
    assert texts(story.paragraphs) == ["Tara had one rule: never look back.", "She looked back."]


def test_ingest_short_first_line_without_labels_is_a_paragraph(tmp_path):
    story = read(tmp_path, "s.txt", "It rained.\n\nBy the time she got home, the rain had stopped.")
    assert story.metadata.title is None and story.metadata.author is None
    assert len(story.paragraphs) == 2


@pytest.mark.parametrize(
    ("value", "rating", "reasons"),
    [
        ("NC-17 sexual content and violence.", "NC-17", "sexual content and violence"),
        ("PG-13", "PG-13", None),
        ("R (violence, language)", "R", "violence, language"),
        ("K+ for mild language", "K+", "mild language"),
        ("T", "T", None),
        ("Teen And Up Audiences", "Teen And Up Audiences", None),
        ("Mature - for themes", "Mature", "themes"),
        ("Adults only", "Adults only", None),
    ],
)
def test_ingest_rating_kept_and_reasons_split(value, rating, reasons):
    story = assert_offsets(ingest_text(f"Title: X\nRating: {value}\n\nThe story."))
    assert story.metadata.rating == rating
    assert dict(story.metadata.extra).get("rating_reasons") == reasons


def test_ingest_fanficfare_txt(tmp_path):
    summary = "Willow and Tara find a spell book in the library and nothing goes as planned, not even lunch."
    raw = "\r\n".join(
        [
            "", "", "", "Spellbound", "", "by Jane Doe", "", "",
            "Category: Buffy the Vampire Slayer",
            "Genre: Fluff, Romance",
            "Characters: Willow Rosenberg, Tara Maclay",
            "Relationships: Willow Rosenberg/Tara Maclay",
            "Status: Completed",
            "Rating: Teen And Up Audiences",
            "Warnings: No Archive Warnings Apply",
            *textwrap.wrap("Summary: " + summary, 78),
            "", "", "", "", "", "TABLE OF CONTENTS", "", "", "Chapter 1", "", "Chapter 2", "", "", "", "",
            "        Chapter 1", "", "Willow opened the _old_ book.", "", "* * *", "", "Tara laughed.",
            "", "", "        Chapter 2", "", "The end of lunch came fast.", "", "", "End file.", "",
        ]
    )  # fmt: skip
    story = read(tmp_path, "spellbound.txt", raw)
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("Spellbound", "Jane Doe", "Teen And Up Audiences")
    assert meta.fandoms == ("Buffy the Vampire Slayer",) and meta.categories == ()
    assert meta.tags == ("Fluff", "Romance")
    assert meta.relationships == ("Willow Rosenberg/Tara Maclay",)
    assert meta.warnings == ("No Archive Warnings Apply",)
    assert meta.summary == summary
    assert texts(story.paragraphs) == [
        "Willow opened the _old_ book.",
        "Tara laughed.",
        "The end of lunch came fast.",
    ]
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]
    assert chapter_texts(story)[0].endswith("Tara laughed.")
    assert texts(story.breaks) == ["* * *"] and texts(story.italics) == ["old"]


# --------------------------------------------------------------------------- markers and headings


@pytest.mark.parametrize(
    "marker",
    ["***", "* * *", "~~~", "-----", "= = = =", "+++", "___", "xXx", "o0o", "oOo", "#", "§", "*", "~*~*~"],
)
def test_ingest_scene_break_marker_lines(tmp_path, marker):
    story = read(tmp_path, "s.txt", f"Before the break.\n\n   {marker}   \n\nAfter the break.\n")
    assert texts(story.paragraphs) == ["Before the break.", "After the break."]
    assert texts(story.breaks) == [marker]


def test_ingest_marker_between_lines_of_a_one_per_line_story(tmp_path):
    story = read(tmp_path, "s.txt", "One.\nTwo.\n***\nThree.\nFour.")
    assert texts(story.paragraphs) == ["One.", "Two.", "Three.", "Four."]
    assert texts(story.breaks) == ["***"]


@pytest.mark.parametrize(
    "heading", ["Chapter 1", "Chapter One: The Bronze", "CHAPTER I.", "Part 2", "Prologue"]
)
def test_ingest_plain_text_chapter_headings(tmp_path, heading):
    raw = f"{heading}\n\nFirst words.\n\nMore words.\n\nChapter 9\n\nLast words.\n"
    story = read(tmp_path, "s.txt", raw)
    assert [c.title for c in story.chapters] == [heading, "Chapter 9"]
    assert chapter_texts(story)[0] == f"{heading}\n\nFirst words.\n\nMore words."
    assert texts(story.paragraphs) == ["First words.", "More words.", "Last words."]


def test_ingest_novel_headings_with_subtitles_and_bare_numerals(tmp_path):
    raw = (
        "CHAPTER I.\nDown the Rabbit-Hole\n\nAlice was tired.\n\n"
        "II.\n\nShe fell.\n\nIII\nThe Pool\n\nShe cried.\n"
    )
    story = read(tmp_path, "alice.txt", raw)
    assert [c.title for c in story.chapters] == ["CHAPTER I. Down the Rabbit-Hole", "II.", "III The Pool"]
    assert texts(story.paragraphs) == ["Alice was tired.", "She fell.", "She cried."]


def test_ingest_sentence_under_a_heading_stays_a_paragraph(tmp_path):
    story = read(tmp_path, "s.txt", "Chapter 1\nShe walked in.\n\nShe sat down.\n")
    assert [c.title for c in story.chapters] == ["Chapter 1"]
    assert texts(story.paragraphs) == ["She walked in.", "She sat down."]


def test_ingest_one_line_paragraphs_with_chapter_lines(tmp_path):
    story = read(tmp_path, "s.txt", "Chapter 1\nShe ran.\nHe hid.\nChapter 2\nThey met.\n")
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]
    assert texts(story.paragraphs) == ["She ran.", "He hid.", "They met."]
    assert chapter_texts(story) == ["Chapter 1\nShe ran.\nHe hid.", "Chapter 2\nThey met."]


def test_ingest_prose_that_starts_like_a_heading_stays_a_paragraph(tmp_path):
    story = read(
        tmp_path, "s.txt", "Part of me wanted to stay.\n\nChapter 1 was the hardest to write, she said."
    )
    assert story.chapters == ()
    assert len(story.paragraphs) == 2


@pytest.mark.parametrize("closing", ["The End", "End file.", "~Fin~", "THE END."])
def test_ingest_closing_line_is_not_a_paragraph(tmp_path, closing):
    story = read(tmp_path, "s.txt", f"They kissed.\n\n{closing}\n")
    assert texts(story.paragraphs) == ["They kissed."]


def test_ingest_author_note_paragraphs_go_to_notes(tmp_path):
    story = read(tmp_path, "s.txt", "Story text.\n\nA/N: Thanks for reading!\n")
    assert texts(story.paragraphs) == ["Story text."]
    assert story.metadata.notes == "Thanks for reading!"


def test_ingest_asterisk_emphasis_in_plain_text_is_italics(tmp_path):
    story = read(tmp_path, "s.txt", "*I love her*, she thought. Not **this** one, 2 * 3 * 4.")
    assert texts(story.italics) == ["I love her"]


# --------------------------------------------------------------------------- Markdown


def test_ingest_markdown_keeps_text_and_maps_italics_breaks_chapters(tmp_path):
    raw = (
        '---\ntitle: "Spellbound"\nauthor: Jane Doe\nrating: Explicit\ntags: [Fluff, Magic]\n'
        "warnings:\n  - Major Character Death\ncharacters:\n- Willow\n- Tara\n"
        "summary: >\n  Willow finds\n  a book.\n"
        "---\n\n"
        "# Chapter 1\n\nShe was *very* tired and **not** amused, said_the_file.\n\n---\n\n"
        "It was _truly_ over, ***really***.\n\n## Chapter 2\n\nThe end came.\n"
    )
    story = read(tmp_path, "s.md", raw)
    assert story.text == raw and story.source.format == "markdown"
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("Spellbound", "Jane Doe", "Explicit")
    assert meta.tags == ("Fluff", "Magic") and meta.warnings == ("Major Character Death",)
    assert meta.characters == ("Willow", "Tara") and meta.summary == "Willow finds a book."
    assert texts(story.italics) == ["very", "truly", "really"]
    assert texts(story.breaks) == ["---"]
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]
    assert story.paragraphs[0].text.startswith("She was *very*")
    assert not any(p.text.startswith("#") for p in story.paragraphs)


def test_ingest_markdown_lone_top_heading_is_the_title(tmp_path):
    story = read(tmp_path, "s.markdown", "# Spellbound\n\n## One\n\nText one.\n\n## Two\n\nText two.\n")
    assert story.metadata.title == "Spellbound"
    assert [c.title for c in story.chapters] == ["One", "Two"]


# --------------------------------------------------------------------------- HTML

AO3_HTML = """<!DOCTYPE html>
<html><head><meta charset="UTF-8"/><title>Spellbound - Jane Doe - Buffy</title></head>
<body>
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message"><b>Spellbound</b><br/>Posted originally on the
     <a href="https://archiveofourown.org/">Archive of Our Own</a> at
     <a href="https://archiveofourown.org/works/1">https://archiveofourown.org/works/1</a>.</p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt><dd><a href="/tags/Mature">Mature</a></dd>
      <dt>ARCHIVE WARNINGS:</dt>
      <dd><a href="/tags/x">Graphic Depictions Of Violence</a>, <a href="/tags/y">Underage</a></dd>
      <dt>Category:</dt><dd><a href="/tags/F*s*F">F/F</a></dd>
      <dt>Fandom:</dt><dd><a href="/tags/b">Buffy the Vampire Slayer</a></dd>
      <dt>Relationship:</dt><dd><a href="/tags/r">Willow Rosenberg/Tara Maclay</a></dd>
      <dt>Characters:</dt><dd><a href="/tags/w">Willow Rosenberg</a>, <a href="/tags/t">Tara Maclay</a></dd>
      <dt>Additional Tags:</dt><dd><a href="/tags/f">Fluff</a>, <a href="/tags/m">Magic</a></dd>
      <dt>Language:</dt><dd>English</dd>
      <dt>Series:</dt><dd>Part 2 of <a href="/series/9">Sunnydale Days</a></dd>
      <dt>Stats:</dt><dd>Published: 2020-01-01 Completed: 2020-02-01 Words: 3,261 Chapters: 2/2</dd>
    </dl>
    <h1>Spellbound</h1>
    <div class="byline">by <a rel="author" href="/users/jd/pseuds/JD">Jane Doe (jdoe)</a></div>
    <p>Summary</p>
    <blockquote class="userstuff"><p>Willow finds a <em>book</em>.</p></blockquote>
    <p>Notes</p>
    <blockquote class="userstuff"><p>For my wife.</p></blockquote>
  </div>
</div>
<div id="chapters" class="userstuff">
  <div class="meta group">
    <h2 class="heading">Chapter 1: The Library</h2>
    <p>Chapter Notes</p>
    <blockquote class="userstuff"><p>Chapter note text.</p></blockquote>
  </div>
  <!--chapter content-->
  <div class="userstuff">
    <p>Willow opened the <em>old</em> book.</p>
    <p>   Tara   laughed. </p>
    <hr/>
    <p>Later<br/>that night.</p>
  </div>
  <!--/chapter content-->
  <div class="meta" id="endnotes1"><p>Chapter End Notes</p><blockquote><p>End of one.</p></blockquote></div>
  <div class="meta group"><h2 class="heading">Chapter 2</h2></div>
  <div class="userstuff"><p>The <i>second</i> chapter.</p></div>
</div>
<div id="afterword"><h2 class="toc-heading">Afterword</h2>
  <div class="meta"><div id="endnotes"><p>End Notes</p>
    <blockquote class="userstuff"><p>Bye!</p></blockquote></div></div>
  <p class="message">Please drop by the archive and comment.</p>
</div>
</body></html>
"""


def test_ingest_ao3_html_metadata(tmp_path):
    story = read(tmp_path, "work.html", AO3_HTML)
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("Spellbound", "Jane Doe", "Mature")
    assert meta.warnings == ("Graphic Depictions Of Violence", "Underage")
    assert meta.categories == ("F/F",) and meta.fandoms == ("Buffy the Vampire Slayer",)
    assert meta.relationships == ("Willow Rosenberg/Tara Maclay",)
    assert meta.characters == ("Willow Rosenberg", "Tara Maclay") and meta.tags == ("Fluff", "Magic")
    assert meta.language == "English"
    assert (meta.summary, meta.notes) == ("Willow finds a book.", "For my wife.")
    extra = dict(meta.extra)
    assert extra["series"] == "Part 2 of Sunnydale Days" and extra["words"] == "3,261"
    assert extra["end_notes"] == "Bye!"
    assert story.source.format == "html"


def test_ingest_ao3_html_body_is_only_the_chapters_text(tmp_path):
    story = read(tmp_path, "work.html", AO3_HTML)
    assert texts(story.paragraphs) == [
        "Willow opened the old book.",
        "Tara laughed.",
        "Later",
        "that night.",
        "The second chapter.",
    ]
    assert [c.title for c in story.chapters] == ["Chapter 1: The Library", "Chapter 2"]
    assert chapter_texts(story)[1] == "Chapter 2\n\nThe second chapter."
    assert texts(story.italics) == ["old", "second"]
    assert len(story.breaks) == 1
    for unwanted in ("note", "Summary", "Preface", "Bye", "Spellbound", "Please drop"):
        assert unwanted not in story.text


def test_ingest_ao3_html_single_chapter_anonymous_old_warning(tmp_path):
    page = """<html><body><div id="preface"><p class="message"><b>Alone</b></p><div class="meta">
      <dl class="tags"><dt>Archive Warning:</dt><dd><a>Choose Not To Use Archive Warnings</a></dd></dl>
      <div class="byline">by Anonymous</div></div></div>
      <div id="chapters" class="userstuff"><div class="userstuff"><p>Only text.</p></div></div>
      </body></html>"""
    story = read(tmp_path, "work.htm", page)
    assert story.metadata.title == "Alone" and story.metadata.author == "Anonymous"
    assert story.metadata.warnings == ("Choose Not To Use Archive Warnings",)
    assert story.chapters == () and texts(story.paragraphs) == ["Only text."]


def test_ingest_generic_html_by_blocks(tmp_path):
    page = """<html><head><title>Page</title><style>p {}</style><script>var x = "no";</script></head>
      <body><nav>Home | Next</nav><header>Site name</header>
      <h1>Chapter One</h1><p>She <em>ran</em>.<br>He <i>walked</i>.</p>
      <div>A div line.</div><hr><ul><li>An item</li></ul>
      <h2>Chapter Two</h2><blockquote>Quoted.</blockquote><p>* * *</p><p>Final.</p>
      <footer>Copyright</footer></body></html>"""
    story = read(tmp_path, "page.txt", page)
    assert story.source.format == "html"
    assert texts(story.paragraphs) == [
        "She ran.",
        "He walked.",
        "A div line.",
        "An item",
        "Quoted.",
        "Final.",
    ]
    assert texts(story.italics) == ["ran", "walked"]
    assert len(story.breaks) == 2
    assert [c.title for c in story.chapters] == ["Chapter One", "Chapter Two"]
    assert "Home" not in story.text and "Copyright" not in story.text and "var x" not in story.text


# --------------------------------------------------------------------------- EPUB

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def page(body: str, body_class: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head>'
        f'<body class="{body_class}">{body}</body></html>'
    )


def make_epub(path: Path, pages: dict[str, str], metadata: str, container: str = CONTAINER) -> Path:
    """An EPUB 2 with ``pages`` (name -> XHTML) in spine order under OEBPS/."""
    items = "".join(
        f'<item id="p{i}" href="{name}" media-type="application/xhtml+xml"/>' for i, name in enumerate(pages)
    )
    spine = "".join(f'<itemref idref="p{i}"/>' for i in range(len(pages)))
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
        f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">{metadata}</metadata>'
        f"<manifest>{items}</manifest><spine>{spine}</spine></package>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", container)
        archive.writestr("OEBPS/content.opf", opf)
        for name, xhtml in pages.items():
            archive.writestr(name if name.startswith(("..", "/")) else f"OEBPS/{name}", xhtml)
    return path


AO3_OPF = (
    "<dc:title>Spellbound</dc:title><dc:creator>Jane Doe</dc:creator>"
    "<dc:description>&lt;p&gt;Willow finds a book.&lt;/p&gt;</dc:description>"
    "<dc:subject>Explicit</dc:subject><dc:subject>Major Character Death</dc:subject>"
    "<dc:subject>F/F</dc:subject><dc:subject>Buffy the Vampire Slayer</dc:subject>"
    "<dc:language>en</dc:language>"
)


def test_ingest_ao3_epub_reads_the_calibre_preface_and_chapters(tmp_path):
    preface = page(
        '<div class="calibre1" id="preface">'
        '<p class="message calibre2"><b class="calibre3">Spellbound</b></p>'
        '<dl class="tags calibre4"><dt class="calibre5">Rating:</dt><dd class="calibre6"><a>Explicit</a></dd>'
        '<dt class="calibre5">Archive Warning:</dt><dd class="calibre6"><a>Major Character Death</a></dd>'
        '<dt class="calibre5">Additional Tags:</dt><dd class="calibre6"><a>Fluff</a></dd></dl>'
        '<div class="calibre7"><a rel="author">Jane Doe</a></div></div>'
    )
    chapter1 = page(
        '<div class="calibre1"><div class="calibre8"><h2 class="calibre9">Chapter 1</h2>'
        '<p class="calibre2">Chapter Notes</p><blockquote class="calibre10"><p>A note.</p></blockquote></div>'
        '<div class="calibre11"><p class="calibre2">She read the <em class="calibre12">book</em>.</p>'
        "</div></div>"
    )
    chapter2 = page('<h2 class="heading">Chapter 2: Night</h2><div><p>It was dark.</p></div>')
    path = make_epub(tmp_path / "work.epub", {"a_split_000.xhtml": preface, "a_split_001.xhtml": chapter1,
                                               "a_split_002.xhtml": chapter2}, AO3_OPF)  # fmt: skip
    story = assert_offsets(ingest(path))
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("Spellbound", "Jane Doe", "Explicit")
    assert meta.warnings == ("Major Character Death",) and meta.tags == ("Fluff",)
    assert meta.summary == "Willow finds a book."
    assert texts(story.paragraphs) == ["She read the book.", "It was dark."]
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2: Night"]
    assert texts(story.italics) == ["book"]
    assert story.source.format == "epub"


def test_ingest_epub_opf_subjects_sort_into_rating_warnings_categories_tags(tmp_path):
    path = make_epub(tmp_path / "plain.epub", {"ch1.xhtml": page("<h1>One</h1><p>Text.</p>")}, AO3_OPF)
    meta = assert_offsets(ingest(path)).metadata
    assert meta.rating == "Explicit" and meta.warnings == ("Major Character Death",)
    assert meta.categories == ("F/F",) and meta.tags == ("Buffy the Vampire Slayer",)
    assert (meta.title, meta.author, meta.language) == ("Spellbound", "Jane Doe", "en")


def test_ingest_fanficfare_epub(tmp_path):
    title_page = page(
        '<h3><a href="https://archiveofourown.org/works/1">Spellbound</a> by <a href="#">Jane Doe</a></h3>'
        "<div>"
        "<b>Category:</b> Buffy the Vampire Slayer<br />"
        "<b>Genre:</b> Fluff, Romance<br />"
        "<b>Characters:</b> Willow Rosenberg, Tara Maclay<br />"
        "<b>Relationships:</b> Willow Rosenberg/Tara Maclay<br />"
        "<b>Status:</b> Completed<br />"
        "<b>Rating:</b> Teen And Up Audiences<br />"
        "<b>Warnings:</b> Graphic Depictions Of Violence, Major Character Death<br />"
        "<b>Words:</b> 1,234<br /><b>Summary:</b> A spell goes wrong.<br /></div>",
        "fff_titlepage",
    )
    toc = page(
        '<div><h3>Table of Contents</h3><a href="file0001.xhtml">Chapter 1</a><br /></div>', "fff_tocpage"
    )
    chapters = {
        f"file000{n}.xhtml": page(
            f'<h3 class="fff_chapter_title">Chapter {n}</h3><p>Text {n}, <i>softly</i>.</p>', "fff_chapter"
        )
        for n in (1, 2)
    }  # fmt: skip
    opf = (
        "<dc:title>Spellbound</dc:title><dc:creator>Jane Doe</dc:creator><dc:subject>FanFiction</dc:subject>"
    )
    path = make_epub(
        tmp_path / "fff.epub", {"title_page.xhtml": title_page, "toc_page.xhtml": toc, **chapters}, opf
    )
    story = assert_offsets(ingest(path))
    meta = story.metadata
    assert (meta.title, meta.author, meta.rating) == ("Spellbound", "Jane Doe", "Teen And Up Audiences")
    assert meta.warnings == ("Graphic Depictions Of Violence", "Major Character Death")
    assert meta.fandoms == ("Buffy the Vampire Slayer",) and meta.tags == ("Fluff", "Romance")
    assert meta.characters == ("Willow Rosenberg", "Tara Maclay")
    assert meta.relationships == ("Willow Rosenberg/Tara Maclay",)
    assert meta.summary == "A spell goes wrong."
    assert dict(meta.extra)["status"] == "Completed"
    assert texts(story.paragraphs) == ["Text 1, softly.", "Text 2, softly."]
    assert [c.title for c in story.chapters] == ["Chapter 1", "Chapter 2"]
    assert "Table of Contents" not in story.text and "Rating" not in story.text


def test_ingest_epub_ignores_member_paths_outside_the_archive(tmp_path):
    opf_pages = {"ch1.xhtml": page("<p>Inside.</p>"), "../../escape.xhtml": page("<p>Outside.</p>")}
    path = make_epub(tmp_path / "evil.epub", opf_pages, "<dc:title>T</dc:title>")
    story = assert_offsets(ingest(path))
    assert texts(story.paragraphs) == ["Inside."]


def test_ingest_epub_refuses_xml_entities(tmp_path):
    container = '<!DOCTYPE c [<!ENTITY x "xxxxxxxx">]><container>&x;</container>'
    path = make_epub(tmp_path / "bomb.epub", {"ch1.xhtml": page("<p>Text.</p>")}, "", container)
    with pytest.raises(InputError, match="not valid XML"):
        ingest(path)


def test_ingest_epub_over_the_size_cap_raises(tmp_path, monkeypatch):
    path = make_epub(tmp_path / "big.epub", {"ch1.xhtml": page("<p>" + "word " * 2000 + "</p>")}, "")
    monkeypatch.setattr(epub_module, "MAX_UNPACKED", 1000)
    with pytest.raises(InputError, match="unpacks to more than"):
        ingest(path)


def test_ingest_epub_extension_on_a_text_file_raises(tmp_path):
    path = tmp_path / "fake.epub"
    path.write_text("Just text.")
    with pytest.raises(InputError, match="not an EPUB"):
        ingest(path)


# --------------------------------------------------------------------------- source and string API


@pytest.mark.parametrize(
    ("name", "data", "format"),
    [("a.txt", b"Text.", "text"), ("a.md", b"*Text*.", "markdown"), ("a.html", b"<p>Text.</p>", "html")],
)
def test_ingest_source_names_path_format_and_sha256_of_raw_bytes(tmp_path, name, data, format):
    story = read(tmp_path, name, data)
    assert story.source.path == str(tmp_path / name)
    assert story.source.format == format
    assert story.source.sha256 == hashlib.sha256(data).hexdigest()


def test_ingest_text_reads_strings_in_each_format():
    assert ingest_text("One.\n\nTwo.").source.format == "text"
    assert assert_offsets(ingest_text("*One*.", format="md")).italics[0].text == "One"
    assert assert_offsets(ingest_text("<p>One.</p><p>Two.</p>", format="html")).text == "One.\n\nTwo."
    with pytest.raises(InputError):
        ingest_text("x", format="epub")
    blank = ingest_text("   \n")
    assert blank.text == "   \n" and blank.paragraphs == ()


# --------------------------------------------------------------------------- robustness and speed


def test_ingest_a_megabyte_of_text_in_well_under_a_second(tmp_path):
    unit = "\n\n".join(
        [PROSE, '"Is it *you*?" she asked.', "* * *", "Chapter 12", wrapped(PROSE * 3), "a * b"]
    )
    raw = (unit + "\n\n") * (1_000_000 // len(unit) + 1)
    path = tmp_path / "big.txt"
    path.write_text(raw)
    started = time.perf_counter()
    story = ingest(path)
    elapsed = time.perf_counter() - started
    assert len(story.text) >= 1_000_000 and len(story.paragraphs) > 10_000
    assert elapsed < 1.0, f"took {elapsed:.2f}s"


def test_ingest_a_megabyte_block_of_stray_asterisks_stays_fast():
    raw = "\n".join(wrapped(f"{PROSE} *{PROSE} _{PROSE} *x") for _ in range(1500))
    started = time.perf_counter()
    assert_offsets(ingest_text(raw))
    assert time.perf_counter() - started < 1.0


_ALPHABET = st.sampled_from([*list("ab Z\n\n\r\t*_#-~:/<>&;\"'.,!?"), "“", "é", "<p>", "<em>", "<hr>"])


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_ALPHABET, max_size=60), format=st.sampled_from(["text", "markdown", "html"]))
def test_ingest_text_offsets_hold_for_any_input(pieces, format):
    text = "".join(pieces)
    story = assert_offsets(ingest_text(text, format=format))
    if format != "html":
        assert story.text == text


def test_a_string_with_half_a_surrogate_pair_is_read_with_a_replacement_character():
    text = 'Ann\ud800 sat down. "Hi," said Ann.'
    story = ingest_text(text)
    assert story.text == text.replace("\ud800", "\ufffd")  # one for one, so offsets still hold
    assert analyse(text).quotes[0].text == "Hi,"
