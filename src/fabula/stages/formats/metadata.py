"""What a source declares about a work: labels, ratings and tag lists mapped onto ``Metadata``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fabula.model import Metadata

AO3_RATINGS = ("Not Rated", "General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
AO3_WARNINGS = (
    "Creator Chose Not To Use Archive Warnings",
    "Choose Not To Use Archive Warnings",
    "Graphic Depictions Of Violence",
    "Major Character Death",
    "No Archive Warnings Apply",
    "Rape/Non-Con",
    "Underage Sex",
    "Underage",
)
AO3_CATEGORIES = ("F/F", "F/M", "Gen", "M/M", "Multi", "Other")

_RATING = re.compile(
    r"(?:rated\s+)?(?P<rating>not\s+rated|general\s+audiences|teen\s+and\s+up\s+audiences|mature|explicit"
    r"|NC-?17|PG-?13|PG|G|R|K\+|K|T|MA|M|FR(?:AA|C|7|13|15|18))(?=$|[\s.,;:()\[\]/-])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\s*[<(\[]?\s*(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*[>)\]]?\s*")
_LIST_SPLIT = re.compile(r"\s*[,;]\s*")
_LIST_FIELDS = ("warnings", "categories", "fandoms", "relationships", "characters", "tags")

_FIELDS = {
    **dict.fromkeys(("title", "story title"), "title"),
    **dict.fromkeys(("author", "authors", "written by", "by", "author name", "writer"), "author"),
    **dict.fromkeys(("rating", "rated", "ratings"), "rating"),
    **dict.fromkeys(
        ("pairing", "pairings", "relationship", "relationships", "ship", "ships"), "relationships"
    ),
    **dict.fromkeys(("character", "characters", "main characters"), "characters"),
    **dict.fromkeys(("category", "categories"), "categories"),
    **dict.fromkeys(("genre", "genres", "tags", "additional tags", "freeform", "freeform tags"), "tags"),
    **dict.fromkeys(
        (
            "warning",
            "warnings",
            "archive warning",
            "archive warnings",
            "content warning",
            "content warnings",
            "trigger warning",
            "trigger warnings",
        ),
        "warnings",
    ),
    **dict.fromkeys(("summary", "description"), "summary"),
    **dict.fromkeys(
        (
            "a/n",
            "an",
            "author's note",
            "author's notes",
            "authors note",
            "authors notes",
            "author note",
            "author notes",
            "note",
            "notes",
        ),
        "notes",
    ),
    **dict.fromkeys(("fandom", "fandoms"), "fandoms"),
    "language": "language",
}
_EXTRA = frozenset(
    (
        "spoiler",
        "spoilers",
        "disclaimer",
        "disclaimers",
        "feedback",
        "archive",
        "archiving",
        "email",
        "e-mail",
        "distribution",
        "series",
        "beta",
        "betas",
        "beta reader",
        "beta'd by",
        "status",
        "published",
        "updated",
        "packaged",
        "completed",
        "words",
        "word count",
        "chapters",
        "timeline",
        "setting",
        "dedication",
        "website",
        "url",
        "story url",
        "author url",
        "site",
        "publisher",
        "date",
        "written",
        "crossover",
        "season",
        "prompt",
        "challenge",
        "sequel to",
        "prequel to",
        "keywords",
        "thanks",
        "posted",
        "link",
    )
)


def normalise_label(label: str) -> str:
    """A label as a lookup key: lower case, single spaces, "Character(s)" as "characters"."""
    key = " ".join(label.lower().split())
    return re.sub(r"\(s\)$", "s", key)


def is_known_label(label: str) -> bool:
    """Whether a plain-text header may carry this label (an unknown one is story text)."""
    key = normalise_label(label)
    return key in _FIELDS or key in _EXTRA


def split_rating(value: str) -> tuple[str, str | None]:
    """A declared rating and the reasons given with it: "NC-17 sex." -> ("NC-17", "sex")."""
    value = " ".join(value.split())
    match = _RATING.match(value)
    if match is None or not value:
        return value, None
    reasons = value[match.end() :].strip().lstrip("-–—:;,/ ").strip()
    if reasons.startswith("(") and reasons.endswith(")"):
        reasons = reasons[1:-1]
    reasons = re.sub(r"^for\s+", "", reasons.rstrip(". "), flags=re.IGNORECASE)
    return match.group("rating"), reasons or None


def split_list(value: str) -> list[str]:
    """Items of a comma- or semicolon-separated value, blanks dropped."""
    return [item for item in _LIST_SPLIT.split(value.strip()) if item]


@dataclass
class MetadataDraft:
    """Metadata gathered piece by piece while reading; ``build`` freezes it."""

    title: str | None = None
    author: str | None = None
    rating: str | None = None
    summary: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, value: str, *, fanficfare: bool = False, strict: bool = True) -> bool:
        """File a ``Label: value`` pair; False when ``strict`` and the label is not a known one."""
        key = normalise_label(label)
        name = _FIELDS.get(key)
        if name is None:
            if strict and key not in _EXTRA:
                return False
            self.add_extra(key, value)
        elif name == "categories" and fanficfare and not _all_categories(value):
            self.extend("fandoms", split_list(value))  # FanFicFare's "Category" is the fandom
        elif name in _LIST_FIELDS:
            self.extend(name, split_list(value))
        else:
            self.set(name, value)
        return True

    def set(self, name: str, value: str) -> None:
        """Set a single-valued field (rating and author are cleaned up on the way)."""
        value = value.strip()
        if not value:
            return
        if name == "rating":
            self.rating, reasons = split_rating(value)
            if reasons:
                self.add_extra("rating_reasons", reasons)
        elif name == "author":
            self.set_author(value)
        elif name == "notes":
            self.notes.append(value)
        else:
            setattr(self, name, value)

    def set_author(self, value: str) -> None:
        """The author, with an e-mail address moved to ``extra``."""
        email = _EMAIL.search(value)
        if email:
            self.add_extra("email", email.group(1))
            value = (value[: email.start()] + " " + value[email.end() :]).strip(" ,-")
        self.author = " ".join(value.split()) or self.author

    def extend(self, name: str, values: list[str]) -> None:
        """Add items to a list field, keeping the first of any repeat."""
        items = self.lists.setdefault(name, [])
        items.extend(v for v in (" ".join(v.split()) for v in values) if v and v not in items)

    def add_extra(self, key: str, value: str) -> None:
        """Keep another declared pair; a repeated key gathers its values line by line."""
        key = re.sub(r"[^\w/]+", "_", key.lower()).strip("_") or "note"
        value = value.strip()
        if value:
            self.extra[key] = f"{self.extra[key]}\n{value}" if key in self.extra else value

    def fill(self, other: MetadataDraft) -> None:
        """Take from ``other`` every field this draft lacks."""
        for name in ("title", "author", "rating", "summary", "language"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        self.notes = self.notes or other.notes
        for name, values in other.lists.items():
            if not self.lists.get(name):
                self.lists[name] = list(values)
        for key, value in other.extra.items():
            self.extra.setdefault(key, value)

    def build(self) -> Metadata:
        """The frozen ``Metadata``."""
        return Metadata(
            title=self.title,
            author=self.author,
            rating=self.rating,
            summary=self.summary,
            notes="\n\n".join(self.notes) or None,
            language=self.language,
            extra=tuple(self.extra.items()),
            **{name: tuple(self.lists.get(name, ())) for name in _LIST_FIELDS},
        )


def _all_categories(value: str) -> bool:
    items = split_list(value)
    return bool(items) and all(item in AO3_CATEGORIES for item in items)


def sort_subjects(draft: MetadataDraft, subjects: list[str]) -> None:
    """File EPUB ``dc:subject`` entries: AO3 rating, warnings and categories by name, the rest as tags."""
    ratings = {r.lower(): r for r in AO3_RATINGS}
    for subject in subjects:
        subject = " ".join(subject.split())
        if subject.lower() in ratings and draft.rating is None:
            draft.rating = subject
        elif subject in AO3_WARNINGS:
            draft.extend("warnings", [subject])
        elif subject in AO3_CATEGORIES:
            draft.extend("categories", [subject])
        elif subject:
            draft.extend("tags", [subject])
