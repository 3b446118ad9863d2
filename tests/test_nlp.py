"""The parse: fiction's glued punctuation is split so names and tags are words of their own."""

from __future__ import annotations

import pytest

from fabula.nlp import load_pipeline, mend_name_subjects, truecase


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


@pytest.mark.parametrize(
    ("text", "name"),
    [("Will nodded.", "Will"), ('"No," Will said.', "Will"), ("May smiled at her.", "May"),
     ("Then Will slowly turned around.", "Will"), ("Will didn't answer.", "Will"),
     ("Tim nodded.", "Tim"), ("Holly looked at her.", "Holly"),
     ("Tobin burst into a laugh, and May echoed it.", "May")],
)
def test_a_name_read_as_a_modal_or_an_adverb_is_the_subject(text, name):
    token = next(t for t in mend_name_subjects(load_pipeline()(text)) if t.text == name)
    assert (token.pos_, token.dep_) == ("PROPN", "nsubj")


@pytest.mark.parametrize(("text", "name"), [("When Ida had gone Nell looked around her.", "Nell"),
                                            ("After the guests had gone Nell washed the cups.", "Nell"),
                                            ("When the door opened Nell heard his voice.", "Nell"),
                                            ("Before Nell could answer Mrs. Vance appeared on the scene.", "Vance")])
def test_a_name_hung_on_the_clause_before_it_is_the_subject_of_the_verb_after_it(text, name):
    doc = mend_name_subjects(load_pipeline()(text))
    token = next(t for t in doc if t.text == name)
    assert (token.dep_, token.head.i) == ("nsubj", token.i + 1)


def test_a_name_read_as_a_noun_with_its_verb_as_a_modifier_is_the_subject():
    doc = mend_name_subjects(load_pipeline()("Theodore hated road trips. He hated the snacks."))
    name, verb = doc[0], doc[1]  # the parser reads "Theodore (hated road trips)", one noun phrase
    assert (name.pos_, name.dep_, name.head.i) == ("PROPN", "nsubj", verb.i)
    assert verb.dep_ == "ROOT" and doc[3].head.i == verb.i


@pytest.mark.parametrize("text", ["The man hated road trips.", "Broken glass covered the floor."])
def test_a_noun_phrase_that_is_one_stays_one(text):
    doc = mend_name_subjects(load_pipeline()(text))
    assert not any(t.pos_ == "PROPN" for t in doc)


@pytest.mark.parametrize("text", ["Will you come?", "May I come in?", "May have gone.", "It will rain."])
def test_a_modal_that_is_a_modal_stays_one(text):
    doc = mend_name_subjects(load_pipeline()(text))
    assert [t.tag_ for t in doc if t.lower_ in ("will", "may")] == ["MD"]


@pytest.mark.parametrize("text", ["Never said a word.", "Then came the rain.", "Suddenly he laughed."])
def test_an_adverb_opening_a_sentence_stays_one(text):
    first = mend_name_subjects(load_pipeline()(text))[0]
    assert first.dep_ != "nsubj" and first.pos_ != "PROPN"


def test_truecase_leaves_a_cased_story_as_it_is():
    texts = ["Ann looked up. \"the man,\" she said, \"is late.\"", "Ben nodded."]
    assert truecase(texts) is texts


def test_truecase_gives_a_lowercase_story_its_capitals_and_nothing_else():
    texts = ['nora sat by the fire. "are you staying?" she asked.', '"no," said ben. "i will go," nora said.',
             "the man said nothing. mr. vance smiled at nora.", "the nurse shrugged. ben left.",
             'the woman cried. "stop," said the sobbing woman. "i don\'t say it," nora said smiling.']
    cased = truecase(texts)
    assert [c.lower() for c in cased] == texts  # only case changes: every offset holds
    assert cased[0] == 'Nora sat by the fire. "Are you staying?" she asked.'
    assert cased[1] == '"No," said Ben. "I will go," Nora said.'
    assert cased[2] == "The man said nothing. Mr. Vance smiled at Nora."  # "man" after "the" is no name
    assert cased[3] == "The nurse shrugged. Ben left."  # a title word before a verb is no title
    assert cased[4] == 'The woman cried. "Stop," said the sobbing woman. "I don\'t say it," Nora said smiling.'
