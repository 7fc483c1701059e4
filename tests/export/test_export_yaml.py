"""The YAML writer every exporter uses must read back exactly, whatever the text."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from workbench.export.registry import dump_yaml


def test_multiline_text_is_a_literal_block():
    text = dump_yaml({"description": "one\ntwo\n\nthree"})
    assert text == "description: |-\n  one\n  two\n\n  three\n"


@given(st.dictionaries(st.text(max_size=10), st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(),
    st.lists(st.text(max_size=20), max_size=3),
), max_size=5))
def test_dump_yaml_round_trips(document):
    assert yaml.safe_load(dump_yaml(document)) == document


@given(st.text())
def test_hostile_text_round_trips(text):
    assert yaml.safe_load(dump_yaml({"name": text, "list": [text]})) == {
        "name": text, "list": [text]
    }
