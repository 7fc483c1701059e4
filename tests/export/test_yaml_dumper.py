"""Every export writes YAML through libyaml's emitter when PyYAML has it, for speed; the files
must stay byte-identical to what the pure-Python emitter writes (the golden files were made
with it), including for the two cases where libyaml writes differently on its own."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.export import registry


def python_dump(documents, **options):
    return yaml.dump_all(documents, Dumper=registry._Dumper, **registry._DUMP_OPTIONS, **options)


needs_libyaml = pytest.mark.skipif(registry._CDumper is None, reason="PyYAML without libyaml")

# Text a coach types, plus what YAML treats specially: line breaks, indicators, quotes,
# characters beyond the Basic Multilingual Plane, NEL and the line/paragraph separators.
PIECES = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(["\n", "\n\n", " ", ": ", " #", "- ", "'", '"', "|", "...", "---",
                     "\x85", "\u2028", "\ufeff", "😀", "支付", "\t", "\r"]),
)
TEXT = st.lists(PIECES, max_size=12).map("".join)
SCALARS = st.one_of(TEXT, st.integers(-10**20, 10**20), st.booleans(), st.none(),
                    st.decimals(allow_nan=False, allow_infinity=False, places=3))
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


@needs_libyaml
@settings(max_examples=400, deadline=None)
@given(st.dictionaries(TEXT, DOCUMENTS, max_size=5))
def test_one_document_is_byte_identical_to_the_python_emitter(document):
    assert registry.dump_yaml(document) == python_dump([document])


@needs_libyaml
@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(TEXT, DOCUMENTS, max_size=3), max_size=4))
def test_a_stream_is_byte_identical_to_the_python_emitter(documents):
    assert registry.dump_yaml_stream(documents) == python_dump(documents, explicit_start=True)


@needs_libyaml
@pytest.mark.parametrize(("key", "text"), [
    ("note", "emoji 😀"), ("note", "kept breaks\n\n"), ("note", "\n"), ("", "empty key"),
])
def test_where_libyaml_differs_the_python_emitter_writes_the_file(key, text):
    document = {"team": {key: text}, "after": Decimal("99.90")}
    c_text = yaml.dump_all([document], Dumper=registry._CDumper, **registry._DUMP_OPTIONS)
    assert c_text != python_dump([document])  # the case is real ...
    assert registry.dump_yaml(document) == python_dump([document])  # ... and handled


@pytest.mark.parametrize("key", ["two\nlines", "k" * 127, "k" * 130, "支" * 130])
def test_explicit_keys_are_written_as_the_python_emitter_writes_them(key):
    document = {"team": {key: "value"}}
    assert registry.dump_yaml(document) == python_dump([document])


@needs_libyaml
def test_plain_documents_go_through_libyaml(monkeypatch):
    calls = []
    real = yaml.dump_all

    def spy(documents, **options):
        calls.append(options["Dumper"])
        return real(documents, **options)

    monkeypatch.setattr(yaml, "dump_all", spy)
    registry.dump_yaml({"slo": "checkout-availability", "target": Decimal("99.9")})
    assert calls == [registry._CDumper]
