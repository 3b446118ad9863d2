"""The HTML report: one self-contained page a reader opens in any browser, with no network.

Everything the story supplies is escaped where it is shown; the page's own script and style are
the only ones a Content-Security-Policy lets run, so an injected ``<script>`` or ``onerror`` could
not run even if escaping failed somewhere.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import math
from collections import Counter, defaultdict
from html import escape
from importlib import resources

from fabula.export.schema import to_dict
from fabula.model import Analysis

PALETTE = (
    ("#1f77b4", "#dcebf7"), ("#d62728", "#fadcdc"), ("#2ca02c", "#ddf2dd"), ("#9467bd", "#ebe1f4"),
    ("#b8860b", "#f7ecd0"), ("#e377c2", "#fae3f2"), ("#17becf", "#d9f4f7"), ("#8c564b", "#efe2dc"),
    ("#ff7f0e", "#ffe9d4"), ("#7f7f7f", "#ebebeb"), ("#393b79", "#e0e1f0"), ("#637939", "#e6ecd9"),
)
"""(strong, light) colour pairs for the main speakers, in order of lines spoken."""
OTHER = ("#555555", "#f0f0f0")
LOW_CONFIDENCE = 0.5
"""Attributions below this are marked as doubtful in the text."""
NETWORK_SIZE = 20
"""Characters drawn in the conversation network (the ones with most lines)."""
SAMPLE_LINES = 3
CARD_LINES = 3
"""Lines a character needs for a card of their own; quieter ones are listed by name."""


def render_report(analysis: Analysis) -> str:
    """The whole report as one HTML document."""
    data = to_dict(analysis)
    people = _People(data)
    style = _asset("report.css") + people.css()
    script = _asset("report.js")
    title = data["metadata"].get("title") or "Untitled story"
    body = "\n".join((
        _header(data),
        _navigation(),
        _cast(data, people, analysis),
        _network(data, people),
        _feelings(data, people, analysis),
        _scenes(data, people, analysis),
        _text(data, people, analysis),
    ))
    policy = (
        f"default-src 'none'; style-src '{_digest(style)}'; script-src '{_digest(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(title)} · fabula</title>\n<style>{style}</style>\n</head>\n"
        f"<body>\n{body}\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>{script}</script>\n</body>\n</html>\n"
    )


def _e(text) -> str:
    return escape(str(text), quote=True)


def _asset(name: str) -> str:
    return (resources.files("fabula.export") / "assets" / name).read_text(encoding="utf-8")


def _digest(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


class _People:
    """Names, colours and line counts of the cast, shared by every section."""

    def __init__(self, data: dict) -> None:
        self.characters = data["characters"]
        self.by_id = {c["id"]: c for c in self.characters}
        ranked = sorted((c for c in self.characters if c["quotes"]), key=lambda c: -c["quotes"])
        self.colour = {c["id"]: PALETTE[i] if i < len(PALETTE) else OTHER for i, c in enumerate(ranked)}
        self.speaking = [c["id"] for c in ranked]

    def name(self, character: str | None) -> str:
        return self.by_id[character]["name"] if character in self.by_id else "unknown"

    def css(self) -> str:
        rules = []
        for character, (strong, light) in self.colour.items():
            rules.append(f".s-{character}{{--strong:{strong};--light:{light}}}")
            rules.append(f"body[data-follow=\"{character}\"] .q:not(.s-{character}){{opacity:.3}}")
        return "\n".join(rules)

    def chip(self, character: str) -> str:
        """The name with its colour swatch: the colour is never the only signal."""
        return f"<span class=\"chip s-{_e(character)}\">{_e(self.name(character))}</span>"


def _header(data: dict) -> str:
    meta, stats, rating = data["metadata"], data["stats"], data["rating"]
    lines = sum(1 for q in data["quotes"] if q["kind"] in ("speech", "written"))
    facts = [f"by {_e(meta['author'])}" if meta.get("author") else None,
             f"{stats['words']:,} words", f"{lines:,} lines", f"{len(data['scenes'])} scenes",
             f"{stats['chapters']} chapters" if stats["chapters"] > 1 else None]
    rows = []
    if meta.get("fandoms"):
        rows.append(("Fandoms", ", ".join(meta["fandoms"])))
    if meta.get("relationships"):
        rows.append(("Relationships", ", ".join(meta["relationships"])))
    declared = rating.get("declared") or {}
    proposed = rating.get("proposed")
    rows.append(("Rating (declared)", declared.get("rating") or "none given"))
    rows.append(("Warnings (declared)", ", ".join(declared.get("warnings") or []) or "none given"))
    rows.append(("Rating (fabula)", _proposal(proposed)))
    reasons = {r["proposed"]: r["because"] for r in rating.get("reasons", [])}
    if proposed:
        rows.append(("Because", reasons.get(f"ao3: {proposed['ao3']}", "")))
        rows.append(("Archive warnings (fabula)", ", ".join(rating.get("archive_warnings", []))))
        rows.append(("Tags (fabula)", ", ".join(rating.get("tags", [])) or "none"))
    if "declared against proposed" in reasons:
        rows.append(("Why they differ", reasons["declared against proposed"]))
    if "declared warnings against proposed" in reasons:
        rows.append(("Why the warnings differ", reasons["declared warnings against proposed"]))
    table = "".join(f"<tr><th scope=\"row\">{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    table += _content_rows(data)
    summary = f"<p class=\"summary\">{_e(meta['summary'])}</p>" if meta.get("summary") else ""
    return (
        f"<header><h1>{_e(meta.get('title') or 'Untitled story')}</h1>"
        f"<p class=\"facts\">{' · '.join(f for f in facts if f)}</p>{summary}"
        f"<table class=\"meta\">{table}</table></header>"
    )


def _proposal(proposed: dict | None) -> str:
    if not proposed:
        return "not assessed"
    return f"{proposed['ao3']} (FanFiction.Net {proposed['ffn']}, film scale {proposed['mpaa']})"


def _content_rows(data: dict) -> str:
    """What the text holds, one row per kind, with the first passage that shows it (in a disclosure)."""
    rows = []
    for signal in data["rating"].get("content", []):
        evidence = "".join(f"<li>{_e(e['text'])}</li>" for e in signal["evidence"])
        name = signal["category"].replace("_", " ")
        rows.append(f"<li><details><summary>{_e(name)}: {_e(signal['level'])} "
                    f"<small>(confidence {signal['confidence']:.2f})</small></summary><ul>{evidence}</ul></details></li>")
    if not rows:
        return ""
    return f"<tr><th scope=\"row\">Content found</th><td><ul class=\"content\">{''.join(rows)}</ul></td></tr>"


def _navigation() -> str:
    links = (("cast", "Cast"), ("network", "Who talks to whom"), ("feelings", "Feelings"), ("scenes", "Scenes"),
             ("text", "The text"))
    items = "".join(f"<li><a href=\"#{k}\">{v}</a></li>" for k, v in links)
    return f"<nav aria-label=\"Sections\"><ul>{items}</ul></nav>"


def _cast(data: dict, people: _People, analysis: Analysis) -> str:
    text = analysis.story.text
    quotes = [q for q in data["quotes"] if q["kind"] in ("speech", "written")]
    spoken: dict[str, list[dict]] = defaultdict(list)
    talks_to: dict[str, Counter] = defaultdict(Counter)
    for quote in quotes:
        if quote["speaker"]:
            spoken[quote["speaker"]].append(quote)
            talks_to[quote["speaker"]].update(quote["addressees"])
    first_seen = {}
    for mention in data["mentions"]:
        first_seen.setdefault(mention["character"], mention["start"])
    cards, quiet, others, mentioned = [], [], [], []
    for character in people.characters:
        cid = character["id"]
        if not character["on_page"]:
            mentioned.append(character)
            continue
        if len(spoken[cid]) < min(CARD_LINES, max((len(s) for s in spoken.values()), default=0)) or not spoken[cid]:
            (quiet if spoken[cid] else others).append(character)
            continue
        words = sum(len(q["text"].split()) for q in spoken[cid])
        where = first_seen.get(cid, spoken[cid][0]["start"])
        facts = [
            ("Also called", ", ".join(character["aliases"]) or "—"),
            ("Pronouns", character["pronouns"] or "not known"),
            ("Lines", f"{len(spoken[cid]):,} ({words:,} words)"),
            ("First seen", f"{100 * where / max(1, len(text)):.0f}% into the story"),
            ("Feeling", _mood(data["feelings"]["characters"].get(cid))),
        ]
        rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
        partners = ", ".join(f"{people.chip(p)} ({n})" for p, n in talks_to[cid].most_common(3)) or "—"
        samples = "".join(f"<li><q>{_e(_clip(q['text']))}</q></li>" for q in _samples(spoken[cid]))
        cards.append(
            f"<article class=\"card s-{_e(cid)}\" id=\"who-{_e(cid)}\"><h3>{_e(character['name'])}"
            + (" <small>(narrator)</small>" if character["narrator"] else "")
            + f"</h3><dl>{rows}<dt>Talks most to</dt><dd>{partners}</dd></dl>"
            f"<p class=\"voice\">In their own words:</p><ul class=\"samples\">{samples}</ul></article>"
        )
    parts = [f"<section id=\"cast\"><h2>Cast</h2><div class=\"cards\">{''.join(cards)}</div>"]
    if quiet:
        names = ", ".join(f"{_e(c['name'])} ({len(spoken[c['id']])})" for c in quiet)
        parts.append(f"<p class=\"others\"><strong>Also speaking, lines:</strong> {names}</p>")
    if others:
        names = ", ".join(_e(c["name"]) for c in others)
        parts.append(f"<p class=\"others\"><strong>Also on the page, never speaking:</strong> {names}</p>")
    if mentioned:
        names = ", ".join(_e(c["name"]) for c in mentioned)
        parts.append(f"<p class=\"others\"><strong>Only mentioned:</strong> {names}</p>")
    parts.append("</section>")
    return "".join(parts)


def _samples(quotes: list[dict]) -> list[dict]:
    """A few lines that show a voice: confidently attributed, neither a word nor a speech, in story order."""
    fitting = [q for q in quotes if q["confidence"] >= 0.7 and 5 <= len(q["text"].split()) <= 40
               and q["text"][:1].isupper()] or quotes
    chosen = sorted(fitting, key=lambda q: (-q["confidence"], abs(len(q["text"].split()) - 14)))[:SAMPLE_LINES]
    return sorted(chosen, key=lambda q: q["start"])


def _clip(text: str, words: int = 40) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _network(data: dict, people: _People) -> str:
    """Who talks to whom: an SVG drawn from a layout computed here, and the same as a table."""
    import networkx as nx

    shown = set(people.speaking[:NETWORK_SIZE])
    pairs: Counter = Counter()
    for quote in data["quotes"]:
        speaker = quote["speaker"]
        for addressee in quote["addressees"]:
            if speaker in shown and addressee in shown and addressee != speaker:
                pairs[(speaker, addressee)] += 1
    weights: Counter = Counter()
    for (a, b), n in pairs.items():
        weights[tuple(sorted((a, b)))] += n
    heading = "<section id=\"network\"><h2>Who talks to whom</h2>"
    if not weights:
        return heading + "<p>No exchanges between characters were found.</p></section>"
    graph = nx.Graph()
    graph.add_nodes_from(sorted(shown))
    for (a, b), n in weights.items():
        graph.add_edge(a, b, weight=n)
    if len(graph) > 10:  # a crowded cast: drop the single stray lines that only clutter the picture
        stray = [(a, b) for a, b, n in graph.edges(data="weight") if n < 2]
        if len(stray) < graph.number_of_edges():
            graph.remove_edges_from(stray)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    drawn = {pair: n for pair, n in weights.items() if graph.has_edge(*pair)}
    ranked = [c for c in people.speaking if c in graph]
    inner = ranked[:6] if len(ranked) > 8 else ranked
    shells = [inner, ranked[len(inner):]] if len(ranked) > len(inner) else [inner]
    layout = nx.shell_layout(graph, nlist=shells, rotate=0.3)  # the main voices inside, the others round them
    width, height, pad = 640, 640 if len(graph) > 4 else 360, 80
    xs = [p[0] for p in layout.values()]
    ys = [p[1] for p in layout.values()]

    def place(node):
        x, y = layout[node]
        sx = (x - min(xs)) / ((max(xs) - min(xs)) or 1)
        sy = (y - min(ys)) / ((max(ys) - min(ys)) or 1)
        return pad + sx * (width - 2 * pad), pad + sy * (height - 2 * pad)

    heaviest = max(drawn.values())
    lines = []
    for (a, b), n in sorted(drawn.items(), key=lambda item: item[1]):
        (x1, y1), (x2, y2) = place(a), place(b)
        stroke = 1 + 7 * math.sqrt(n / heaviest)
        label = f"{people.name(a)} to {people.name(b)}: {pairs[(a, b)]} lines; back: {pairs[(b, a)]}"
        lines.append(f"<line x1=\"{x1:.1f}\" y1=\"{y1:.1f}\" x2=\"{x2:.1f}\" y2=\"{y2:.1f}\" "
                     f"stroke-width=\"{stroke:.1f}\"><title>{_e(label)}</title></line>")
    most = max(people.by_id[n]["quotes"] for n in graph)
    nodes = []
    for node in graph:
        x, y = place(node)
        radius = 6 + 16 * math.sqrt(people.by_id[node]["quotes"] / most)
        name = people.name(node)
        nodes.append(
            f"<g class=\"node s-{_e(node)}\"><circle cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"{radius:.1f}\">"
            f"<title>{_e(name)}: {people.by_id[node]['quotes']} lines</title></circle>"
            f"<text x=\"{x:.1f}\" y=\"{y - radius - 5:.1f}\">{_e(name)}</text></g>"
        )
    svg = (f"<svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"network-title\">"
           f"<title id=\"network-title\">Conversation network: lines exchanged between characters</title>"
           f"<g class=\"edges\">{''.join(lines)}</g>{''.join(nodes)}</svg>")
    rows = "".join(
        f"<tr><td>{people.chip(a)}</td><td>{people.chip(b)}</td><td>{pairs[(a, b)]}</td><td>{pairs[(b, a)]}</td></tr>"
        for (a, b), _ in weights.most_common(12)
    )
    table = ("<table class=\"pairs\"><caption>The busiest exchanges</caption><thead><tr><th scope=\"col\">One</th>"
             "<th scope=\"col\">Other</th><th scope=\"col\">Lines one to other</th><th scope=\"col\">Back</th>"
             f"</tr></thead><tbody>{rows}</tbody></table>")
    return f"{heading}<div class=\"network\">{svg}{table}</div></section>"


def _scenes(data: dict, people: _People, analysis: Analysis) -> str:
    """A timeline: where each scene sits in the story and who is in it."""
    text = analysis.story.text
    begin = analysis.story.paragraphs[0].start if analysis.story.paragraphs else 0
    length = max(1, len(text) - begin)
    rows = []
    for number, scene in enumerate(data["scenes"], 1):
        x = 100 * (scene["start"] - begin) / length
        width = max(0.4, 100 * (scene["end"] - scene["start"]) / length)
        opening = _clip(" ".join(text[scene["start"]:scene["end"]].split()[:12]), 12)
        present = " ".join(people.chip(c) for c in scene["characters"] if people.by_id[c]["on_page"]) or "nobody named"
        present += f" <span class=\"mood\">mood: {_e(_mood(data['feelings']['scenes'].get(scene['id'])))}</span>"
        rows.append(
            f"<li><a href=\"#{_e(scene['id'])}\">Scene {number}</a>"
            f"<svg class=\"bar\" viewBox=\"0 0 100 4\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
            f"<rect class=\"track\" x=\"0\" y=\"0\" width=\"100\" height=\"4\"></rect>"
            f"<rect class=\"span\" x=\"{x:.2f}\" y=\"0\" width=\"{width:.2f}\" height=\"4\"></rect></svg>"
            f"<span class=\"opening\">{_e(opening)} …</span><span class=\"present\">{present}</span></li>"
        )
    return f"<section id=\"scenes\"><h2>Scenes</h2><ol class=\"timeline\">{''.join(rows)}</ol></section>"


def _text(data: dict, people: _People, analysis: Analysis) -> str:
    """The story itself, each line tinted by its speaker, scene breaks and chapters marked."""
    story = analysis.story
    text = story.text
    quotes = sorted((q for q in data["quotes"] if q["kind"] != "embedded"), key=lambda q: (q["start"], -q["end"]))
    starts = [q["start"] for q in quotes]
    scenes = list(enumerate(data["scenes"], 1))
    chapters = [c for c in story.chapters if c.title]
    options = "".join(f"<option value=\"{_e(c)}\">{_e(people.name(c))}</option>" for c in people.speaking)
    legend = " ".join(people.chip(c) for c in people.speaking[: len(PALETTE)])
    out = [
        "<section id=\"text\"><h2>The text</h2>",
        "<div class=\"controls\"><label for=\"follow\">Follow one character's lines:</label> "
        f"<select id=\"follow\"><option value=\"\">everyone</option>{options}</select> "
        "<button type=\"button\" id=\"next\">Next line</button></div>",
        f"<p class=\"legend\">{legend} <span class=\"q thought sample\">a thought</span> "
        "<span class=\"q low sample\">a doubtful attribution</span></p><div class=\"story\">",
    ]
    next_scene = next_chapter = 0
    for paragraph in story.paragraphs:
        while next_chapter < len(chapters) and chapters[next_chapter].start <= paragraph.start:
            out.append(f"<h3 class=\"chapter\">{_e(chapters[next_chapter].title)}</h3>")
            next_chapter += 1
        while next_scene < len(scenes) and scenes[next_scene][1]["start"] <= paragraph.start:
            number, scene = scenes[next_scene]
            present = ", ".join(people.name(c) for c in scene["characters"]) or "nobody named"
            out.append(f"<div class=\"scene-break\" id=\"{_e(scene['id'])}\" role=\"separator\">"
                       f"Scene {number} · {_e(present)}</div>")
            next_scene += 1
        out.append(f"<p>{_paragraph(text, paragraph.start, paragraph.end, quotes, starts, people)}</p>")
    out.append("</div></section>")
    return "".join(out)


def _paragraph(text: str, start: int, end: int, quotes: list[dict], starts: list[int], people: _People) -> str:
    """One paragraph's HTML: narration escaped as it is, each quote wrapped in its speaker's span."""
    k = bisect.bisect_left(starts, start)
    while k > 0 and quotes[k - 1]["end"] > start:  # a quote running in from the paragraph before
        k -= 1
    pieces, at = [], start
    for quote in quotes[k:]:
        if quote["start"] >= end:
            break
        lo, hi = max(quote["start"], at), min(quote["end"], end)
        if hi <= lo:
            continue
        pieces.append(_e(text[at:lo]))
        pieces.append(_quote_span(quote, text[lo:hi], people))
        at = hi
    pieces.append(_e(text[at:end]))
    return "".join(pieces)


def _quote_span(quote: dict, words: str, people: _People) -> str:
    speaker = quote["speaker"]
    speakers = quote.get("speakers") or ([speaker] if speaker else [])
    classes = ["q", f"s-{speaker}" if speaker else "s-none"]
    if quote["kind"] == "thought":
        classes.append("thought")
    if quote["confidence"] < LOW_CONFIDENCE:
        classes.append("low")
    who = " and ".join(people.name(s) for s in speakers) or "unknown"
    to = ", ".join(people.name(a) for a in quote["addressees"]) or "nobody named"
    verb = "thinks" if quote["kind"] == "thought" else "writes" if quote["kind"] == "written" else "says"
    tip = f"{who} {verb} to {to} · cue: {quote['cue'] or 'none'} · confidence {quote['confidence']:.2f}"
    return (f"<span class=\"{' '.join(_e(c) for c in classes)}\" tabindex=\"0\" data-tip=\"{_e(tip)}\">"
            f"{_e(words)}</span>")


def _mood(feeling: dict | None) -> str:
    """A feeling in words: its valence, signed, and its main emotions."""
    if not feeling:
        return "—"
    tone = "warm" if feeling["valence"] >= 0.2 else "dark" if feeling["valence"] <= -0.2 else "even"
    emotions = ", ".join(list(feeling["emotions"])[:2])
    return f"{tone} ({feeling['valence']:+.2f})" + (f", {emotions}" if emotions else "")


def _feelings(data: dict, people: _People, analysis: Analysis) -> str:
    """The story's arc by scene and the main characters' arcs, drawn; the ties between people, listed."""
    heading = "<section id=\"feelings\"><h2>Feelings</h2>"
    return heading + _arcs(data, people, analysis) + _relations(data, people, analysis) + "</section>"


def _arcs(data: dict, people: _People, analysis: Analysis) -> str:
    width, height, left, top = 720, 300, 48, 16
    inner_w, inner_h = width - left - 16, height - top - 36
    begin = analysis.story.paragraphs[0].start if analysis.story.paragraphs else 0
    span = max(1, len(analysis.story.text) - begin)

    def x(at: int) -> float:
        return left + inner_w * (at - begin) / span

    def y(valence: float) -> float:
        return top + inner_h * (1 - valence) / 2

    def path(points) -> str:
        return " ".join(f"{'M' if i == 0 else 'L'}{x(at):.1f},{y(v):.1f}" for i, (at, v) in enumerate(points))

    scenes = [((s["start"] + s["end"]) // 2, data["feelings"]["scenes"][s["id"]]["valence"])
              for s in data["scenes"] if s["id"] in data["feelings"]["scenes"]]
    shown = [c for c in people.speaking[:5] if c in data["feelings"]["characters"]]
    parts = [
        f"<line class=\"axis\" x1=\"{left}\" x2=\"{left + inner_w}\" y1=\"{y(0):.1f}\" y2=\"{y(0):.1f}\"></line>",
        f"<text class=\"tick\" x=\"{left - 6}\" y=\"{y(1) + 4:.1f}\">+1</text>",
        f"<text class=\"tick\" x=\"{left - 6}\" y=\"{y(0) + 4:.1f}\">0</text>",
        f"<text class=\"tick\" x=\"{left - 6}\" y=\"{y(-1) + 4:.1f}\">−1</text>",
        f"<text class=\"caption\" x=\"{left}\" y=\"{height - 8}\">start of the story</text>",
        f"<text class=\"caption end\" x=\"{left + inner_w}\" y=\"{height - 8}\">end</text>",
    ]
    if len(scenes) > 1:
        parts.append(f"<path class=\"story-arc\" d=\"{path(scenes)}\"><title>The story, scene by scene</title></path>")
    for character in shown:
        arc = data["feelings"]["characters"][character]
        name = people.name(character)
        if len(arc["arc"]) > 1:
            parts.append(f"<path class=\"arc s-{_e(character)}\" d=\"{path(arc['arc'])}\">"
                         f"<title>{_e(name)}</title></path>")
        for at, valence in arc["turning_points"]:
            parts.append(f"<circle class=\"turn s-{_e(character)}\" cx=\"{x(at):.1f}\" cy=\"{y(valence):.1f}\" r=\"4\">"
                         f"<title>{_e(name)} turns here ({valence:+.2f})</title></circle>")
    legend = " ".join(people.chip(c) for c in shown)
    return (
        "<figure class=\"arcs\"><svg viewBox=\"0 0 720 300\" role=\"img\" aria-labelledby=\"arcs-title\">"
        "<title id=\"arcs-title\">How feeling moves through the story: the story by scene (grey) and the main "
        f"characters (coloured; dots are turning points), from −1 (dark) to +1 (warm)</title>{''.join(parts)}</svg>"
        f"<figcaption>The story by scene <span class=\"story-key\">(grey line)</span> and {legend}; "
        "a dot marks where a character's feeling turns.</figcaption></figure>"
    )


def _relations(data: dict, people: _People, analysis: Analysis) -> str:
    quotes = {q["id"]: q for q in data["quotes"]}
    rows = []
    for relation in data["relations"][:15]:
        a, b = relation["characters"]
        forward, back = relation["lines_each_way"]
        evidence = "".join(f"<li><q>{_e(_clip(quotes[i]['text'], 24))}</q> — {_e(people.name(quotes[i]['speaker']))}</li>"
                           for i in relation["evidence"][:2] if i in quotes)
        rows.append(
            f"<tr><td>{people.chip(a)} {people.chip(b)}</td><td>{forward} / {back}</td><td>{relation['scenes']}</td>"
            f"<td>{relation['valence']:+.2f}</td><td>{_e(relation['label'] or '—')}</td>"
            f"<td><ul class=\"evidence\">{evidence}</ul></td></tr>"
        )
    if not rows:
        return "<p>No two characters speak to each other.</p>"
    return ("<table class=\"relations\"><caption>Between them: lines each way, scenes shared, tone (−1 to +1), "
            "and what the lines show</caption><thead><tr><th scope=\"col\">Pair</th><th scope=\"col\">Lines</th>"
            "<th scope=\"col\">Scenes</th><th scope=\"col\">Tone</th><th scope=\"col\">Label</th>"
            f"<th scope=\"col\">Shown by</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
