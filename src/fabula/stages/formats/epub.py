"""EPUB stories (AO3, FanFicFare, any other): OPF metadata, then the spine's pages as HTML.

Read with ``zipfile`` and ``defusedxml``: no entity expansion, no network, no
member path that climbs out of the archive, and a cap on what is unpacked.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from bs4 import BeautifulSoup, Tag
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from fabula.errors import InputError
from fabula.model import Story
from fabula.stages.formats.ao3 import ao3_blocks, ao3_metadata, is_ao3
from fabula.stages.formats.blocks import story_from_blocks
from fabula.stages.formats.dom import Block, collapse, extract_blocks, generic_heading, has_class, parse
from fabula.stages.formats.metadata import MetadataDraft, sort_subjects

MAX_UNPACKED = 200 * 1024 * 1024
"""The most bytes read out of one EPUB."""
_PAGE_TYPES = ("application/xhtml+xml", "text/html", "application/xml")
_FFF_AUX = frozenset(("fff_titlepage", "fff_tocpage", "fff_logpage", "fff_coverpage"))
_FFF_AUX_FILES = frozenset(("title_page.xhtml", "toc_page.xhtml", "log_page.xhtml", "cover.xhtml"))
_FFF_LABEL = re.compile(r"\s*(?P<label>[A-Za-z][\w ./'()-]{0,40}?)\s*:\s*(?P<value>.*?)\s*")
_AUX_NAME = re.compile(r"(?:^|[_/-])(?:toc|nav|cover|title_?page|titlepage)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Page:
    """One spine document: its path in the archive and its parsed soup."""

    path: str
    soup: BeautifulSoup


def read_epub(data: bytes, name: str) -> Story:
    """The story in an EPUB file; raises ``InputError`` when the archive is not a readable EPUB."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise InputError(
            f"{name}: not a readable EPUB ({error}); download it again or convert it with Calibre"
        ) from None
    with archive:
        opf_path = _opf_path(archive, name)
        package = _xml(_read(archive, [opf_path], name)[0], name)
        draft = _opf_metadata(package)
        pages = _spine_pages(archive, package, opf_path, name)
    return story_from_blocks(_book_blocks(pages, draft), draft)


def _book_blocks(pages: list[_Page], draft: MetadataDraft) -> list[Block]:
    """Blocks of every story page, the metadata pages read into ``draft`` instead."""
    if any(is_ao3(page.soup) for page in pages[:3]):
        preface = next(page for page in pages if is_ao3(page.soup))
        _prefer(draft, ao3_metadata(preface.soup))
        return [block for page in pages if not _is_contents(page) for block in ao3_blocks(page.soup)]
    fanficfare = any(_fff_class(page) or posixpath.basename(page.path) in _FFF_AUX_FILES for page in pages)
    blocks = []
    for page in pages:
        if fanficfare and _fff_aux(page):
            if posixpath.basename(page.path) == "title_page.xhtml" or _fff_class(page) == "fff_titlepage":
                _prefer(draft, _fff_title_page(page.soup))
        elif not _is_contents(page):
            blocks += extract_blocks(
                page.soup.body or page.soup, _fff_heading if fanficfare else generic_heading
            )
    return blocks


def _prefer(draft: MetadataDraft, better: MetadataDraft) -> None:
    """Let the page's metadata win over the OPF's, which fills what the page lacks.

    The OPF's subjects mix every kind of tag, so a page that sorts its tags replaces them all.
    """
    if better.lists:
        draft.lists.clear()
    better.fill(draft)
    for name, value in vars(better).items():
        setattr(draft, name, value)


def _fff_class(page: _Page) -> str | None:
    body = page.soup.body
    classes = (body.get("class") or []) if body is not None else []
    return next((c for c in classes if c.startswith("fff_")), None)


def _fff_aux(page: _Page) -> bool:
    return _fff_class(page) in _FFF_AUX or posixpath.basename(page.path) in _FFF_AUX_FILES


def _fff_heading(tag: Tag) -> int | None:
    """FanFicFare heads each chapter page with ``h3.fff_chapter_title``."""
    return 2 if tag.name == "h3" and has_class(tag, "fff_chapter_title") else None


def _is_contents(page: _Page) -> bool:
    """A table of contents or cover page: mostly links, or a short page named like one."""
    body = page.soup.body or page.soup
    text = collapse(body.get_text(" "))
    links = sum(len(collapse(a.get_text(" "))) for a in body.find_all("a"))
    return not text or links >= 0.8 * len(text) or (len(text) < 2000 and bool(_AUX_NAME.search(page.path)))


def _fff_title_page(soup: BeautifulSoup) -> MetadataDraft:
    """FanFicFare's title page: ``<b>Label:</b> value<br/>`` lines (or table rows) after the title."""
    draft = MetadataDraft()
    heading = soup.find("h3")
    if heading is not None:
        title, _, author = collapse(heading.get_text(" ")).rpartition(" by ")
        links = [collapse(a.get_text()) for a in heading.find_all("a")]
        draft.title = links[0] if links else title or None
        draft.author = ", ".join(links[1:]) or author or None
        heading.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for row in soup.find_all("tr"):
        row.append("\n")
    label = None
    for line in (soup.body or soup).get_text().splitlines():
        match = _FFF_LABEL.fullmatch(line)
        if match and match.group("value"):
            label = match.group("label")
            draft.add(label, match.group("value"), fanficfare=True, strict=False)
        elif label is not None and line.strip() and label.lower() == "summary":
            draft.summary = f"{draft.summary}\n{line.strip()}" if draft.summary else line.strip()
    return draft


def _opf_path(archive: zipfile.ZipFile, name: str) -> str:
    """The package document named by ``META-INF/container.xml`` (or the first ``.opf`` in the archive)."""
    names = _safe_names(archive)
    if "META-INF/container.xml" in names:
        container = _xml(_read(archive, ["META-INF/container.xml"], name)[0], name)
        for element in container.iter():
            path = element.get("full-path")
            if _local(element.tag) == "rootfile" and path and _safe(path) in names:
                return _safe(path)
    found = sorted(n for n in names if n.lower().endswith(".opf"))
    if not found:
        raise InputError(f"{name}: an archive without an EPUB package (.opf); download the EPUB again")
    return found[0]


def _opf_metadata(package: Element) -> MetadataDraft:
    """Title, authors, description, language and subjects from the OPF's Dublin Core."""
    draft, subjects, creators = MetadataDraft(), [], []
    for element in package.iter():
        tag, text = _local(element.tag), collapse(element.text or "")
        if not text:
            continue
        if tag == "title" and draft.title is None:
            draft.title = text
        elif tag == "creator":
            creators.append(text)
        elif tag == "description":
            draft.summary = _html_text(element.text or "") or None
        elif tag == "language" and draft.language is None:
            draft.language = text
        elif tag == "subject":
            subjects.append(text)
    draft.author = ", ".join(creators) or None
    sort_subjects(draft, subjects)
    return draft


def _spine_pages(archive: zipfile.ZipFile, package: Element, opf_path: str, name: str) -> list[_Page]:
    """The spine's pages in reading order, parsed; nav documents and ``linear="no"`` pages left out."""
    base = posixpath.dirname(opf_path)
    manifest = {}
    for item in package.iter():
        if _local(item.tag) == "item" and item.get("id") and item.get("href"):
            manifest[item.get("id")] = item
    paths = []
    for ref in package.iter():
        item = manifest.get(ref.get("idref")) if _local(ref.tag) == "itemref" else None
        if item is None or ref.get("linear") == "no" or "nav" in (item.get("properties") or "").split():
            continue
        if item.get("media-type") in _PAGE_TYPES:
            path = _safe(posixpath.join(base, unquote(item.get("href").split("#")[0])))
            if path and path not in paths:
                paths.append(path)
    names = _safe_names(archive)
    paths = [path for path in paths if path in names]
    return [_Page(path, parse(raw, "html.parser")) for path, raw in zip(paths, _read(archive, paths, name))]


def _read(archive: zipfile.ZipFile, paths: list[str], name: str) -> list[bytes]:
    """The members at ``paths``, refusing archives that would unpack past ``MAX_UNPACKED``."""
    infos = [archive.getinfo(path) for path in paths]
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise InputError(
            f"{name}: the EPUB unpacks to more than {MAX_UNPACKED >> 20} MB; split the book first"
        )
    try:
        return [archive.read(info) for info in infos]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
        raise InputError(f"{name}: a damaged EPUB ({error}); download it again") from None


def _xml(raw: bytes, name: str) -> Element:
    try:
        return fromstring(raw)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise InputError(
            f"{name}: the EPUB's package files are not valid XML ({error}); download it again"
        ) from None


def _safe_names(archive: zipfile.ZipFile) -> set[str]:
    """Member names that stay inside the archive (no ``..``, no absolute path)."""
    return {info.filename for info in archive.infolist() if _safe(info.filename) == info.filename}


def _safe(path: str) -> str:
    """``path`` normalised, or "" when it is absolute or climbs out with ``..``."""
    if not path or path.startswith("/") or re.match(r"[A-Za-z]:", path) or "\\" in path:
        return ""
    normal = posixpath.normpath(path)
    return "" if normal in (".", "..") or normal.startswith("../") else normal


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _html_text(markup: str) -> str:
    """Text of an HTML fragment (an OPF description is often escaped HTML)."""
    blocks = extract_blocks(BeautifulSoup(markup, "html.parser"))
    return "\n\n".join(block.text for block in blocks)
