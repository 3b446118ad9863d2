"""Archive of Our Own downloads (HTML, and the pages of its EPUBs): the preface, the chapters' text.

The preface holds ``p.message`` (title in bold), ``dl.tags`` (dt/dd pairs),
the ``h1`` title, ``div.byline`` and the summary and notes, each a
``blockquote.userstuff`` after ``<p>Summary</p>`` / ``<p>Notes</p>``. Chapters
sit in ``div#chapters``, each headed by ``h2.heading`` inside a ``div.meta``
with the chapter's own summary and notes. Calibre-made EPUBs may rename other
classes, so only ``tags``/``message`` and the page structure are relied on.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from fabula.stages.formats.dom import Block, collapse, extract_blocks, has_class, no_heading
from fabula.stages.formats.metadata import MetadataDraft

_TAG_FIELDS = {
    **dict.fromkeys(("rating", "ratings"), "rating"),
    **dict.fromkeys(("archive warning", "archive warnings", "warning", "warnings"), "warnings"),
    **dict.fromkeys(("category", "categories"), "categories"),
    **dict.fromkeys(("fandom", "fandoms"), "fandoms"),
    **dict.fromkeys(("relationship", "relationships"), "relationships"),
    **dict.fromkeys(("character", "characters"), "characters"),
    **dict.fromkeys(("additional tag", "additional tags", "freeform", "freeforms"), "tags"),
}
_NOTE_LABELS = frozenset(
    ("summary", "notes", "chapter summary", "chapter notes", "chapter end notes", "end notes", "work notes")
)
_CHAPTER_TITLE = re.compile(r"chapter\s+\d+\b", re.IGNORECASE)
_STAT = re.compile(r"(?P<key>[A-Za-z]+):\s*(?P<value>[\d,/?-]+)")
_BYLINE_NOISE = re.compile(r"\s*\((?:[^()]*)\)\s*$|\s*\[archived by[^\]]*\]\s*", re.IGNORECASE)
_OTHER_PARTS = frozenset(("preface", "afterword"))
_SEE_END = re.compile(r"^\s*See the end of the (?:chapter|work) for", re.IGNORECASE)


def is_ao3(soup: BeautifulSoup) -> bool:
    """Whether a page is an AO3 download (or a Calibre conversion of one)."""
    if soup.find(id="preface") is not None or _tags_list(soup) is not None:
        return True
    message = soup.find(lambda tag: has_class(tag, "message"))
    return message is not None and "Archive of Our Own" in message.get_text()


def ao3_metadata(soup: BeautifulSoup) -> MetadataDraft:
    """The work's metadata from the preface: tags, title, authors, summary and notes."""
    draft = MetadataDraft()
    preface = soup.find(id="preface") or soup
    tags = _tags_list(soup)
    if tags is not None:
        _read_tags(tags, draft)
    title = preface.find("h1") or _message_title(preface)
    if title is not None:
        draft.title = collapse(title.get_text(" ")) or None
    _read_byline(preface, draft)
    for label, quote in _labelled_quotes(soup):
        if label == "summary":
            draft.summary = draft.summary or _quote_text(quote)
        elif label in ("notes", "work notes"):
            draft.notes.append(_quote_text(quote))
        elif label == "end notes":
            draft.add_extra("end_notes", _quote_text(quote))
    return draft


def ao3_heading(tag: Tag) -> int | None:
    """A chapter heading: ``h2.heading``, or an ``h2`` reading "Chapter N" where classes were renamed."""
    if tag.name != "h2" or has_class(tag, "toc-heading"):
        return None
    return 2 if has_class(tag, "heading") or _CHAPTER_TITLE.match(tag.get_text().strip()) else None


def ao3_blocks(soup: BeautifulSoup) -> list[Block]:
    """The chapters' text only: preface, afterword, chapter summaries and notes removed."""
    for tag in soup.find_all(id=re.compile(r"^(?:preface|afterword|endnotes\d*)$")):
        tag.decompose()
    root = soup.find(id="chapters") or soup.body or soup
    for meta in root.find_all(lambda tag: tag.name == "div" and has_class(tag, "meta")):
        if meta.decomposed:
            continue
        heading = meta.find("h2")
        if heading is not None:
            meta.replace_with(heading.extract())
        else:
            meta.decompose()
    _drop_front_matter(root)
    return extract_blocks(root, ao3_heading)


def _drop_front_matter(root: Tag) -> None:
    """Without the ids, drop what the preface and afterword hold by what it is."""
    doomed = [quote for _, quote in _labelled_quotes(root)]
    doomed += [p for p in root.find_all("p") if collapse(p.get_text()).lower() in _NOTE_LABELS]
    doomed += root.find_all(lambda tag: has_class(tag, "message") or has_class(tag, "tags"))
    doomed += root.find_all(lambda tag: has_class(tag, "byline") or has_class(tag, "toc-heading"))
    doomed += root.find_all(lambda tag: has_class(tag, "endnote-link"))
    doomed += [h for h in root.find_all(["h1", "h2"]) if collapse(h.get_text()).lower() in _OTHER_PARTS]
    doomed += [_short_parent(text) for text in root.find_all(string=_SEE_END)]
    if root.get("id") != "chapters" and _tags_list(root) is not None:
        doomed += root.find_all("h1")
    for tag in doomed:
        if tag is not None and not tag.decomposed:
            tag.decompose()


def _short_parent(text: Tag) -> Tag | None:
    """The paragraph or div around a "See the end of the chapter for notes" line, if that is all it holds."""
    parent = text.find_parent(["p", "div"])
    return parent if parent is not None and len(collapse(parent.get_text())) < 200 else None


def _tags_list(soup: BeautifulSoup) -> Tag | None:
    return soup.find(lambda tag: tag.name == "dl" and has_class(tag, "tags"))


def _read_tags(tags: Tag, draft: MetadataDraft) -> None:
    """File each ``dt``/``dd`` pair: link texts for tag fields, plain text for the rest."""
    for term in tags.find_all("dt"):
        value = term.find_next_sibling("dd")
        if value is None:
            continue
        label = collapse(term.get_text()).rstrip(":").strip().lower()
        links = [collapse(a.get_text()) for a in value.find_all("a")]
        text = collapse(value.get_text(" "))
        name = _TAG_FIELDS.get(label)
        if name == "rating":
            draft.rating = ", ".join(links) or text or None
        elif name is not None:
            draft.extend(name, links or [item.strip() for item in text.split(",")])
        elif label == "language":
            draft.language = text or None
        elif label == "stats":
            _read_stats(text, draft)
        else:
            draft.add_extra(label, text)


def _read_stats(text: str, draft: MetadataDraft) -> None:
    draft.add_extra("stats", text)
    for match in _STAT.finditer(text):
        draft.add_extra(match.group("key"), match.group("value"))


def _message_title(preface: Tag) -> Tag | None:
    message = preface.find(lambda tag: has_class(tag, "message"))
    return message.find("b") if message is not None else None


def _read_byline(preface: Tag, draft: MetadataDraft) -> None:
    """Authors from ``a[rel=author]`` ("Pseud (login)" as "Pseud"); "Anonymous" when no link."""
    byline = preface.find(lambda tag: has_class(tag, "byline"))
    if byline is None:
        return
    names = [_clean_author(a.get_text()) for a in byline.find_all("a", rel="author")]
    if not names:
        text = re.sub(r"^\s*by\s+", "", collapse(byline.get_text(" ")), flags=re.IGNORECASE)
        names = [_clean_author(name) for name in text.split(",")]
    names = [name for name in names if name]
    if names:
        draft.author = ", ".join(names)


def _clean_author(name: str) -> str:
    return collapse(_BYLINE_NOISE.sub("", collapse(name)))


def _labelled_quotes(root: Tag) -> list[tuple[str, Tag]]:
    """``(label, blockquote)`` for each ``<p>Summary</p>``/``<p>Notes</p>`` followed by a blockquote."""
    found = []
    for paragraph in root.find_all("p"):
        label = collapse(paragraph.get_text()).lower()
        if label in _NOTE_LABELS:
            quote = paragraph.find_next_sibling(True)
            if quote is not None and quote.name == "blockquote":
                found.append((label, quote))
    return found


def _quote_text(quote: Tag) -> str:
    return "\n\n".join(block.text for block in extract_blocks(quote, no_heading))
