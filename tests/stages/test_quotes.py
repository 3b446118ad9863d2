"""find_quotes: speech, thoughts and writing, marked every way fiction marks them."""

from __future__ import annotations

import dataclasses
import re
from importlib.resources import files

from hypothesis import given, settings
from hypothesis import strategies as st

from fabula.model import Quote, Span, Story
from fabula.nlp import parse
from fabula.stages.ingest import ingest_text
from fabula.stages.quotes import find_quotes


def _check_invariants(story: Story, quotes: tuple[Quote, ...]) -> None:
    """Slices match, ids count up in text order, hosts never overlap, embedded lie in a host."""
    assert [q.id for q in quotes] == [f"q{n}" for n in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    hosts = [q for q in quotes if q.kind != "embedded"]
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(story.text)
        assert story.text[quote.start:quote.end] == quote.text
        assert quote.kind in ("speech", "thought", "written", "embedded")
        paragraph = story.paragraphs[quote.paragraph]
        assert paragraph.start <= quote.start and quote.end <= paragraph.end
        assert quote.speaker is None and quote.speakers == () and quote.addressees == ()
    for first, second in zip(hosts, hosts[1:]):
        assert first.end <= second.start
    for quote in quotes:
        if quote.kind == "embedded":
            assert any(h.start <= quote.start and quote.end <= h.end for h in hosts)


def _quotes(text: str, italics: tuple[str, ...] = ()) -> tuple[Quote, ...]:
    """The quotes of ``text`` (blank-line paragraphs), each of ``italics`` marked italic where it occurs."""
    story = ingest_text(text)
    found = [m for i in italics for m in re.finditer(re.escape(i), text)]
    spans = tuple(Span(m.start(), m.end(), m.group()) for m in found)
    story = dataclasses.replace(story, italics=spans)
    quotes = find_quotes(story, parse(story))
    _check_invariants(story, quotes)
    return quotes


def _pairs(quotes: tuple[Quote, ...]) -> list[tuple[str, str]]:
    return [(q.text, q.kind) for q in quotes]


def test_quotes_straight_double_quotes_exclude_the_marks() -> None:
    text = 'Tara smiled. "Are you going to be alright?" she asked.\n\n"I don\'t know."'
    quotes = _quotes(text)
    assert _pairs(quotes) == [("Are you going to be alright?", "speech"), ("I don't know.", "speech")]
    assert quotes[0].start == text.index("Are") and quotes[0].paragraph == 0
    assert quotes[1].paragraph == 1


def test_quotes_curly_double_quotes() -> None:
    text = "“Home sweet home.” Tara giggled. “Come in.”"
    assert _pairs(_quotes(text)) == [("Home sweet home.", "speech"), ("Come in.", "speech")]


def test_quotes_interrupted_by_a_tag_are_two_quotes() -> None:
    text = '"Wait," she said, "come back."'
    assert _pairs(_quotes(text)) == [("Wait,", "speech"), ("come back.", "speech")]


def test_quotes_single_quote_dialogue_not_apostrophes() -> None:
    text = (
        "'I don't know,' said Harry. 'Let's ask 'em at the Joneses' house.'\n\n"
        "'Tis true, he thought; it was five o'clock in the '90s.\n\n"
        "'We played rock 'n' roll all night,' Ron said, 'and I'm goin' home now.'\n\n"
        "It was the girls' dormitory. 'Fine,' said Ginny."
    )
    assert _pairs(_quotes(text)) == [
        ("I don't know,", "speech"),
        ("Let's ask 'em at the Joneses' house.", "speech"),
        ("We played rock 'n' roll all night,", "speech"),
        ("and I'm goin' home now.", "speech"),
        ("Fine,", "speech"),
    ]


def test_quotes_curly_single_quote_dialogue() -> None:
    text = "‘Curly ones work too,’ said Luna, ‘don’t they?’\n\n‘Yes.’ Neville’s toad sang. ‘Rock ’n’ roll.’"
    expected = ["Curly ones work too,", "don’t they?", "Yes.", "Rock ’n’ roll."]
    assert [q.text for q in _quotes(text)] == expected


def test_quotes_apostrophes_in_a_double_quote_story_make_no_quotes() -> None:
    text = "'Tis the season. The Joneses' dog barked at five o'clock.\n\n\"Don't,\" she said. It's the '90s."
    assert _pairs(_quotes(text)) == [("Don't,", "speech")]


def test_quotes_nested_quote_is_embedded_in_its_host() -> None:
    text = "\"You said 'home sweet home' and I laughed,\" Willow said."
    assert _pairs(_quotes(text)) == [
        ("You said 'home sweet home' and I laughed,", "speech"), ("home sweet home", "embedded"),
    ]


def test_quotes_nested_double_quote_in_single_quote_dialogue_is_embedded() -> None:
    text = "'He wrote \"never again\" on it,' she said. 'Really?'\n\n'Yes.'"
    assert _pairs(_quotes(text)) == [
        ('He wrote "never again" on it,', "speech"), ("never again", "embedded"),
        ("Really?", "speech"), ("Yes.", "speech"),
    ]


def test_quotes_speech_over_several_paragraphs_is_one_quote_per_paragraph() -> None:
    text = '"It started long ago.\n\n"And it never ended," he said.\n\nShe nodded.'
    quotes = _quotes(text)
    assert _pairs(quotes) == [("It started long ago.", "speech"), ("And it never ended,", "speech")]
    assert [q.paragraph for q in quotes] == [0, 1]


def test_quotes_unclosed_quote_stops_at_paragraph_end() -> None:
    text = '"This one never closes. And goes on.\n\nNarration here is not a quote. It was late.'
    assert _pairs(_quotes(text)) == [("This one never closes. And goes on.", "speech")]


def test_quotes_missing_close_mark_ends_at_the_next_opening_mark() -> None:
    text = 'Willow frowned. "Hello, she said. "Come here."'
    assert [q.text for q in _quotes(text)] == ["Hello, she said.", "Come here."]


def test_quotes_em_dash_dialogue() -> None:
    text = (
        "— Bonjour, — dit-elle. — Tu viens ?\n\n"
        "— Non. Je reste ici — avec toi.\n\n"
        "Il partit sans un mot.\n\n"
        "— Attends, — cria-t-il, — ne bouge pas.\n\n"
        "—Hola —dijo ella—. ¿Qué tal?"
    )
    assert [q.text for q in _quotes(text)] == [
        "Bonjour,", "Tu viens ?", "Non. Je reste ici — avec toi.",
        "Attends,", "ne bouge pas.", "Hola", "¿Qué tal?",
    ]


def test_quotes_em_dash_dialogue_with_tags_no_dash_sets_off() -> None:
    text = (
        "He held the lamp aloft and announced: —Dinner is served.\n\n"
        "—Come down at once! he said sternly. Bring the lamp.\n\n"
        "—Tell me, Grey, Ida said quietly.\n\n"
        "—Well, Hugo asked me to come, you see.\n\n"
        "—Yes, she said, pointing at the door, he did.\n\n"
        "—The pity of it, said Ben Grey, is the whole of it."
    )
    assert [q.text for q in _quotes(text)] == [
        "Dinner is served.", "Come down at once!", "Bring the lamp.", "Tell me, Grey,",
        "Well, Hugo asked me to come, you see.", "Yes,", "he did.", "The pity of it,", "is the whole of it.",
    ]


def test_quotes_lines_of_a_text_exchange_are_written_messages() -> None:
    text = (
        "Nell stared at her phone before she typed anything.\n\n"
        "**Nell:** are you awake\n\n"
        "Kate: it's 3am\n\n"
        "**Nell:** that's not a \"no\"\n\n"
        "**Kate:** go to sleep nell\n\n"
        "Note: the timestamps are made up."
    )
    assert _pairs(_quotes(text)) == [
        ("are you awake", "written"), ("it's 3am", "written"), ('that\'s not a "no"', "written"),
        ("go to sleep nell", "written"),
    ]


def test_quotes_a_short_exchange_with_one_sender_coming_back_is_written_messages() -> None:
    text = (
        "My phone buzzed. It was my sister.\n\n"
        "**Lena:** are you alive\n\n"
        "**Lena:** answer me\n\n"
        "**Me:** working\n\n"
        "Lena sent back six exclamation marks."
    )
    assert _pairs(_quotes(text)) == [("are you alive", "written"), ("answer me", "written"), ("working", "written")]


def test_quotes_a_scene_set_out_as_a_script_is_speech() -> None:
    text = (
        "The kitchen was a mess when Nell came home.\n\n"
        "Nell: What happened here?\n\n"
        "Kate: Nothing. The dog.\n\n"
        "Nell: We do not have a dog.\n\n"
        "Kate: We do now."
    )
    assert _pairs(_quotes(text)) == [
        ("What happened here?", "speech"), ("Nothing. The dog.", "speech"), ("We do not have a dog.", "speech"),
        ("We do now.", "speech"),
    ]


def test_quotes_a_label_and_colon_here_and_there_is_no_text_exchange() -> None:
    text = (
        "Summary: Nell comes home.\n\n"
        "Warning: angst.\n\n"
        "Nell: that was the name on the door.\n\n"
        '"Hello," said Kate.'
    )
    assert _pairs(_quotes(text)) == [("Hello,", "speech")]


def test_quotes_em_dash_in_english_prose_is_not_a_quote() -> None:
    text = (
        "— and then she left.\n\nShe waited — for hours — by the door.\n\n"
        "— A note on the text.\n\n\"Fine,\" he said — and meant it."
    )
    assert [q.text for q in _quotes(text)] == ["Fine,"]


def test_quotes_guillemets_take_their_direction_from_the_first_one() -> None:
    assert [q.text for q in _quotes("«Bonjour», dit-elle. « Tu viens ? »")] == ["Bonjour", "Tu viens ?"]
    assert [q.text for q in _quotes("»Hallo«, sagte er. »Kommst du?«")] == ["Hallo", "Kommst du?"]


def test_quotes_scare_quotes_in_narration_are_not_speech() -> None:
    text = 'He called it the "thing" and left. Then he said "yes" to her.'
    assert _pairs(_quotes(text)) == [("yes", "speech")]


def test_quotes_a_name_after_the_with_its_comma_inside_is_not_speech() -> None:
    text = 'The wearer of the "Macfarlane," a tall man, bowed. "Good evening," he said.'
    assert _pairs(_quotes(text)) == [("Good evening,", "speech")]


def test_quotes_read_or_written_is_written() -> None:
    text = 'The sign read "NO ENTRY" in red. She wrote: "Dear John, I am leaving." "Bye," he said.'
    assert _pairs(_quotes(text)) == [
        ("NO ENTRY", "written"), ("Dear John, I am leaving.", "written"), ("Bye,", "speech"),
    ]


def test_quotes_thought_tag_makes_a_marked_quote_a_thought() -> None:
    text = '"Well!" thought Alice to herself, "after such a fall as this!"\n\n"No," she said.'
    assert _pairs(_quotes(text)) == [
        ("Well!", "thought"), ("after such a fall as this!", "thought"), ("No,", "speech"),
    ]


def test_quotes_italic_inner_voice_is_a_thought() -> None:
    text = (
        "Willow looked at her. She's so beautiful. Tara smiled.\n\n"
        "It was a very strange day. Willow shook her head.\n\n"
        '"I never said that," Tara said.'
    )
    italics = ("She's so beautiful.", "very strange", "I never said that,")
    assert _pairs(_quotes(text, italics)) == [
        ("She's so beautiful.", "thought"), ("I never said that,", "speech"),
    ]


def test_quotes_italic_lines_in_sign_language_are_speech() -> None:
    text = (
        "Nell waved until Kate looked up from her book.\n\n"
        "Are you hungry? Nell signed.\n\n"
        "Kate shook her head. Later, she signed back. I want to finish this chapter.\n\n"
        "You said that an hour ago.\n\n"
        "Kate grinned and turned the page. Still true.\n\n"
        "Nell rolled her eyes. I'm ordering pizza, she thought. She'll eat it anyway."
    )
    italics = ("Are you hungry?", "Later,", "I want to finish this chapter.", "You said that an hour ago.",
               "Still true.", "I'm ordering pizza,", "She'll eat it anyway.")
    assert _pairs(_quotes(text, italics)) == [
        ("Are you hungry?", "speech"), ("Later,", "speech"), ("I want to finish this chapter.", "speech"),
        ("You said that an hour ago.", "speech"), ("Still true.", "speech"),
        ("I'm ordering pizza,", "thought"), ("She'll eat it anyway.", "thought"),
    ]


def test_quotes_italic_titles_and_stressed_words_are_not_thoughts() -> None:
    text = "She read The Lord Of The Rings twice. She had never seen it. The Rabbit took a watch out."
    italics = ("The Lord Of The Rings", "never", "took a watch")
    assert _quotes(text, italics) == ()


def test_quotes_seed_story_plain_text_thoughts() -> None:
    text = (files("fabula") / "data" / "first-steps-to-recovery.txt").read_text(encoding="utf-8")
    quotes = _quotes(text)
    assert [q.text for q in quotes if q.kind == "thought"] == [
        "Soft lips that I would just love to kiss forever and God she is soooo sexy. "
        "I would love to just get her out of HER pants...",
        "Huh. Perfect fit.",
        "Well how lame was that!",
        "Yay! I get to sleep with her. Well not sex sleep but I can dream about it.",
        "An angel. She is an angel with a very sexy gown on.",
    ]
    speech = [q for q in quotes if q.kind == "speech"]
    assert all(text[q.start - 1] == '"' and text[q.end] == '"' for q in speech)
    assert len(speech) == text.count('"') // 2  # every pair of marks is speech, none lost to a thought
    assert [q.text for q in quotes if q.kind == "embedded"] == [
        "home sweet home", "Willow you are old enough to put yourself in the bed.",
    ]


def test_quotes_plain_thought_claimed_by_a_thought_tag() -> None:
    text = (
        "Tara waited by the door. Maybe it was too late, she wondered. Then she sat down.\n\n"
        "Willow looked at the clock. It was late. What a day! She scolded herself."
    )
    assert _pairs(_quotes(text)) == [("Maybe it was too late", "thought"), ("What a day!", "thought")]


def test_quotes_no_plain_thoughts_in_a_first_person_story() -> None:
    text = (
        "I walked into the kitchen and I saw Tara there. I smiled at her.\n\n"
        '"Hi," she said. I love her so much. I sat down and my hands shook.\n\n'
        "I waited for her answer. My heart raced. I looked away."
    )
    assert _pairs(_quotes(text)) == [("Hi,", "speech")]


def test_quotes_no_plain_thoughts_in_past_narration_or_narrator_asides() -> None:
    text = (
        "Tara walked home. The night was cold and dark.\n\n"
        "She went to the ball. Young men are always like that at balls. She danced all night.\n\n"
        '"Goodnight," said Willow. Down the hall, a door closed.'
    )
    assert _pairs(_quotes(text)) == [("Goodnight,", "speech")]


_PIECES = st.sampled_from(
    ['"', "'", "“", "”", "‘", "’", "«", "»", "— ", " ", "\n\n", "Hello", "she said", ",", ".", "don't", "'em"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30))
def test_quotes_invariants_hold_on_any_mix_of_marks(pieces: list[str]) -> None:
    _quotes("".join(pieces))


def test_quotes_a_one_word_italic_thought_its_tag_claims_and_the_run_after_it_are_thoughts() -> None:
    text = "Sable sat on the bench.\n\nStupid, she thought. Fool, fool, fool.\n\nSable sighed."
    italics = ("Stupid,", "Fool, fool, fool.")
    assert _pairs(_quotes(text, italics)) == [("Stupid,", "thought"), ("Fool, fool, fool.", "thought")]
