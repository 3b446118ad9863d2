"""The battery of hostile and odd inputs: bad ones fail with one line, exit 2 and no output file;
odd ones are read as well as they can be; none crashes, hangs or runs away with memory."""

from __future__ import annotations

import io
import resource
import zipfile
from pathlib import Path

import pytest

from fabula.cli import main

STORY = 'Mara looked at the sea. "It is cold," she said.\n\n"Then come inside," Ivo said.\n'
MEMORY_BOUND_MB = 1500
"""Peak memory of the test process, all inputs read: the bound the README states."""


def _epub(entries: dict[str, bytes | str], compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


CONTAINER = ('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
             '<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')


def _opf(extra: str = "", doctype: str = "") -> str:
    return (f'<?xml version="1.0"?>{doctype}<package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T{extra}</dc:title></metadata>'
            '<manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>'
            '<spine><itemref idref="c"/></spine></package>')


PAGE = '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Mara looked at the sea.</p></body></html>'
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>')
EXTERNAL = '<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

BAD = {
    "empty.txt": b"",
    "blank.txt": b" \n\n\t\n",
    "binary.txt": bytes(range(256)) * 64,
    "renamed-pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + b"\x00\x9c" * 500,
    "archive.zip": _epub({"story.txt": STORY}).replace(b"application/epub+zip", b"application/zip+xxxx"),
    "not-a-zip.epub": b"this is not an archive at all",
    "bomb.epub": _epub({"META-INF/container.xml": CONTAINER, "content.opf": _opf(),
                        "c.xhtml": PAGE.replace("<p>", "<p>" + " " * (210 * 1024 * 1024))}),
    "entities.epub": _epub({"META-INF/container.xml": CONTAINER, "content.opf": _opf("&lol2;", LAUGHS),
                            "c.xhtml": PAGE}),
    "external.epub": _epub({"META-INF/container.xml": CONTAINER, "content.opf": _opf("&xxe;", EXTERNAL),
                            "c.xhtml": PAGE}),
    "traversal.epub": _epub({"META-INF/container.xml": CONTAINER.replace("content.opf", "../../etc/passwd"),
                             "c.xhtml": PAGE}),
}


def _run(tmp_path: Path, name: str, content: bytes, *flags: str) -> tuple[int, str, str, list[Path]]:
    source = tmp_path / "in" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(content)
    out = tmp_path / "out"
    import contextlib

    err, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
        code = main(["read", str(source), "--out", str(out), *(flags or ("--quiet",))])
    files = sorted(p for p in out.rglob("*") if p.is_file()) if out.exists() else []
    return code, stdout.getvalue(), err.getvalue(), files


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_fails_with_one_line_exit_2_and_no_output(tmp_path: Path, name: str):
    code, _, err, files = _run(tmp_path, name, BAD[name])
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith(f"error: {tmp_path / 'in' / name}: "), err
    assert "; " in lines[0]  # what is wrong; what to do
    assert files == []


def test_a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path):
    big = (STORY * 40_000).encode()  # about 3.4 MB
    code, _, err, files = _run(tmp_path, "big.txt", big, "--max-size", "2", "--quiet")
    assert code == 2 and "--max-size 4" in err and files == []
    code, _, err, files = _run(tmp_path, "big.txt", big[:1_000_000], "--max-size", "2", "--quiet")
    assert code == 0, err


ODD = {
    "cp1252.txt": "Mara said, \u201cIt\u2019s cold.\u201d\r\n\r\n\u201cCome in,\u201d Ivo said.\r\n".encode("cp1252"),
    "windows.txt": STORY.replace("\n", "\r\n").encode(),
    "mixed-endings.txt": b'Mara waited.\r\n\r\n"Hello," Ivo said.\n\n"Hi," Mara said.\r\rShe smiled.\n',
    "nul-bytes.txt": STORY.encode().replace(b"sea", b"s\x00ea"),
    "invalid-utf8.txt": STORY.encode() + b"\n\nThe caf\xe9 was \xff\xfe shut.\n",
    "no-dialogue.txt": b"The rain fell all night on the empty town.\n\nNobody came, and the lamps went out one by one.\n",
    "unbalanced.txt": ('"Wait for me, Mara said as she ran.\n\n' + "The road went on and on. " * 20 + "\n\n") .encode() * 30
                      + STORY.encode(),
    "one-paragraph.txt": ("Mara walked on and thought about the sea and the town and the winter. " * 3600).encode(),
    "no-breaks.txt": (STORY.replace("\n\n", " ") * 2000).encode(),
    "all-caps.txt": STORY.upper().encode(),
    "scripts.html": ("<html><head><script>" + "var x = 1;" * 5000 + "</script><style>p{}</style></head><body>"
                     "<script>alert(1)</script><p>Mara looked at the sea.</p><p>\"It is cold,\" she said.</p>"
                     "</body></html>").encode(),
    "deep.html": ("<html><body>" + "<div>" * 20_000 + "<p>Mara looked at the sea.</p>" + "</div>" * 20_000
                  + "</body></html>").encode(),
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_input_is_read_with_sane_output(tmp_path: Path, name: str):
    import json

    code, _, err, files = _run(tmp_path, name, ODD[name])
    assert code == 0, err
    data = json.loads(next(p for p in files if p.suffix == ".json").read_text(encoding="utf-8"))
    assert data["stats"]["paragraphs"] >= 1
    for quote in data["quotes"]:
        assert quote["end"] - quote["start"] <= 20_000  # no quote swallows the rest of the book


def test_unbalanced_quote_is_closed_within_its_paragraph(tmp_path: Path):
    import json

    code, _, err, files = _run(tmp_path, "unbalanced.txt", ODD["unbalanced.txt"])
    data = json.loads(next(p for p in files if p.suffix == ".json").read_text(encoding="utf-8"))
    paragraphs = [(p["start"], p["end"]) for p in data["feelings"]["paragraphs"]]
    for quote in data["quotes"]:
        assert any(s <= quote["start"] and quote["end"] <= e for s, e in paragraphs)
    assert any(q["text"].startswith("Then come inside") for q in data["quotes"])


def test_a_story_not_in_english_is_read_with_a_warning(tmp_path: Path):
    spanish = ('María miró el mar desde la ventana de la casa. "Hace frío," dijo ella.\n\n'
               '"Entonces ven adentro," dijo Iván, y cerró la puerta de la cocina con cuidado.\n') * 20
    code, _, err, files = _run(tmp_path, "cuento.txt", spanish.encode(), "--workers", "1")
    assert code == 0
    assert err.startswith("warning: ") and "English-only" in err and " es," in err
    assert files


def test_memory_stays_bounded_over_the_battery():
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < MEMORY_BOUND_MB


# --------------------------------------------------------------------------- bounded fuzzing

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fabula.errors import InputError  # noqa: E402

_PIECES = st.sampled_from([
    "Mara", " said", " Ivo", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", ", ", ". ", "!", "?", "\n", "\n\n",
    "\r\n", "* * *", "Chapter 2\n", "<p>", "</p>", "<em>", "&amp;", "--", "\u2014", " she", " he", " the redhead",
    "\x00", "\ufeff", "\u00e9", "fuck", " blood", " love", " hate", "Title: X\n", "\t",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_fuzz_any_bytes_either_read_or_refused_with_an_input_error(tmp_path_factory, data):
    from fabula.stages.ingest import ingest

    path = tmp_path_factory.mktemp("fuzz") / "story.txt"
    path.write_bytes(data)
    try:
        story = ingest(path)
    except InputError:
        return
    for paragraph in story.paragraphs:
        assert story.text[paragraph.start: paragraph.end] == paragraph.text


@settings(max_examples=25, deadline=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=80))
def test_fuzz_every_layer_of_the_whole_pipeline_keeps_its_offsets(pieces):
    import fabula

    text = "".join(pieces)
    analysis = fabula.analyse(text)
    story = analysis.story
    spans = [*story.paragraphs, *analysis.quotes, *analysis.cast.mentions,
             *(e for s in analysis.content.signals for e in s.evidence)]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start: span.end] == span.text
    ids = {c.id for c in analysis.cast.characters}
    for quote in analysis.quotes:
        assert quote.speaker is None or quote.speaker in ids
    for relation in analysis.relations:
        assert set(relation.characters) <= ids
    analysis.to_dict()
