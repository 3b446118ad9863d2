"""attribute_speakers: tags, pronouns, beats, vocatives and turn-taking give each quote its speaker."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

import fabula
from fabula.model import Analysis, Mention, Quote
from fabula.nlp import load_pipeline
from fabula.stages.speakers import (
    _break_between,
    _family_member,
    _own_phrase,
    _parsed_subject,
    _participle_subject,
    _unsaid,
)


def _analyse(text: str) -> Analysis:
    """The whole pipeline on ``text``; every speaker and addressee is a character of the cast."""
    analysis = fabula.analyse(text)
    ids = {c.id for c in analysis.cast.characters}
    for quote in analysis.quotes:
        assert quote.speaker is None or quote.speaker in ids
        assert set(quote.speakers) <= ids and set(quote.addressees) <= ids
    return analysis


def _id(analysis: Analysis, name: str) -> str:
    """The id of the one character going by ``name`` (name or alias)."""
    found = [c.id for c in analysis.cast.characters if name == c.name or name in c.aliases]
    assert len(found) == 1, f"{name!r} should name one character: {analysis.cast.characters}"
    return found[0]


def _one_named(analysis: Analysis, name: str):
    """The one character going by ``name``."""
    return next(c for c in analysis.cast.characters if c.id == _id(analysis, name))


def _quote(analysis: Analysis, opening: str) -> Quote:
    """The one quote whose text starts with ``opening``."""
    found = [q for q in analysis.quotes if q.text.startswith(opening)]
    assert len(found) == 1, f"{opening!r} should open one quote: {[q.text for q in analysis.quotes]}"
    return found[0]


def _said(analysis: Analysis, opening: str) -> tuple[str | None, str | None]:
    """The speaker's id and the cue of the one quote whose text starts with ``opening``."""
    quote = _quote(analysis, opening)
    return quote.speaker, quote.cue


def _names(analysis: Analysis) -> list[str | None]:
    """The speaker's name for every speech quote, in text order."""
    names = {c.id: c.name for c in analysis.cast.characters}
    return [names.get(q.speaker) for q in analysis.quotes if q.kind == "speech"]


# --------------------------------------------------------------------------- explicit tags


def test_speakers_explicit_tag_after_the_quote() -> None:
    analysis = _analyse(
        "Willow and Tara sat on the porch and watched the rain.\n\n"
        '"It\'s late," Willow said.\n\n'
        '"Too late for more tea," Willow said.\n\n'
        '"Never too late," Tara said.'
    )
    assert _names(analysis) == ["Willow", "Willow", "Tara"]
    assert all(q.cue == "explicit" for q in analysis.quotes)


def test_speakers_explicit_tag_inverted_said_tara() -> None:
    analysis = _analyse(
        "Willow and Tara sat on the porch and watched the rain.\n\n"
        '"It\'s late," said Tara.\n\n'
        '"Too late for more tea," said Tara.\n\n'
        '"Never too late," said Willow.'
    )
    assert _names(analysis) == ["Tara", "Tara", "Willow"]
    assert all(q.cue == "explicit" for q in analysis.quotes)


def test_speakers_explicit_tag_before_the_quote_with_a_colon() -> None:
    analysis = _analyse(
        "Tara and Willow sat on the porch, and Tara pulled a blanket over Willow's knees.\n\n"
        'Tara said: "It\'s late."\n\n'
        'Tara said: "Too late for more tea."\n\n'
        'Willow said: "Never too late."'
    )
    assert _names(analysis) == ["Tara", "Tara", "Willow"]
    assert all(q.cue == "explicit" for q in analysis.quotes)


# --------------------------------------------------------------------------- pronouns and beats


def test_speakers_she_asked_resolves_to_the_woman_not_the_man() -> None:
    analysis = _analyse(
        "Xander came in with a pizza box under his arm. Willow looked up from her laptop.\n\n"
        '"Is that pepperoni?" she asked.\n\n'
        '"Only the best," he said.\n\n'
        '"You\'re my hero," she said.'
    )
    assert _names(analysis) == ["Willow", "Xander", "Willow"]
    assert [q.cue for q in analysis.quotes] == ["anaphoric"] * 3


def test_speakers_she_said_between_two_women_is_the_subject_of_the_sentence_before() -> None:
    analysis = _analyse(
        "Tara and Willow sat down at the kitchen table. Willow pulled her sleeves over her hands, and "
        "Tara smiled at Willow.\n\n"
        'Tara poured the coffee. "Sugar?" she asked.\n\n'
        'Tara sat down across from her. "Or honey?" she asked.\n\n'
        'Willow laughed. "Neither," she said.'
    )
    assert _names(analysis) == ["Tara", "Tara", "Willow"]


def test_speakers_she_said_right_after_a_subject_whose_gender_is_not_yet_known() -> None:
    analysis = _analyse(
        "Tara and Willow sat down at the kitchen table, and Tara smiled at Willow.\n\n"
        'Tara poured the coffee. "Sugar?" she asked.\n\n'
        'Tara sat down across from her. "Or honey?" she asked.\n\n'
        'Willow laughed. "Neither," she said.'
    )
    assert _names(analysis) == ["Tara", "Tara", "Willow"]


def test_speakers_she_said_calling_the_girl_is_the_woman_the_narration_last_named() -> None:
    analysis = _analyse(
        "Miss Thorne kept the school at the crossroads, and Ida Grey was her best pupil.\n\n"
        '"You will sit the examination in June," Miss Thorne said.\n\n'
        '"I will," said Ida.\n\n'
        "That winter Ida grew so fast that Nora Pell was astonished one day, when they stood side by side, "
        "to find the girl was taller than herself.\n\n"
        '"Why, Ida, how you have grown!" she said.'
    )
    assert _quote(analysis, "Why, Ida").speaker == _id(analysis, "Nora Pell")


def test_speakers_a_voice_answering_a_call_made_before_the_tag_is_the_one_called() -> None:
    analysis = _analyse(
        '"I shall hide, and you shall find me," said Nell after lunch, and ran off.\n\n'
        "Ida and Ben searched the garden for an hour.\n\n"
        '"She never hides this long," said Ben.\n\n'
        '"Nell, Nell," cried Ida, "where are you?"\n\n'
        '"Here I am," said a small voice behind the hedge.'
    )
    assert _quote(analysis, "Here I am").speaker == _id(analysis, "Nell")


def test_speakers_a_name_cried_out_before_its_tag_is_called_not_the_crier() -> None:
    analysis = _analyse(
        '"I shall hide, and you shall find me," said Nell after lunch, and ran off.\n\n'
        "Ida and Ben searched the garden for an hour.\n\n"
        '"She never hides this long," said Ben.\n\n'
        '"Oh, Nell!" cried Ida. "Where are you?"\n\n'
        '"Here I am," said a small voice behind the hedge.'
    )
    nell = _id(analysis, "Nell")
    assert _quote(analysis, "Oh, Nell").addressees == (nell,)
    assert _quote(analysis, "Here I am").speaker == nell


def test_speakers_a_voice_is_the_one_the_narration_then_shows() -> None:
    analysis = _analyse(
        "Ida sat alone in the library with her book, and the fire burned low.\n\n"
        '"You should be asleep," Ben said from the stairs.\n\n'
        '"So should you," said Ida.\n\n'
        "Ben went up to bed. The clock struck one, and Ida turned a page.\n\n"
        '"Still reading?" said a voice from the doorway. Ida looked up to see Nora Pell in her dressing gown.'
    )
    assert _quote(analysis, "Still reading").speaker == _id(analysis, "Nora Pell")


def test_speakers_action_beat_in_the_same_paragraph() -> None:
    analysis = _analyse(
        "Tara and Willow walked home along the river. Tara glanced at Willow.\n\n"
        '"I bet you can\'t beat me to the bridge," Tara said.\n\n'
        'Tara grinned. "Or are you scared?"\n\n'
        'Willow smirked. "You wish."'
    )
    assert _names(analysis) == ["Tara", "Tara", "Willow"]
    assert _quote(analysis, "You wish").confidence > 0


def test_speakers_the_one_a_sentence_makes_speak_beats_the_first_one_it_makes_act() -> None:
    analysis = _analyse(
        "Ida and Nell sat in the parlour with their aunt. Tobin stood by the fire.\n\n"
        '"Good night," said Nell.\n\n'
        'Ida and Nell walked off, and as soon as they were gone Tobin began. "Believe me, '
        'madam, I came only to talk about the farm."\n\n'
        "Their aunt looked at him. Ida closed the door behind her, and as soon as it shut Tobin began.\n\n"
        '"It is a good farm, madam."'
    )
    assert _names(analysis)[1:] == ["Tobin", "Tobin"]



def test_speakers_a_name_the_parser_hangs_on_a_clause_before_the_main_verb_still_acts() -> None:
    analysis = _analyse(
        "Mr. Grey and Tobin sat in the drawing-room after dinner.\n\n"
        '"I only go into the country to see my friends," said Tobin. "It is very remiss of me."\n\n'
        '"And I only stay," said Mr. Grey.\n\n'
        "Mr. Grey, distressed at this heavy reception of the village and its people,\n"
        "determined to change the subject.\n\n"
        '"Let me see--I forget--what is your profession?"\n\n'
        '"I have no profession."'
    )
    assert _names(analysis)[3:] == ["Mr. Grey", "Tobin"]

def test_speakers_interrupted_quote_is_two_quotes_with_one_speaker() -> None:
    analysis = _analyse(
        "Xander picked up his keys and walked to the door. Willow sat up on the couch.\n\n"
        '"Wait," she said, "come back."'
    )
    speech = [q for q in analysis.quotes if q.kind == "speech"]
    assert [q.text for q in speech] == ["Wait,", "come back."]
    willow = _id(analysis, "Willow")
    assert speech[0].speaker == willow and speech[1].speaker == willow


# --------------------------------------------------------------------------- conversation


def test_speakers_vocative_names_the_addressee_not_the_speaker() -> None:
    analysis = _analyse(
        "Julie sat in the passenger seat while Willow drove. Julie stared out of the window for a long "
        "time, then turned to her.\n\n"
        '"Are you still angry?"\n\n'
        '"No Julie I\'m not."'
    )
    julie, willow = _id(analysis, "Julie"), _id(analysis, "Willow")
    answer = _quote(analysis, "No Julie")
    assert answer.speaker == willow
    assert answer.addressees == (julie,)
    assert _quote(analysis, "Are you still angry").speaker == julie


def test_speakers_untagged_exchange_takes_turns_after_two_tagged_lines() -> None:
    analysis = _analyse(
        "Buffy and Xander stood outside the club in the cold.\n\n"
        '"You\'re late," Buffy said.\n\n'
        '"Traffic," Xander said.\n\n'
        '"You walked here."\n\n'
        '"Slow traffic."\n\n'
        '"Very slow."\n\n'
        '"The slowest."'
    )
    assert _names(analysis) == ["Buffy", "Xander", "Buffy", "Xander", "Buffy", "Xander"]


def test_speakers_they_both_said_gives_both_and_no_single_speaker() -> None:
    analysis = _analyse(
        "Willow and Tara lay in the dark, staring at the ceiling.\n\n"
        '"Are you awake?" Tara asked.\n\n'
        '"Yes," Willow said.\n\n'
        '"Goodnight." They both said at the same time.'
    )
    goodnight = _quote(analysis, "Goodnight")
    assert goodnight.speaker is None
    assert set(goodnight.speakers) == {_id(analysis, "Willow"), _id(analysis, "Tara")}
    assert len(goodnight.speakers) == 2


def test_speakers_addressees_of_a_two_person_exchange_are_the_other_person() -> None:
    analysis = _analyse(
        "Buffy and Xander stood outside the club in the cold.\n\n"
        '"You\'re late," Buffy said.\n\n'
        '"Traffic," Xander said.\n\n'
        '"You walked here," Buffy said.\n\n'
        '"Slow traffic," Xander said.'
    )
    buffy, xander = _id(analysis, "Buffy"), _id(analysis, "Xander")
    assert [(q.speaker, q.addressees) for q in analysis.quotes] == [
        (buffy, (xander,)),
        (xander, (buffy,)),
        (buffy, (xander,)),
        (xander, (buffy,)),
    ]


def test_speakers_every_quote_has_a_confidence_and_a_cue_when_it_has_a_speaker() -> None:
    analysis = _analyse(
        "Willow and Tara sat on the porch and watched the rain. Xander came up the path.\n\n"
        '"Hey," Xander said. "Am I too late?"\n\n'
        'Willow smiled. "Never."\n\n'
        '"Where were you?" Tara asked.\n\n'
        '"Traffic."\n\n'
        '"Liar," they both said.\n\n'
        'Nobody spoke for a while. "It\'s nice out here," someone said at last.'
    )
    assert analysis.quotes
    for quote in analysis.quotes:
        assert 0.0 <= quote.confidence <= 1.0
        if quote.speaker or quote.speakers:
            assert quote.cue
            assert quote.confidence > 0
        else:
            assert quote.cue is None


def test_speakers_caller_never_in_narration_is_named_by_the_replies() -> None:
    analysis = _analyse(
        'Willow\'s phone rang. She looked at the screen and sighed. "Hello."\n\n'
        '"Willow, please come home."\n\n'
        '"No Julie, I\'m not coming home," Willow said.\n\n'
        '"Please. I\'m sorry."\n\n'
        '"It\'s too late, Julie."'
    )
    julie, willow = _id(analysis, "Julie"), _id(analysis, "Willow")
    assert _names(analysis) == ["Willow", "Julie", "Willow", "Julie", "Willow"]
    assert _quote(analysis, "Willow, please").addressees == (willow,)
    assert _quote(analysis, "No Julie").addressees == (julie,)


def test_speakers_caller_named_only_in_the_reply_speaks_the_call() -> None:
    analysis = _analyse(
        'Willow\'s phone rang. She looked at the screen and sighed. "Hello."\n\n'
        '"Willow, please come home."\n\n'
        '"No Julie, I\'m not coming home," Willow said.'
    )
    julie, willow = _id(analysis, "Julie"), _id(analysis, "Willow")
    assert _quote(analysis, "Hello").speaker == willow
    assert _quote(analysis, "Willow, please").speaker == julie
    assert _quote(analysis, "No Julie").speaker == willow
    assert _quote(analysis, "No Julie").addressees == (julie,)


def test_speakers_said_to_names_the_addressee_who_answers_next() -> None:
    analysis = _analyse(
        "Mr. Grey, Mr. Brown and Mr. White sat by the fire after dinner.\n\n"
        '"A fine evening," said Mr. Brown.\n\n'
        '"It will rain tomorrow," said Mr. Grey to Mr. White.\n\n'
        '"Then we shall stay in."'
    )
    grey, white = _id(analysis, "Mr. Grey"), _id(analysis, "Mr. White")
    told = _quote(analysis, "It will rain")
    assert told.speaker == grey and told.addressees == (white,)
    assert _quote(analysis, "Then we shall").speaker == white


def test_a_verb_right_after_a_running_on_quote_is_its_tag():
    text = (
        'Osric stood by the gate. Marguerite looked at him.\n\n'
        '"The garden," beamed Osric, "is really yet to come."\n\n'
        '"Do you think so?" Marguerite asked.\n'
    )
    analysis = _analyse(text)
    osric = _id(analysis, "Osric")
    for opening in ("The garden", "is really"):
        assert _said(analysis, opening) == (osric, "explicit")


def test_a_clause_after_a_quote_is_not_its_tag():
    text = (
        'Marguerite and Osric stood in the hall.\n\n'
        'Marguerite said, "Yes," while Osric edged away.\n'
    )
    analysis = _analyse(text)
    assert _quote(analysis, "Yes").speaker == _id(analysis, "Marguerite")


def test_a_tag_closing_the_previous_paragraph_beats_a_beat():
    text = (
        'Marguerite and Osric sat by the fire.\n\n'
        'The box was brought, and Osric, sighing over it as he unlocked it, said--\n\n'
        '"This is full of papers." Marguerite took the box from the table.\n'
    )
    analysis = _analyse(text)
    assert _quote(analysis, "This is full").speaker == _id(analysis, "Osric")


def test_a_tag_verb_shares_the_subject_of_the_verb_it_completes():
    text = (
        'Marguerite and Osric sat on the bench.\n\n'
        'Osric was forced at last to add, "It is late."\n'
    )
    analysis = _analyse(text)
    late = _quote(analysis, "It is late")
    assert (late.speaker, late.cue) == (_id(analysis, "Osric"), "explicit")


def test_said_the_stranger_goes_to_someone_present_of_the_nouns_gender():
    text = (
        'Osric leaned on his cane. Marguerite checked her watch. Petra tapped her foot.\n\n'
        '"The train is late," Petra said to Marguerite.\n\n'
        '"It always is," said the gentleman.\n'
    )
    analysis = _analyse(text)
    assert _said(analysis, "It always is") == (_id(analysis, "Osric"), "anaphoric")


def test_said_her_father_is_not_the_one_whose_father_he_is():
    text = (
        'Marguerite came home late. Osric was waiting in the hall with his pipe; Petra stood by her chair.\n\n'
        '"Where were you?" Petra asked her.\n\n'
        '"Out," said Marguerite.\n\n'
        '"That is no answer," said her father.\n'
    )
    analysis = _analyse(text)
    assert _quote(analysis, "That is no answer").speaker == _id(analysis, "Osric")


def test_said_her_father_is_the_knight_of_her_family_not_the_mister():
    text = (
        "Sir Tobin Grey read by the fire, and Hugo Grey, his cousin and heir, stood by the door. Mr. Grey "
        "had come to stay. Ida Grey came in from the garden.\n\n"
        '"Where were you?" Mr. Grey asked her.\n\n'
        '"Out," said Ida.\n\n'
        '"That is no answer," said her father.\n'
    )
    analysis = _analyse(text)
    assert _quote(analysis, "That is no answer").speaker == _id(analysis, "Sir Tobin Grey")


def test_untagged_lines_before_a_tagged_one_alternate_back_from_it():
    text = (
        'Marguerite sat down at the table. Petra poured the wine for her. The door opened and Osric '
        'came in with his coat over his arm.\n\n'
        '"You are late."\n\n'
        '"The roads were bad."\n\n'
        '"They always are."\n\n'
        '"Not like tonight," said Osric.\n'
    )
    analysis = _analyse(text)
    osric = _id(analysis, "Osric")
    assert _quote(analysis, "The roads").speaker == osric
    assert _quote(analysis, "They always").speaker not in (None, osric)
    assert _quote(analysis, "You are late").speaker not in (None, osric)


def test_the_last_narration_paragraph_before_an_untagged_line_names_who_speaks():
    text = (
        'Marguerite and Osric sat at the table with Petra.\n\n'
        '"It is raining again," Petra said.\n\n'
        'Nobody answered for a while. The clock ticked on the mantelpiece and the fire burned low.\n\n'
        'Osric put down his cup and looked at the window for a long time, frowning.\n\n'
        '"Then we stay."\n'
    )
    analysis = _analyse(text)
    stay = _quote(analysis, "Then we stay")
    assert (stay.speaker, stay.cue) == (_id(analysis, "Osric"), "beat")


def test_speakers_inverted_tag_with_the_title_on_the_line_before() -> None:
    analysis = _analyse(
        "Mrs. Pell and Mr. Harcourt stood by the fire.\n\n"
        '"Nonsense, my good woman," said Mr.\nHarcourt, "you know nothing of it."'
    )
    harcourt = _id(analysis, "Mr. Harcourt")
    assert [q.speaker for q in analysis.quotes if q.kind == "speech"] == [harcourt, harcourt]
    assert all(q.cue == "explicit" for q in analysis.quotes)


def test_speakers_the_one_a_tag_subject_points_at_is_not_the_subject() -> None:
    analysis = _analyse(
        "Ashby sat on the bench by the lake. Nell came up the path with her little brother Tobin, who stared "
        "at him.\n\n"
        '"What is your name?" Tobin asked.\n\n'
        '"Ask him HIS name," said his sister, indicating Ashby.'
    )
    assert _quote(analysis, "Ask him").speaker == _id(analysis, "Nell")


def test_speakers_the_father_is_not_the_one_whose_father_the_narration_just_spoke_of() -> None:
    analysis = _analyse(
        "Mr. Grey sat down on a bench in the empty hall. At the back, sulky to the last, sat Hugo.\n\n"
        "At length Hugo came down, bench by bench, until he stood as far as possible from where his father "
        "sat.\n\n"
        '"How was this done?" asked the father.\n\n'
        '"How was what done?" moodily answered the son.'
    )
    assert _names(analysis) == ["Mr. Grey", "Hugo"]


def test_speakers_replied_his_mother_is_the_mother_not_the_son() -> None:
    analysis = _analyse(
        "Mrs. Grey sat by the window with her sewing. Tom came in from the garden. He had muddy boots; "
        "he left a trail across the hall.\n\n"
        '"Look at your boots," replied his mother, "and on my clean floor!"'
    )
    grey, tom = _id(analysis, "Mrs. Grey"), _id(analysis, "Tom")
    speech = [q for q in analysis.quotes if q.kind == "speech"]
    assert [q.speaker for q in speech] == [grey, grey]
    assert all(tom not in q.speakers for q in speech)


def test_speakers_someone_spoken_to_who_never_speaks_does_not_take_the_next_line() -> None:
    analysis = _analyse(
        "Anna and Ben walked up the hill to the grave. Agnes had been dead a year.\n\n"
        '"It\'s cold up here," Ben said.\n\n'
        '"I know," Anna said. "Rest well, Agnes."\n\n'
        '"We should go before it rains."\n\n'
        '"Yes, let\'s go."'
    )
    ben, anna = _id(analysis, "Ben"), _id(analysis, "Anna")
    assert _quote(analysis, "We should go").speaker == ben
    assert _quote(analysis, "Yes, let").speaker == anna


@pytest.mark.parametrize("silence", ["Hugh made no answer.", "Hugh was silent.", "Hugh said nothing."])
def test_speakers_after_no_answer_the_one_who_spoke_goes_on(silence: str) -> None:
    analysis = _analyse(
        "Clara and Hugh sat in the library. Hugh was writing a letter.\n\n"
        '"You write very fast," said Clara.\n\n'
        f"{silence}\n\n"
        '"You must have a great many letters to write."'
    )
    clara = _id(analysis, "Clara")
    assert _quote(analysis, "You must have").speaker == clara


def test_speakers_after_an_answer_told_in_narration_the_other_speaks() -> None:
    analysis = _analyse(
        "Clara and Hugh sat in the library. Hugh was writing a letter.\n\n"
        '"Will you stay for dinner?" asked Clara.\n\n'
        "Hugh replied that he would be glad to stay.\n\n"
        '"Then I shall tell the cook at once."'
    )
    clara = _id(analysis, "Clara")
    assert _quote(analysis, "Then I shall").speaker == clara


def test_speakers_tag_verb_in_a_who_clause_belongs_to_the_name_before_it() -> None:
    analysis = _analyse(
        "Clara came home at noon. She was met in the hall by Rosie, who, running to her, cried, "
        '"I am so glad you are come!"'
    )
    assert _quote(analysis, "I am so glad").speaker == _id(analysis, "Rosie")


@pytest.mark.parametrize("clause, speaker", [
    ("who at last grew cross, and would only say", "Grey"),  # one event: the clause goes on
    ("who took the letter with a grave nod, and then remarked", "Grey"),
    ("who was reading by the fire, and said", "Nora"),  # a scene set: the main clause goes on
])
def test_speakers_a_verb_after_a_who_clause_goes_on_from_it_when_the_clause_tells_an_event(
        clause: str, speaker: str) -> None:
    analysis = _analyse(
        "Nora and Grey sat in the study after dinner.\n\n"
        '"It is late," said Nora.\n\n'
        f'Nora turned to Grey, {clause}, "I am older than you."'
    )
    assert _quote(analysis, "I am older").speaker == _id(analysis, speaker)


def test_speakers_a_tag_verb_at_the_end_of_a_long_run_of_verbs_belongs_to_their_subject() -> None:
    doc = load_pipeline()("Ben leaned over the desk, took hold of the end of Nell's long scarf, held it up high "
                          "and said in a loud whisper:")
    said = next(t for t in doc if t.text == "said")
    assert [said.head.text, said.head.head.text, said.head.head.head.text] == ["held", "took", "leaned"]
    text = SimpleNamespace(in_quote=lambda offset: False,
                           character_at=lambda token, offset: token.text if token.pos_ == "PROPN" else None)
    assert _parsed_subject(text, said, 0).text == "Ben"


@pytest.mark.parametrize(("text", "opening", "who"), [
    pytest.param(  # hung on the first of several clauses: the nearest with a subject of its own goes on
        "Mr. Pell and Nell sat by the fire.\n\n"
        '"There is time for one more," Nell said.\n\n'
        "He handed her the box and lit a spill for her; and as the flame flashed up into her face she glanced "
        'at him with laughing eyes and said: "What do you think of me now?"', "What do you think", "Nell",
        id="nearer-clause"),
    pytest.param(  # hung on an adverb: the verb the adverb qualifies goes on
        "Mr. Pell came back from the coast at last, and Nora met him in the hall.\n\n"
        '"You look well," said Nora.\n\n'
        '"I am, thank you."\n\n'
        "It was impossible for her to speak of the letter, though Mr. Pell waited; and yet, after a pause, "
        "feeling the necessity of speaking, she only deviated so far as to say--\n\n"
        '"You were a good while at the coast, I think?"', "You were a good while", "Nora", id="under-an-adverb"),
])
def test_speakers_a_tag_verb_the_parser_hangs_aside_goes_on_from_its_own_clause(
        text: str, opening: str, who: str) -> None:
    analysis = _analyse(text)
    assert _said(analysis, opening) == (_id(analysis, who), "anaphoric")


def test_speakers_of_two_subjects_the_parser_gives_a_tag_verb_the_nearer_speaks() -> None:
    doc = load_pipeline()("Nora, having given a short account of the meeting with her aunt, Ben made no remark, "
                          "but said:")
    said = next(t for t in doc if t.text == "said")
    assert sorted(c.text for c in said.head.children if c.dep_ == "nsubj") == ["Ben", "Nora"]
    text = SimpleNamespace(in_quote=lambda offset: False, character_at=lambda token, offset: None)
    assert _parsed_subject(text, said, 0).text == "Ben"


def test_speakers_all_in_a_phrase_of_time_beside_the_subject_is_not_the_subjects_own() -> None:
    # 'said Ida, with her eyes on Tobin all this time', as the parser hangs it: "time" beside "Ida"
    words = ["said", "Ida", ",", "with", "her", "eyes", "on", "Tobin", "all", "this", "time"]
    heads = [0, 0, 1, 1, 5, 3, 5, 6, 10, 10, 1]
    deps = ["ROOT", "nsubj", "punct", "prep", "poss", "pobj", "prep", "pobj", "predet", "det", "appos"]
    tags = ["VBD", "NNP", ",", "IN", "PRP$", "NNS", "IN", "NNP", "PDT", "DT", "NN"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    assert [t.text for t in _own_phrase(doc[1])] == ["Ida"]
    doc = Doc(Vocab(), words=["said", "all", "the", "girls"], heads=[0, 3, 3, 0],
              deps=["ROOT", "predet", "det", "nsubj"], tags=["VBD", "PDT", "DT", "NNS"])
    assert [t.text for t in _own_phrase(doc[3])] == ["girls", "all", "the"]  # "said all the girls": a group


def test_speakers_the_one_a_sentence_before_the_line_makes_go_on_speaks_it() -> None:
    analysis = _analyse(
        "Kate and Ben sat in the study after dinner. Ben was reading aloud to her.\n\n"
        '"Go on," said Kate.\n\n'
        "Kate leaned back in her seat, and Ben laid the book on his lap, and went on with his reading. "
        '"Style, you know, is what we tend to neglect."'
    )
    assert _quote(analysis, "Style, you know").speaker == _id(analysis, "Ben")


def test_speakers_a_narration_paragraph_ending_while_she_went_on_gives_her_the_next_line() -> None:
    analysis = _analyse(
        "Nora and Ben sat in the garden after dinner. Ben was quiet, and Nora was not.\n\n"
        '"You have been very unkind to me," said Nora.\n\n'
        "Ben reddened; but it passed, and he sat without trying to stop her while she continued.\n\n"
        '"You knew it all the time, and you said nothing."'
    )
    assert _quote(analysis, "You knew it").speaker == _id(analysis, "Nora")


@pytest.mark.parametrize("closing, speaker", [
    ("She stopped for a moment, and then went on, as if she had planned the pause.", "Kate"),
    ("Ben looked at the desk.", "Ben"),  # no one goes on: the turn passes
])
def test_speakers_the_one_the_narration_after_a_line_makes_go_on_speaks_the_next(closing: str, speaker: str) -> None:
    analysis = _analyse(
        "Kate showed Ben round the little room with the pictures.\n\n"
        '"Is that your grandfather?" asked Ben.\n\n'
        f'"Yes, and this is his desk," said Kate. {closing}\n\n'
        '"That lady in blue is my great-grandmother."'
    )
    assert _quote(analysis, "That lady in blue").speaker == _id(analysis, speaker)


def test_speakers_the_one_given_the_chance_to_speak_speaks() -> None:
    analysis = _analyse(
        "Kate and Nell sat by the window.\n\n"
        '"I never thought of it," said Kate, and she was silent for a while, which gave Nell the chance of '
        'adding, "You never think of anything."\n\n'
        "Kate did not give Nell time to answer, but running to the door, called out as she went, \"Goodbye!\""
    )
    kate, nell = _id(analysis, "Kate"), _id(analysis, "Nell")
    assert _quote(analysis, "You never think").speaker == nell
    assert _quote(analysis, "Goodbye").speaker == kate  # not given the time: she calls out herself


def test_speakers_the_name_after_a_participle_tag_is_the_one_spoken_to() -> None:
    analysis = _analyse(
        "Tobin and Nell stood before Mr. Vance in the schoolroom.\n\n"
        '"Was this boy running after you, Nell?" asked Mr. Vance.\n\n'
        '"I never did, sir!" cried Tobin. "She ran off first. But the circus folk never mind what they say,"'
        '\naddressing Nell. "Everyone in the town knows it."'
    )
    tobin = _id(analysis, "Tobin")
    assert [_quote(analysis, opening).speaker for opening in ("I never", "She ran", "Everyone")] == [tobin] * 3


def test_speakers_a_name_hung_as_an_adverb_before_its_who_clause_is_the_subject() -> None:
    # "When Kate had gone, Tobin, who had been sound asleep, opened his eyes and said:" as the parser can hang
    # it: "Tobin" an adverb of "gone", "sound" the root with no subject, "said" coordinated with "opened"
    words = ["When", "Kate", "had", "gone", ",", "Tobin", ",", "who", "had", "been", "sound", "asleep", ",",
             "opened", "his", "eyes", "and", "said", ":"]
    heads = [3, 3, 3, 10, 3, 3, 5, 9, 9, 10, 10, 10, 10, 10, 15, 13, 13, 13, 10]
    deps = ["advmod", "nsubj", "aux", "advcl", "punct", "npadvmod", "punct", "nsubj", "aux", "aux", "ROOT",
            "acomp", "punct", "conj", "poss", "dobj", "cc", "conj", "punct"]
    tags = ["WRB", "NNP", "VBD", "VBN", ",", "NNP", ",", "WP", "VBD", "VBN", "VB", "JJ", ",", "VBD", "PRP$",
            "NNS", "CC", "VBD", ":"]
    pos = ["SCONJ", "PROPN", "AUX", "VERB", "PUNCT", "PROPN", "PUNCT", "PRON", "AUX", "AUX", "VERB", "ADJ",
           "PUNCT", "VERB", "PRON", "NOUN", "CCONJ", "VERB", "PUNCT"]
    doc = Doc(load_pipeline().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)  # (lower case too)
    text = SimpleNamespace(in_quote=lambda offset: False,
                           character_at=lambda token, offset: token.text if token.pos_ == "PROPN" else None)
    assert _parsed_subject(text, doc[17], 0).text == "Tobin"


def test_speakers_she_added_is_the_one_who_spoke_the_line_before_in_the_paragraph() -> None:
    analysis = _analyse(
        "Nora and Kate stood on the quay in the rain. Nora pulled her coat close.\n\n"
        '"We must go," said Nora. Kate looked at the grey water and at the boat, and Kate shivered. '
        '"The boat leaves at six," she added.'
    )
    assert _quote(analysis, "The boat leaves").speaker == _id(analysis, "Nora")


def test_speakers_she_added_after_a_tag_of_its_own_stays_with_that_tag() -> None:
    analysis = _analyse(
        "Nora and Kate stood on the quay in the rain. Nora pulled her coat close, and Kate laughed at her.\n\n"
        '"We must go," said Nora. The wind and the rain filled the harbour so wildly that the sailors stopped their '
        'work, and Kate exclaimed, "The sea looks angry! Very grand," she added quickly, though she kept '
        "close to the wall."
    )
    assert _quote(analysis, "The sea looks").speaker == _id(analysis, "Kate")


def test_speakers_his_father_is_the_one_whose_son_spoke_before() -> None:
    analysis = _analyse(
        "Mr. Pell and Tobin walked up from the village. Nora carried her basket, and Tobin took it from her.\n\n"
        '"Is the mill open on Sundays, Nora?" asked Mr. Pell.\n\n'
        '"No, sir," replied his son, laughing. "Nobody works there on Sundays."\n\n'
        "Mr. Pell stopped on the bridge, and he looked down at the mill.\n\n"
        '"It is odd, though," observed his father, "that the wheel was turning."'
    )
    assert _quote(analysis, "No, sir").speaker == _id(analysis, "Tobin")
    assert _quote(analysis, "It is odd").speaker == _id(analysis, "Mr. Pell")


def test_speakers_a_sentence_cut_by_a_long_tag_is_one_speakers_line() -> None:
    analysis = _analyse(
        "Nell and Kate sat by the fire while Hugo read the letter aloud. He folded it and looked up at them.\n\n"
        '"It is all settled," said Hugo.\n\n'
        "Nell put her hands before her face; she turned away and seemed to shrink from both of them.\n\n"
        '"What Kate said," she murmured. "But," she added, raising her head with a look of fear from the kiss with '
        'which he greeted her answer, "how hard it all is! Are we doing right?"'
    )
    nell = _id(analysis, "Nell")
    assert _quote(analysis, "But,").speaker == nell
    assert _quote(analysis, "how hard it all").speaker == nell


def test_speakers_a_name_that_is_the_subject_is_not_called() -> None:
    analysis = _analyse(
        "Mrs. Pell left the vicarage early. \"Good day to you both,\" said Mrs. Pell.\n\n* * *\n\n"
        "Clara and Robert walked home across the fields. Robert opened the gate for her.\n\n"
        '"What a day," said Robert.\n\n'
        '"Mrs. Pell, I believe, did a great deal for the parish," said Clara.\n\n'
        '"She did more than anyone."\n\n'
        '"Then we must thank her."'
    )
    robert, clara = _id(analysis, "Robert"), _id(analysis, "Clara")
    assert _quote(analysis, "She did more").speaker == robert
    assert _quote(analysis, "Then we must").speaker == clara


def test_speakers_a_name_whose_sentence_goes_on_after_the_tag_is_its_subject_not_called() -> None:
    analysis = _analyse(
        'Nora had called that morning. "I shall come back for your answer," she said, and went.\n\n'
        "Mr. Grey sat with his paper after dinner. Ida came in, and she stood by his chair.\n\n"
        '"You look tired, my dear," said Mr. Grey.\n\n'
        '"Nora," she went on in a steady, straight way, without regarding this, "asks me to go to Paris with '
        'her. Shall I go? You have told me so, father."\n\n'
        '"Certainly, my dear."'
    )
    assert _quote(analysis, "Certainly").speaker == _id(analysis, "Mr. Grey")


def test_speakers_a_line_where_the_speaker_names_herself_stays_hers() -> None:
    analysis = _analyse(
        "The boat rocked at the jetty while the two of them argued over who would row.\n\n"
        '"Who will take the oars?" asked Marta.\n\n'
        '"Not me," said Tobias.\n\n'
        '"Then I, Marta Lind, will row us out myself."'
    )
    assert _quote(analysis, "Then I").speaker == _id(analysis, "Marta")


@pytest.mark.parametrize("introduction", ["I am Ben Hale", "I m Ben Hale", "My name is Ben Hale"])  # ("I m":
def test_speakers_a_line_where_the_speaker_says_who_he_is_is_his(introduction: str) -> None:  # apostrophe lost)
    analysis = _analyse(
        "Ben Hale came down to the jetty, where Tobias was bailing out the boat. Tobias looked up.\n\n"
        '"Who are you?" he asked.\n\n'
        f'"{introduction}, the new ferryman," he said.'
    )
    assert _quote(analysis, "Who are you").speaker == _id(analysis, "Tobias")
    assert _quote(analysis, introduction).speaker == _id(analysis, "Ben Hale")


def test_speakers_a_newcomer_who_says_hi_and_gives_her_name_has_both_halves() -> None:
    analysis = _analyse(
        "Nell pushed open the door of the library and looked round for a seat.\n\n"
        "A redhead in a fuzzy sweater was sitting at the table.\n\n"
        '"Hi," she said. "I\'m Hazel. Hazel Quill."\n\n'
        '"Nell," said Nell. "Nell Grey."'
    )
    hazel, nell = _id(analysis, "Hazel Quill"), _id(analysis, "Nell Grey")
    assert _quote(analysis, "Hi").speaker == hazel  # (the tagger reads "I'm Hazel" as an adjective)
    assert _quote(analysis, "I'm Hazel").speaker == hazel
    assert [_quote(analysis, line).speaker for line in ("Nell,", "Nell Grey")] == [nell, nell]


@pytest.mark.parametrize(("sit", "name", "tell", "say"), [
    ("You sit", "Y/N", "you tell him", "you say"),  # a reader-insert story
    ("I sat", "Ida", "I told him", "I said"),  # a first-person story
])
def test_speakers_a_reader_or_narrator_giving_her_name_is_not_calling_herself(sit, name, tell, say) -> None:
    analysis = _analyse(
        f"{sit} on the bench beside Kieran while the rain drums on the roof.\n\n"
        '"Kieran," he says, and holds out a hand.\n\n'
        f'"{name}," {tell}.\n\n'
        f'"Well, {name}. Want a coffee?" Kieran asks.\n\n'
        f'"Sure, Kieran," {say}.'
    )
    assert _quote(analysis, f"{name},").speaker == _quote(analysis, "Sure").speaker != _id(analysis, "Kieran")


def test_speakers_a_noun_after_with_is_no_subject_of_the_tag() -> None:
    analysis = _analyse(
        '"It has been a lovely visit," said Ottilie.\n\n'
        '"I am so glad," said Mr. Harwood.\n\n'
        "Ottilie thanked him once more, and her sister thanked him too. Mr. Harwood was gratified; and with "
        "a more smiling solemnity replied,\n\n"
        '"It gives me the greatest pleasure to hear it, and I hope you will come again."'
    )
    assert _quote(analysis, "It gives me").speaker == _id(analysis, "Mr. Harwood")


def test_speakers_a_speech_noun_owned_by_a_character_names_the_speaker() -> None:
    analysis = _analyse(
        '"Think of me at four o\'clock," was Mrs. Ferrand\'s parting injunction; spoken with some anxiety, '
        "and meant only for Ilse.\n\n"
        '"Four o\'clock! Depend upon it he will be here by three," was Mr. Ferrand\'s quick amendment; and so '
        "ended a most satisfactory meeting."
    )
    assert _quote(analysis, "Think of me").speaker == _id(analysis, "Mrs. Ferrand")
    assert _quote(analysis, "Four o").speaker == _id(analysis, "Mr. Ferrand")


def test_speakers_a_speech_noun_owned_before_the_quote_names_the_speaker() -> None:
    analysis = _analyse(
        '"I cannot possibly go without Nell," said Sela.\n\n'
        "Sela would not be moved, and Ingrid's reply was, \"Then Nell had better come with us.\""
    )
    assert _quote(analysis, "Then Nell").speaker == _id(analysis, "Ingrid")


def test_speakers_phrasal_tags_went_on_and_put_in_name_the_speaker() -> None:
    analysis = _analyse(
        '"The ferry leaves at noon," said Hesper.\n\n'
        '"Then we must hurry," said Gideon.\n\n'
        '"Or we take the later one," put in Hesper.\n\n'
        "Gideon shook his head, and Hesper went on:\n\n"
        '"There is always a later one, you know."\n\n'
        '"Not on Sundays," Gideon broke in.'
    )
    assert _quote(analysis, "Or we take").speaker == _id(analysis, "Hesper")
    assert _quote(analysis, "There is always").speaker == _id(analysis, "Hesper")
    assert _quote(analysis, "Not on Sundays").speaker == _id(analysis, "Gideon")
    assert _quote(analysis, "Or we take").cue == "explicit"


def test_speakers_a_clause_opened_by_and_after_a_quote_leaves_the_tag_before_it() -> None:
    analysis = _analyse(
        '"Is it time?" asked Oona.\n\n'
        "When they had run for an hour, the Warden suddenly called out \"The race is over!\" and the others "
        'crowded round, and they all asked, "But who has won?"'
    )
    assert _quote(analysis, "The race").speaker == _id(analysis, "Warden")
    assert _quote(analysis, "But who").cue == "group"


def test_speakers_a_tag_right_before_the_quote_beats_a_farther_one_after_it() -> None:
    analysis = _analyse(
        "Rook tied her apron and Bramble laid his paws on the table. Rook had made bread for Bramble.\n\n"
        '"Anyone for breakfast?" asked Rook.\n\n'
        "Bramble was glad to see the plates come out; and when Rook said, \"Honey or jam with your bread?\" "
        'Bramble was so excited that he said, "Both."'
    )
    assert _quote(analysis, "Honey or jam").speaker == _id(analysis, "Rook")


def test_speakers_a_pronoun_answer_goes_to_the_man_just_called_by_name() -> None:
    analysis = _analyse(
        "Mr. Oakes had shown his guests round the house, and Mr. Pell had admired the gallery for an hour. "
        "Mr. Pell then sat down by the fire with Miss Oakes.\n\n"
        '"What a delightful library you have at Ferncombe, Mr. Oakes!" said Miss Oakes.\n\n'
        '"It ought to be good," he replied, "it has been the work of many generations."'
    )
    oakes = _id(analysis, "Mr. Oakes")
    assert _quote(analysis, "It ought").speaker == oakes
    assert _quote(analysis, "it has been").speaker == oakes


def test_speakers_i_said_in_a_frame_story_goes_to_the_narrator() -> None:
    tale = " ".join(
        f"On day {day} Bramble walked to the river, and Bramble sat on the bank with Rook, and they watched "
        "the water go by until the sun went down behind the hills." for day in range(1, 15)
    )
    analysis = _analyse(
        'When I first heard the story, I said, "But who is Bramble?"\n\n'
        '"A bear," said Juniper.\n\n'
        '"Tell me more," I said.\n\n'
        f"{tale}\n\n"
        '"Is that all?" I asked.\n\n'
        '"For today," said Juniper.'
    )
    narrator = [c for c in analysis.cast.characters if c.narrator]
    assert len(narrator) == 1
    assert _quote(analysis, "But who").speaker == narrator[0].id
    assert _quote(analysis, "Tell me more").speaker == narrator[0].id
    assert _quote(analysis, "Is that all").speaker == narrator[0].id
    assert _quote(analysis, "A bear").speaker == _id(analysis, "Juniper")


def test_speakers_she_said_with_no_woman_resolved_goes_to_the_woman_present_not_the_last_man() -> None:
    counting = " ".join(f"Bram counted the stones of the wall, and he found {n} of them." for n in range(3, 18))
    analysis = _analyse(
        '"Is it far to the village?" asked Oona.\n\n'
        '"Not far," said Bram.\n\n'
        f"{counting}\n\n"
        'A cart went by. "Look there, by the well!" she said, and pointed.\n\n'
        '"I see it," said Bram.'
    )
    assert _quote(analysis, "Look there").speaker == _id(analysis, "Oona")


def test_speakers_she_said_resolved_to_the_woman_she_calls_goes_to_another_woman() -> None:
    analysis = _analyse(
        '"Where can she be?" asked Mrs. Pell.\n\n'
        "The door opened at last, and Ida came in, wet through, and Ida shook out her coat.\n\n"
        '"Thank heaven, Ida!" she exclaimed. "We thought you were lost."'
    )
    assert _quote(analysis, "Thank heaven").speaker == _id(analysis, "Mrs. Pell")


_FIRST_PERSON_WALKS = " ".join(
    f"I walked to the harbour on day {n}, and I watched the boats, and I thought of my brother." for n in range(1, 8)
)
"""Narration an "I" tells, enough of it to make a first-person story."""


def test_speakers_said_i_goes_to_the_named_narrator_marked_as_the_narrator() -> None:
    analysis = _analyse(
        f"{_FIRST_PERSON_WALKS}\n\n"
        "Joe Marsh sat on the wall. The old man waved at me.\n\n"
        '"Hello, Sam," said Joe Marsh.\n\n'
        '"Good morning," said I.\n\n'
        '"Going out today, Sam?" asked the old man.\n\n'
        '"Not today, Sam," said Joe Marsh. "Not in this wind."\n\n'
        '"It will drop by noon," said I.'
    )
    narrators = [c for c in analysis.cast.characters if c.narrator]
    assert [c.name for c in narrators] == ["Sam"]
    for opening in ("Good morning", "It will drop"):
        quote = _quote(analysis, opening)
        assert quote.speaker == narrators[0].id
        assert quote.cue not in ("turn", "salience")  # read from the tag, not guessed


def test_speakers_a_reader_insert_story_gives_y_n_the_lines_you_say() -> None:
    analysis = _analyse(
        "You push open the door of the bakery, and the bell above it rings. You have not been here since the "
        "spring, and your heart beats a little faster when you see him behind the counter.\n\n"
        '"Y/N," Tobin says, and his face lights up. "You came back."\n\n'
        '"I said I would," you say.\n\n'
        "He laughs and wipes his hands on his apron. You watch the flour drift down.\n\n"
        '"Do you want a coffee?" he asks.\n\n'
        '"Please," you whisper.'
    )
    reader = _id(analysis, "Y/N")
    assert [c.name for c in analysis.cast.characters if c.name in ("N", "Y")] == []
    assert _quote(analysis, "I said I would").speaker == reader
    assert _quote(analysis, "Please").speaker == reader
    assert _quote(analysis, "Y/N").speaker == _id(analysis, "Tobin")
    assert _quote(analysis, "Y/N").addressees == (reader,)


def test_speakers_y_n_told_in_the_third_person_takes_she_like_any_name() -> None:
    analysis = _analyse(
        "Y/N walked into the kitchen. She sat down at the table, and she watched the rain.\n\n"
        "Tobin came in from the garden. He filled the kettle.\n\n"
        '"Sugar?" he asked.\n\n'
        '"Two," she said.'
    )
    reader = _one_named(analysis, "Y/N")
    assert reader.pronouns == "she/her"
    assert _quote(analysis, "Two").speaker == reader.id


def test_speakers_said_the_son_tagged_as_a_proper_noun_is_still_a_man_present() -> None:
    analysis = _analyse(
        "Mr. Oakes and his son Tobin sat at the table with Ida. Tobin said nothing, and Tobin ate his soup.\n\n"
        '"I cannot come in by myself," said Ida.\n\n'
        '"Why shouldn\'t you?" said Mr. Oakes.\n\n'
        '"Yes, why shouldn\'t you come by yourself?" said the son, addressing the young lady for the first time.'
    )
    assert _quote(analysis, "Yes, why").speaker == _id(analysis, "Tobin")


def test_speakers_names_listed_with_and_are_talked_about_not_called() -> None:
    analysis = _analyse(
        '"Good morning," said Miss Fell, and went out to the garden.\n\n'
        '"Sit down, Hetty," said Ada.\n\n'
        '"Mrs. Dale asked all the teachers, Miss Fell, and Miss Prior, and Miss Crane, to sup with her," '
        "said Hetty.\n\n"
        '"Did she indeed?"'
    )
    assert _quote(analysis, "Did she").speaker == _id(analysis, "Ada")


def test_speakers_a_name_echoed_in_surprise_is_not_called_to_answer() -> None:
    analysis = _analyse(
        '"Good day to you both," said Mr. Grey, and he rode on.\n\n'
        '"The wedding need not have waited, for Mr. Grey might have stood in," said Nora.\n\n'
        '"Mr. Grey!" repeated Ida, in utter amazement.\n\n'
        '"Oh, yes! He was to come with us, you know."'
    )
    assert _quote(analysis, "Oh, yes").speaker == _id(analysis, "Nora")
    assert _id(analysis, "Mr. Grey") not in _quote(analysis, "Mr. Grey!").addressees


def test_speakers_both_halves_of_a_line_said_by_an_unnamed_lady_go_to_the_woman_present() -> None:
    analysis = _analyse(
        "Mrs. Walden had a lovely carriage rug, and Nell Carr stood admiring it while Mrs. Walden smiled. "
        "Nell laughed, and Nell said nothing.\n\n"
        '"I never saw anything so lovely," said Nell.\n\n'
        '"I am glad you admire it," said this lady, smiling sweetly, while Nell blushed. "Will you get in and '
        'let me put it over you?"\n\n'
        '"Oh, no, thank you," said Nell.'
    )
    walden = _id(analysis, "Mrs. Walden")
    assert _quote(analysis, "I am glad").speaker == walden
    assert _quote(analysis, "Will you get in").speaker == walden


def test_speakers_by_saying_takes_the_subject_of_the_verb_it_hangs_from() -> None:
    analysis = _analyse(
        '"I cannot call him nice," said Miss Alder.\n\n'
        "Miss Alder shook her head and sighed, and Mr. Brand stirred her up by saying: "
        '"I consider that you are bound to call him nice, after that."'
    )
    assert _quote(analysis, "I consider").speaker == _id(analysis, "Mr. Brand")


def test_speakers_a_line_after_a_sigh_goes_to_the_one_the_sigher_answers_by_name() -> None:
    analysis = _analyse(
        "Nell sat at the table with the phone to her ear.\n\n"
        '"Who is there with you?!" Corin shouted down the line.\n\n'
        '"Nobody you know, Corin." Nell looked over at the window.\n\n'
        '"It is her, isn\'t it?!" Corin yelled again.\n\n'
        "Nell sighed.\n\n"
        '"You are lying to me?! How dare you!"\n\n'
        '"Corin, I have never lied to you," Nell said in a cold, calm voice.'
    )
    assert _quote(analysis, "You are lying").speaker == _id(analysis, "Corin")


_SHORE_WALKS = " ".join(
    f"Night {n} came and Corin walked the shore alone, and the gulls cried over the grey water." for n in range(1, 12)
)
"""Narration long enough to open a new scene."""


def test_speakers_a_chapter_heading_alone_does_not_break_off_a_conversation() -> None:
    analysis = _analyse(
        f"{_SHORE_WALKS}\n\n"
        '"Tell me how it happened," said Bram.\n\n'
        '"I was on the pier when the storm came," said Corin.\n\n'
        '"And then?" asked Bram.\n\n'
        "CHAPTER IX. THE HARBOUR\n\n"
        '"Then the lamp on the point went out, and I knew the keeper had gone down to the boats."'
    )
    assert len(analysis.scenes) >= 2  # the heading is a scene break, yet the answer runs on across it
    assert _quote(analysis, "Then the lamp").speaker == _id(analysis, "Corin")


def test_speakers_a_tale_told_on_past_a_chapter_heading_stays_with_its_teller() -> None:
    analysis = _analyse(
        f"{_SHORE_WALKS}\n\n"
        '"Tell me how it happened," said Bram.\n\n'
        '"I was on the pier when the storm came," said Corin. "The boats pulled at their ropes and the '
        'rain came sideways off the sea, and I held the rail with both hands."\n\n'
        "CHAPTER IX. THE HARBOUR\n\n"
        '"Then the lamp on the point went out, and I knew the keeper had gone down to the boats."\n\n'
        '"Did he come back?" asked Bram.'
    )
    assert len(analysis.scenes) >= 2
    assert _quote(analysis, "Then the lamp").speaker == _id(analysis, "Corin")


def test_speakers_a_line_with_its_own_he_tag_is_not_handed_to_another_speaker_of_its_paragraph() -> None:
    analysis = _analyse(
        "The old carpenter had the boy by the ear.\n\n"
        '"Now, look here, my lad," he continued, "some boys are born slow." Then, turning to me, Pell '
        'said, "He will learn."'
    )
    said = [q.speaker for q in analysis.quotes if q.text.startswith("Now, look")]
    assert said and said[0] != _id(analysis, "Pell")


def test_speakers_a_she_no_one_was_found_for_is_never_the_first_person_narrator() -> None:
    analysis = _analyse(
        f"{_FIRST_PERSON_WALKS}\n\n"
        '"Good morning," said Joe Marsh, and he waved his pipe.\n\n'
        '"Good morning," said I.\n\n'
        'A woman in a grey shawl came up the steps. "Has the ferry gone?" she asked.'
    )
    narrator = [c.id for c in analysis.cast.characters if c.narrator]
    assert narrator and _quote(analysis, "Has the ferry").speaker != narrator[0]


def test_speakers_an_aside_opening_after_the_quote_is_not_its_tag() -> None:
    analysis = _analyse(
        "Nell sat on the bank, and she was tired of it. The Hare ran by, and he looked at his watch.\n\n"
        "Nor did Nell think it so very odd to hear the Hare say to himself, \"Oh dear! I shall be late!\" "
        "(when she thought it over afterwards, it seemed odd enough), and Nell ran after the Hare."
    )
    assert _quote(analysis, "Oh dear").speaker == _id(analysis, "Hare")


def test_speakers_an_inverted_tag_with_a_split_off_title_dot_names_the_speaker() -> None:
    analysis = _analyse(
        "Mlle. Odette came in, and Mlle. Odette smiled at the company.\n\n"
        '"Good morning," said Mlle. Odette to the old lady.\n\n'
        '"Good day," said Madame Orlov, and Madame Orlov frowned.\n\n'
        '"Mais, Madame, c\'était du feu!" added Mlle. Odette with an elusive smile.'
    )
    odette = _id(analysis, "Odette")
    for opening in ("Good morning", "Mais, Madame"):
        assert _quote(analysis, opening).speaker == odette
        assert _quote(analysis, opening).cue == "explicit"  # read from the tag, not guessed


def test_speakers_a_name_called_in_the_first_half_of_a_cut_sentence_is_not_the_tag_of_the_second() -> None:
    analysis = _analyse(
        "Nell came into the study. Bea was already at the desk, and Bea looked up.\n\n"
        "Nell waited by the door.\n\n"
        '"Oh, Nell," she cried, "how you have made me think of the old days!"'
    )
    bea = _id(analysis, "Bea")
    assert _quote(analysis, "Oh, Nell").speaker == bea
    assert _quote(analysis, "how you have").speaker == bea


def test_speakers_a_tag_whose_subject_stands_before_an_aside_names_the_speaker() -> None:
    analysis = _analyse(
        "Nell played on, and Bea listened by the window. Tobin yawned, and Tobin looked at the clock.\n\n"
        'Nell sang, and Tobin, drawing near the piano, said to her: "Now play us something cheerful."'
    )
    assert _quote(analysis, "Now play us").speaker == _id(analysis, "Tobin")


def test_speakers_the_one_whose_saying_leads_into_the_quote_speaks_it() -> None:
    analysis = _analyse(
        "Nell sat by the fire with Bea. Bea was sewing, and Bea did not look up.\n\n"
        "Nell was quite easy, till for a moment startled by Bea's suddenly saying,-- "
        '"It was you, and not your sister, that my brother met."'
    )
    assert _quote(analysis, "It was you").speaker == _id(analysis, "Bea")


def test_speakers_a_passive_tag_names_its_agent_not_its_subject() -> None:
    analysis = _analyse(
        "Nell looked archly at Tobin, and turned away. Tobin was thinking of her with some complacency, "
        'when thus accosted by Bea, "I can guess the subject of your reverie."'
    )
    assert _quote(analysis, "I can guess").speaker == _id(analysis, "Bea")


def test_speakers_ended_with_tags_the_quote_it_leads_into() -> None:
    analysis = _analyse(
        "Nell sat with Bea and Tobin by the window. Tobin talked of the weather, and Bea listened.\n\n"
        "Nell forgot to listen; and when Bea ended with, \"We have not had the letter yet,\" she was obliged "
        "to pause."
    )
    assert _quote(analysis, "We have not had").speaker == _id(analysis, "Bea")


def test_speakers_he_asked_is_the_titled_man_the_paragraph_made_act() -> None:
    analysis = _analyse(
        "Tobin sat by Nell in the music room, and Tobin listened to the singer.\n\n"
        "Tobin was bewildered; he stood, staring. Mr. Pell had finished singing. He left the piano "
        'and came over to Nell. "Won\'t you come and have some tea?" he asked, bending before her.'
    )
    assert _quote(analysis, "Won't you come").speaker == _id(analysis, "Mr. Pell")


def test_speakers_speech_reported_in_a_that_clause_is_no_tag_for_the_next_quote() -> None:
    analysis = _analyse(
        "Nell was summoned to the library, where Mr. Pell sat by the fire.\n\n"
        '"Come here, child," cried Mr. Pell as she appeared. "I understand that a man has made you an '
        'offer of marriage. Is it true?" Nell replied that it was. "Very well--and this offer you have refused?"'
    )
    assert _quote(analysis, "Very well").speaker == _id(analysis, "Mr. Pell")


def test_speakers_after_narration_the_last_speaker_goes_on_when_the_one_who_acted_answers_next() -> None:
    analysis = _analyse(
        '"Are you tired?" Nell asked.\n\n'
        '"Shall we walk on, then?" said Tobin.\n\n'
        "Nell sat down on the bench and looked at the river.\n\n"
        '"It is a long way to the bridge, and the light is going."\n\n'
        '"Then we won\'t go," Nell said.'
    )
    assert _quote(analysis, "It is a long way").speaker == _id(analysis, "Tobin")


def test_speakers_the_last_speaker_acting_in_the_narration_after_his_line_goes_on() -> None:
    analysis = _analyse(
        '"Are you tired?" Nell asked.\n\n'
        '"Not at all," said Tobin.\n\n'
        "Tobin paced the room and looked out of the window at the dark river.\n\n"
        '"It is a long way to the bridge, and the light is going."'
    )
    assert _quote(analysis, "It is a long way").speaker == _id(analysis, "Tobin")


def test_speakers_a_name_after_an_article_or_a_preposition_is_not_called() -> None:
    analysis = _analyse(
        '"Good evening," said Mr. Pell, and Mr. Pell waited by the gate while Nell and Tobin came up.\n\n'
        "Nell and Tobin walked on past him down the lane.\n\n"
        '"Who was that by the gate?" Nell asked.\n\n'
        '"A Mr. Pell," said Tobin.\n\n'
        '"And who is Mr. Pell?"'
    )
    assert _quote(analysis, "And who is").speaker == _id(analysis, "Nell")


def test_speakers_a_bare_name_answering_who_is_not_a_call() -> None:
    analysis = _analyse(
        '"Good evening," said Tobin at the door, and then Tobin went away down the lane.\n\n'
        "Bea came back into the room, where Nell sat by the fire.\n\n"
        '"Who was that at the door?" Bea asked.\n\n'
        '"Tobin," Nell replied.\n\n'
        '"I shall forgive Tobin anything, for he always brings the post."'
    )
    assert _quote(analysis, "I shall forgive").speaker == _id(analysis, "Bea")


def test_speakers_after_no_answer_the_caller_calls_again() -> None:
    analysis = _analyse(
        '"Are you coming down?" Tobin asked from the stairs.\n\n'
        '"Not yet," said Nell, and Nell lay face downward on her bed.\n\n'
        '"Nell," Bea said gently.\n\n'
        "No answer.\n\n"
        '"Nell, get off that bed this minute and listen to me."'
    )
    assert _quote(analysis, "Nell, get off").speaker == _id(analysis, "Bea")


def test_speakers_a_tag_verb_parsed_without_subject_takes_the_subject_of_the_clause_before_it() -> None:
    analysis = _analyse(
        '"They are engaged," said Bea, and Bea looked away from Nell and Tobin.\n\n'
        "Nell even jumped with surprize;--and, horror-struck, exclaimed,\n\n"
        '"Engaged!--Good heavens! You are not serious?"'
    )
    engaged = _quote(analysis, "Engaged!")
    assert engaged.speaker == _id(analysis, "Nell") and engaged.cue == "explicit"  # read from the tag


def test_speakers_the_one_nearest_a_colon_that_opens_the_line_speaks_it() -> None:
    analysis = _analyse(
        "Corin and Ada walked to the gate.\n\n"
        '"I shall be back by Sunday," said Corin.\n\n'
        "He was as cheerful as ever; and, after watching him go, Ada thus moralised:--\n\n"
        '"Some people are never sorry to leave."\n\n'
        '"Goodbye, then," Corin called from the road.\n\n'
        "Corin waved from the gate, and Ada turned from the window: "
        '"He will not be back by Sunday."'
    )
    ada = _id(analysis, "Ada")
    assert _quote(analysis, "Some people").speaker == ada
    assert _quote(analysis, "He will not").speaker == ada


def test_speakers_a_subject_the_parser_gives_a_participle_aside_is_the_tags_subject() -> None:
    """The parse of "Mr. Grey, beaming across the table, was saying to Ben:" as the parser sometimes
    gives it: "Grey" the subject of "beaming", and "saying" with no subject of its own."""
    words = ["Mr.", "Grey", ",", "beaming", "across", "the", "table", ",", "was", "saying", "to", "Ben", ":"]
    heads = [1, 3, 3, 9, 3, 6, 4, 9, 9, 9, 9, 10, 9]
    deps = ["compound", "nsubj", "punct", "advcl", "prep", "det", "pobj", "punct", "aux", "ROOT", "prep", "pobj",
            "punct"]
    tags = ["NNP", "NNP", ",", "VBG", "IN", "DT", "NN", ",", "VBD", "VBG", "IN", "NNP", ":"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    text = SimpleNamespace(in_quote=lambda offset: False)
    assert _participle_subject(text, doc[9], 0).text == "Grey"
    deps[2], heads[2] = "mark", 3  # "while he was coming round, added": a clause of its own, not an aside
    words[2] = "while"
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    assert _participle_subject(text, doc[9], 0) is None


def test_speakers_an_answer_told_in_the_narration_hands_the_next_line_back() -> None:
    analysis = _analyse(
        "Ada sat with Lady Grey in the drawing-room after dinner.\n\n"
        '"Your mother must have been quite a slave to your education," said Lady Grey.\n\n'
        "Ada could hardly help smiling, as she told her that she had never had a governess.\n\n"
        '"Then, who taught you? Who attended to you?"'
    )
    assert _quote(analysis, "Then, who").speaker == _id(analysis, "Lady Grey")


def test_speakers_a_she_tag_is_never_handed_to_the_man_who_spoke_last() -> None:
    analysis = _analyse(
        "Kate, Cass and Mr. Hollis went up to the library after supper.\n\n"
        '"Take any book you like," said Mr. Hollis.\n\n'
        "Cass had two books in her hand. Kate said that she could never tell which book she wanted at night.\n\n"
        '"What do you read in bed, Kate?" she asked, as they walked upstairs.'
    )
    assert _quote(analysis, "What do you read").speaker == _id(analysis, "Cass")


def test_speakers_an_inverted_tag_with_a_person_noun_describes_the_speaker() -> None:
    analysis = _analyse(
        "Mrs. Vance sat by the fire with her son Tobin and her daughter Ada. Tobin was reading, and he turned "
        "a page now and then.\n\n"
        '"Mr. Grey asked me to marry him," said Ada.\n\n'
        '"He asked me for my permission too," said Mrs. Vance.\n\n'
        '"Why so?" asked the son and heir. "Why should my permission not be asked?"'
    )
    tobin = _id(analysis, "Tobin")
    assert _quote(analysis, "Why so?").speaker == tobin
    assert _quote(analysis, "Why should").speaker == tobin


def test_speakers_admitted_is_a_speech_tag() -> None:
    analysis = _analyse(
        "Ann and Ben sat on the steps and watched the rain.\n\n"
        '"You were right about the roof," said Ben.\n\n'
        'Ann looked at the door, and Ben admitted: "Perhaps I was wrong about the door."'
    )
    assert _quote(analysis, "Perhaps").speaker == _id(analysis, "Ben")
    assert _quote(analysis, "Perhaps").cue == "explicit"


def test_speakers_a_name_called_after_narration_brings_someone_in_does_not_name_the_line_before() -> None:
    analysis = _analyse(
        "Mr. Grey sat by the fire with his daughter Ida.\n\n"
        '"Is it cold out?" asked Ida.\n\n'
        '"Very cold, my dear. I would not walk out tonight."\n\n'
        '"Then we shall stay in."\n\n'
        '"I am glad of it."\n\n'
        "The door opened, and a visitor came in from the snow, stamping his boots. He was an old "
        "friend of the family, and lived a mile off.\n\n"
        '"It is very kind of you, Tobin, to come out so late," said Mr. Grey.'
    )
    assert _names(analysis) == ["Ida", "Mr. Grey", "Ida", "Mr. Grey", "Mr. Grey"]


def test_speakers_the_parent_a_line_calls_papa_answers_it() -> None:
    analysis = _analyse(
        "Ida Grey and her friend Nell Vance sat in the parlour. Mr. Grey read by the fire.\n\n"
        '"I must go home soon," said Nell.\n\n'
        '"Nell is staying to dinner," said Ida. "Is she not, papa?"\n\n'
        '"Of course she is, my dear."'
    )
    assert _names(analysis) == ["Nell Vance", "Ida Grey", "Ida Grey", "Mr. Grey"]
    assert _quote(analysis, "Is she not").addressees == (_id(analysis, "Mr. Grey"),)


def test_speakers_her_father_acting_in_the_narration_is_the_father_not_her() -> None:
    analysis = _analyse(
        "Mr. Grey sat up late by the fire with his book. He had waited up for his daughter.\n\n"
        "Ida Grey came home at midnight, and she shook the rain from her coat.\n\n"
        '"I am sorry to be so late," said Ida.\n\n'
        "While she warmed her hands at the fire, her father began his inquiries.\n\n"
        '"Well, my dear, and did you get there safely?"'
    )
    assert _names(analysis) == ["Ida Grey", "Mr. Grey"]


def test_speakers_an_inverted_tag_naming_someone_s_mother_is_the_mother() -> None:
    analysis = _analyse(
        "Ida Grey and Mrs. Grey sat in the hotel garden with Tobin Vance. Mrs. Grey had been "
        "there all summer, and she liked it.\n\n"
        '"Shall we go to the castle?" asked Tobin.\n\n'
        '"Oh, I never go to castles," answered Ida\'s mamma. "They are too damp."'
    )
    mother = _id(analysis, "Mrs. Grey")
    assert [q.speaker for q in analysis.quotes[1:]] == [mother, mother]


def test_speakers_she_said_with_no_woman_near_is_the_last_woman_named_not_a_man() -> None:
    analysis = _analyse(
        "Nora Vance left the house early that morning, and she took her umbrella. Tobin watched from "
        "the window.\n\n"
        "Tobin walked along the river. He met Ben at the mill. Ben waved. He met Piers at the bridge. Piers "
        "nodded. He met Sam by the church. Sam smiled. He met Tom in the square. Tom laughed. He walked "
        "on. He reached the park.\n\n"
        "He came to the bench at last, and she turned and looked at him.\n\n"
        '"Oh," she said. "It is you."'
    )
    assert _names(analysis) == ["Nora Vance", "Nora Vance"]


def test_speakers_quoth_is_a_speech_tag() -> None:
    analysis = _analyse(
        "Ann and Ben sat on the steps and watched the rain.\n\n"
        '"You were right about the roof," said Ben.\n\n'
        '"I believe, sir," quoth Ann, "you owe me a shilling."'
    )
    ann = _id(analysis, "Ann")
    assert [q.speaker for q in analysis.quotes[1:]] == [ann, ann]
    assert _quote(analysis, "I believe").cue == "explicit"


def test_speakers_a_line_someone_hears_said_is_not_the_hearers() -> None:
    analysis = _analyse(
        "Ann and Ben sat by the fire in the long room.\n\n"
        '"Yes, yes," Ben murmured, "you accept me, Ann. You love me."\n\n'
        'For a moment she remained silent. He then heard her murmur: "Cara loves you more than I do."\n\n'
        'And Ben heard himself say: "Cara?"'
    )
    assert _quote(analysis, "Cara loves").speaker == _id(analysis, "Ann")
    assert _quote(analysis, "Cara?").speaker == _id(analysis, "Ben")


def test_speakers_poor_before_a_name_pities_and_does_not_call() -> None:
    analysis = _analyse(
        "Ann and Cara sat by the fire while Ben put on his coat.\n\n"
        '"Good night," said Ben at the door, and he went out.\n\n'
        '"He looks so tired," said Cara.\n\n'
        '"Poor Ben; there is such goodness in his face."\n\n'
        '"There certainly was some mismanagement in his education."'
    )
    assert _quote(analysis, "There certainly").speaker == _id(analysis, "Cara")


def test_speakers_a_pronoun_answer_goes_to_the_one_called_in_the_first_half_of_a_cut_line() -> None:
    analysis = _analyse(
        "Mrs. Grey and her daughter Ida sat in the garden with Piers. Ida was cutting roses, and Ida laid "
        "them in a basket while her mother watched.\n\n"
        'Piers stood up as Ida followed her mother. "Mrs. Grey," he said, "what if we two walk home and leave you?"\n\n'
        '"Certainly!" was her cordial reply.'
    )
    assert _quote(analysis, "Certainly").speaker == _id(analysis, "Mrs. Grey")


def test_speakers_i_replied_stays_with_the_narrator_when_the_line_before_called_someone() -> None:
    analysis = _analyse(
        "I had known Nora for a year when she came to the house with Wilf. Wilf sat by the door.\n\n"
        '"Wilf," she said, "surely you are not angry?"\n\n'
        '"No," I replied, "I am merely tired."'
    )
    narrator = [c for c in analysis.cast.characters if c.narrator]
    assert len(narrator) == 1
    assert _quote(analysis, "No").speaker == narrator[0].id


def test_speakers_a_name_after_a_comma_and_before_a_dash_is_called() -> None:
    analysis = _analyse(
        '"Have you any brothers?" asked Ida.\n\n'
        '"None," said Vance.\n\n'
        "Tobin closed the novel with a bang.\n\n"
        '"Oh, Tobin--how you made me jump!"'
    )
    jump = _quote(analysis, "Oh, Tobin")
    assert jump.speaker != _id(analysis, "Tobin")
    assert _id(analysis, "Tobin") in jump.addressees


def test_speakers_a_name_after_my_dear_is_called() -> None:
    analysis = _analyse(
        '"Will you take some tea?" asked Nora.\n\n'
        '"Gladly," said Ida.\n\n'
        "Nora poured the tea and handed her the cup.\n\n"
        '"Thank you, my dear Nora, you are all kindness."'
    )
    thanks = _quote(analysis, "Thank you")
    assert thanks.speaker == _id(analysis, "Ida")
    assert _id(analysis, "Nora") in thanks.addressees


def test_speakers_a_name_between_commas_of_an_exhortation_is_called() -> None:
    analysis = _analyse(
        "Piers and Ida sat with Nora by the window.\n\n"
        '"Courage, Nora, courage and faith. You will see," said Piers.'
    )
    assert _quote(analysis, "Courage").addressees == (_id(analysis, "Nora"),)


def test_speakers_to_say_after_a_main_verb_tags_its_subject() -> None:
    analysis = _analyse(
        '"The children were sick all day," said Nora.\n\n'
        'And Mrs. Grey took the first opportunity of being alone with Nora, to say, "I cannot help wishing '
        'they had a little of your method."'
    )
    line = _quote(analysis, "I cannot help")
    assert (line.speaker, line.cue) == (_id(analysis, "Mrs. Grey"), "explicit")  # the tag read, not a beat


def test_speakers_a_line_break_between_name_and_tag_verb_keeps_the_tag() -> None:
    analysis = _analyse(
        '"I must apologise for my interference," said Piers.\n\n'
        'Gravely displeased, he turned to go. Not till then did Mrs. Grey\nreply: "My own wishes are '
        'unimportant beside yours."'
    )
    line = _quote(analysis, "My own wishes")
    assert (line.speaker, line.cue) == (_id(analysis, "Mrs. Grey"), "explicit")


def test_speakers_roused_herself_to_say_is_her_tag_not_a_pronoun_one() -> None:
    analysis = _analyse(
        '"I have come on a special mission," said Piers.\n\n'
        "Piers raised his palms, and the two looked at each other across the desk till Nora roused herself "
        'to say: "Do sit down."'
    )
    line = _quote(analysis, "Do sit down")
    assert (line.speaker, line.cue) == (_id(analysis, "Nora"), "explicit")


def test_speakers_a_reproach_of_names_its_owner_as_the_speaker() -> None:
    analysis = _analyse(
        '"Stay a little," said Piers. Ida sat by the fire.\n\n'
        'Nora left the room, and when listening in turn to Ida\'s reproach of "Tobin spoils the children so!" '
        'she never felt like agreeing.'
    )
    line = _quote(analysis, "Tobin spoils")
    assert (line.speaker, line.cue) == (_id(analysis, "Ida"), "explicit")


def test_speakers_said_the_other_goes_to_the_one_who_did_not_speak_last() -> None:
    analysis = _analyse(
        "Mr. Pell and Piers sat in the club. Piers lit a cigar.\n\n"
        '"It is Vance, for one," Mr. Pell interposed.\n\n'
        '"Vance--who was snubbed for it!" Piers broke out.\n\n'
        '"Ah--did he?" snapped the other, as if Piers had told him exactly what he had been laying a trap for.'
    )
    assert _quote(analysis, "Ah--did he").speaker == _id(analysis, "Mr. Pell")


def test_speakers_a_line_tagged_by_someone_s_kin_after_narration_is_not_theirs() -> None:
    analysis = _analyse(
        "Mr. Pell and his son Rowan walked down the street. Rowan counted the doors.\n\n"
        '"It is the fifth," said Rowan.\n\n'
        "Mr. Pell remained motionless, gazing at the upper windows as if the end of their pilgrimage had been "
        "attained.\n\n"
        '"I say, you know, it\'s nearly six," his son at length reminded him.'
    )
    assert _quote(analysis, "I say").speaker == _id(analysis, "Rowan")


def test_speakers_a_line_break_inside_an_inverted_kin_tag_keeps_the_tag() -> None:
    analysis = _analyse(
        "Mrs. Grey sat by the lake with her daughter Ida and with Piers.\n\n"
        '"We could row to the castle tonight," said Piers.\n\n'
        '"It would be lovely!" said Ida. But she only stood there laughing.\n\n'
        '"I should think you had better find out what time it is," interposed her\nmother.'
    )
    assert _quote(analysis, "I should think").speaker == _id(analysis, "Mrs. Grey")


def test_speakers_a_phrasal_tag_broken_across_lines_is_read() -> None:
    analysis = _analyse(
        "Tobin walked with Nora along the river. Tobin kept his head low, and Nora listened.\n\n"
        'Suddenly, as they turned back, he jerked\nout: "The traffic is very much increased, you know."'
    )
    line = _quote(analysis, "The traffic")
    assert (line.speaker, line.cue) == (_id(analysis, "Tobin"), "anaphoric")


def test_speakers_a_tag_that_opens_the_next_quote_is_not_the_tag_of_the_one_before() -> None:
    analysis = _analyse(
        "Nora and Tobin sat down at the table.\n\n"
        'So, when Nora said with forced lightness of heart, "You want your breakfast, sir," Tobin replied, '
        '"If I waited for breakfast, I would starve."'
    )
    assert _quote(analysis, "You want").speaker == _id(analysis, "Nora")
    assert _quote(analysis, "If I waited").speaker == _id(analysis, "Tobin")


def test_speakers_and_a_name_with_a_colon_after_a_line_tags_the_next_line_only() -> None:
    analysis = _analyse(
        "He laughed, and met Mrs. Vance's startled eyes.\n\n"
        '"You think it laughable?" she said with a pinched smile. "It is not laughable to me," and Tobin '
        'muttered: "Of course."'
    )
    assert _said(analysis, "It is not")[0] == _id(analysis, "Mrs. Vance")
    assert _said(analysis, "Of course")[0] == _id(analysis, "Tobin")


def test_speakers_a_speech_verb_inside_a_name_is_no_tag() -> None:
    analysis = _analyse(
        "The Mock Heron sat on the rock, and the Mock Heron sighed. Tobin sat beside it.\n\n"
        'At last Tobin said to the Mock Heron, "Drive on, old fellow!"'
    )
    assert _quote(analysis, "Drive on").speaker == _id(analysis, "Tobin")


def test_speakers_a_quote_inside_a_line_does_not_cut_off_the_line_s_tag() -> None:
    analysis = _analyse(
        "Tobin wrote on the card, and Nora looked on.\n\n"
        '"What does it say?" asked Nora.\n\n'
        "Tobin looked at it for a long time.\n\n"
        '"I\'m just saying \'A Happy Birthday\'," said Tobin carelessly.'
    )
    line = _quote(analysis, "I'm just saying")
    assert (line.speaker, line.cue) == (_id(analysis, "Tobin"), "explicit")


def test_speakers_an_inverted_tag_reads_past_the_words_describing_the_speaker() -> None:
    analysis = _analyse(
        "Mrs. Grey and Nora stood at the door. Nora stamped her foot.\n\n"
        '"I\'ll never forgive you, never!" said Nora.\n\n'
        '"Did anybody ever see such a temper!" exclaimed the horrified Mrs. Grey.'
    )
    line = _quote(analysis, "Did anybody")
    assert (line.speaker, line.cue) == (_id(analysis, "Mrs. Grey"), "explicit")


def test_speakers_the_one_told_something_in_narration_answers_it() -> None:
    analysis = _analyse(
        "Mrs. Grey had stayed at the hotel, for Mrs. Grey did not care for castles.\n\n"
        '"It was a lovely day," said Nora to Tobin on the way back.\n\n'
        '"It was," said Tobin.\n\n'
        "In the evening Tobin mentioned to Mrs. Grey that he had spent the afternoon at the castle with Nora.\n\n"
        '"With that girl? Alone?"'
    )
    assert _quote(analysis, "With that girl").speaker == _id(analysis, "Mrs. Grey")


def test_speakers_a_capitalised_my_dear_before_a_name_still_calls_her() -> None:
    analysis = _analyse(
        '"Will you take some tea?" asked Nora.\n\n'
        '"Gladly," said Ida.\n\n'
        "Nora poured the tea and handed her the cup.\n\n"
        '"Oh! My dear Nora, you are all kindness."'
    )
    assert _id(analysis, "Nora") in _quote(analysis, "Oh! My dear").addressees


def test_speakers_a_line_said_with_a_gesture_is_said_by_the_one_making_it() -> None:
    analysis = _analyse(
        "Nora read the letter, and Ida waited by the window.\n\n"
        'Nora paused over it, while Ida stood anxiously watching for her opinion, with a "Well, well?"'
    )
    line = _quote(analysis, "Well, well")
    assert (line.speaker, line.cue) == (_id(analysis, "Ida"), "explicit")


def test_speakers_a_line_someone_makes_as_their_reply_is_theirs_but_not_one_they_catch() -> None:
    analysis = _analyse(
        'Nora talked of her sister, and at last mentioned "Kate." Lady Vance listened, and looked, and made '
        'only this cautious reply:--"Kate! very well; time will tell."\n\n'
        '"Mr. Grey indeed!" cried Nora.--"Oh! no"--and Lady Vance could just catch the words, "so superior '
        'to Mr. Grey!"'
    )
    assert _said(analysis, "Kate! very well") == (_id(analysis, "Lady Vance"), "explicit")
    assert _said(analysis, "so superior")[0] == _id(analysis, "Nora")


def test_speakers_her_mother_when_her_is_unsure_is_the_mother_of_a_woman_present() -> None:
    analysis = _analyse(
        "Mrs. Grey sat sewing while Ida Grey opened the letter.\n\n"
        '"Read it to me, my dear," said Mrs. Grey.\n\n'
        '"Mr. Pell writes that he is coming on Monday," said Ida.\n\n'
        "Mrs. Grey put down her work and looked at the fire.\n\n"  # "her mother": "her" reads as Mrs. Grey
        '"Well," cried her mother, "I hope he stays a week."'
    )
    assert _names(analysis)[2:] == ["Mrs. Grey", "Mrs. Grey"]


def test_speakers_pleaded_poor_ida_names_ida() -> None:
    analysis = _analyse(
        "Ida Grey sat with the Viscountess in the garden.\n\n"
        '"It is a very good height indeed!" said the Viscountess angrily.\n\n'
        '"But I am not used to it!" pleaded poor Ida in a piteous tone. And she thought to herself, '
        '"I wish she would not be so cross!"'  # (a "she" read as the Viscountess, were the tag not read)
    )
    assert _names(analysis)[1] == "Ida Grey"


def test_speakers_a_name_the_last_line_spoke_of_opening_a_line_is_not_called() -> None:
    analysis = _analyse(
        "Ida Grey and Tobin Vance walked on together by the river.\n\n"
        '"Was there no good in your kindness to Nell, while she was ill?" asked Tobin.\n\n'
        '"Dear Nell! Who could have done less for her? But you make a virtue of it."\n\n'
        '"I was never so sure of anything."\n\n'
        '"Then I shall believe it."'
    )
    assert _names(analysis) == ["Tobin Vance", "Ida Grey", "Tobin Vance", "Ida Grey"]
    assert _quote(analysis, "Dear Nell").addressees != (_id(analysis, "Nell"),)


def test_speakers_a_group_word_in_a_clause_on_the_speaker_makes_no_group() -> None:
    analysis = _analyse(
        "Mrs. Grey and Tobin Vance sat over the letter.\n\n"
        '"He has been false in every sense of the word," said Tobin.\n\n'
        '"And do you really know all this?" cried Mrs. Grey, whose curiosity was all alive.'
    )
    assert _names(analysis) == ["Tobin Vance", "Mrs. Grey"]
    assert not any(q.speakers for q in analysis.quotes)


def test_speakers_a_group_subject_still_speaks_as_a_group() -> None:
    analysis = _analyse(
        "Ida Grey and Tobin Vance came up the path to the gate.\n\n"
        '"Good morning!" said Ida and Tobin both.'
    )
    assert analysis.quotes[0].cue == "group"


def test_speakers_a_second_who_clause_tags_the_one_the_first_describes() -> None:
    analysis = _analyse(
        "Tobin Vance came in late, and Ida Grey made room for him.\n\n"
        "Ida glanced sideways at Tobin Vance, who sat carelessly by the fire, pulling his long fair "
        "moustache, and who remarked with authority, as the music paused:\n\n"
        '"No one but a professional ought to attempt that song."'
    )
    quote = analysis.quotes[0]
    assert (quote.speaker, quote.cue) == (_id(analysis, "Tobin Vance"), "explicit")  # read from the tag


def test_speakers_a_paragraph_ending_on_ann_s_remark_was_tags_the_next_line() -> None:
    analysis = _analyse(
        "Ida Grey and Nell Vance walked past the vicarage together.\n\n"
        '"What a sweet house!" said Nell.\n\n'
        "They slowed their pace to look at it. But Nell's remark was, soon afterwards--\n\n"
        '"The curtains are new, I think."\n\n'
        "Ida said nothing for a while. Her next beginning was,\n\n"
        '"Shall we go on to the mill?"'
    )
    assert _names(analysis) == ["Nell Vance", "Nell Vance", "Ida Grey"]
    assert [q.cue for q in analysis.quotes[1:]] == ["explicit", "anaphoric"]  # read as tags, not as beats


def test_speakers_one_the_story_never_makes_speak_does_not_take_the_turn() -> None:
    analysis = _analyse(
        "Mrs. Grey sat by the fire with Ida Vance after dinner.\n\n"
        '"The piano came this morning," said Mrs. Grey. "Nobody knows who sent it."\n\n'
        "Every body who spoke of it was sure that it must come from Colonel Pell, who was so rich and so "
        "generous, and there were enough ready to speak to allow Ida to think her own way, and still listen "
        "to Mrs. Grey, who talked on of the piano, of the weather, of the roads and of the price of coal in "
        "the town that winter, as if nothing else in the world could matter half so much to any of them.\n\n"
        '"I declare, I never heard of anything that gave me more pleasure!"'
    )
    assert _names(analysis)[-1] == "Mrs. Grey"


def test_speakers_one_who_begins_some_other_act_after_a_line_does_not_tag_it() -> None:
    analysis = _analyse(
        "Ida Grey and Tobin Vance waited in the hall.\n\n"
        '"Hullo," cried Tobin, "who\'s there?" Ida began to make frantic dives at the door.\n\n'
        '"Does she never let you rest?" asked Ida. "Doesn\'t she give you a holiday?" Tobin began to think '
        "he had been wrong."
    )
    assert _names(analysis) == ["Tobin Vance", "Tobin Vance", "Ida Grey", "Ida Grey"]


def test_speakers_what_one_begins_to_think_after_a_line_does_not_tag_it() -> None:
    analysis = _analyse(
        "Ida Grey and Tobin Vance walked along the terrace.\n\n"
        '"Shall you go back tomorrow?" asked Ida. "Is she so very strict with you? Ah, you are afraid of her," '
        'she went on, laughing. "You had better go." Tobin began to think he had been wrong to come.'
    )
    assert _quote(analysis, "You had better go").speaker == _id(analysis, "Ida Grey")


def test_speakers_a_verb_strung_on_another_without_and_shares_its_subject() -> None:
    analysis = _analyse(
        "Ida Grey sat in the yard with Tobin Vance.\n\n"
        '"It is too late," said Tobin.\n\n'
        '"Too late for what?" asked Ida.\n\n'
        '"For the harvest. The rain has spoiled it all." Tobin paused sadly, then resumed: "We must sell the farm."'
    )
    line = _quote(analysis, "We must sell")
    assert (line.speaker, line.cue) == (_id(analysis, "Tobin Vance"), "explicit")  # "resumed" is Tobin's


def test_speakers_all_in_the_words_a_tag_cuts_makes_no_group() -> None:
    analysis = _analyse(
        "Chapter I: The Inn\n\n"
        '"The landlady had no business to do it," said Miss Grey, "no business\nat all. She promised us rooms '
        'with a view. Oh, Nell!"\n\n'
        '"And a cold supper, besides!" said Nell.'
    )
    assert _names(analysis) == ["Miss Grey", "Miss Grey", "Nell"]  # "all" is hers, not "all of them"


def test_speakers_a_participle_hung_on_an_act_tags_the_one_who_acts() -> None:
    analysis = _analyse(
        "Ida Grey and Nell Vance heard the news from the hall.\n\n"
        'There Ida had first staggered across the floor shouting "Dad," while Nell laughed behind the door.\n\n'
        "Nell wrapped herself up very carefully, remarking, \"I really must be getting home.\""
    )
    assert _names(analysis) == ["Ida Grey", "Nell Vance"]


def test_speakers_the_one_an_aside_says_she_interrupts_does_not_speak_the_rest_of_her_line() -> None:
    analysis = _analyse(
        "Tobin Vance stood at the front of the court and read the letter out, slowly.\n\n"
        '"If any one of them can explain it," said Ida Grey, (she had grown so tall in the last few minutes '
        'that she was not a bit afraid of interrupting him,) "I\'ll give him sixpence."'
    )
    assert _names(analysis) == ["Ida Grey", "Ida Grey"]


def test_speakers_one_who_does_not_answer_after_a_line_does_not_speak_it() -> None:
    analysis = _analyse(
        "Ida Grey sat on the bank beside Tobin Vance.\n\n"
        '"I won\'t indeed!" said Ida, in a great hurry to change the subject of conversation. "Are you fond '
        'of dogs?" Tobin did not answer, so Ida went on eagerly: "There is such a nice little dog near our house."'
    )
    assert _names(analysis) == ["Ida Grey", "Ida Grey", "Ida Grey"]


def test_speakers_a_line_from_someone_named_right_after_it_is_theirs() -> None:
    analysis = _analyse(
        "Ida Grey, Ben Vance and Nell Pell sat in the parlour. Nell had come from the town that morning, "
        "and Ida had not expected her.\n\n"
        '"Tell us," said Ben.\n\n'
        '"Once," said Ida at last, with a deep sigh, "I was happy here."\n\n'
        "These words were followed by a very long silence, broken only by an occasional exclamation of "
        '"Hush!" from Nell, and the constant sobbing of Ida.'
    )
    assert _names(analysis) == ["Ben Vance", "Ida", "Ida", "Nell Pell"]


def test_speakers_she_said_is_the_woman_the_sentence_is_about_not_one_inside_a_clause() -> None:
    analysis = _analyse(
        "Ida Grey came into the flat and stood in the hall.\n\n"
        '"Nell," she called in a harsh tone.\n\n'
        'Nell Vance was taking off her outdoor things in the bedroom. She heard Ida call her. "Yes," she said, '
        '"I shan\'t be a moment."'
    )
    assert _names(analysis)[1:] == ["Nell Vance", "Nell Vance"]


def test_speakers_a_woman_telling_what_to_call_her_may_speak_her_own_name() -> None:
    analysis = _analyse(
        "Ida Grey brought the girl into the kitchen, where Tobin Vance sat by the stove.\n\n"
        '"You\'ll sleep in the east gable," said Ida.\n\n'
        '"What am I to call you?" asked Nell. "Shall I always say Miss Grey? Can I call you Ida?"\n\n'
        '"No; you\'ll call me just plain Ida. I\'m not used to being called Miss Grey and it would make me '
        'nervous."'
    )
    assert analysis.quotes[-1].speaker == _id(analysis, "Ida Grey")


def test_speakers_she_said_is_the_woman_last_made_to_act_before_it() -> None:
    analysis = _analyse(
        "Mrs. Grey and her daughter Nell sat with Tobin Vance in the drawing-room after dinner.\n\n"
        '"I will go to the station myself, if the carriage can be sent," said Tobin.\n\n'
        "Mrs. Grey heaved a sigh of gratitude, and Nell, who had moved away to the window, turned to shed on "
        'him a beam of approval. "So you see, Mamma, everything will be settled," she said.'
    )
    assert analysis.quotes[-1].speaker == _id(analysis, "Nell")


def test_speakers_she_said_after_a_clause_naming_a_woman_is_that_woman() -> None:
    analysis = _analyse(
        "Mrs. Grey kept glancing at her daughters across the table.\n\n"
        "Ida kept her eyes on her plate, but when Ann looked up, she said, "
        '"What is the matter, mamma?"'
    )
    assert _quote(analysis, "What is the matter").speaker == _id(analysis, "Ann")


def test_speakers_she_said_is_not_one_whose_sex_the_text_never_tells() -> None:
    analysis = _analyse(
        "Ida Grey and Tobin Vance waited in the hall with the courier, Biscuit. Ida had put on her gloves, "
        "and Tobin held his hat.\n\n"
        '"The carriage is ready," said Biscuit.\n\n'
        "Biscuit's tone threw a faintly ironical light upon the matter. She turned to Tobin, blushing a little. "
        '"Must we go at once?" she asked.'
    )
    assert _one_named(analysis, "Biscuit").pronouns is None
    assert _quote(analysis, "Must we go").speaker == _id(analysis, "Ida Grey")


def test_speakers_she_said_with_no_woman_named_is_the_woman_the_narration_describes() -> None:
    analysis = _analyse(
        "A woman servant came into a room in which a child was sleeping and drew the curtains.\n\n"
        '"Wake up, Ben," she said. She pulled down the bed-clothes, took him in her arms, and carried him '
        "downstairs. He was only half awake. Ben Grey yawned and rubbed his eyes.\n\n"
        '"Your mother wants you," she said.'
    )
    servant = _one_named(analysis, "the woman servant")
    assert servant.pronouns == "she/her" and "a woman servant" in servant.aliases
    assert _names(analysis) == ["the woman servant", "the woman servant"]  # never Ben, a boy


def test_speakers_she_said_with_no_woman_named_or_described_goes_to_no_man() -> None:
    analysis = _analyse(
        "Someone came into a room in which a child was sleeping and drew the curtains.\n\n"
        '"Wake up, Ben," she said. Ben Grey yawned and rubbed his eyes. He was only half awake.\n\n'
        '"Your mother wants you," she said.'
    )
    assert _one_named(analysis, "Ben Grey").pronouns == "he/him"
    assert [q.speaker for q in analysis.quotes] == [None, None]


def test_speakers_he_answering_a_call_to_the_narrator_is_not_the_narrator() -> None:
    analysis = _analyse(
        "I walked into the kitchen and found Theo at the stove. He didn't turn around.\n\n"
        '"Morning, Nora," he said.\n\n'
        '"Morning," I said. "Is that coffee?"\n\n'
        '"It is. Sit down, Nora. You look tired."\n\n'
        "I sat down and put my head in my hands.\n\n"
        '"Long night?" he asked.'
    )
    assert _one_named(analysis, "Nora").narrator
    assert _quote(analysis, "Long night").speaker == _id(analysis, "Theo")


def test_speakers_after_an_answer_told_in_the_narration_the_other_speaks() -> None:
    analysis = _analyse(
        "Mrs. Grey received Tobin Vance in the drawing-room.\n\n"
        '"It is a long time, Mr. Vance, since you went away," said Mrs. Grey.\n\n'
        "He readily agreed to it.\n\n"
        '"I began to be afraid you would never come back again."\n\n'
        "Tobin expressed his regret.\n\n"
        '"People did say you meant to quit the place entirely."'
    )
    assert _names(analysis) == ["Mrs. Grey", "Mrs. Grey", "Mrs. Grey"]


def test_speakers_a_she_sentence_after_a_closed_reply_is_not_the_woman_who_just_spoke() -> None:
    analysis = _analyse(
        "Ida Grey and Nell Vance sat over their tea in the pension.\n\n"
        '"But here you are as safe as at home," said Nell. "The house is so very English."\n\n'
        '"Yet our rooms smell," said Ida. "We dread going to bed."\n\n'
        '"Ah, then you look into the court." She sighed. "If only the landlord were more tactful!"'
    )
    assert _names(analysis)[-2:] == ["Nell Vance", "Nell Vance"]


def test_speakers_after_a_nod_the_one_who_asked_goes_on_unless_the_line_answers() -> None:
    analysis = _analyse(
        "Ida Grey gave Tobin Vance the small piece of damp rag.\n\n"
        '"Is this it?" said Tobin, a little surprised.\n\n'
        "Ida nodded.\n\n"
        '"My present?"\n\n'
        "Ida nodded again.\n\n"
        '"Yes, and the balloon was red."\n\n'
        '"Is that all?" said Tobin.\n\n'
        "Ida shook her head slowly.\n\n"
        '"Then where is the rest?"'
    )
    assert _names(analysis) == ["Tobin Vance", "Tobin Vance", "Ida", "Tobin Vance", "Tobin Vance"]


def test_speakers_one_whose_answer_the_narration_tells_does_not_speak_next() -> None:
    analysis = _analyse(
        "Ida Grey sat with Tobin Vance and Nell Pell in the garden.\n\n"
        '"The old man, is he nice or not nice?" asked Ida. "I do so want to know."\n\n'
        "Tobin laughed and suggested that she should settle the question for herself.\n\n"
        '"No; but it is so difficult. Sometimes he is so silly."'
    )
    assert analysis.quotes[-1].speaker == _id(analysis, "Ida Grey")


def test_speakers_an_answer_told_without_that_still_lets_the_one_who_spoke_go_on() -> None:
    analysis = _analyse(
        "Ida Grey sat with Tobin Vance and Nell Pell in the garden.\n\n"
        '"The Greys will end by going round the world," said Ida.\n\n'
        "Tobin listened civilly, and said he was sure the Greys would be amused.\n\n"
        '"Isn\'t romance capricious! I never notice it in you young people."'
    )
    assert analysis.quotes[-1].speaker == _id(analysis, "Ida Grey")


def test_speakers_after_someone_made_a_reply_in_the_narration_the_other_goes_on() -> None:
    analysis = _analyse(
        "Nora Grey walked round the garden with Nell Vance and Tobin Pell.\n\n"
        '"So like my sister\'s place!" said Nell. "The very shape of the lawn."\n\n'
        "Nora made as slight a reply as she could; but it was fully sufficient for Nell, who only wanted to be "
        "talking herself.\n\n"
        '"And it is not merely the lawn, I assure you; the trees are placed just so."'
    )
    assert analysis.quotes[-1].speaker == _id(analysis, "Nell Vance")


def test_speakers_between_anchors_alternation_cannot_join_switches_where_the_calls_fit() -> None:
    """Ida's line, four guessed lines, Ida's line again: someone spoke twice. The two lines that call
    Ida are not hers, so Tobin's double turn is the third and fourth lines, not the middle ones."""
    cues = ["explicit", "turn", "turn", "turn", "turn", "explicit"]
    calls = [(), (), (), ("Ida",), ("Ida",), ()]
    speech = [SimpleNamespace(cue=cue, speaker=None, vocatives=called, named=()) for cue, called in zip(cues, calls)]
    for turn, guess in zip(speech, ["Ida", "Tobin", "Ida", "Tobin", "Tobin", "Ida"]):
        turn.speaker = guess if turn.cue == "explicit" else "Nell"  # guesses the switch overwrites
    speech[1].speaker = speech[4].speaker = "Tobin"  # the partners the ends give
    _break_between(speech, list(range(6)), [0, 5])
    assert [t.speaker for t in speech] == ["Ida", "Tobin", "Ida", "Tobin", "Tobin", "Ida"]


def test_speakers_said_the_latter_is_the_second_of_the_two_just_named() -> None:
    analysis = _analyse(
        "Ida Grey walked up the lane to the house.\n\n"
        "There was a sound of voices, and two ladies: Mrs. Vance and Miss Pell met her at the door.\n\n"
        '"My dear Miss Grey," said the latter, "I am just run across to beg you to come in."'
    )
    assert _names(analysis) == ["Miss Pell", "Miss Pell"]


def test_speakers_a_speech_verb_in_a_describing_clause_does_not_tag_the_line() -> None:
    analysis = _analyse(
        "Ida Grey walked home with Tobin Vance. Tobin was quiet, and he kept his eyes on the road; Ida let "
        "him be. At last they reached her house.\n\n"
        '"You are going in, I suppose?" said Tobin.\n\n'
        '"No,"--replied Ida--quite confirmed by the manner in which he spoke--"I should like to take '
        'another turn."'
    )
    assert _names(analysis) == ["Tobin Vance", "Ida Grey", "Ida Grey"]


def test_speakers_a_family_name_called_while_the_father_is_away_calls_the_son_on_stage() -> None:
    """The cast calls the father "Mr. Grey"; the son and Nell are the ones on stage."""
    families = {"Grey": {"father", "son", "ida"}}
    genders = {"father": "m", "son": "m", "ida": "f", "nell": "f"}
    called = Mention(100, 108, "Mr. Grey", "father", "name")
    text = SimpleNamespace(families=families, gender=genders, recent_characters=lambda before: ["nell", "son"])
    assert _family_member(text, called, 90) == "son"
    text.recent_characters = lambda before: ["nell", "father", "son"]
    assert _family_member(text, called, 90) == "father"  # the father is there: he is the one called
    text.recent_characters = lambda before: ["nell"]
    assert _family_member(text, called, 90) == "father"  # no Grey on stage: the name as the cast has it
    miss = Mention(100, 110, "Miss Grey", "ida", "name")
    text.recent_characters = lambda before: ["nell", "son"]
    assert _family_member(text, miss, 90) == "ida"  # "Miss Grey" is no name for the son


def test_speakers_the_one_a_speaker_turned_to_answers_her() -> None:
    analysis = _analyse(
        "Ben Ashby stood by the window while Mrs. Pell talked on, and Ida listened to her.\n\n"
        '"I should like some music," said Ben.\n\n'
        '"We do hope Miss Grey will play for us this evening," said Mrs. Pell.\n\n'
        "Ida made the proper answer; and, finding that nothing more was to be had from Mrs. Pell, turned "
        "to Ben.\n\n"
        '"Why do you smile?" said Ida.\n\n'
        '"Nay, why do you?"\n\n'
        '"I suppose I smile for pleasure at the present."\n\n'
        '"It is a handsome one."'
    )
    ida, ben = _id(analysis, "Ida"), _id(analysis, "Ben Ashby")
    assert _quote(analysis, "Why do you smile").speaker == ida
    assert _quote(analysis, "Why do you smile").addressees == (ben,)
    assert [_quote(analysis, opening).speaker for opening in ("Nay", "I suppose", "It is")] == [ben, ida, ben]


def test_speakers_the_one_who_turns_to_another_speaks_next() -> None:
    analysis = _analyse(
        "Ida sat with Mrs. Pell in the parlour.\n\n"
        '"My mother is very well, you see," said Mrs. Pell. "Quite well."\n\n'
        '"I am glad," said Ida.\n\n'
        "Ida had almost resolved on making her escape under some slight excuse, when Mrs. Pell turned to "
        "her again and seized her attention.\n\n"
        '"Her deafness is very trifling, just nothing at all."'
    )
    assert _quote(analysis, "Her deafness").speaker == _id(analysis, "Mrs. Pell")


def test_speakers_a_line_that_calls_papa_is_his_childs() -> None:
    analysis = _analyse(
        "Mr. Pell sat by the fire with his daughter, Ida Pell, and their guest, Nora Vance.\n\n"
        '"Will you take more tea, Nora?" said Ida, and she lifted the pot.\n\n'
        '"Thank you, no," said Nora.\n\n'
        '"It is a bitter night," said Mr. Pell.\n\n'
        '"Not so very bitter, papa."'
    )
    assert _quote(analysis, "Not so very").speaker == _id(analysis, "Ida Pell")


def test_speakers_a_name_called_in_words_the_line_quotes_calls_no_one_now() -> None:
    analysis = _analyse(
        "Ida walked with Mr. Grey in the garden.\n\n"
        '"You were a saucy child," said Mr. Grey.\n\n'
        '"What an amiable creature I was!" said Ida.\n\n'
        "\"You used to come to me with one of your saucy looks--'Mr. Grey, I am going out; papa says I "
        "may.'\""
    )
    assert _quote(analysis, "You used to come").speaker == _id(analysis, "Mr. Grey")


def test_speakers_a_voice_said_is_the_one_whose_voice_it_is() -> None:
    analysis = _analyse(
        "Ida waited on the landing while Nora knocked at every door.\n\n"
        '"Is anyone awake?" said Ida.\n\n'
        'At last Nora opened her own door, and her voice said: "Come in, quickly."\n\n'
        "Nell had stayed in the kitchen, and Ben went down to Nell.\n\n"
        "Nell's voice called up the stairs: \"Supper is cold!\""
    )
    assert _quote(analysis, "Come in").speaker == _id(analysis, "Nora")
    assert _quote(analysis, "Supper is").speaker == _id(analysis, "Nell")


def test_speakers_one_who_replied_that_something_was_so_adding_speaks_what_she_adds() -> None:
    analysis = _analyse(
        "Mr. Grey sat with Ida and Ben in the drawing-room.\n\n"
        '"Shall we have the columns?" said Ida.\n\n'
        'Mr. Grey replied that all the columns had been ordered, adding, "And they are very decorative."\n\n'
        '"I am glad," said Ben.\n\n'
        'Mrs. Pell came in, and told the girls what an honour they might expect, adding, "Sir Hugh is '
        'coming to dine."'
    )
    assert _quote(analysis, "And they are").speaker == _id(analysis, "Mr. Grey")
    assert _quote(analysis, "Sir Hugh is").speaker == _id(analysis, "Mrs. Pell")


@pytest.mark.parametrize("between", [" ", "\n\n"])
def test_speakers_a_tag_ending_in_a_colon_leads_into_the_line_before_a_pronoun_after_it(between: str) -> None:
    analysis = _analyse(
        "Nora stood on the steps with Ida.\n\n"
        '"I think you underrate that feeling," Nora said slowly. She climbed another step and looked down '
        "once more. As Nora hesitated, a cab came by and Ida turned and stopped it, saying as she opened "
        f'the door:{between}"Remember, I want to belong to your society," she added, shutting the door.'
    )
    assert _quote(analysis, "Remember").speaker == _id(analysis, "Ida")


def test_speakers_a_colon_before_the_line_ties_it_to_the_one_who_called_before_narration_after_it() -> None:
    analysis = _analyse(
        '"Mr. Grey, will you put my aunt in the carriage?" said Ida.\n\n'
        "Mr. Grey bowed. She followed Mrs. Pell into the hall, saw her fitted into a heap of shawls, and "
        'called from the doorstep: "Mind, the carriage is to be back for me at ten!" Then she returned to '
        "the drawing-room, where Mr. Grey, on re-entering it, found Nora by the fire."
    )
    assert _quote(analysis, "Mind, the carriage").speaker == _id(analysis, "Ida")


def test_speakers_a_second_verb_after_an_aside_shares_the_first_ones_subject() -> None:
    analysis = _analyse(
        "Ida sat by the fire with Nora, waiting.\n\n"
        "\"I'll ring up his home and ask whether he's back.\" Nora crossed to the telephone and, after a "
        "series of brief remarks, announced:\n\n"
        "\"No. His sister says he hasn't come back yet.\""
    )
    assert _quote(analysis, "No. His sister").speaker == _id(analysis, "Nora")



def test_speakers_speech_that_has_not_happened_tags_no_line() -> None:
    analysis = _analyse(
        "Marcus rang me at two in the morning, as he always does.\n\n"
        '"Did you send the stems?" said Marcus.\n\n'
        '"Not yet. Tomorrow."\n\n'
        "\"Today, Sam. It's already tomorrow.\"\n\n"
        '"Fine. Today." I hang up before he can say anything else.'
    )
    narrator = next(c.id for c in analysis.cast.characters if c.narrator)
    assert _quote(analysis, "Fine. Today.").speaker == narrator


def test_speakers_one_who_answers_without_saying_anything_except_says_that() -> None:
    analysis = _analyse(
        "Ben lay back in his chair while Ida stood over him with her hat in her hand.\n\n"
        '"I shall look in again some time," Ida remarked, upon which Ben held up his hand, without '
        'saying anything except "If you like."'
    )
    assert _quote(analysis, "If you like").speaker == _id(analysis, "Ben")


@pytest.mark.parametrize("sentence, verb, unsaid", [
    ("Ben bent down to the grass without replying.", "replying", True),
    ("Ben held up his hand without saying anything except that.", "saying", False),
    ("Unless she asks, I shall say nothing.", "asks", True),
    ("I hang up before he can say anything else.", "say", True),
    ("Ida paused before she said it.", "said", False),
])
def test_speakers_unsaid_speech(sentence: str, verb: str, unsaid: bool) -> None:
    doc = load_pipeline()(sentence)
    assert _unsaid(next(t for t in doc if t.text == verb)) is unsaid


def test_speakers_dash_dialogue_whose_tags_no_dash_sets_off() -> None:
    analysis = _analyse(
        "Ben Grey came up the stairs, carrying a lamp. Ida leaned on the parapet, and she "
        "watched him.\n\n"
        "—Come down at once! he said sternly.\n\n"
        "—Tell me, Grey, Ida said quietly.\n\n"
        "—Yes, my love?\n\n"
        "Ida turned away.\n\n"
        "—The pity of it! Ben Grey said."
    )
    ben, ida = _id(analysis, "Ben Grey"), _id(analysis, "Ida")
    assert [_quote(analysis, o).speaker for o in ("Come down", "Tell me", "Yes, my", "The pity")] == [ben, ida, ben, ben]


def test_speakers_a_beat_by_a_calling_with_a_telling_adjective_is_hers() -> None:
    analysis = _analyse(
        "Nell found Kate in the break room at three in the morning.\n\n"
        '"It ate my dollar," Kate said.\n\n'
        '"Eat something," Nell said. "Then go home."\n\n'
        '"I\'ve got four hours left."\n\n'
        '"I\'ll cover." The younger nurse shrugged when Kate finally looked at her. "You\'d do it for me."\n\n'
        'Kate laughed, a small broken sound. "I would, wouldn\'t I."'
    )
    nell, kate = _id(analysis, "Nell"), _id(analysis, "Kate")
    assert [_quote(analysis, o).speaker for o in ("I've got", "I'll cover", "You'd do")] == [kate, nell, nell]


def test_speakers_a_text_message_is_its_senders() -> None:
    analysis = _analyse(
        "Nell stared at her phone for a full minute before she typed anything to Kate.\n\n"
        "**Nell:** are you awake\n\n"
        "**Kate:** it's 3am\n\n"
        "**Nell:** i'm sorry about tonight\n\n"
        "**Kate:** ok\n\n"
        "**Kate:** go to sleep nell"
    )
    nell, kate = _id(analysis, "Nell"), _id(analysis, "Kate")
    assert [q.speaker for q in analysis.quotes] == [nell, kate, nell, kate, kate]
    assert analysis.quotes[0].addressees == (kate,)


def test_speakers_after_a_pause_no_one_fills_the_one_on_the_phone_goes_on() -> None:
    analysis = _analyse(
        "Nell was halfway through her sandwich when Kate's phone buzzed. Kate sighed and answered it.\n\n"
        '"Hi, Mom," Kate said.\n\n'
        "Nell raised an eyebrow. Kate rolled her eyes at her.\n\n"
        '"No, I\'m at lunch. With Nell."\n\n'
        "Another pause, longer this time.\n\n"
        '"I know. I know, Mom. I said I\'d call him."'
    )
    assert _quote(analysis, "I know. I know").speaker == _id(analysis, "Kate")


@pytest.mark.parametrize("ringing", [
    "Nell was halfway through her sandwich when Kate's phone buzzed on the table.",
    "Nell was reading when the phone rang. Kate picked up the phone.",
    "The phone rang. Nell handed Kate the phone.",
])
def test_speakers_the_one_whose_phone_rings_speaks_first(ringing: str) -> None:
    analysis = _analyse(
        "Nell and Kate sat at the kitchen table, and Nell talked about the weather.\n\n"
        f"{ringing}\n\n"
        '"Hi, Mom."\n\n'
        "Nell raised an eyebrow. Kate rolled her eyes.\n\n"
        '"Was that your mother?" Nell asked later.'
    )
    assert _quote(analysis, "Hi, Mom").speaker == _id(analysis, "Kate")


def test_speakers_lines_in_sign_language_alternate_like_speech() -> None:
    analysis = fabula.analyse(
        "Nell waved until Kate looked up from her book.\n\n"
        "*Are you hungry?* Nell signed.\n\n"
        "Kate shook her head. *Later,* she signed back. *I want to finish this chapter.*\n\n"
        "*You said that an hour ago.*\n\n"
        "Kate grinned and turned the page. *Still true.*",
        format="markdown",
    )
    nell, kate = _id(analysis, "Nell"), _id(analysis, "Kate")
    assert [(q.kind, q.speaker) for q in analysis.quotes] == [
        ("speech", nell), ("speech", kate), ("speech", kate), ("speech", nell), ("speech", kate)]


def test_speakers_a_line_of_a_script_is_the_one_named_before_the_colon() -> None:
    analysis = _analyse(
        "The kitchen was a mess when Nell came home to Kate.\n\n"
        "Nell: What happened here?\n\n"
        "Kate: Nothing. The dog.\n\n"
        "Nell: We do not have a dog.\n\n"
        "Kate: We do now."
    )
    nell, kate = _id(analysis, "Nell"), _id(analysis, "Kate")
    assert [q.speaker for q in analysis.quotes] == [nell, kate, nell, kate]


def test_a_character_named_will_or_may_acts_and_takes_pronouns() -> None:
    analysis = _analyse(
        "Nora sat by the fire, and Will stood at the door with his coat on.\n\n"
        '"Are you staying?" Nora asked.\n\n'
        '"No," said Will.\n\n'
        "Nora shrugged and looked back at the fire.\n\n"
        'Will laughed. "Maybe I will, after all."\n\n'
        'May came in with the tea. "Is he staying?" she asked.'
    )
    beat = _quote(analysis, "Maybe I will")
    assert (beat.speaker, beat.cue) == (_id(analysis, "Will"), "beat")
    assert _quote(analysis, "Is he staying").speaker == _id(analysis, "May")


def test_a_story_written_all_in_lower_case_gets_the_speakers_of_its_cased_reading() -> None:
    story = (
        "Ida found Tobin in the kitchen, still in his coat.\n\n"
        '"You said six," Ida said.\n\n'
        '"The train was late," said Tobin. "I ran from the station."\n\n'
        "Ida looked at the clock and then at him.\n\n"
        '"Sit down, then. I kept it warm."\n\n'
        'Tobin smiled. "You always do."\n\n'
        'Mrs. Grey came in with the plates. "Is he staying?" she asked.'
    )
    cased, lower = _analyse(story), _analyse(story.lower())
    assert [n.lower() if n else None for n in _names(lower)] == [n.lower() if n else None for n in _names(cased)]
    assert None not in _names(lower)


def test_a_line_straight_after_another_in_one_paragraph_is_not_its_voice() -> None:
    analysis = _analyse(
        "Ida sat by the window and Tobin read the paper. "
        '"What is the matter, ma\'am?" said Tobin; "you do not see a ghost, do you?"  '
        '"Oh no, sir," returned Ida, "I was thinking of the rain."'
    )
    ida, tobin = _id(analysis, "Ida"), _id(analysis, "Tobin")
    assert _quote(analysis, "you do not see").speaker == tobin  # the nearer line abuts it: an answer
    assert _quote(analysis, "Oh no").speaker == ida


@pytest.mark.parametrize(("text", "line", "who"), [
    pytest.param(
        "Lady Vance had come to see Tobin and Nora at last.\n\n"
        "Tobin pressed his cousin to stay for supper; but Lady Vance very firmly, and rather coldly, "
        'refused; and then standing up, said to Nora, "I shall see myself out."',
        "I shall see myself out", "Lady Vance", id="a name the parser joins to a verb as a conjunct"),
    pytest.param(
        "The Captain had come to tea with Nell.\n\n"
        "Nell, touched in spite of herself, was quite unable to speak, and the Captain, guessing he had "
        "said too much, went back to his paper, to mutter--\n\n"
        '"I never do!"',
        "I never do", "Captain", id="a name the parser joins to a verb of another clause"),
    pytest.param(
        "Tobin and Ben sat at the table with Nell.\n\n"
        '"You lie in bed and sleep like a hog," said Tobin, explaining himself to Nell, whereupon Ben fired '
        "up and, making her his goal, also exclaimed:\n\n"
        '"I never do!"',
        "I never do", "Ben", id="a speech verb the parser hangs loose on an earlier one"),
    pytest.param(
        "When she was half a dozen years younger, Nell had been overheard to\n"
        'begin a conversation with her brother one day, by saying "Tom, I\n'
        'wonder"   upon which Mr. Vance, who was the person overhearing, stepped\n'
        'forth into the light and said, "I never do!"',
        "I never do", "Mr. Vance", id="an and the parser hangs on a nearer verb than said's"),
    pytest.param(
        "Ida and Mr. Vance had quarrelled.\n\n"
        'Mr. Vance came round the corner, and so quickly as to give Ida time only to whisper, "Say nothing."',
        "Say nothing", "Ida", id="the one given time to speak, when the parser joins name and time"),
    pytest.param(
        'Mrs. Grey sat with Tobin.\n\n"I am going out," said Tobin.\n\n'
        'Mrs. Grey had barely time to call after him, "Take your coat!" as Tobin ran down the steps.',
        "Take your coat", "Mrs. Grey", id="the one who had time to speak"),
    pytest.param(
        "Mrs. Grey and her niece Nora sat with Tobin. Nora read. Tobin read.\n\n"
        "He paused so long over the letter that Mrs. Grey had time to look over his shoulder and ask her niece:\n\n"
        '"Is it a good letter?"',
        "Is it a good letter", "Mrs. Grey", id="a name after a bare infinitive tag is spoken to"),
    pytest.param(
        "Lucy and old Mr. Pell stood by the chapel door. The bishop, Dr. Vance, came out, and Dr. Vance "
        "stumbled on the step.\n\n"
        '"Hateful bishop!" exclaimed the voice of old Mr. Pell, who had darted forward also.',
        "Hateful bishop", "Mr. Pell", id="the voice of someone after an inverted tag"),
])
def test_a_tag_the_parser_misreads_still_names_its_speaker(text: str, line: str, who: str) -> None:
    analysis = _analyse(text)
    assert _said(analysis, line) == (_id(analysis, who), "explicit")


@pytest.mark.parametrize("cleft", [
    'Nora it was who answered, "We cannot stay here."',
    'It was Nora who answered: "We cannot stay here."',
    'When Kate looked away, it was Nora who answered, "We cannot stay here."',
])
def test_a_cleft_tag_gives_the_line_to_the_one_it_puts_first(cleft: str) -> None:
    analysis = _analyse(
        "Hugo, Kate and Nora sat in the kitchen.\n\n"
        '"Who broke the window?" Hugo asked. Nobody moved.\n\n' + cleft
    )
    assert _said(analysis, "We cannot stay here") == (_id(analysis, "Nora"), "explicit")


@pytest.mark.parametrize("voice", [
    "Then came Tobin's voice:",
    "Then Tobin's voice again--",
    "Then came an angry voice--Tobin's:",
])
def test_a_voice_named_just_before_a_line_is_its_speaker(voice: str) -> None:
    analysis = _analyse(
        'Ida and Tobin were in the garden. Tobin stood by the gate. "I am cold," Ida said.\n\n'
        f'Ida looked up from her book. {voice} "Where is my hat?"'
    )
    assert _said(analysis, "Where is my hat") == (_id(analysis, "Tobin"), "explicit")


@pytest.mark.parametrize("line", [
    '"Hush!" said Ida to Nell, while Tobin said "Not now."',
    '"Hush!" Ida murmured, while Tobin, turning to Nell, said: "Not now."',
])
def test_a_while_clause_leading_straight_into_a_line_tags_it(line: str) -> None:
    analysis = _analyse("Ida and Tobin and Nell were in the hall.\n\n" + line)
    assert _quote(analysis, "Hush").speaker == _id(analysis, "Ida")
    assert _quote(analysis, "Not now").speaker == _id(analysis, "Tobin")


@pytest.mark.parametrize("line", [
    '"Those dreadful insects!" burst from Tobin, with a nervous laugh.',
    '"Madame, Madame," sounded the honeyed accents of Tobin as he leant over.',
    '"Come in," came Tobin\'s voice from the hall.',
])
def test_a_line_that_sounds_from_someone_right_after_it_is_theirs(line: str) -> None:
    analysis = _analyse(
        'Ida and Tobin were in the garden. Tobin stood by the gate. "I am cold," Ida said.\n\n'
        'Tobin laughed. Ida read a book.\n\n"I like Nora better," said Ida.\n\n' + line
    )
    quote = analysis.quotes[-1]
    assert (quote.speaker, quote.cue) == (_id(analysis, "Tobin"), "explicit")


@pytest.mark.parametrize(("before", "reply", "who"), [
    ('"Not really." Nora didn\'t look up. "You?"', '"Bad dreams." She took the chair beside her.', "Kate"),
    ('"Not really." Nora didn\'t look up.', '"The rain kept me up." She turned the mug in her hands.', "Nora"),
])  # after her own question, the one she asked answers; after a remark, she goes on
def test_speakers_the_she_of_a_beat_after_her_own_question_is_the_one_she_asked(before, reply, who) -> None:
    analysis = _analyse(
        "Kate hadn't expected anyone to be awake. The kitchen light was on, and Nora sat at the counter "
        f'with both hands around a mug.\n\n"Couldn\'t sleep?" Kate asked.\n\n{before}\n\n{reply}'
    )
    assert _names(analysis)[0] == "Kate" and _names(analysis)[-1] == who


@pytest.mark.parametrize(("reply", "who"), [
    ('"Worth it," she whispered back.', "Ida"),  # an answer: not the one who just spoke, but the one she spoke to
    ('"Trust me," she added.', "Kate"),  # no answer: she goes on
])
def test_speakers_a_pronoun_tag_that_answers_is_not_the_one_answered(reply: str, who: str) -> None:
    analysis = _analyse(
        "Halfway through the film, Nora fell asleep on Ida's shoulder.\n\n"
        '"Don\'t you dare wake her," Ida murmured.\n\n'
        "Kate leaned over the back of the couch and grinned.\n\n"
        '"You\'re going to get a cramp," she whispered.\n\n'
        f"{reply}"
    )
    assert _names(analysis) == ["Ida", "Kate", who]


def _narrator(analysis: Analysis) -> str:
    """The id of the first-person narrator."""
    return next(c.id for c in analysis.cast.characters if c.narrator)


def test_speakers_a_bare_name_after_what_is_your_name_is_the_answerers_own() -> None:
    analysis = _analyse(
        "I was restocking the cooler when the bell over the door jingled. I didn't look up.\n\n"
        '"Keep the change," Jo said, digging in her pocket. "What\'s your name?"\n\n'
        '"Sam."\n\n'
        '"Well, Sam," Jo said with a grin. "See you tomorrow."'
    )
    answer = _quote(analysis, "Sam.")
    assert answer.speaker == _narrator(analysis) != _id(analysis, "Jo")
    assert answer.addressees == (_id(analysis, "Jo"),)


def test_speakers_me_in_a_chat_log_is_the_narrator() -> None:
    analysis = fabula.analyse(
        "I sat on the floor of the bathroom and texted my sister.\n\n"
        "**Lena:** are you alive\n\n"
        "**Lena:** answer me\n\n"
        "**Me:** barely\n\n"
        "I put the phone face down on the tiles.",
        format="markdown",
    )
    assert [q.speaker for q in analysis.quotes] == [_id(analysis, "Lena")] * 2 + [_narrator(analysis)]


def test_speakers_a_line_before_one_that_calls_a_newcomer_is_the_newcomers() -> None:
    analysis = _analyse(
        "'You're late,' said Aunt Nora, without looking up from her crossword.\n\n"
        "'The train was--'\n\n"
        "'The train is always late, Ida. That is why one catches the earlier one.'\n\n"
        "Ida hung up her coat and sat down opposite her aunt."
    )
    assert _names(analysis) == ["Aunt Nora", "Ida", "Aunt Nora"]


CALL_HOME = """Tobin's phone rang just as he got back to the dorm. He checked the screen and groaned.

"Hi, Mum."

"Don't 'hi Mum' me. You haven't called in two weeks."

"I've been busy. Exams."

"Too busy to call your mother?"

Tobin dropped onto the bed. "I'm calling you now, aren't I?"

"Tell him yourself at Christmas. You are coming home?"

"Yes, Mum."

"Good."
"""


def test_a_parent_the_dialogue_calls_and_never_names_speaks_her_side_of_the_call():
    analysis = fabula.analyse(CALL_HOME)
    mum = next(c for c in analysis.cast.characters if c.name == "Mum")
    assert mum.pronouns == "she/her"
    said = {q.text: q.speaker for q in analysis.quotes}
    assert said["Don't 'hi Mum' me. You haven't called in two weeks."] == mum.id
    assert said["Too busy to call your mother?"] == mum.id
    assert said["I've been busy. Exams."] != mum.id and said["Good."] == mum.id


def test_a_parent_called_once_or_with_a_named_mother_in_the_story_is_no_character_of_her_own():
    once = CALL_HOME.replace('"Yes, Mum."', '"Yes."')
    named = CALL_HOME.replace("Tobin dropped onto the bed.", "Tobin dropped onto the bed. Mrs. Pell was out.")
    for text in (once, named):
        assert "Mum" not in {c.name for c in fabula.analyse(text).cast.characters}


def test_a_parent_called_by_two_words_is_one_character():
    analysis = fabula.analyse(CALL_HOME.replace('"Yes, Mum."', '"Yes, Mother."').replace("Exams.", "Exams, Mum."))
    parents = [c.name for c in analysis.cast.characters if c.pronouns == "she/her"]
    assert parents == ["Mum"]


def test_a_man_the_narration_only_calls_he_is_no_she_of_a_beat():
    # no pronoun follows "Tobin" where he is named, but every "he" and "his" of the narration is his
    call = CALL_HOME.split("Tobin dropped")[0].replace("busy.", "busy, Mum.") + (
        'He dropped onto the bed. "I\'m calling you now, aren\'t I?"\n\n"I called you."\n\n"Technically, yes."\n\n'
        'She sighed down the line, the long sigh he had heard all his life. "Are you eating?"\n\n"Yes."\n\n'
        '"Love you," Tobin said, and hung up.\n')
    analysis = fabula.analyse(call)
    mum = next(c.id for c in analysis.cast.characters if c.name == "Mum")
    assert next(q.speaker for q in analysis.quotes if q.text == "Are you eating?") == mum


ROOMMATE = """Tobin hung up and tossed the phone onto the bed. He rubbed his eyes.

His roommate Bram looked up from his laptop. "Your mum?"

"Who else."

"Mine only texts," Bram said. "In all caps."
"""


def test_a_name_beside_the_subject_acts_not_the_one_who_owns_the_subject():
    analysis = fabula.analyse(ROOMMATE)  # "His roommate Bram looked up": Bram's line, not Tobin's
    names = {c.id: c.name for c in analysis.cast.characters}
    assert [names.get(q.speaker) for q in analysis.quotes[:2]] == ["Bram", "Tobin"]


STAKEOUT = """The car smelled like old fries. Hugo had been complaining for two hours.
Nora Quill had been watching the same door for three.

"I'm just saying, we could have brought sandwiches."

"You ate both sandwiches at noon, Hugo."

Hugo grinned and slouched lower in his seat.
"""


def test_the_first_line_of_a_talk_is_the_one_the_answer_calls():
    analysis = fabula.analyse(STAKEOUT)
    names = {c.id: c.name for c in analysis.cast.characters}
    assert [names.get(q.speaker) for q in analysis.quotes] == ["Hugo", "Nora Quill"]


def test_a_relative_no_name_tells_is_the_one_the_answer_calls():
    text = ('Tobin reached across the table. "Pass the potatoes," he said.\n\n"Say please," said his sister.\n\n'
            '"Please, Kate, pass the potatoes."\n\nKate rolled her eyes but passed the bowl.\n')
    analysis = fabula.analyse(text)
    names = {c.id: c.name for c in analysis.cast.characters}
    assert [names.get(q.speaker) for q in analysis.quotes] == ["Tobin", "Kate", "Tobin"]


DINNER = """Tobin and Kate sat across from each other. At the head of the table, their father cleared his throat.

"How's school, Tobin?"

"Fine."

"Just fine?"

"It's school. It's fine."

"Nobody's in trouble," their father said firmly.

"Yet," Kate muttered into her glass.
"""


def test_a_parent_the_narration_makes_act_and_never_names_is_a_character():
    analysis = fabula.analyse(DINNER)
    father = next(c for c in analysis.cast.characters if c.name == "Father")
    assert father.pronouns == "he/him"
    said = {q.text: q.speaker for q in analysis.quotes}
    assert said["How's school, Tobin?"] == said["Nobody's in trouble,"] == father.id


def test_a_parent_the_narration_names_is_no_character_of_his_own():
    named = DINNER.replace("their father cleared", "their father, Hugo, cleared")
    assert "Father" not in {c.name for c in fabula.analyse(named).cast.characters}


def test_a_pronoun_beat_after_a_call_is_the_one_called_not_the_caller():
    text = ('Kate sat on the left, Ida on the right. Their aunt Nora sat between them.\n\n'
            '"Kate," Nora said.\n\n'
            '"What? She knew we would hate it." She turned to her sister. "Isn\'t that right?"\n')
    analysis = fabula.analyse(text)
    names = {c.id: c.name for c in analysis.cast.characters}
    assert [names.get(q.speaker) for q in analysis.quotes] == ["Nora", "Kate", "Kate"]


FIRESIDE = """Hugo Ashby had gone up to London in the spring. His letters came seldom.

Nell Grey sat by the fire with Tobin Vance. She was tired. Tobin poured the tea. He smiled.

"Is it strong enough?" he asked.

"Just so," said Nell.

"More sugar?"

"None, thank you," said Nell. She looked away. The fire hissed. The clock struck nine. She sighed.

"Will you play?"

"Not tonight," said Nell. A letter from Hugo Ashby lay on the mantel.

"You are quiet tonight," he said.
"""


@pytest.mark.parametrize("last", ['"You are quiet tonight," he said.', '"You are quiet tonight." He set down his cup.'])
def test_a_pronoun_in_a_talk_is_the_one_man_talking_not_one_only_spoken_of(last):
    analysis = _analyse(FIRESIDE.replace('"You are quiet tonight," he said.', last))  # the letter brings Hugo
    assert analysis.quotes[-1].speaker == _id(analysis, "Tobin Vance")  # to mind, not into the room


LETTER = """Nell Grey sat by the window with Tobin Vance. Tobin read the letter slowly, and he frowned.

"It is a long letter," he said. "I shall take it home tonight."

"Read it here, I beg you," said Nell. She looked out at the rain. The lamps were lit in the street. A cart went by.

"Not tonight."

"Please," said Nell.

It would not do. Hugo Ashby was to call for his letter soon.

"I would rather stay with you," he replied, "but it shall be done."
"""


def test_a_pronoun_in_a_talk_is_the_one_man_in_it_who_goes_on_not_one_due_later():
    analysis = _analyse(LETTER)  # Hugo is only to call: Tobin, who spoke last, answers
    assert analysis.quotes[-1].speaker == _id(analysis, "Tobin Vance")


DRIVE_HOME = """At dinner Ida Ashby had talked of Paris all evening. Ida laughed at everyone. Ida sang. Ida danced with every man in the room.

Tobin Vance drove home late beside Nell Grey, and he said nothing. Nell remained silent in her corner. He knew that Ida Ashby's name had made her angry.

They went upstairs, and he turned into the library. She usually followed him, but he heard her pass down the hall.

"This lamp is smoking again," he grumbled.

"I'm so sorry: it shan't happen again," she answered.
"""


def test_a_name_only_spoken_of_does_not_draw_the_pronouns_of_the_next_lines():
    analysis = _analyse(DRIVE_HOME)  # "Ida Ashby's name had made her angry": Ida is not in the house
    assert [q.speaker for q in analysis.quotes] == [_id(analysis, "Tobin Vance"), _id(analysis, "Nell Grey")]


NIGHT_SHIFT = """I'm halfway through restocking the cooler when the bell over the door jingles. I don't look up.

"Hey. You're new."

It's a woman in scrubs, dark circles under her eyes, hair escaping from a bun.

"Started Monday," I say.

"Huh." She sets a can on the counter. "I'm Nell. I work at the hospital across the street."
"""


def test_a_talks_first_line_is_not_the_one_whose_tagged_line_answers_it():
    analysis = fabula.analyse(NIGHT_SHIFT)  # "You're new" is not the narrator's: she answers it
    names = {c.id: c.name for c in analysis.cast.characters}
    assert [names.get(q.speaker) for q in analysis.quotes[:3]] == ["Nell", "the narrator", "Nell"]


PARTNERS = """Ida Vane had been assigned to work with Tobin Grey for the entire term, and she was fairly sure
Professor Hale had done it on purpose.

"Grey," she said, dropping her bag onto the bench beside his.

"Vane." He didn't look up from his notes. "You're late."

"I'm exactly on time."

"Exactly on time is late." Tobin finally glanced at her, one pale eyebrow raised. "Everyone knows that."

Ida bit back a retort and pulled out her textbook. Across the room, Nell Lark waved at her frantically,
mouthing something that looked like good luck.

"Your friend is making a spectacle of herself," Grey observed.
"""


def test_a_pronoun_beat_after_a_call_is_the_one_called_not_one_outside_the_talk():
    analysis = fabula.analyse(PARTNERS)  # "He" is not the professor named a paragraph before
    names = {c.id: c.name for c in analysis.cast.characters}
    assert [names.get(q.speaker) for q in analysis.quotes[:4]] == ["Ida Vane", "Tobin Grey", "Tobin Grey", "Ida Vane"]


JUMPER = """'You're not seriously wearing that,' said Ida, the moment Tobin opened the door.

He looked down at his jumper. 'What's wrong with it?'

'It's got a reindeer on it. It's March.'

'It's a very dignified reindeer.'

She pushed past him into the flat, shaking rain off her umbrella. 'We're meeting my parents, Tobin. My mother
will have opinions.'

'Your mother always has opinions.'

'Yes, and today I'd rather they weren't about you.' Ida turned, and her face softened a little. 'Please?'

He sighed, the long-suffering sigh of a man who knew he'd already lost, and went to change.

When he came back, in a plain navy jumper, she was sitting on the arm of the sofa scrolling through her phone.

'Better?'

She looked up. 'Much. You look almost respectable.'

'Almost?'

'Don't push it.'
"""


def test_the_one_who_comes_back_acts_not_the_one_the_narration_shows_waiting():
    analysis = fabula.analyse(JUMPER)  # "When he came back, ... she was sitting there." / "Better?": his
    names = {c.id: c.name for c in analysis.cast.characters}
    said = {q.text: names.get(q.speaker) for q in analysis.quotes}
    assert (said["Better?"], said["Much. You look almost respectable."]) == ("Tobin", "Ida")


AFTER_THE_MATCH = """Sable sat on the bench, ice pack pressed to her knee. Coach Okoro sat down beside her.

"It wasn't your fault," Okoro said finally.

"I missed the tackle."

"You missed one tackle." She nudged Sable's good knee. "Go home."

Sable nodded. Her phone buzzed in her kit bag; she fished it out and glanced at the screen.

"Hi. Yeah. No, I'm okay."
"""


def test_the_one_whose_phone_rings_mid_talk_answers_it():
    analysis = fabula.analyse(AFTER_THE_MATCH)  # she nodded, but then her phone rang: her line, not the coach's
    names = {c.id: c.name for c in analysis.cast.characters}
    assert names.get(analysis.quotes[-1].speaker) == "Sable"


def test_she_added_after_reported_speech_is_the_one_who_reported_it_going_on():
    text = (
        "Nell Ashby had come to stay with Ida Grey for the summer, and the two women were much together.\n\n"
        '"Will Tobin come today?" said Nell.\n\n'
        '"He may," said Ida. "He said he might."\n\n'
        "Nell smiled and said nothing. She had guessed it long ago; Nell saw most things. Nell waited.\n\n"
        "Ida could keep nothing from her friend; and at last, taking Nell by both hands, confessed to Nell "
        "that Tobin had asked her to marry him.\n\n"
        '"It is too much!" she added, "far too much. I do not deserve him."'
    )
    analysis = _analyse(text)
    ida = _id(analysis, "Ida")
    assert _said(analysis, "It is too much")[0] == ida
    assert _said(analysis, "far too much")[0] == ida  # (one sentence cut by the tag, after a cry)
