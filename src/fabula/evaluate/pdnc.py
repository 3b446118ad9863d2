"""Read books annotated in the layout of the Project Dialogism Novel Corpus (PDNC).

One folder per novel: ``novel_text.txt``, ``quotation_info.csv`` (one row per
quote, offsets into the text) and ``character_info.csv`` (one row per
character, with every alias).
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Sequence
from pathlib import Path

from fabula.errors import InputError
from fabula.evaluate.gold import QUOTE_TYPES, GoldBook, GoldCharacter, GoldQuote
from fabula.evaluate.scoring import normalise_name
from fabula.model import Span

FILES = ("novel_text.txt", "quotation_info.csv", "character_info.csv")
QUOTE_COLUMNS = ("quoteID", "quoteByteSpans", "speaker", "addressees", "quoteType")
CHARACTER_COLUMNS = ("Main Name", "Aliases")


def find_novels(root: Path, only: Sequence[str] | None = None) -> list[Path]:
    """The novel folders under ``root`` (or ``root`` itself if it is one), by name."""
    if not root.is_dir():
        raise InputError(f"{root}: not a folder; give the folder holding the PDNC novels")
    folders = [root] if _is_novel(root) else sorted(p for p in root.iterdir() if _is_novel(p))
    if not folders:
        raise InputError(
            f"{root}: no PDNC novels found (expected folders with {', '.join(FILES)}); "
            "give the folder that holds one folder per novel"
        )
    if only:
        missing = sorted(set(only) - {p.name for p in folders})
        if missing:
            names = ", ".join(p.name for p in folders)
            raise InputError(f"{root}: no novel named {', '.join(missing)}; the novels there are: {names}")
        folders = [p for p in folders if p.name in set(only)]
    return folders


def _is_novel(folder: Path) -> bool:
    return folder.is_dir() and all((folder / name).is_file() for name in FILES)


def load_novel(folder: Path) -> GoldBook:
    """The annotations of one novel folder."""
    text_path = folder / "novel_text.txt"
    text = text_path.read_bytes().decode("utf-8-sig", errors="replace")
    characters = _characters(folder / "character_info.csv")
    resolve = _resolver(characters)
    quote_path = folder / "quotation_info.csv"
    quotes = tuple(_quote(row, text, resolve, quote_path) for row in _rows(quote_path))
    known = {c.key for c in characters}
    named = {name for q in quotes for name in (q.speaker, *q.addressees) if name}
    extra = sorted(named - known)
    characters += tuple(GoldCharacter(key=name, names=(name,)) for name in extra)
    return GoldBook(name=folder.name, text=text, quotes=quotes, characters=characters, path=text_path)


def _rows(path: Path, columns: Sequence[str] = QUOTE_COLUMNS):
    """The rows of a CSV file as dicts, after checking its header."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        lacking = [c for c in columns if c not in (reader.fieldnames or ())]
        if lacking:
            missing = ", ".join(lacking)
            raise InputError(f"{path}: missing column {missing}; see docs/evaluation.md for the layout")
        for row in reader:
            yield row


def _characters(path: Path) -> tuple[GoldCharacter, ...]:
    """One ``GoldCharacter`` per row, keyed by its main name."""
    characters = []
    for row in _rows(path, CHARACTER_COLUMNS):
        main = row["Main Name"].strip()
        aliases = _literal(row["Aliases"], path, main) if _filled(row["Aliases"]) else ()
        names = (main, *sorted(str(a) for a in aliases if str(a) != main))
        characters.append(GoldCharacter(key=main, names=names))
    return tuple(characters)


def _resolver(characters: Sequence[GoldCharacter]):
    """A function turning a speaker or addressee as written into a character key.

    PDNC mostly writes the main name, sometimes an alias (``Nora`` for ``Nora
    Vance``); a name no character holds is kept as it is.
    """
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for character in characters:
        for name in character.names:
            exact.setdefault(name, set()).add(character.key)
            loose.setdefault(normalise_name(name), set()).add(character.key)
    mains = {c.key for c in characters}

    def resolve(name: str) -> str:
        name = name.strip()
        if name in mains:
            return name
        for table, key in ((exact, name), (loose, normalise_name(name))):
            if len(table.get(key, ())) == 1:
                return next(iter(table[key]))
        return name

    return resolve


def _quote(row: dict[str, str], text: str, resolve, path: Path) -> GoldQuote:
    """One annotated quote from its CSV row."""
    quote_id = row["quoteID"]
    spans = tuple(Span(s, e, text[s:e]) for s, e in _literal(row["quoteByteSpans"], path, quote_id))
    if not spans or any(not 0 <= s.start < s.end <= len(text) for s in spans):
        raise InputError(f"{path}: quote {quote_id} has spans outside novel_text.txt; check quoteByteSpans")
    addressees = _literal(row["addressees"], path, quote_id) if _filled(row["addressees"]) else []
    kind = row["quoteType"].strip().lower()
    speaker = row["speaker"].strip()
    return GoldQuote(
        id=quote_id,
        spans=spans,
        speaker=resolve(speaker) if speaker and speaker != "nan" else None,
        addressees=tuple(dict.fromkeys(resolve(str(a)) for a in addressees)),
        type=kind if kind in QUOTE_TYPES else None,
    )


def _literal(value: str, path: Path, where: str):
    """A Python literal from a CSV cell (a list or set), or an InputError naming the row."""
    try:
        return ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        raise InputError(
            f"{path}: cannot read {value[:40]!r} at {where}; expected a Python list or set"
        ) from None


def _filled(cell: str) -> bool:
    """Whether a CSV cell holds a value (pandas writes an empty one as ``nan``)."""
    return cell.strip() not in ("", "nan")
