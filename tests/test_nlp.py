"""The parse: fiction's glued punctuation is split so names and tags are words of their own."""

from __future__ import annotations

import pytest

from fabula.nlp import load_pipeline


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('said Mr. Wardlow--"yes, certainly', ["Wardlow", "--", '"', "yes"]),
        ('a thing again:"--and nodding', ["again", ":", '"', "--", "and"]),
        ('"Yes,"said Anna.', ["Yes", ",", '"', "said", "Anna"]),
        ("it—'Tis so", ["it", "—"]),
    ],
)
def test_dashes_and_quotes_glued_to_words_are_split(text, words):
    tokens = [t.text for t in load_pipeline().tokenizer(text)]
    joined = " ".join(tokens)
    assert " ".join(words) in joined, tokens


def test_single_hyphens_and_abbreviations_stay_whole():
    tokens = [t.text for t in load_pipeline().tokenizer("Mr. Smith, a well-known man.")]
    assert "Mr." in tokens and "well" in tokens and "-" in tokens and "Smith" in tokens
