"""find_content: what a story holds, how far it goes, the evidence, and the rating it earns."""

from __future__ import annotations

from importlib import resources

import fabula
from fabula.model import Analysis, ContentSignal
from fabula.stages.content import _normal


def _signal(analysis: Analysis, category: str) -> ContentSignal | None:
    return next((s for s in analysis.content.signals if s.category == category), None)


def test_a_gentle_story_is_general_audiences_with_no_warnings():
    analysis = fabula.analyse(
        'Mira and Jonah walked to the bakery in the morning sun.\n\n'
        '"Shall we buy bread?" Mira asked.\n\n"Yes, and a cake for Gran," Jonah said, smiling.\n'
    )
    proposal = analysis.content.proposal
    assert analysis.content.signals == ()
    assert (proposal.ao3, proposal.ffn, proposal.mpaa) == ("General Audiences", "K", "G")
    assert proposal.archive_warnings == ("No Archive Warnings Apply",)


def test_swearing_is_language_and_makes_a_story_teen_with_its_lines_as_evidence():
    analysis = fabula.analyse(
        '"Fuck this," Mira said.\n\n"Oh shit, not again," Jonah said.\n\n"What the fuck, Jonah," Mira said.\n'
    )
    language = _signal(analysis, "profanity")
    assert language.level == "strong"
    assert all("fuck" in e.text.lower() or "shit" in e.text.lower() for e in language.evidence)
    assert analysis.content.proposal.ao3 == "Teen And Up Audiences"
    assert "Strong Language" in analysis.content.proposal.tags


VIOLENCE_SHOWN = (
    "Mira swung first. She punched him in the face and he stabbed at her with the knife, and blood "
    "ran from the wound in her arm. He kicked her when she fell and she choked on the bleeding, her "
    "ribs broken, the blade at her throat. "
)
VIOLENCE_RECALLED = '"He stabbed her and she was bleeding everywhere, I saw the knife," Mira said. '


def test_violence_in_the_narration_is_on_the_page_and_recalled_in_dialogue_is_referenced():
    shown = _signal(fabula.analyse(VIOLENCE_SHOWN * 2), "violence")
    recalled = _signal(fabula.analyse(VIOLENCE_RECALLED + "\n\nJonah said nothing."), "violence")
    assert shown.level in ("on-page", "graphic") and recalled.level == "referenced"
    for span in shown.evidence:
        assert span.text and span.text in VIOLENCE_SHOWN * 2


def test_graphic_violence_earns_the_archive_warning_and_a_mature_rating():
    text = "\n\n".join([VIOLENCE_SHOWN * 2] * 3)
    analysis = fabula.analyse(text)
    assert _signal(analysis, "violence").level == "graphic"
    assert "Graphic Depictions Of Violence" in analysis.content.proposal.archive_warnings
    assert analysis.content.proposal.ao3 in ("Mature", "Explicit")


def test_a_word_used_once_in_another_sense_in_a_long_text_is_not_content():
    filler = "The day passed quietly in the village, with tea and letters and long walks. " * 40
    text = "\n\n".join([filler] * 30 + ["The old horse was lame after the long road. " + filler] + [filler] * 30)
    analysis = fabula.analyse(text)
    assert _signal(analysis, "ableism") is None
    assert analysis.content.proposal.ao3 == "General Audiences"


def test_declared_rating_is_compared_with_the_proposal():
    analysis = fabula.analyse(
        "Title: Bakery Day\nAuthor: Someone\nRating: NC-17\n\n"
        'Mira and Jonah walked to the bakery.\n\n"Bread?" Mira asked.\n'
    )
    reasons = dict(analysis.content.proposal.reasons)
    assert "NC-17" in reasons["declared against proposed"] and "above" in reasons["declared against proposed"]


def test_declared_warnings_are_compared_with_the_proposal():
    shown = "\n\n".join([VIOLENCE_SHOWN * 2] * 3)
    unwarned = fabula.analyse(f"Title: Night Road\nAuthor: Someone\nWarnings: No Archive Warnings Apply\n\n{shown}")
    reasons = dict(unwarned.content.proposal.reasons)
    differ = reasons["declared warnings against proposed"]
    assert "not declared: Graphic Depictions Of Violence (violence graphic)" in differ
    overwarned = fabula.analyse("Title: Bakery Day\nAuthor: Someone\nWarnings: Major Character Death, Underage\n\n"
                                'Mira and Jonah walked to the bakery.\n\n"Bread?" Mira asked.\n')
    differ = dict(overwarned.content.proposal.reasons)["declared warnings against proposed"]
    assert "declared but not found in the text: Major Character Death, Underage Sex" in differ
    chose_not = fabula.analyse(f"Title: Night Road\nWarnings: Creator Chose Not To Use Archive Warnings\n\n{shown}")
    assert "chose not to use archive warnings" in dict(chose_not.content.proposal.reasons)[
        "declared warnings against proposed"]
    agreed = fabula.analyse(f"Title: Night Road\nWarnings: Graphic Depictions Of Violence\n\n{shown}")
    assert "declared warnings against proposed" not in dict(agreed.content.proposal.reasons)


def test_a_characters_name_that_is_also_a_slur_is_not_content():
    analysis = fabula.analyse(
        'Sissy walked into the schoolroom. "Good morning," Sissy said to Ben.\n\n'
        '"Morning, Sissy," Ben said, and Sissy smiled at him.\n'
    )
    assert any(c.name == "Sissy" for c in analysis.cast.characters)
    assert _signal(analysis, "homophobia") is None


def test_abuse_only_talked_about_earns_its_tag_when_the_story_keeps_talking_about_it():
    talk = '"She hit me again, she hurts me, she pushed me and shoved me," Mira said to Jonah.\n\n'
    calm = "The kettle boiled and they drank their tea while the rain fell on the roof of the cottage. " * 4 + "\n\n"
    often = fabula.analyse((talk + calm) * 3)
    seldom = fabula.analyse((talk + calm * 80) * 3)
    assert "Domestic Violence" in often.content.proposal.tags
    assert "Domestic Violence" not in seldom.content.proposal.tags


def test_civilians_alone_are_no_war_but_civilians_fleeing_troops_in_a_war_are():
    village = "Mira walked through the market, and a few civilians glared at her as she passed.\n"
    war = "The war reached the valley, and the civilians fled before the troops.\n"
    assert _signal(fabula.analyse(village), "war") is None
    assert _signal(fabula.analyse(war), "war") is not None


def test_a_look_alike_letter_in_a_listed_phrase_is_read_without_a_fault():
    # "ſ" (long s) and dotless "ı" match "s" and "i" case-blind, but no listed phrase is written so
    for text in ("Nora ſlept with the light on.", "Nora slept wıth the light on.", "Nora slept wİth the light on."):
        analysis = fabula.analyse(text)
        assert analysis.content.proposal.ao3 == "General Audiences"


def test_a_word_used_again_in_a_passage_is_one_sign_not_two():
    bedtime = "Tobin was tired, so he went up to bed. The bed was cold, and he lay in bed listening to the rain.\n"
    assert _signal(fabula.analyse(bedtime), "sexual_content") is None
    assert fabula.analyse(bedtime).content.proposal.ao3 == "General Audiences"
    courting = "Tobin went up to bed. Nell kissed him at the door, and the bed was warm.\n"
    assert _signal(fabula.analyse(courting), "sexual_content").level == "references"


def test_a_word_just_before_a_closing_single_quote_is_still_read():
    # Stories quoted with single marks put the mark against the word: "tortured'" is "tortured"
    analysis = fabula.analyse("'Ida was there, and then they tortured'  Nell said.\n")
    assert _signal(analysis, "violence").level == "referenced"


def test_the_word_racism_in_a_note_about_the_news_is_no_racism_on_the_page():
    note = "Ida read the news about racism over breakfast and then went out to buy bread for Nell.\n"
    assert _signal(fabula.analyse(note), "racism") is None


def test_contempt_for_a_people_as_uncivilized_and_primitive_is_racism():
    contempt = "'The Tobin clans are uncivilized,' Ida said. 'A primitive people, fit only to serve us.'\n"
    assert _signal(fabula.analyse(contempt), "racism") is not None


def test_everyday_senses_of_lame_and_a_beating_heart_are_no_ableism_or_violence():
    everyday = "'That party was lame,' Nell said, and Ida laughed, her heart beating fast as they ran home.\n"
    analysis = fabula.analyse(everyday)
    assert _signal(analysis, "ableism") is None
    assert _signal(analysis, "violence") is None


def test_the_word_list_names_each_phrase_once_in_a_category():
    # Listed twice, a word counts at its stronger sign and a phrase at its later one: say it once
    lines = (resources.files("fabula") / "data" / "content.tsv").read_text(encoding="utf-8").splitlines()
    entries = [(c, _normal(p)) for c, _, p in (line.split("\t") for line in lines if line and not line.startswith("#"))]
    assert len(entries) == len(set(entries))


def test_a_set_phrase_of_prejudice_is_a_strong_sign_on_its_own():
    assert _signal(fabula.analyse("'You're so gay,' Tobin sneered at Hugo.\n"), "homophobia") is not None
    assert _signal(fabula.analyse("'Feminazi,' Tobin muttered as Nell walked past.\n"), "misogyny") is not None
    assert _signal(fabula.analyse("'Go back to your country,' Tobin told Ida.\n"), "racism") is not None


def test_a_war_only_mentioned_is_no_war_but_a_war_with_its_soldiers_is():
    mentioned = "Ida's grandfather had come home from the war, and now he kept bees behind the house.\n"
    fought = "The war came to the valley, and the soldiers dug in along the river.\n"
    assert _signal(fabula.analyse(mentioned), "war") is None
    assert _signal(fabula.analyse(fought), "war") is not None


def test_choking_on_tea_is_no_violence_but_kicking_a_man_is():
    assert _signal(fabula.analyse("Tobin choked on his tea, laughing at Nell's joke.\n"), "violence") is None
    assert _signal(fabula.analyse("Tobin kicked him hard, and Hugo fell.\n"), "violence") is not None
