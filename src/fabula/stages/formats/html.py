"""HTML stories: an AO3 download by its preface and chapters, any other page by its block elements."""

from __future__ import annotations

from bs4 import BeautifulSoup

from fabula.model import Story
from fabula.stages.formats.ao3 import ao3_blocks, ao3_metadata, is_ao3
from fabula.stages.formats.blocks import story_from_blocks
from fabula.stages.formats.dom import collapse, extract_blocks, parse
from fabula.stages.formats.metadata import MetadataDraft


def read_html(markup: str) -> Story:
    """The story in an HTML page: text, paragraphs, chapters (``h1``-``h3``), ``<hr>`` breaks, italics."""
    soup = parse(markup)
    if is_ao3(soup):
        draft = ao3_metadata(soup)
        blocks = ao3_blocks(soup)
    else:
        draft = page_metadata(soup)
        blocks = extract_blocks(soup.body or soup)
    return story_from_blocks(blocks, draft)


def page_metadata(soup: BeautifulSoup) -> MetadataDraft:
    """What an ordinary page says of itself: ``<title>``, ``<meta name="author|description|keywords">``."""
    draft = MetadataDraft()
    if soup.title is not None:
        draft.title = collapse(soup.title.get_text()) or None
    for meta in soup.find_all("meta"):
        name, content = str(meta.get("name") or "").lower(), collapse(str(meta.get("content") or ""))
        if name == "author":
            draft.set_author(content)
        elif name == "description":
            draft.summary = content or None
        elif name == "keywords":
            draft.add("tags", content)
    return draft
