"""fabula eval: reading PDNC and LitBank layouts, and every score on hand-built cases."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from fabula.cli import main
from fabula.errors import InputError
from fabula.evaluate import litbank, pdnc
from fabula.evaluate.gold import GoldBook, GoldCharacter, GoldQuote
from fabula.evaluate.scoring import (
    _Intervals,
    align_quotes,
    combine,
    map_characters,
    normalise_name,
    score_book,
)
from fabula.model import Analysis, Cast, Character, Quote, Span, Story

NOVEL = (
    '"Good morning, Mr Darcy," said Elizabeth.\n'
    "\n"
    '"Good morning," he replied. "It is a fine day."\n'
    "\n"
    'Mrs. Bennet looked up from her work. "Lizzy, come here!"\n'
)

CHARACTERS = [
    ("0", "Elizabeth Bennet", "{'Elizabeth Bennet', 'Lizzy', 'Elizabeth'}", "F", "major"),
    ("1", "Fitzwilliam Darcy", "{'Mr. Darcy', 'Darcy'}", "M", "major"),
    ("2", "Mrs. Bennet", "['Mrs. Bennet']", "F", "intermediate"),
]


def _span(fragment: str, text: str = NOVEL) -> list[int]:
    start = text.index(fragment)
    return [start, start + len(fragment)]


DARCY_GREETING = NOVEL.index('"Good morning," he') + 1
QUOTES = [
    ("Q0", "Good morning, Mr Darcy,", [_span("Good morning, Mr Darcy,")],
     "Lizzy", "['Mr. Darcy']", "Explicit"),
    ("Q1", "Good morning, It is a fine day.",
     [[DARCY_GREETING, DARCY_GREETING + len("Good morning,")], _span("It is a fine day.")],
     "Fitzwilliam Darcy", "['Elizabeth Bennet']", "Anaphoric"),
    ("Q2", "Lizzy, come here!", [_span("Lizzy, come here!")], "Mrs. Bennet", "['Lizzy']", "Implicit"),
]


@pytest.fixture
def novel(tmp_path: Path) -> Path:
    """A PDNC-style folder holding one tiny novel."""
    folder = tmp_path / "pdnc" / "TinyNovel"
    folder.mkdir(parents=True)
    (folder / "novel_text.txt").write_text(NOVEL, encoding="utf-8")
    with (folder / "character_info.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Character ID", "Main Name", "Aliases", "Gender", "Category"])
        writer.writerows(CHARACTERS)
    with (folder / "quotation_info.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["quoteID", "quoteText", "quoteByteSpans", "speaker", "addressees", "quoteType"])
        writer.writerows([(i, t, repr(s), sp, ad, ty) for i, t, s, sp, ad, ty in QUOTES])
    return folder


def _analysis(text: str, quotes: list[Quote], characters: list[Character]) -> Analysis:
    story = Story(text=text, paragraphs=(Span(0, len(text), text),))
    return Analysis(story=story, quotes=tuple(quotes), cast=Cast(characters=tuple(characters)), scenes=())


def _quote(qid: str, fragment: str, speaker: str | None = None, kind: str = "speech",
           addressees: tuple[str, ...] = (), text: str = NOVEL) -> Quote:
    start, end = _span(fragment, text)
    return Quote(id=qid, start=start, end=end, text=fragment, kind=kind,
                 speaker=speaker, addressees=addressees)


CAST = [
    Character("c1", "Elizabeth", aliases=("Lizzy",)),
    Character("c2", "Mr Darcy"),
    Character("c3", "Mrs Bennet"),
]


# Reading the PDNC layout


def test_pdnc_load_resolves_aliases_and_types(novel: Path):
    book = pdnc.load_novel(novel)
    q0, q1, q2 = book.quotes
    assert q0.speaker == "Elizabeth Bennet"  # written as the alias "Lizzy"
    assert q0.addressees == ("Fitzwilliam Darcy",)
    assert [s.text for s in q1.spans] == ["Good morning,", "It is a fine day."]
    assert (q0.type, q1.type, q2.type) == ("explicit", "anaphoric", "implicit")
    assert q2.addressees == ("Elizabeth Bennet",)
    assert "Mr. Darcy" in next(c for c in book.characters if c.key == "Fitzwilliam Darcy").names


def test_pdnc_folder_without_novels_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no PDNC novels found"):
        pdnc.find_novels(tmp_path)


def test_pdnc_only_names_an_unknown_novel(novel: Path):
    with pytest.raises(InputError, match="no novel named Nope"):
        pdnc.find_novels(novel.parent, only=["Nope"])
    assert pdnc.find_novels(novel) == [novel]  # a novel folder itself is accepted


# Name mapping


def test_normalise_name_drops_title_dots_spaces_and_the():
    assert normalise_name("Mr.  Darcy") == normalise_name("mr Darcy") == "mr darcy"
    assert normalise_name("The White Rabbit") == "white rabbit"


def test_map_characters_by_alias_and_title_dot(novel: Path):
    book = pdnc.load_novel(novel)
    mapping = map_characters(CAST, book.characters)
    assert mapping == {"c1": "Elizabeth Bennet", "c2": "Fitzwilliam Darcy", "c3": "Mrs. Bennet"}


def test_map_characters_leaves_ties_and_strangers_unmapped():
    gold = [GoldCharacter("Mr. Bennet", ("Mr. Bennet", "Bennet")),
            GoldCharacter("Mrs. Bennet", ("Mrs. Bennet", "Bennet"))]
    predicted = [Character("c1", "Bennet"), Character("c2", "Mr Collins"),
                 Character("c3", "Mr Bennet", aliases=("Bennet",))]
    assert map_characters(predicted, gold) == {"c3": "Mr. Bennet"}


def test_map_characters_uses_most_shared_aliases_when_the_name_is_unknown():
    gold = [GoldCharacter("Jane", ("Jane Bennet", "Jane", "Miss Bennet")),
            GoldCharacter("Lydia", ("Lydia", "Miss Bennet"))]
    assert map_characters([Character("c1", "Miss Jane Bennet", aliases=("Jane", "Miss Bennet"))], gold) == {"c1": "Jane"}


def test_map_characters_the_narrator_goes_by_i():
    gold = [GoldCharacter("I", ("I",)), GoldCharacter("Ida", ("Ida",))]
    predicted = [Character("c1", "the narrator", narrator=True), Character("c2", "the narrator's dog"),
                 Character("c3", "Ida")]
    assert map_characters(predicted, gold) == {"c1": "I", "c3": "Ida"}


# Scores


def test_found_and_missed_quotes_give_recall(novel: Path):
    book = pdnc.load_novel(novel)
    analysis = _analysis(NOVEL, [_quote("q1", "Good morning, Mr Darcy,")], CAST)
    score = score_book(book, analysis)
    assert (score.recall.hit, score.recall.total) == (1, 3)
    assert [e.problem for e in score.errors] == ["no speaker", "missed", "missed"]


def test_speaker_accuracy_counts_misses_as_wrong_and_splits_by_type(novel: Path):
    book = pdnc.load_novel(novel)
    quotes = [
        _quote("q1", "Good morning, Mr Darcy,", speaker="c1"),  # right (explicit)
        _quote("q2", "It is a fine day.", speaker="c1"),  # wrong: Darcy speaks (anaphoric)
    ]  # Q2 (implicit) missed
    score = score_book(book, _analysis(NOVEL, quotes, CAST))
    assert (score.speaker.hit, score.speaker.total) == (1, 3)
    by_type = {t: r.value for t, r in score.types.items()}
    assert by_type == {"explicit": 1.0, "anaphoric": 0.0, "implicit": 0.0}
    wrong = next(e for e in score.errors if e.problem == "wrong speaker")
    assert wrong.quote == "Q1"
    assert (wrong.gold_speaker, wrong.predicted_speaker) == ("Fitzwilliam Darcy", "Elizabeth")
    assert wrong.context.endswith('said Elizabeth. "')


def test_interrupted_quote_takes_the_speaker_of_the_largest_overlap(novel: Path):
    book = pdnc.load_novel(novel)
    quotes = [_quote("q1", "morning,\"", speaker="c1"), _quote("q2", "It is a fine day.", speaker="c2")]
    aligned = align_quotes(book.quotes, quotes)
    assert aligned["Q1"].id == "q2"
    assert score_book(book, _analysis(NOVEL, quotes, CAST)).types["anaphoric"].value == 1.0


def test_unmapped_speaker_is_counted(novel: Path):
    book = pdnc.load_novel(novel)
    stranger = Character("c9", "Mr Collins")
    quotes = [_quote("q1", "Good morning, Mr Darcy,", speaker="c9")]
    score = score_book(book, _analysis(NOVEL, quotes, [*CAST, stranger]))
    assert score.unmapped == 1
    assert score.speaker.hit == 0


def test_addressees_right_when_one_predicted_addressee_is_annotated(novel: Path):
    book = pdnc.load_novel(novel)
    quotes = [
        _quote("q1", "Good morning, Mr Darcy,", addressees=("c3", "c2")),  # Darcy among them: right
        _quote("q2", "It is a fine day.", addressees=("c3",)),  # Mrs Bennet, not Elizabeth: wrong
    ]  # Q2 missed: not counted
    score = score_book(book, _analysis(NOVEL, quotes, CAST))
    assert (score.addressees.hit, score.addressees.total) == (1, 2)


def test_precision_skips_thoughts_and_embedded_quotes(novel: Path):
    book = pdnc.load_novel(novel)
    quotes = [
        _quote("q1", "Good morning, Mr Darcy,"),
        _quote("q2", "looked up", kind="speech"),  # not annotated: a false quote
        _quote("q3", "from her work", kind="thought"),  # not annotated, but PDNC has no thoughts
        _quote("q4", "Mr Darcy", kind="embedded"),
    ]
    score = score_book(book, _analysis(NOVEL, quotes, CAST))
    assert (score.precision.hit, score.precision.total) == (1, 2)


def _chatty_book(speaker_names: tuple[str, ...]) -> tuple[GoldBook, list[Quote]]:
    """Six lines, all Elizabeth's, each given to the predicted character ids in turn."""
    text = "\n\n".join(f'"Line {n}," said she.' for n in range(6))
    gold = tuple(GoldQuote(f"Q{n}", (Span(*_span(f"Line {n},", text), f"Line {n},"),), "Elizabeth Bennet")
                 for n in range(6))
    quotes = [_quote(f"q{n}", f"Line {n},", speaker=speaker_names[n % len(speaker_names)], text=text)
              for n in range(6)]
    characters = (GoldCharacter("Elizabeth Bennet", ("Elizabeth Bennet", "Lizzy", "Elizabeth")),)
    return GoldBook("Chatty", text, gold, characters), quotes


def test_character_recall_found_as_one_cluster():
    book, quotes = _chatty_book(("c1",))
    score = score_book(book, _analysis(book.text, quotes, [Character("c1", "Elizabeth")]))
    assert (score.characters.hit, score.characters.total, score.split) == (1, 1, 0)
    assert score.speaker.value == 1.0


def test_group_and_unknowable_speakers_are_not_characters_for_recall():
    book, quotes = _chatty_book(("c1",))
    for placeholder in ("_group", "_unknowable"):
        book = GoldBook(book.name, book.text, book.quotes + tuple(
            GoldQuote(f"{placeholder}{n}", q.spans, placeholder) for n, q in enumerate(book.quotes)), book.characters)
    score = score_book(book, _analysis(book.text, quotes, [Character("c1", "Elizabeth")]))
    assert (score.characters.hit, score.characters.total) == (1, 1)


def test_split_character_lowers_character_recall():
    book, quotes = _chatty_book(("c1", "c2"))
    cast = [Character("c1", "Elizabeth"), Character("c2", "Lizzy")]
    score = score_book(book, _analysis(book.text, quotes, cast))
    assert (score.characters.hit, score.characters.total, score.split) == (0, 1, 1)
    assert score.speaker.value == 1.0  # each half still names her


def test_combine_sums_counts_over_books(novel: Path):
    book = pdnc.load_novel(novel)
    one = score_book(book, _analysis(NOVEL, [_quote("q1", "Good morning, Mr Darcy,", speaker="c1")], CAST))
    none = score_book(book, _analysis(NOVEL, [], CAST))
    overall = combine([one, none])
    assert (overall.recall.hit, overall.recall.total) == (1, 6)
    assert (overall.speaker.hit, overall.speaker.total) == (1, 6)
    assert overall.types["explicit"].total == 2


def test_intervals_find_overlaps_under_a_long_item():
    index = _Intervals([(0, 100, "a"), (10, 20, "b"), (30, 40, "c"), (50, 60, "d")])
    assert sorted(item[2] for item in index.overlapping(35, 36)) == ["a", "c"]
    assert sorted(item[2] for item in index.overlapping(20, 30)) == ["a"]
    assert index.overlapping(100, 120) == []


# LitBank layout

LITBANK_TEXT = "Tom came in .\n“ Do n't go , ” said Tom to Huck .\nHuck laughed .\n"
LITBANK_QUOTES = "QUOTE\tQ1\t1\t0\t1\t5\t“ Do n't go , ”\nATTRIB\tQ1\tTom_Sawyer-3\n"
LITBANK_COREF = (
    "MENTION\tT1\t0\t0\t0\t0\tTom\tPER\tPROP\nMENTION\tT2\t1\t7\t1\t7\tTom\tPER\tPROP\n"
    "MENTION\tT3\t1\t9\t1\t9\tHuck\tPER\tPROP\nMENTION\tT4\t2\t0\t2\t0\the\tPER\tPRON\n"
    "COREF\tT1\tTom_Sawyer-3\nCOREF\tT2\tTom_Sawyer-3\nCOREF\tT3\tHuck-1\nCOREF\tT4\tHuck-1\n"
)


@pytest.fixture
def litbank_dir(tmp_path: Path) -> Path:
    root = tmp_path / "litbank"
    for layer, content in (("quotations", LITBANK_QUOTES), ("coref", LITBANK_COREF)):
        folder = root / layer / "tsv"
        folder.mkdir(parents=True)
        (folder / "9_tiny_brat.ann").write_text(content, encoding="utf-8")
        (folder / "9_tiny_brat.txt").write_text(LITBANK_TEXT, encoding="utf-8")
    return root


def test_detokenise_joins_tokens_and_keeps_their_places():
    tokens = litbank.detokenise([s.split(" ") for s in LITBANK_TEXT.strip().split("\n")])
    assert tokens.text == "Tom came in.\n\n“Don't go,” said Tom to Huck. Huck laughed."
    assert tokens.span((1, 1), (1, 2)).text == "Don't"
    assert tokens.span((2, 0), (2, 0)).text == "Huck"


def test_detokenise_straight_quotes_open_and_close():
    tokens = litbank.detokenise([['He', 'said', ',', '"', 'Go', '!', '"', 'and', 'left', '.']])
    assert tokens.text == 'He said, "Go!" and left.'


def test_litbank_load_trims_marks_and_names_speakers_from_coref(litbank_dir: Path):
    [path] = litbank.find_books(litbank_dir)
    book = litbank.load_book(path)
    assert book.name == "9_tiny"
    assert book.quotes[0].spans[0].text == "Don't go,"
    assert book.quotes[0].speaker == "Tom_Sawyer-3"
    names = {c.key: c.names for c in book.characters}
    assert names["Tom_Sawyer-3"] == ("Tom Sawyer", "Tom")
    assert "he" not in names["Huck-1"]


def test_litbank_folder_without_quotes_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no LitBank books found"):
        litbank.find_books(tmp_path)


# The command, end to end (real pipeline)


def test_eval_pdnc_command_prints_the_table(novel: Path, capsys):
    assert main(["eval", "pdnc", str(novel.parent)]) == 0
    out = capsys.readouterr().out
    headings = ("TinyNovel", "overall", "recall", "speaker", "explicit", "anaphoric", "implicit", "characters")
    for heading in headings:
        assert heading in out


def test_eval_pdnc_command_json_with_errors(novel: Path, capsys):
    assert main(["eval", "pdnc", str(novel.parent), "--json", "--errors"]) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["overall"]
    assert overall["quotes"] == 3 and overall["recall"]["total"] == 3
    assert set(overall["types"]) == {"explicit", "anaphoric", "implicit"}
    [book] = report["books"]
    wrong = 3 - book["speaker"]["hit"]
    assert len(book["errors"]) == wrong


def test_eval_litbank_command_json(litbank_dir: Path, capsys):
    assert main(["eval", "litbank", str(litbank_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["quotes"] == 1
    assert report["overall"]["addressees"]["value"] is None


def test_eval_bad_folder_exits_with_a_one_line_error(tmp_path: Path, capsys):
    assert main(["eval", "pdnc", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


# --------------------------------------------------------------------------- passage warnings

PASSAGES = [
    {"warning": "violence", "labels": [1, 1, 0], "text": "he punched her and stabbed her with the knife and blood ran down her arm as she screamed."},
    {"warning": "violence", "labels": [0, 0, 1], "text": "they drank tea in the garden and talked about the weather all afternoon."},
    {"warning": "violence", "labels": [1, 1, 1], "text": "the afternoon was calm and the river was quiet under the bridge."},
    {"warning": "racism", "labels": [0, 0, 0], "text": "she baked bread for the neighbours and sang while it rose."},
]


def _write_passages(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_warnings_scores_f1_per_warning_from_majority_votes(tmp_path: Path):
    from fabula.evaluate.warnings import load_passages, macro_f1, score_warnings

    scores = {s.warning: s for s in score_warnings(load_passages(_write_passages(tmp_path / "p.jsonl", PASSAGES)))}
    violence = scores["violence"]
    assert (violence.true_positive, violence.false_positive, violence.false_negative, violence.true_negative) == (1, 0, 1, 1)
    assert violence.f1 == pytest.approx(2 / 3)
    assert scores["racism"].f1 == 0.0 and scores["racism"].true_negative == 1
    assert macro_f1(list(scores.values())) == pytest.approx((2 / 3 + 0.0) / 2)


def test_eval_warnings_cli_prints_json_with_macro_f1(tmp_path: Path, capsys):
    path = _write_passages(tmp_path / "p.jsonl", PASSAGES)
    assert main(["eval", "warnings", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["passages"] == 4
    assert {w["warning"] for w in report["warnings"]} == {"violence", "racism"}
    assert report["macro_f1"] == pytest.approx(sum(w["f1"] for w in report["warnings"]) / 2, abs=1e-3)


def test_eval_warnings_bad_line_is_a_one_line_error(tmp_path: Path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"warning": "war"}\n', encoding="utf-8")
    assert main(["eval", "warnings", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "bad.jsonl:1" in err and len(err.splitlines()) == 1
