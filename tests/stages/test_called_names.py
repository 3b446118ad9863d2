"""join_called_names: a first name only the dialogue uses joins the titled character who answers to it."""

from __future__ import annotations

from dataclasses import replace

import fabula
from fabula.model import Cast, Character, Mention, Quote, Scene
from fabula.stages.called_names import join_called_names

CALLED_TWICE = """Miss Pell came into the parlour with the tea tray, and her brother Tobin looked up from his book.

"Rosaline, you are late," said Tobin.

"The kettle would not boil," said Miss Pell.

Tobin put the book down and went to the window.

"Is it raining yet, Rosaline?" he asked.

"Not yet," said Miss Pell. "But it will before dark."

"Then we shall stay in," said Tobin.

Miss Pell poured the tea and said nothing more.
"""


def _names(analysis) -> dict[str, Character]:
    return {c.name: c for c in analysis.cast.characters}


def test_a_first_name_only_the_dialogue_calls_joins_the_one_who_answers_it():
    analysis = fabula.analyse(CALLED_TWICE)
    names = _names(analysis)
    assert "Rosaline" not in names
    pell = names["Miss Pell"]
    assert "Rosaline" in pell.aliases
    calls = [q for q in analysis.quotes if "Rosaline" in q.text]
    assert calls and all(q.addressees == (pell.id,) for q in calls)
    assert all(m.character in {c.id for c in analysis.cast.characters} for m in analysis.cast.mentions)


FORMAL = """Tobin came into the office at nine, and Kate looked up from her desk.

"You are late, Mr. Ashby," said Kate.

"The train was slow," said Tobin, and hung up his coat.

Kate turned back to her letters. Tobin sat down and opened the ledger.

"Have you seen the Hollis account, Mr. Ashby?" she asked.

"I have it here," said Tobin. "It balances at last."

"Then we can both go home early," said Kate.
"""


def test_a_title_and_surname_only_the_dialogue_uses_joins_the_first_name_that_answers():
    names = _names(fabula.analyse(FORMAL))
    assert "Mr. Ashby" not in names
    assert "Mr. Ashby" in names["Tobin"].aliases


def test_a_title_of_the_other_sex_is_not_joined():
    names = _names(fabula.analyse(FORMAL.replace("Mr. Ashby", "Mrs. Ashby")))
    assert "Mrs. Ashby" in names and "Mrs. Ashby" not in names["Tobin"].aliases


def test_a_name_two_people_answer_to_stays_apart():
    two = CALLED_TWICE.replace('"Not yet," said Miss Pell.', '"Not yet," said Mrs. Ashby from the hall.').replace(
        "with the tea tray,", "with the tea tray for Mrs. Ashby,")  # (both there throughout, and neither named)
    names = _names(fabula.analyse(two))
    assert "Rosaline" in names and "Rosaline" not in names["Miss Pell"].aliases


def test_a_called_name_is_not_given_to_one_who_has_a_first_name():
    named = CALLED_TWICE.replace("Miss Pell came", "Ida Pell came")
    names = _names(fabula.analyse(named))
    assert "Rosaline" in names
    assert not any("Rosaline" in c.aliases for c in names.values())


def _line(id: str, paragraph: int, speaker: str | None, addressees: tuple[str, ...] = (),
          speakers: tuple[str, ...] = (), cue: str | None = None) -> Quote:
    return Quote(id=id, start=paragraph * 10, end=paragraph * 10 + 5, text="...", paragraph=paragraph,
                 speaker=speaker, speakers=speakers, addressees=addressees, cue=cue)


_THREE = (Character("c1", "Tobin", pronouns="he/him"), Character("c2", "Mrs. Pell", pronouns="she/her"),
          Character("c3", "Rosaline", on_page=False))


def test_a_line_given_to_a_name_only_because_it_was_called_is_the_answerers():
    cast = Cast(characters=_THREE)
    quotes = (_line("q1", 1, "c1", ("c3",)), _line("q2", 2, "c3", ("c1",), cue="response"),
              _line("q3", 3, "c1", ("c3",)), _line("q4", 4, "c2", ("c1",)),
              _line("q5", 5, "c1", ("c3",)), _line("q6", 6, "c2", ("c1",)))
    cast, quotes, _ = join_called_names(cast, quotes, ())
    assert [c.id for c in cast.characters] == ["c1", "c2"]
    assert quotes[1].speaker == "c2"


def test_an_answerer_takes_one_first_name_the_one_never_given_a_line():
    cast = Cast(characters=(*_THREE, Character("c4", "Hesper", on_page=False)))
    quotes = (_line("q1", 1, "c1", ("c3",)), _line("q2", 2, "c2", ("c1",)),
              _line("q3", 3, "c1", ("c3",)), _line("q4", 4, "c2", ("c1",)),
              _line("q5", 5, "c1", ("c4",)), _line("q6", 6, "c4", ("c1",), cue="response"),
              _line("q7", 7, "c1", ("c4",)), _line("q8", 8, "c2", ("c1",)),
              _line("q9", 9, "c1", ("c4",)), _line("q10", 10, "c2", ("c1",)))
    cast, quotes, _ = join_called_names(cast, quotes, ())
    assert [c.id for c in cast.characters] == ["c1", "c2", "c4"]
    assert "Rosaline" in cast.characters[1].aliases and "Hesper" not in cast.characters[1].aliases


def test_the_joined_name_leaves_no_trace_in_quotes_scenes_or_mentions():
    cast = Cast(
        characters=(Character("c1", "Tobin", pronouns="he/him", mentions=3),
                    Character("c2", "Mrs. Pell", aliases=("Pell", "the widow"), pronouns="she/her", mentions=4),
                    Character("c3", "Aunt Nell", mentions=2, on_page=False)),
        mentions=(Mention(0, 5, "Tobin", "c1", "name"), Mention(12, 16, "Nell", "c3", "name"),
                  Mention(40, 44, "Nell", "c3", "name")))
    quotes = (_line("q1", 1, "c1", ("c3",)), _line("q2", 2, "c2", ("c1",)),
              _line("q3", 3, "c1", ("c3",)), _line("q4", 4, "c2", ("c1",)),
              _line("q5", 5, None, speakers=("c1", "c2")), _line("q6", 5, "c2", ("c3", "c1")))
    scenes = (Scene("s1", 0, 60, characters=("c1", "c3", "c2")),)
    cast, quotes, scenes = join_called_names(cast, quotes, scenes)
    assert [c.id for c in cast.characters] == ["c1", "c2"]
    assert cast.characters[1].aliases == ("Pell", "the widow", "Aunt Nell") and cast.characters[1].mentions == 6
    assert {m.character for m in cast.mentions} == {"c1", "c2"}
    assert quotes[0].addressees == quotes[2].addressees == ("c2",)
    assert quotes[5].addressees == ("c1",)  # her own called name is no one she speaks to
    assert scenes[0].characters == ("c1", "c2")


def test_an_uncle_is_not_joined_to_a_woman():
    cast = Cast(characters=(Character("c1", "Tobin", pronouns="he/him"),
                            Character("c2", "Mrs. Pell", pronouns="she/her"),
                            Character("c3", "Uncle Ben", on_page=False)))
    quotes = (_line("q1", 1, "c1", ("c3",)), _line("q2", 2, "c2", ("c1",)),
              _line("q3", 3, "c1", ("c3",)), _line("q4", 4, "c2", ("c1",)))
    assert join_called_names(cast, quotes, ())[0] == cast


SURNAME = """Nora found him in the library again.

"You're late, Vance," Thorne said without looking up.

"And you're annoying, Thorne." Nora dropped her books on the table.

He turned a page. "Did you bring the notes, Vance?"

"Obviously."

Nora sat down across from him and pulled out her quill.
"""


def test_a_surname_only_the_dialogue_calls_joins_the_first_name_that_answers():
    names = _names(fabula.analyse(SURNAME))  # rivals by surname: Nora is Vance, though never "Nora Vance"
    assert "Vance" not in names
    assert "Vance" in names["Nora"].aliases


def test_a_called_name_the_narration_also_uses_stays_apart():
    names = _names(fabula.analyse(SURNAME.replace("Nora sat down", "Vance waved from the door. Nora sat down")))
    assert "Vance" in names and "Vance" not in names["Nora"].aliases


def test_a_name_given_lines_by_guesses_alone_still_joins_and_epithets_do_not_stop_it():
    cast = Cast(characters=(Character("c1", "Tobin", aliases=("the former",), pronouns="he/him"),
                            Character("c2", "Kate", pronouns="she/her"), Character("c3", "Mr. Ashby")))
    quotes = (_line("q1", 1, "c2", ("c3",)), _line("q2", 2, "c1", ("c2",)),  # "Tea, Mr. Ashby?" Tobin answers
              _line("q3", 3, "c3", ("c2",), cue="beat"),  # a line a beat gave the name, not a tag
              _line("q4", 4, "c2", ("c3",)), _line("q5", 5, "c1", ("c2",)))
    cast, quotes, _ = join_called_names(cast, quotes, ())
    assert [c.id for c in cast.characters] == ["c1", "c2"] and "Mr. Ashby" in cast.characters[0].aliases
    assert quotes[2].speaker == "c1"


def test_a_name_that_answers_for_itself_is_not_joined_to_itself():
    cast = Cast(characters=(Character("c1", "Tobin", pronouns="he/him"), Character("c2", "Granny", on_page=False)))
    quotes = (_line("q1", 1, "c1", ("c2",)), _line("q2", 2, "c2", ("c1",), cue="turn"),
              _line("q3", 3, "c1", ("c2",)), _line("q4", 4, "c2", ("c1",), cue="turn"))
    cast, quotes, _ = join_called_names(cast, quotes, ())
    assert [c.id for c in cast.characters] == ["c1", "c2"] and {q.speaker for q in quotes} == {"c1", "c2"}


def _by_the_fire(company: str) -> str:
    return (
        f"Mr. Pell and Mrs. Pell sat by the fire{company}. Mrs. Pell was knitting.\n\n"
        '"Another cup, Nell?" said Mr. Pell.\n\n'
        '"Thank you," said Mrs. Pell.\n\n'
        "Later Tobin came in with the post, and Mrs. Pell read it while Tobin warmed his hands.\n\n"
        '"Nell, you look tired," said Mr. Pell.\n\n'
        '"Tired of waiting for the post," said Tobin.'
    )


def test_a_first_name_called_twice_joins_the_one_woman_there_to_bear_it_who_answered_once():
    names = _names(fabula.analyse(_by_the_fire("")))
    assert "Nell" not in names
    assert "Nell" in names["Mrs. Pell"].aliases


def test_a_first_name_called_with_two_women_there_to_bear_it_stays_apart():
    names = _names(fabula.analyse(_by_the_fire(" with Miss Grey, who sat sewing and let Miss Grey's tea go cold")))
    assert "Nell" in names


def _apart(line: Quote, at: int) -> Quote:
    """The line moved to ``at``, so that calls far apart have narration of their own around them."""
    return replace(line, start=at, end=at + 5)


_KATE = Character("c4", "Kate", pronouns="she/her")


def _told(*starts: int) -> tuple[Mention, ...]:
    return tuple(Mention(at, at + 9, "Mrs. Pell", "c2", "name") for at in starts)


def test_a_reply_guessed_for_the_called_name_itself_is_an_answer_from_the_one_there():
    cast = Cast(characters=_THREE, mentions=_told(900, 2900))
    quotes = (_apart(_line("q1", 1, "c1", ("c3",)), 1000),
              _apart(_line("q2", 2, "c3", ("c1",), cue="response"), 1100),  # her answer, given her name
              _apart(_line("q3", 3, "c1", ("c3",)), 3000), _apart(_line("q4", 4, "c1"), 3100))
    cast, quotes, _ = join_called_names(cast, quotes, ())
    assert [c.id for c in cast.characters] == ["c1", "c2"] and quotes[1].speaker == "c2"


def test_the_one_there_need_not_be_told_of_around_every_call_but_one():
    cast = Cast(characters=_THREE, mentions=_told(900, 2900))  # nothing said of her around the third call
    quotes = (_apart(_line("q1", 1, "c1", ("c3",)), 1000),
              _apart(_line("q2", 2, "c3", ("c1",), cue="response"), 1100),
              _apart(_line("q3", 3, "c1", ("c3",)), 3000), _apart(_line("q4", 4, "c1"), 3100),
              _apart(_line("q5", 5, "c1", ("c3",)), 5000), _apart(_line("q6", 6, "c1"), 5100))
    assert [c.id for c in join_called_names(cast, quotes, ())[0].characters] == ["c1", "c2"]
    twice = quotes[:2] + quotes[4:]  # of two calls, both
    assert join_called_names(Cast(characters=_THREE, mentions=_told(900)), twice, ())[0].characters == _THREE


def test_a_call_split_by_its_speech_tag_is_one_call():
    cast = Cast(characters=(*_THREE, _KATE), mentions=_told(900, 2900))
    quotes = (_apart(_line("q1", 1, "c1", ("c3",)), 1000), _apart(_line("q2", 1, "c1", ("c3",)), 1020),
              _apart(_line("q3", 2, "c4", ("c1",)), 1100),  # Kate answers the one call, once
              _apart(_line("q4", 3, "c1", ("c3",)), 3000),
              _apart(_line("q5", 4, "c3", ("c1",), cue="response"), 3100))
    cast, quotes, _ = join_called_names(cast, quotes, ())
    assert [c.id for c in cast.characters] == ["c1", "c2", "c4"] and "Rosaline" in cast.characters[1].aliases


def _saying(text: str, speaker: str, addressee: str, at: int = 100, paragraph: int = 1) -> Quote:
    return Quote(id=f"q{at}", start=at, end=at + len(text), text=text, paragraph=paragraph, speaker=speaker,
                 addressees=(addressee,))


def _named_in(line: Quote, name: str, character: str) -> Mention:
    start = line.start + line.text.index(name)
    return Mention(start, start + len(name), name, character, "name")


_ASHBY = (Character("c1", "Mr. Ashby", pronouns="he/him", mentions=5), Character("c2", "Kate", pronouns="she/her"))


def test_a_name_a_line_says_is_the_speakers_joins_him():
    line = _saying("Please, call me Hugo.", "c1", "c2")
    cast = Cast(characters=(*_ASHBY, Character("c3", "Hugo", mentions=1)), mentions=(_named_in(line, "Hugo", "c3"),))
    cast = join_called_names(cast, (line,), ())[0]
    assert [c.id for c in cast.characters] == ["c1", "c2"] and "Hugo" in cast.characters[0].aliases
    assert [m.character for m in cast.mentions] == ["c1"]


def test_a_name_a_line_says_is_the_one_spoken_to_is_taken_from_another_who_bears_it():
    line = _saying("I once called you 'Tobin', to vex you.", "c2", "c1")
    hello = _saying("How are you, Tobin?", "c2", "c3", at=300, paragraph=3)
    grey = Character("c3", "Tobin", aliases=("Mr. Tobin Grey", "Mr. Grey"), mentions=4)
    mentions = (_named_in(line, "Tobin", "c3"), _named_in(hello, "Tobin", "c3"),
                Mention(500, 514, "Mr. Tobin Grey", "c3", "name"), Mention(600, 608, "Mr. Grey", "c3", "name"))
    cast, quotes, _ = join_called_names(Cast(characters=(*_ASHBY, grey), mentions=mentions), (line, hello), ())
    ashby, _, grey = cast.characters
    assert "Tobin" in ashby.aliases and ashby.mentions == 7
    assert (grey.name, grey.aliases, grey.mentions) == ("Mr. Tobin Grey", ("Mr. Grey",), 2)
    assert [m.character for m in cast.mentions] == ["c1", "c1", "c3", "c3"]
    assert quotes[1].addressees == ("c1",)  # "Tobin" calls him


def test_a_said_name_stays_apart_when_the_lines_disagree_or_only_call_it_or_it_speaks():
    hugo = Character("c3", "Hugo", mentions=1)
    mine, hers = _saying("Call me Hugo.", "c1", "c2"), _saying("No, call me Hugo.", "c2", "c1", at=200, paragraph=2)
    cast = Cast(characters=(*_ASHBY, hugo), mentions=(_named_in(mine, "Hugo", "c3"), _named_in(hers, "Hugo", "c3")))
    assert join_called_names(cast, (mine, hers), ())[0] == cast  # each says it is his or her own
    calling = _saying("What will you call me, Hugo?", "c1", "c3")
    cast = Cast(characters=(*_ASHBY, hugo), mentions=(_named_in(calling, "Hugo", "c3"),))
    assert join_called_names(cast, (calling,), ())[0] == cast  # Hugo is called, not said to be a name
    cast = Cast(characters=(*_ASHBY, hugo), mentions=(_named_in(mine, "Hugo", "c3"),))
    answer = _saying("I am Hugo.", "c3", "c1", at=300, paragraph=3)
    assert join_called_names(cast, (mine, answer), ())[0] == cast  # a Hugo with a voice of his own


def test_a_wife_known_by_her_husbands_full_name_has_no_first_name_of_her_own():
    wife = Character("c2", "Mrs. Hugo Pell", aliases=("Mrs. Pell",), pronouns="she/her")
    cast = Cast(characters=(_THREE[0], wife, _THREE[2]))
    quotes = (_line("q1", 1, "c1", ("c3",)), _line("q2", 2, "c2", ("c1",)),
              _line("q3", 3, "c1", ("c3",)), _line("q4", 4, "c2", ("c1",)))
    cast = join_called_names(cast, quotes, ())[0]
    assert [c.id for c in cast.characters] == ["c1", "c2"] and "Rosaline" in cast.characters[1].aliases
