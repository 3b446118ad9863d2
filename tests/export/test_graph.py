"""render_graph: the relations as GraphML and GEXF that networkx (and Gephi) read back whole."""

from __future__ import annotations

import io

import networkx as nx
import pytest

import fabula
from fabula.export.graph import render_graph

STORY = """Mira sat with Jonah by the fire, and Ruth watched them from the door.

"I love you, Jonah," Mira said, and kissed him. "Thank you for staying."

"I am so glad you are here, my darling," Jonah said to Mira, and hugged her.

Ruth came in and slammed the door. "I hate you, Mira," Ruth said. "You are a liar and a thief."

"Get out, Ruth. You disgust me," Mira snapped.

"Hello, Ruth," Jonah said.
"""


@pytest.fixture(scope="module")
def data() -> dict:
    return fabula.analyse(STORY).to_dict()


@pytest.mark.parametrize("format, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_loads_back_with_the_same_edges_and_labels(data, format, read):
    graph = read(io.BytesIO(render_graph(data, format).encode("utf-8")))
    expected = {frozenset(r["characters"]): r for r in data["relations"]}
    assert {frozenset(edge) for edge in graph.edges} == set(expected)
    for a, b, attributes in graph.edges(data=True):
        relation = expected[frozenset((a, b))]
        assert attributes["label"] == (relation["label"] or "")
        assert attributes["valence"] == pytest.approx(relation["valence"])
        assert attributes["weight"] == relation["lines"]
    names = {c["id"]: c["name"] for c in data["characters"]}
    assert {graph.nodes[n]["label"] for n in graph} == {names[n] for n in graph}


def test_unknown_graph_format_is_refused(data):
    with pytest.raises(ValueError, match="graphml"):
        render_graph(data, "dot")


@pytest.mark.parametrize("format, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_a_title_with_characters_xml_cannot_hold_still_writes_a_graph(format, read):
    data = fabula.analyse("Title: The\x0cLong\uffff Night\n\n" + STORY).to_dict()
    assert data["metadata"]["title"] == "The\x0cLong\uffff Night"  # the JSON keeps the title as written
    graph = read(io.BytesIO(render_graph(data, format).encode("utf-8")))
    assert graph.number_of_edges() == len(data["relations"])
    if format == "graphml":  # (GEXF keeps no graph attributes)
        assert graph.graph["title"] == "TheLong Night"
