"""find_scenes: marked and unmarked scene breaks, tiling the body, and who is present."""

from __future__ import annotations

import dataclasses
import re
import time
from importlib.resources import files

from fabula.model import Cast, Chapter, Character, Mention, Quote, Scene, Span, Story
from fabula.nlp import Parsed, parse
from fabula.stages.ingest import ingest
from fabula.stages.scenes import find_scenes

KITCHEN = [
    "Mara set the kettle on the stove and leaned against the kitchen counter while the water began to hum. "
    "The kitchen smelled of onions and bread, and the table was still covered with the plates from dinner.",
    '"You should sleep," Jon said from the table. He pushed a plate aside and folded his arms on the wooden '
    "tabletop, watching the rain run down the window over the sink.",
    '"I will, once the dishes are done." Mara took two cups from the cupboard and set them beside the sink. '
    "The window above the sink showed nothing but her own reflection and the lamp behind her.",
    "Jon got up, carried the plates to the sink and ran the tap. Steam rose from the water and fogged the "
    "window. \"Leave them. I'll wash them before I go.\"",
    '"You always say that." She poured the tea and slid a cup across the counter to him. The kettle ticked '
    "as it cooled on the stove, and somewhere above them a floorboard creaked.",
    "They drank their tea standing at the counter, shoulder to shoulder, listening to the rain on the "
    "kitchen window. Jon rinsed the last plate and stacked it on the rack by the sink.",
    '"Go and sleep," he told her at last, and switched off the lamp over the table. The kitchen went dark '
    "except for the blue flame under the kettle, and Mara turned the stove off before she left the room.",
]
STATION = [
    "The next morning the station was crowded. Mara waited on the platform with her suitcase while a cold "
    "wind blew along the tracks and rattled the timetable boards above the ticket office.",
    "The train pulled in twenty minutes late. Passengers pressed toward the doors, and a porter shouted over "
    "the noise of the engine as he pushed a trolley of luggage down the platform.",
    "Mara found a seat by the window in the third carriage and lifted her suitcase onto the rack above it. "
    "Across the aisle, a conductor was checking tickets and punching them with a small silver clip.",
    '"Is this seat taken?" a woman asked, pointing at the empty place beside her. Mara shook her head, moved '
    "her coat off the seat and made room for the woman's bags on the floor of the carriage.",
    "The carriage jolted, and the platform slid away behind them. Through the window Mara watched the "
    "station roof, the bridge over the tracks and the grey streets of the town roll past.",
    'The conductor reached their row. "Tickets, please," he said, and Mara handed hers across the aisle. '
    "He punched it, nodded and moved on down the carriage toward the engine. Mara leaned her head against "
    "the cold glass of the window and watched the fields and the little stations slide by until she slept.",
]
CONVERSATION = [
    "Ann sat on the sofa in the living room with a mug of coffee, and Ben took the armchair by the window.",
    '"So they offered you the job," Ben said. "In the city. With the big office and the view."',
    '"They did." Ann turned the mug in her hands and looked at the rug between them.',
    '"And you are going to take it?"',
    '"I don\'t know yet. The money is good, but the hours are long, and I would hardly see anyone."',
    "Ben leaned back in the armchair. The lamp on the side table threw a circle of light across the carpet.",
    '"You would see me. I could visit on weekends."',
    '"You hate the train."',
    '"I hate it less than I would miss you." He said it lightly, but he did not look up from the carpet.',
    "Ann set her mug on the table and pulled her feet up onto the sofa cushions.",
    '"That is a very kind thing to say."',
    '"It is a true thing to say. Kind is a bonus."',
    "She laughed, and the sound filled the small room. Outside the window a car went past, its lights "
    "sweeping over the ceiling.",
    '"When do they want an answer?"',
    '"By Friday. They said to take the week and think."',
    '"Then take the week." Ben got up, crossed to the sofa and sat down beside her. "And think out loud, '
    'if it helps. I am a very good listener."',
    '"You are a terrible listener. You interrupt."',
    '"Only when I am right."',
    "Ann leaned her head on his shoulder. The coffee on the table had gone cold, and neither of them moved "
    "to fetch more.",
    '"Fine," she said. "Out loud, then. First question: do I even like the city?"',
    '"You liked it when we went to the museum. You hated it when we got lost near the harbour."',
    '"Everyone gets lost near the harbour."',
    "Ben smiled and reached for the blanket folded over the arm of the sofa, and spread it over both their "
    "knees while the rain began against the window.",
    '"Second question," Ann said. "Do I like the work, or do I like being asked?"',
    '"Both. You always like being asked."',
    "She poked him in the ribs, and he caught her hand and held it on the blanket between them.",
    '"I liked the interview," she admitted. "The woman who ran it asked good questions. She did not '
    'pretend the job was easy."',
    '"That sounds like someone you could work for."',
    '"It does. That is the trouble. If she had been awful, I could just say no."',
    "Ben looked across the room at the bookcase, where her old college photographs stood in a row behind "
    "the glass, and was quiet for a while.",
    '"Third question," he said at last. "What would you miss here?"',
    '"The bakery on the corner. The way the kitchen gets the sun in the morning. You."',
    '"In that order?"',
    '"In no order at all." She squeezed his hand. "You know that."',
    "The rain grew heavier on the window, and the lamp flickered once and steadied. Ann pulled the blanket "
    "higher and tucked her cold toes under his leg on the sofa.",
    '"Then we make a list," Ben said. "Two columns. You are good at lists."',
    '"I am excellent at lists." She reached past him to the side table for the notebook and the pen that '
    'always lived beside the lamp. "Column one: the city."',
]


def _story(paragraphs: list[str], between: dict[int, str] | None = None) -> Story:
    """A story of ``paragraphs`` joined by blank lines; ``between[i]`` is a marker line before paragraph i."""
    text, spans, breaks = "", [], []
    for index, paragraph in enumerate(paragraphs):
        if index:
            text += "\n\n"
        if between and index in between:
            breaks.append(Span(len(text), len(text) + len(between[index]), between[index]))
            text += between[index] + "\n\n"
        spans.append(Span(len(text), len(text) + len(paragraph), paragraph))
        text += paragraph
    return Story(text=text, paragraphs=tuple(spans), breaks=tuple(breaks))


def _quotes(story: Story) -> tuple[Quote, ...]:
    """Straight double-quoted speech, marks excluded (built here, not by the quotes stage)."""
    found = []
    for index, paragraph in enumerate(story.paragraphs):
        for match in re.finditer(r'"([^"\n]*)"', paragraph.text):
            start = paragraph.start + match.start(1)
            found.append(Quote(f"q{len(found) + 1}", start, start + len(match.group(1)), match.group(1),
                               paragraph=index))
    return tuple(found)


def _cast(story: Story, names: dict[str, str], after: int = 0) -> Cast:
    """A cast with one name mention per occurrence of each name (id -> name) from ``after`` on."""
    mentions = sorted(
        (Mention(m.start(), m.end(), m.group(), cid, "name")
         for cid, name in names.items()
         for m in re.finditer(rf"\b{name}\b", story.text) if m.start() >= after),
        key=lambda m: m.start,
    )
    return Cast(tuple(Character(cid, name) for cid, name in names.items()), tuple(mentions))


def _scenes(story: Story, names: dict[str, str] | None = None, quotes: tuple[Quote, ...] | None = None,
            ) -> tuple[Scene, ...]:
    quotes = _quotes(story) if quotes is None else quotes
    scenes = find_scenes(story, parse(story), quotes, _cast(story, names or {}))
    _check_tiling(story, scenes)
    return scenes


def _check_tiling(story: Story, scenes: tuple[Scene, ...]) -> None:
    """Scenes cover the body from first paragraph start to last paragraph end, in order, no gap or overlap."""
    assert [s.id for s in scenes] == [f"s{n}" for n in range(1, len(scenes) + 1)]
    assert scenes[0].start == story.paragraphs[0].start and scenes[-1].end == story.paragraphs[-1].end
    assert scenes[0].boundary == "start"
    assert all(s.boundary in ("marker", "chapter", "implicit") for s in scenes[1:])
    starts = {p.start for p in story.paragraphs}
    for scene, following in zip(scenes, scenes[1:]):
        assert scene.end == following.start
    for scene in scenes:
        assert 0 <= scene.start < scene.end <= len(story.text) and scene.start in starts
        assert story.text[scene.start:scene.end].strip()


def _first_words(story: Story, scenes: tuple[Scene, ...]) -> list[str]:
    return [story.text[s.start:s.start + 24] for s in scenes]


def test_scenes_empty_story_has_none() -> None:
    story = Story(text="", paragraphs=())
    assert find_scenes(story, Parsed(docs=(), offsets=()), (), Cast()) == ()


def test_scenes_marker_between_paragraphs_starts_a_marker_scene() -> None:
    story = _story(KITCHEN[:3] + STATION[:3], between={3: "* * *"})
    scenes = _scenes(story)
    assert [s.boundary for s in scenes] == ["start", "marker"]
    assert scenes[1].start == story.paragraphs[3].start
    assert "* * *" in story.text[scenes[0].start:scenes[0].end]


def test_scenes_chapters_start_chapter_scenes() -> None:
    story = _story(KITCHEN[:2] + KITCHEN[2:4] + KITCHEN[4:])
    cut, second = story.paragraphs[2].start, story.paragraphs[4].start
    chapters = (Chapter(story.paragraphs[0].start, cut - 2, "One"), Chapter(cut, second - 2, "Two"),
                Chapter(second, len(story.text), "Three"))
    scenes = _scenes(dataclasses.replace(story, chapters=chapters))
    assert [(s.start, s.boundary) for s in scenes] == [(0, "start"), (cut, "chapter"), (second, "chapter")]


def test_scenes_heading_paragraph_left_by_ingest_starts_a_chapter() -> None:
    story = _story(["CHAPTER I."] + KITCHEN[:3] + ["VOLUME II", "CHAPTER II."] + KITCHEN[3:])
    scenes = _scenes(story)
    assert [s.boundary for s in scenes] == ["start", "chapter"]
    assert story.text[scenes[1].start:].startswith("VOLUME II\n\nCHAPTER II.")


def test_scenes_place_and_time_change_makes_an_implicit_break() -> None:
    story = _story(KITCHEN + STATION)
    scenes = _scenes(story, {"c1": "Mara", "c2": "Jon"})
    assert [s.boundary for s in scenes] == ["start", "implicit"]
    assert scenes[1].start == story.paragraphs[len(KITCHEN)].start
    assert scenes[0].characters == ("c1", "c2") and scenes[1].characters == ("c1",)


def test_scenes_a_jump_back_in_time_in_the_same_room_makes_an_implicit_break() -> None:
    back = ("Three years earlier, Mara had stood at the same counter for the first time, and the kitchen had been "
            "bare: no table, no plates, only a kettle on a camping stove and a lamp on the floor.")
    story = _story(KITCHEN + [back] + KITCHEN[1:])
    scenes = _scenes(story, {"c1": "Mara", "c2": "Jon"})
    assert [s.boundary for s in scenes] == ["start", "implicit"]
    assert scenes[1].start == story.paragraphs[len(KITCHEN)].start


def test_scenes_one_long_conversation_in_one_room_is_one_scene() -> None:
    story = _story(CONVERSATION)
    assert len(_scenes(story, {"c1": "Ann", "c2": "Ben"})) == 1


def test_scenes_people_only_named_in_speech_are_not_present() -> None:
    paragraphs = ['Ann poured the tea. "Carl phoned this morning," she said. "Carl wants the car back."',
                  '"Then Carl can come and get it," Ben said, and took his cup.']
    story = _story(paragraphs)
    scenes = _scenes(story, {"c1": "Ann", "c2": "Ben", "c3": "Carl"})
    assert scenes[0].characters == ("c1", "c2")


def test_scenes_people_the_cast_marks_off_page_are_not_present() -> None:
    story = _story(["Ann sat by the fire and thought of Carl, far away at sea."])
    cast = _cast(story, {"c1": "Ann", "c3": "Carl"})
    people = (Character("c1", "Ann"), Character("c3", "Carl", on_page=False))
    cast = dataclasses.replace(cast, characters=people)
    scenes = find_scenes(story, parse(story), (), cast)
    assert scenes[0].characters == ("c1",)


def test_scenes_speakers_are_present_in_order_of_appearance() -> None:
    story = _story(['"Who is there?"', 'Ann opened the door. "Only me," she said.'])
    quotes = _quotes(story)
    quotes = (dataclasses.replace(quotes[0], speaker="c2"), dataclasses.replace(quotes[1], speaker="c1"))
    scenes = _scenes(story, {"c1": "Ann"}, quotes)
    assert scenes[0].characters == ("c2", "c1")


def _seed() -> tuple[Story, Parsed, tuple[Quote, ...], Cast]:
    story = ingest(files("fabula").joinpath("data/first-steps-to-recovery.txt"))
    opening = story.text.index("Tara pulled her car over")
    return story, parse(story), _quotes(story), _cast(story, {"c1": "Tara", "c2": "Willow"}, after=opening)


def test_scenes_seed_story_has_car_living_room_and_bedroom() -> None:
    story, parsed, quotes, cast = _seed()
    scenes = find_scenes(story, parsed, quotes, cast)
    _check_tiling(story, scenes)
    assert [s.boundary for s in scenes] == ["start", "implicit", "implicit"]
    car = story.text.index("Tara pulled her car over")
    assert scenes[0].start <= car < scenes[0].end
    assert story.text[scenes[1].start:].startswith('"Home sweet home." Tara giggled as she carried Willow')
    assert story.text[scenes[2].start:].startswith('"All tucked in." Tara said as she pulled the blanket')
    assert all(s.characters == ("c1", "c2") for s in scenes)


def test_scenes_long_text_is_fast_and_not_cut_to_pieces() -> None:
    story, parsed, quotes, cast = _seed()
    copies = 25
    text = "\n\n".join([story.text] * copies)
    step = len(story.text) + 2
    paragraphs = tuple(Span(p.start + k * step, p.end + k * step, p.text)
                       for k in range(copies) for p in story.paragraphs)
    long_story = Story(text=text, paragraphs=paragraphs)
    long_parsed = Parsed(docs=parsed.docs * copies, offsets=tuple(p.start for p in paragraphs))
    long_quotes = _quotes(long_story)
    started = time.perf_counter()
    scenes = find_scenes(long_story, long_parsed, long_quotes, Cast())
    assert time.perf_counter() - started < 2.0
    _check_tiling(long_story, scenes)
    assert copies * 2 <= len(scenes) <= copies * 4


def test_scenes_a_short_last_scene_after_a_jump_in_time_is_a_scene_of_its_own() -> None:
    roof = ["Later that night, Mara sat on the roof outside her window and watched the streetlights come on.",
            '"Move over," Jon said, climbing out.', "She shifted without looking.", '"Mum is not mad," he said.',
            '"She is worried."']
    story = _story(KITCHEN + roof)
    scenes = _scenes(story, {"c1": "Mara", "c2": "Jon"})
    assert [s.boundary for s in scenes] == ["start", "implicit"]
    assert scenes[1].start == story.paragraphs[len(KITCHEN)].start


def test_scenes_a_short_stretch_that_only_mentions_a_time_is_no_scene() -> None:
    tail = ["She remembered that morning well, and the kettle began to whistle behind her.",
            '"Move over," Jon said.', "She shifted without looking.", '"Mum is not mad," he said.', '"Right."']
    assert len(_scenes(_story(KITCHEN + tail), {"c1": "Mara", "c2": "Jon"})) == 1
