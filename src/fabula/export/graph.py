"""The characters and what is between them as a graph: GraphML and GEXF, which Gephi opens."""

from __future__ import annotations


import io
import re

import networkx as nx

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, which a story's title or a name may carry (a form feed, a stray U+FFFF)."""


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def relation_graph(data: dict) -> nx.Graph:
    """A graph from a ``fabula/1`` dict: characters who interact as nodes, their relations as edges."""
    graph = nx.Graph(title=_xml_safe(data["metadata"].get("title") or ""))
    moods = data["feelings"].get("characters", {})
    people = {c["id"]: c for c in data["characters"]}
    for relation in data["relations"]:
        for character in relation["characters"]:
            if character not in graph:
                person = people[character]
                graph.add_node(character, label=_xml_safe(person["name"]), lines=person["quotes"],
                               pronouns=_xml_safe(person["pronouns"] or ""), on_page=person["on_page"],
                               valence=moods.get(character, {}).get("valence", 0.0))
        a, b = relation["characters"]
        graph.add_edge(a, b, weight=relation["lines"], lines_first_to_second=relation["lines_each_way"][0],
                       lines_second_to_first=relation["lines_each_way"][1], scenes=relation["scenes"],
                       valence=relation["valence"], label=_xml_safe(relation["label"] or ""))
    return graph


def render_graph(data: dict, format: str) -> str:
    """The relation graph as a GraphML or GEXF document."""
    writers = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}
    if format not in writers:
        raise ValueError(f"unknown graph format {format!r}; use one of {', '.join(writers)}")
    buffer = io.BytesIO()
    writers[format](relation_graph(data), buffer)
    return buffer.getvalue().decode("utf-8")
