"""Read books annotated in the layout of LitBank's quotation and coreference layers.

LitBank gives each excerpt as tokens (one sentence a line, tokens split by a
space) and points at them by sentence and token number. fabula reads prose, so
the tokens are joined back into text (``detokenise``), the token positions are
kept, and every annotation is moved onto character offsets of that text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fabula.errors import InputError
from fabula.evaluate.gold import GoldBook, GoldCharacter, GoldQuote
from fabula.model import Span

OPENING = frozenset({"“", "‘", "«", "(", "[", "{", "“‘", "‘“"})
CLOSING = frozenset({"”", "’", "»", ")", "]", "}", "’”", "”’", ",", ".", ";", ":", "!", "?", "%", "...", "…"})
CLITICS = frozenset({"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'t"})
AMBIGUOUS = frozenset({'"', "'"})
MARKS = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»", "“‘", "‘“", "’”", "”’", "—", "--", "-", "―"})
"""Tokens trimmed from the ends of an annotated quote: fabula's quote spans exclude the marks."""
_OPEN_CONTEXT = frozenset({",", ":", ";", "--", "—", "(", "“", "‘"})

Place = tuple[int, int]
"""A token's (sentence, token) numbers."""


@dataclass(frozen=True)
class Tokens:
    """Text rebuilt from sentences of tokens, with each token's place in it."""

    text: str
    places: tuple[tuple[tuple[int, int], ...], ...]
    """``places[sentence][token]`` is the token's (start, end) in ``text``."""

    def span(self, first: Place, last: Place) -> Span:
        """The text from token ``first`` to token ``last`` (sentence, token), both included."""
        start = self.places[first[0]][first[1]][0]
        end = self.places[last[0]][last[1]][1]
        return Span(start, end, self.text[start:end])


def find_books(root: Path, only: Sequence[str] | None = None) -> list[Path]:
    """The quotation files (``quotations/tsv/NAME.ann``) under ``root`` that hold quotes."""
    folder = root / "quotations" / "tsv"
    if not root.is_dir():
        raise InputError(f"{root}: not a folder; give the LitBank folder (the one holding quotations/)")
    files = [p for p in folder.glob("*.ann") if p.with_suffix(".txt").is_file()] if folder.is_dir() else []
    files.sort(key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p.stem)])
    files = [p for p in files if "QUOTE\t" in p.read_text(encoding="utf-8")]
    if not files:
        raise InputError(
            f"{root}: no LitBank books found (expected quotations/tsv/NAME.ann with QUOTE lines "
            "next to NAME.txt); give the LitBank folder"
        )
    if only:
        names = {book_name(p): p for p in files} | {p.stem: p for p in files}
        missing = sorted(set(only) - set(names))
        if missing:
            known = ", ".join(book_name(p) for p in files)
            raise InputError(f"{root}: no book named {', '.join(missing)}; the books there are: {known}")
        files = [p for p in files if p in {names[n] for n in only}]
    return files


def book_name(path: Path) -> str:
    """``76_adventures_of_huckleberry_finn_brat.ann`` -> ``76_adventures_of_huckleberry_finn``."""
    return path.stem.removesuffix("_brat")


def load_book(quotes_path: Path) -> GoldBook:
    """The quotes and speakers of one excerpt, with the speakers' names from coreference."""
    lines = quotes_path.with_suffix(".txt").read_text(encoding="utf-8").removesuffix("\n").split("\n")
    tokens = detokenise([line.split(" ") if line else [] for line in lines])
    quotes, speakers = _quotes(quotes_path, tokens)
    coref = quotes_path.parents[2] / "coref" / "tsv" / quotes_path.name
    characters = _characters(coref, tokens) if coref.is_file() else {}
    for key in speakers - set(characters):
        characters[key] = GoldCharacter(key=key, names=(entity_name(key),))
    return GoldBook(
        name=book_name(quotes_path), text=tokens.text, quotes=quotes,
        characters=tuple(characters[k] for k in sorted(characters)),
    )


def entity_name(key: str) -> str:
    """The name in a LitBank entity id: ``Miss_Vance-26`` -> ``Miss Vance``."""
    return re.sub(r"-\d+$", "", key).replace("_", " ").replace(" 's", "'s").replace(" ’s", "’s")


def _fields(path: Path, label: str, size: int) -> list[list[str]]:
    """The tab-separated lines of ``path`` that start with ``label``."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row[0] == label]
    if any(len(row) < size for row in rows):
        raise InputError(f"{path}: a {label} line has fewer than {size} fields; see docs/evaluation.md")
    return rows


def _quotes(path: Path, tokens: Tokens) -> tuple[tuple[GoldQuote, ...], set[str]]:
    """The annotated quotes of one file, and the ids of their speakers."""
    speaker = {row[1]: row[2].strip() for row in _fields(path, "ATTRIB", 3)}
    quotes = []
    for row in _fields(path, "QUOTE", 6):
        try:
            first, last = _trim(tokens, (int(row[2]), int(row[3])), (int(row[4]), int(row[5])))
            span = tokens.span(first, last)
        except (ValueError, IndexError):
            raise InputError(
                f"{path}: quote {row[1]} points outside the .txt file; check its token numbers"
            ) from None
        quotes.append(GoldQuote(id=row[1], spans=(span,), speaker=speaker.get(row[1]) or None))
    return tuple(quotes), {q.speaker for q in quotes if q.speaker}


def _trim(tokens: Tokens, first: Place, last: Place) -> tuple[Place, Place]:
    """Move the ends of a quote inward past its quote marks (and an opening dash)."""

    def word(at: Place) -> str:
        start, end = tokens.places[at[0]][at[1]]
        return tokens.text[start:end]

    def step(at: Place, by: int) -> Place:
        sentence, token = at[0], at[1] + by
        if token < 0:
            return sentence - 1, len(tokens.places[sentence - 1]) - 1
        if token >= len(tokens.places[sentence]):
            return sentence + 1, 0
        return sentence, token

    while first < last and word(first) in MARKS:
        first = step(first, 1)
    while last > first and word(last) in MARKS:
        last = step(last, -1)
    return first, last


def _characters(path: Path, tokens: Tokens) -> dict[str, GoldCharacter]:
    """The coreference entities, each named by its proper-name mentions (common nouns if none)."""
    mentions = {row[1]: row for row in _fields(path, "MENTION", 9)}
    proper: dict[str, list[str]] = {}
    common: dict[str, list[str]] = {}
    for tag, key in ((row[1], row[2].strip()) for row in _fields(path, "COREF", 3)):
        row = mentions.get(tag)
        if row is None or row[8].strip() not in ("PROP", "NOM"):
            continue
        try:
            text = tokens.span((int(row[2]), int(row[3])), (int(row[4]), int(row[5]))).text
        except (ValueError, IndexError):
            raise InputError(f"{path}: mention {tag} points outside the .txt file") from None
        (proper if row[8].strip() == "PROP" else common).setdefault(key, []).append(text)
    characters = {}
    for key in set(proper) | set(common):
        names = [entity_name(key), *proper.get(key, common.get(key, []))]
        characters[key] = GoldCharacter(key=key, names=tuple(dict.fromkeys(names)))
    return characters


def detokenise(sentences: Sequence[Sequence[str]]) -> Tokens:
    """Join tokens back into prose: ``Do n't`` -> ``Don't``, ``“ Hi , ”`` -> ``“Hi,”``.

    Sentences are joined by a space; a sentence opening with a quote mark (outside
    a quote) starts a new paragraph (a blank line), since LitBank keeps no
    paragraphs and fabula reads dialogue paragraph by paragraph. Straight quote
    marks open or close by whether a quote of their kind is open.
    """
    parts: list[str] = []
    places: list[tuple[tuple[int, int], ...]] = []
    length, inside = 0, {'"': False, "'": False}
    for sentence in sentences:
        if parts and sentence:
            gap = "\n\n" if _opens_quote(sentence[0]) and not inside['"'] else " "
            parts.append(gap)
            length += len(gap)
        here: list[tuple[int, int]] = []
        glue_next = True
        for index, token in enumerate(sentence):
            role = _role(sentence, index, inside)
            _track(token, role, inside)
            if here and not glue_next and role not in ("close", "clitic"):
                parts.append(" ")
                length += 1
            here.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
            glue_next = role == "open"
        places.append(tuple(here))
    return Tokens(text="".join(parts), places=tuple(places))


def _opens_quote(token: str) -> bool:
    return token in ('"', "“", "‘", "'", "“‘", "—", "--")


def _track(token: str, role: str, inside: dict[str, bool]) -> None:
    """Note whether a double or a single quote is open after ``token``."""
    if token == '"' or "“" in token or "”" in token:
        inside['"'] = role == "open"
    if token in ("'", "‘", "’", "“‘", "’”"):
        inside["'"] = role == "open"


def _role(sentence: Sequence[str], index: int, inside: dict[str, bool]) -> str:
    """Whether a token glues to the next (open), to the previous (close, clitic) or to neither (word)."""
    token = sentence[index]
    if token in OPENING:
        return "open"
    if token in CLOSING:
        return "close"
    if token.lower().replace("’", "'") in CLITICS:
        return "clitic"
    if token in AMBIGUOUS:
        previous = sentence[index - 1] if index else None
        following = sentence[index + 1] if index + 1 < len(sentence) else None
        if following is None or (inside[token] and previous is not None):
            return "close"
        if token == '"':
            return "open"
        opens = previous is None or previous in _OPEN_CONTEXT or following[:1].isupper()
        return "open" if opens else "close"
    return "word"
