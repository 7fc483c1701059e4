"""The stakeholder chart's Markdown and Mermaid export: golden files, the grid table and
every Mermaid point line checked against an oracle of Mermaid's grammar, for hostile names.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 pytest tests/export/test_stakeholder_export.py -q
then review the diff under tests/export/golden_stakeholders/.

The oracle below is written in Python from Mermaid's own sources
(mermaid-js/mermaid, read at commit df032c942c32f805a7f4cd1cf30a565e610bc4f1):

- ``packages/mermaid/src/diagrams/quadrant-chart/parser/quadrant.jison``: the lexer (its
  states, and its rules in order: jison takes the *first* rule that matches, the lexer is
  case-insensitive, and the ``%x`` states are exclusive, so rules without a state apply to
  the initial state only) and the statements a line may be (``points``, ``axisDetails``,
  ``quadrantDetails``, ``title``).
- ``packages/mermaid/src/diagrams/quadrant-chart/quadrantBuilder.ts``: quadrant 1 is drawn
  top right, 2 top left, 3 bottom left, 4 bottom right; x runs left to right and y bottom
  to top over [0, 1].
- ``packages/mermaid/src/diagrams/quadrant-chart/quadrantDb.ts`` and
  ``packages/mermaid/src/diagrams/common/common.ts``: labels are trimmed and sanitised
  (DOMPurify re-serialises ``&``, ``<``, ``>`` and U+00A0 as entities, and some security
  levels rewrite ``=``), then set as SVG text.
- ``packages/mermaid/src/preprocess.ts``, ``diagram-api/comments.ts``,
  ``diagram-api/regexes.ts``, ``utils.ts`` (``encodeEntities``, ``decodeEntities``) and
  ``Diagram.ts``: what happens to the text before the lexer sees it (front matter,
  ``%%{...}%%`` directives, ``%%`` comment lines, attribute quotes inside ``<tags>``, lines
  that look like ``style ...:#...;``, and ``#name;`` entity codes, which come back as
  ``&name;`` in the SVG).

This is a re-statement of those rules as data and checks, not a copy of Mermaid's code; it
covers the statements our exporter writes and refuses anything else.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.lifecycle import LifecycleState, Party
from workbench.domain.organisation import ArtifactStatus
from workbench.domain.stakeholders import (
    LIST_ORDER,
    Chart,
    ContactPlan,
    Level,
    Quadrant,
    StakeholderError,
    default_plan,
    make_stakeholder,
)
from workbench.export import export_workspace, exporter_names
from workbench.export.exporters.stakeholders import export_day
from workbench.export.registry import ExportContext
from workbench.export.stakeholder_markdown import (
    APPROACH,
    MERMAID_QUADRANT,
    UNNAMED,
    ChartReport,
    fenced,
    layout,
    mermaid_chart,
    render_markdown,
)
from workbench.export.stakeholder_yaml import (
    PERSON_KEYS,
    ChartImportError,
    read_chart_file,
    render_yaml,
)
from workbench.store import repo, stakeholder_repo
from workbench.store.db import reading, transaction

GOLDEN = Path(__file__).parent / "golden_stakeholders"

# === the oracle: Mermaid's quadrant chart, restated =======================================

I = re.IGNORECASE  # noqa: E741  (the jison file sets %options case-insensitive)

# (pattern, token or None to skip, state change: "push:<state>", "pop", "pop+push:<state>")
_INITIAL: list[tuple[str, str | None, str | None]] = [
    (r"%%(?!\{)[^\n]*", None, None),
    (r"[^}]%%[^\n]*", None, None),
    (r"[\n\r]+", "NEWLINE", None),
    (r"%%[^\n]*", None, None),
    (r"title", "title", "push:title"),
    (r"accTitle\s*:\s*", "acc_title", "push:acc_title"),
    (r"accDescr\s*:\s*", "acc_descr", "push:acc_descr"),
    (r"accDescr\s*\{\s*", None, "push:acc_descr_multiline"),
    (r" *x-axis *", "X-AXIS", None),
    (r" *y-axis *", "Y-AXIS", None),
    (r" *--+> *", "AXIS-TEXT-DELIMITER", None),
    (r" *quadrant-1 *", "QUADRANT_1", None),
    (r" *quadrant-2 *", "QUADRANT_2", None),
    (r" *quadrant-3 *", "QUADRANT_3", None),
    (r" *quadrant-4 *", "QUADRANT_4", None),
    (r"classDef", "CLASSDEF", None),
    (r'"`', None, "push:md_string"),
    (r'"', None, "push:string"),
    (r":::", None, "push:class_name"),
    (r"\s*:\s*\[\s*", "point_start", "push:point_start"),
    (r" *quadrantChart *", "QUADRANT", None),
    (r"[A-Za-z]+", "ALPHA", None),
    (r":", "COLON", None),
    (r"\+", "PLUS", None),
    (r",", "COMMA", None),
    (r"=", "EQUALS", None),
    (r"\*", "MULT", None),
    (r"#", "BRKT", None),
    (r"_", "UNDERSCORE", None),
    (r"\.", "DOT", None),
    (r"&", "AMP", None),
    (r"-", "MINUS", None),
    (r"[0-9]+", "NUM", None),
    (r"\s", "SPACE", None),
    (r";", "SEMI", None),
    (r"[!\"#$%&'*+,\-.`?\\_/]", "PUNCTUATION", None),
]
_NUMBER = r"(?:1)|(?:0(?:[^\n]\d+)?)"  # jison's "." is JavaScript's: anything but a newline
_STATES: dict[str, list[tuple[str, str | None, str | None]]] = {
    "INITIAL": _INITIAL,
    "string": [(r'"', None, "pop"), (r'[^"]*', "STR", None)],
    "md_string": [(r'[^`"]+', "MD_STR", None), (r'`"', None, "pop")],
    "title": [(r"[^\n]*", "title_value", "pop")],
    "acc_title": [(r"[^\n]*", "acc_title_value", "pop")],
    "acc_descr": [(r"[^\n]*", "acc_descr_value", "pop")],
    "acc_descr_multiline": [(r"\}", None, "pop"), (r"[^}]*", "acc_descr_multiline_value",
                                                    None)],
    "point_start": [(_NUMBER, "point_x", "push:point_x"), (r"\s*\] *", None, "pop")],
    "point_x": [(r"\s*,\s*", None, "pop+push:point_y")],
    "point_y": [(_NUMBER, "point_y", "pop")],
    "class_name": [(r"\w+", "class_name", "pop")],
}
_COMPILED = {state: [(re.compile(p, I), t, a) for p, t, a in rules]
             for state, rules in _STATES.items()}


class MermaidError(AssertionError):
    pass


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def lex(source: str) -> list[Token]:
    """Tokens of ``source`` as the quadrant lexer produces them (``EOF`` last)."""
    tokens: list[Token] = []
    stack = ["INITIAL"]
    position = 0
    while position < len(source):
        for pattern, kind, action in _COMPILED[stack[-1]]:
            match = pattern.match(source, position)
            if match is None:
                continue
            if match.end() == position and kind is None and action is None:
                continue
            break
        else:
            raise MermaidError(f"lexer stuck in state {stack[-1]} at "
                               f"{source[position:position + 30]!r}")
        if action == "pop":
            stack.pop()
        elif action and action.startswith("pop+push:"):
            stack.pop()
            stack.append(action.split(":", 1)[1])
        elif action and action.startswith("push:"):
            stack.append(action.split(":", 1)[1])
        if kind is not None:
            tokens.append(Token(kind, match.group(0)))
        if match.end() == position and action is None:
            raise MermaidError(f"empty match without a state change at {position}")
        position = match.end()
    if stack != ["INITIAL"]:
        raise MermaidError(f"input ends inside {stack[-1]!r} (an unclosed string or point)")
    tokens.append(Token("EOF", ""))
    return tokens


# --- what happens before the lexer ------------------------------------------------------------

_FRONT_MATTER = re.compile(r"^-{3}\s*[\n\r](.*?)[\n\r]-{3}\s*[\n\r]+", re.S)
_DIRECTIVE = re.compile(r"%{2}\{\s*(?:\w+\s*:|\w+)", re.I)
_COMMENT_LINE = re.compile(r"^\s*%%(?!\{)[^\n]+\n?", re.M)
_TAG = re.compile(r"<(\w+)([^>]*)>")
_STYLE_CUT = (re.compile(r"style.*:\S*#.*;"), re.compile(r"classDef.*:\S*#.*;"))
_ENTITY = re.compile(r"#(\w+);")


def check_preprocessing(source: str) -> None:
    """Nothing in ``source`` is changed or dropped by Mermaid before it is lexed."""
    if "\r" in source:
        raise MermaidError("carriage return (Mermaid rewrites line endings)")
    if _FRONT_MATTER.search(source):
        raise MermaidError("looks like front matter")
    if _DIRECTIVE.search(source):
        raise MermaidError("contains a %%{...}%% directive")
    if _COMMENT_LINE.search(source):
        raise MermaidError("contains a %% comment line")
    if _TAG.search(source):
        raise MermaidError("contains an HTML tag (Mermaid rewrites its attributes)")
    for line in source.split("\n"):
        for pattern in _STYLE_CUT:
            if pattern.search(line):
                raise MermaidError(f"Mermaid would cut a character from {line!r}")
    if "\ufb02" in source or "\u00b6" in source:
        raise MermaidError("contains Mermaid's own entity placeholder characters")


def displayed(label: str) -> str:
    """The text Mermaid shows for a quoted label (entity codes decoded), refusing
    characters its sanitiser would turn into visible entity names."""
    for ch in "&<>\u00a0=":
        if ch in label:
            raise MermaidError(f"{ch!r} in a label is shown mangled")

    def entity(match: re.Match[str]) -> str:
        inner = match.group(1)
        return f"&#{inner};" if inner.lstrip("+").isdigit() else f"&{inner};"

    return html.unescape(_ENTITY.sub(entity, label)).strip()


# --- the statements ---------------------------------------------------------------------------


@dataclass
class QuadrantChart:
    title: str | None = None
    x_axis: tuple[str, str] | None = None
    y_axis: tuple[str, str] | None = None
    quadrants: dict[int, str] = field(default_factory=dict)
    points: list[tuple[str, float, float, str, str]] = field(default_factory=list)
    """(label shown, x, y, x as written, y as written)."""


def _split_lines(tokens: list[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind in ("NEWLINE", "SEMI", "EOF"):
            lines.append([])
        else:
            lines[-1].append(token)
    return [line for line in lines if line]


def parse(source: str) -> QuadrantChart:
    """The chart in ``source``, or ``MermaidError`` for anything our exporter must not write.
    Every line must be one whole statement."""
    check_preprocessing(source)
    lines = _split_lines(lex(source))
    if not lines or [t.kind for t in lines[0]] != ["QUADRANT"]:
        raise MermaidError("the block must start with quadrantChart")
    chart = QuadrantChart()
    for line in lines[1:]:
        kinds = [t.kind for t in line]
        while kinds and kinds[0] == "SPACE":
            kinds, line = kinds[1:], line[1:]
        if kinds == ["title", "title_value"]:
            chart.title = line[1].text.strip()
        elif kinds == ["X-AXIS", "STR", "AXIS-TEXT-DELIMITER", "STR"]:
            chart.x_axis = (displayed(line[1].text), displayed(line[3].text))
        elif kinds == ["Y-AXIS", "STR", "AXIS-TEXT-DELIMITER", "STR"]:
            chart.y_axis = (displayed(line[1].text), displayed(line[3].text))
        elif len(kinds) == 2 and kinds[0].startswith("QUADRANT_") and kinds[1] == "STR":
            chart.quadrants[int(kinds[0][-1])] = displayed(line[1].text)
        elif kinds == ["STR", "point_start", "point_x", "point_y"]:
            x, y = line[2].text, line[3].text
            chart.points.append((displayed(line[0].text), float(x), float(y), x, y))
        else:
            raise MermaidError(f"not a statement this oracle accepts: {kinds}")
    return chart


def quadrant_at(x: float, y: float) -> int | None:
    """Mermaid's quadrant number of a point (None on a border)."""
    if x == 0.5 or y == 0.5:
        return None
    if y > 0.5:
        return 1 if x > 0.5 else 2
    return 4 if x > 0.5 else 3


# === helpers ===================================================================================

DAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 9, 0)


def person(name: str, power: str = "high", interest: str = "high", **values: Any):
    """A stakeholder; a name the domain refuses (bidirectional controls) is put on a valid
    one as is, to check the export still renders safely whatever a chart holds."""
    try:
        return make_stakeholder({"name": name, "power": power, "interest": interest,
                                 **values})
    except StakeholderError:
        valid = make_stakeholder({"name": "valid", "power": power, "interest": interest,
                                  **values})
        return replace(valid, name=name)


HOSTILE_NAMES = [
    'He said "no"',
    "Colon: here",
    "x: [0.1, 0.2]",
    '"]: [1, 1]',
    "[bracketed] (round) {curly}",
    "%% not a comment",
    '%%{init: {"theme": "dark"}}%%',
    "a %%{wrap}%% b",
    "```",
    "````mermaid",
    "`starts with a backtick",
    "ends with a backtick`",
    "semi; colon",
    "#quot; and #35; and #lt;",
    "\ufb02\u00b0\u00b0lt\u00b6\u00df",
    "style:#f00;",
    "classDef x fill:#f00;",
    "<b>bold</b> <script>alert(1)</script>",
    '<a href="x">link</a>',
    "R&D = 1 &amp; 2",
    "a|b || c",
    "back\\slash \\n",
    "title sneaky",
    "quadrant-1 Engage",
    "x-axis Low --> High",
    ":::cls",
    "line one\nline two\r\nthree",
    "tab\there",
    "विक्रम सिंह",
    "Zoë Ünal 🚀",
    "zero\u200dwidth joiner",
    "\u202eevil bidi\u2066",
    "non\u00a0breaking",
    "--- front matter?",
    "1",
    "0.5",
    "*emphasis* _under_ ~strike~",
    "# heading",
]


def hostile_chart() -> Chart:
    people = []
    for index, name in enumerate(HOSTILE_NAMES):
        text = expected_label(name)  # other fields without the bidi controls
        power = "high" if index % 2 else "low"
        interest = "high" if index % 3 else "low"
        people.append(person(
            name, power, interest, uid=f"h{index}", role=f"Role | {text}"[:80],
            owner="Coach `x` <i>", stance="detractor" if index % 4 == 0 else None,
            stage="awareness" if index % 5 else None,
            last_contact=date(2026, 10, 1) if index % 2 else None,
            next_action=f"Talk | {text}"[:200] if index % 3 == 0 else "",
            next_action_due=date(2026, 11, index % 28 + 1) if index % 3 == 0 else None,
            notes=f"Note with\nlines | and `code` for {text}"))
    plan = default_plan().with_contact(Quadrant.MONITOR,
                                       ContactPlan(10, "Ping | <b>them</b> `now`"))
    return Chart(tuple(people), plan, 3)


def report_of(chart: Chart, workspace: str = "BharatMart", **values: Any) -> ChartReport:
    return ChartReport(workspace=workspace, chart=chart, today=DAY, **values)


@pytest.fixture
def mermaid_source(renderer):
    """``mermaid_source(markdown)``: the source of the page's one Mermaid block."""
    def source(markdown: str) -> str:
        fences = [t for t in renderer().parse(markdown) if t.type == "fence"]
        assert len(fences) == 1, f"{len(fences)} fences"
        assert fences[0].info == "mermaid"
        return fences[0].content

    return source


def expected_label(name: str) -> str:
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
                   for ch in name if not (0x202A <= ord(ch) <= 0x202E
                                          or 0x2066 <= ord(ch) <= 0x2069))
    return " ".join(kept.split())


def check_chart(source: str, people) -> QuadrantChart:
    """Everything the issue asks of the Mermaid block, checked with the oracle."""
    chart = parse(source)
    assert chart.x_axis == ("Low interest", "High interest")
    assert chart.y_axis == ("Low power", "High power")
    assert chart.quadrants == {1: "Engage fully", 2: "Keep satisfied", 3: "Monitor",
                               4: "Keep informed"}
    assert len(chart.points) == len(people)
    by_label = {}
    for label, x, y, x_text, y_text in chart.points:
        for text in (x_text, y_text):
            assert re.fullmatch(r"0\.[0-9]{1,2}", text), text
        assert 0 < x < 1 and 0 < y < 1
        by_label.setdefault(label, []).append((x, y))
    spots = [(x, y) for _, x, y, _, _ in chart.points]
    assert len(set(spots)) == len(spots), "two points on the same spot"
    number = {Quadrant.ENGAGE_FULLY: 1, Quadrant.KEEP_SATISFIED: 2, Quadrant.MONITOR: 3,
              Quadrant.KEEP_INFORMED: 4}
    wanted: dict[str, list[int]] = {}
    for p in people:
        label = expected_label(p.name) or UNNAMED
        assert label in by_label, f"{p.name!r} shown as none of {sorted(by_label)}"
        wanted.setdefault(label, []).append(number[p.quadrant])
    # Two names may show as one label ('"' and '"' + U+202E): compare the quadrants of
    # each label's points as a multiset, not in the order the people came.
    for label, quadrants in wanted.items():
        assert sorted(quadrant_at(x, y) for x, y in by_label[label]) == sorted(quadrants), label
    return chart


# === the oracle itself =========================================================================


def test_oracle_accepts_mermaid_documentation_style_points_and_refuses_broken_ones():
    good = ('quadrantChart\n    title T\n    x-axis "a" --> "b"\n    y-axis Low --> High\n'
            '    quadrant-1 "Q"\n    "A": [0.3, 0.6]\n    "B": [1, 0]\n')
    with pytest.raises(MermaidError):  # y-axis text unquoted: not a statement we accept
        parse(good)
    chart = parse(good.replace("y-axis Low --> High", 'y-axis "Low" --> "High"'))
    assert [p[:3] for p in chart.points] == [("A", 0.3, 0.6), ("B", 1.0, 0.0)]
    broken = [
        '    "a"b": [0.3, 0.6]\n',        # a quote ends the string
        '    "a": [1.00, 0.6]\n',         # 1.00 is not a number the lexer reads
        '    "a": [0.3, 0.6\n',           # unclosed point
        '    "a\n',                       # unclosed string (the next line is inside it)
        '    "%%{init: {}}%%": [0.3, 0.6]\n',
        '    "<b x="y">": [0.3, 0.6]\n',
        '    "style:#f;": [0.3, 0.6]\n',
        '    "R&D": [0.3, 0.6]\n',
    ]
    for line in broken:
        with pytest.raises(MermaidError):
            parse('quadrantChart\n' + line)
    assert displayed("a#34;b #35;x#59; #quot;") == 'a"b #x; "'
    assert [quadrant_at(*p) for p in ((0.9, 0.9), (0.1, 0.9), (0.1, 0.1), (0.9, 0.1),
                                       (0.5, 0.9))] == [1, 2, 3, 4, None]


def test_quadrant_numbers_follow_mermaids_builder():
    """quadrantBuilder.ts draws quadrant 1 top right, 2 top left, 3 bottom left, 4 bottom
    right; our x axis is interest and the y axis power."""
    for quadrant, number in MERMAID_QUADRANT.items():
        x = 0.75 if quadrant.interest is Level.HIGH else 0.25
        y = 0.75 if quadrant.power is Level.HIGH else 0.25
        assert quadrant_at(x, y) == number
    assert MERMAID_QUADRANT[Quadrant.ENGAGE_FULLY] == 1
    assert MERMAID_QUADRANT[Quadrant.KEEP_SATISFIED] == 2
    assert MERMAID_QUADRANT[Quadrant.MONITOR] == 3
    assert MERMAID_QUADRANT[Quadrant.KEEP_INFORMED] == 4


# === the Mermaid block ========================================================================


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_is_one_valid_point_shown_as_typed(name):
    people = [person(name, "low", "high"), person("Plain Name", "high", "low")]
    check_chart(mermaid_chart(people), people)


def test_hostile_chart_passes_the_oracle_and_stays_one_fence(mermaid_source):
    chart = hostile_chart()
    markdown = render_markdown(report_of(chart))
    source = mermaid_source(markdown)
    assert source == mermaid_chart(chart.people)
    check_chart(source, chart.people)


def test_name_of_invisible_characters_only_still_gets_a_label():
    people = [person("\u202e\u2066"), person("\u200b")]
    chart = check_chart(mermaid_chart(people), people)
    assert sorted(p[0] for p in chart.points) == sorted([UNNAMED, "\u200b"])


HOSTILE_ALPHABET = st.sampled_from([
    *"\"'`#%&:;<=>[](){}|\\/*_~^$!?,.-+@ \t\n\r", "%%", "%%{", "#35;", "#quot;", "```",
    "\ufb02", "\u00b6", "\u00b0", "\u00a0", "\u202e", "\u200d", "\x85", "\u2028", "a", "Z",
    "7", "é", "ß", "🚀", "ह", "style", "classDef", "title", "x-axis", "quadrant-1", ":::",
    "<b>", "-->", "0.5",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(HOSTILE_ALPHABET, min_size=1, max_size=12).map("".join),
                min_size=1, max_size=12),
       st.lists(st.tuples(st.booleans(), st.booleans()), min_size=12, max_size=12))
def test_any_names_pass_the_oracle(raw_names, levels):
    people, seen = [], set()
    for index, raw in enumerate(raw_names):
        name = " ".join(raw.split()) or f"blank {index}"
        name = name[:80]
        if name.casefold() in seen or unicodedata.category(name[0]) == "Cc":
            continue
        try:
            p = person(name, *("high" if lv else "low" for lv in levels[index]))
        except StakeholderError:
            continue
        seen.add(p.key)
        people.append(p)
    check_chart(mermaid_chart(people), people)


@pytest.mark.parametrize("counts", [(0, 0, 0, 0), (1, 0, 0, 0), (1, 1, 1, 1), (2, 3, 4, 5),
                                    (7, 0, 12, 1), (30, 30, 30, 30), (500, 0, 0, 0),
                                    (0, 0, 0, 500)])
def test_layout_is_inside_quadrants_distinct_and_deterministic(counts):
    people = []
    for quadrant, count in zip(LIST_ORDER, counts, strict=True):
        people += [person(f"{quadrant.value} {i:03}", quadrant.power.value,
                          quadrant.interest.value, uid=f"{quadrant.value}-{i}")
                   for i in range(count)]
    points = layout(people)
    assert sorted(p.person.uid for p in points) == sorted(p.uid for p in people)
    assert len({(p.x, p.y) for p in points}) == len(points)
    for point in points:
        quadrant = point.person.quadrant
        low_x, low_y = (50 if quadrant.interest is Level.HIGH else 0,
                        50 if quadrant.power is Level.HIGH else 0)
        assert low_x < point.x < low_x + 50 and low_y < point.y < low_y + 50
        assert low_y + 38 >= point.y, "clear of the quadrant title"
    shuffled = list(reversed(people))
    assert [(p.person.uid, p.x, p.y) for p in layout(shuffled)] == \
        [(p.person.uid, p.x, p.y) for p in points]
    if len(people) <= 120:
        check_chart(mermaid_chart(people), people)


def test_fence_is_longer_than_any_backtick_run():
    assert fenced("mermaid", "a\n") == "```mermaid\na\n```\n"
    assert fenced("x", "a ```` b\n").startswith("`````x\n")


# === the Markdown page =========================================================================


def test_grid_table_has_quadrants_in_place_and_escaped_names(tables):
    chart = hostile_chart()
    markdown = render_markdown(report_of(chart))
    grid = tables(markdown)[0]
    assert grid[0] == ["Power", "Low interest", "High interest"]
    assert [len(row) for row in grid] == [3, 3, 3]
    assert [row[0] for row in grid[1:]] == ["High power", "Low power"]
    for (row, column), quadrant in {(1, 1): Quadrant.KEEP_SATISFIED,
                                    (1, 2): Quadrant.ENGAGE_FULLY, (2, 1): Quadrant.MONITOR,
                                    (2, 2): Quadrant.KEEP_INFORMED}.items():
        names = sorted((p.name for p in chart.in_quadrant(quadrant)),
                       key=lambda n: (" ".join(n.split()).casefold(), n))
        shown = ", ".join(expected_label(n) for n in names)  # bidi controls dropped
        assert grid[row][column] == f"{quadrant.title} ({len(names)}): {shown}"


def test_every_table_keeps_its_shape_and_no_markup_leaks(renderer, tables):
    markdown = render_markdown(report_of(hostile_chart()))
    for table in tables(markdown):
        assert len({len(row) for row in table}) == 1, table[0]
    rendered = renderer().render(markdown)
    for bad in ("<script", "<b>", "<i>", "<a href", "<em>emphasis", "<em>under", "<code>",
                "<h1>heading", "<del>", "<strong>bold"):
        assert bad not in rendered, bad
    assert rendered.count("<pre>") == 1 and rendered.count("<h1>") == 1


def test_sections_show_plan_people_overdue_actions_warnings_and_funnel(tables):
    chart = Chart((
        person("Asha Rao", "high", "high", role="Head of operations", group="operations",
               stance="supporter", influence="high", stage="agreement", owner="Meera",
               last_contact=date(2026, 11, 1), next_action="Plan the SLO review",
               next_action_due=date(2026, 11, 20)),
        person("Ben Ito", "high", "low", role="CFO", stance="detractor", stage="interest",
               last_contact=date(2026, 11, 20)),
        person("Cy Dunn", "low", "high", owner="Meera", next_action="Send the newsletter"),
        person("Di Fox", "low", "low", owner="Meera", last_contact=date(2026, 11, 1),
               next_action="Check in", next_action_due=date(2026, 12, 1)),
    ), default_plan().with_contact(Quadrant.KEEP_INFORMED, ContactPlan(10, "Short update")),
        5)
    baseline = Chart((replace(chart.people[1]),), default_plan(), 2)
    markdown = render_markdown(report_of(chart, revisions=3, baseline=(2, baseline)))
    assert "## Engage fully (high power, high interest)" in markdown
    assert "- **How often:** weekly (every 7 days)" in markdown
    assert "- **How often:** every 10 days\n- **How:** Short update" in markdown
    assert APPROACH[Quadrant.MONITOR] in markdown
    all_tables = tables(markdown)
    engage = next(t for t in all_tables if t[0][0] == "Name" and t[1][0] == "Asha Rao")
    assert engage[1] == ["Asha Rao", "Head of operations", "supporter", "high", "agreement",
                         "Meera", "2026-11-01", "Plan the SLO review",
                         "2026-11-20 (past due)"]
    overdue_table = next(t for t in all_tables if t[0][-1] == "Contact")
    assert [row[0] for row in overdue_table[1:]] == ["Cy Dunn", "Asha Rao"]
    assert overdue_table[2][-1] == "due 2026-11-08, 17 days late"
    actions = next(t for t in all_tables if t[0][0] == "Due")
    assert [row[:2] for row in actions[1:]] == [["2026-11-20 (past due)", "Asha Rao"],
                                               ["2026-12-01", "Di Fox"], ["—", "Cy Dunn"]]
    assert "Powerful detractor without a next action: Ben Ito" in markdown
    assert "No head of development on the chart" in markdown
    assert "Nobody owns the relationship with Ben Ito" in markdown
    funnel_table = next(t for t in all_tables if t[0][0] == "Stage")
    assert funnel_table[1:] == [["Awareness", "0", "—"], ["Interest", "1", "Ben Ito"],
                                ["Understanding", "0", "—"], ["Agreement", "1", "Asha Rao"],
                                ["Engagement", "0", "—"],
                                ["No stage recorded", "2", "Cy Dunn, Di Fox"]]
    assert "Stuck since agreed revision 2 (same stage as then, not yet at engagement): " \
        "Ben Ito." in markdown
    assert "**Overdue for contact on 2026-11-25:** 2" in markdown


def test_status_line_says_draft_or_agreed_and_revision():
    chart = Chart((person("Asha Rao"),), default_plan(), 2)
    state = LifecycleState(ArtifactStatus.DRAFT, 2, (Party("coach"),), in_force=1)
    markdown = render_markdown(report_of(chart, state=state, revisions=2,
                                         last_saved=datetime(2026, 11, 3, 10, 0)))
    assert ("- **Status:** draft · agreed revision 1 in force · waiting for coach "
            "(revision 2, saved 2026-11-03)") in markdown
    assert "- **Status:** not saved yet" in render_markdown(report_of(chart))
    agreed = LifecycleState(ArtifactStatus.AGREED, 2, (Party("coach"),), in_force=2)
    assert "- **Status:** agreed (revision 2)" in render_markdown(
        report_of(chart, state=agreed, revisions=2))


def test_empty_chart_renders_without_a_mermaid_block(tables):
    markdown = render_markdown(report_of(Chart((), default_plan(), 0)))
    assert "```" not in markdown and markdown.count("_Nobody in this quadrant._") == 4
    assert "_No warnings._" not in markdown  # an empty chart lacks the three heads
    assert tables(markdown)[0][1] == ["High power", "Keep satisfied (0)", "Engage fully (0)"]


def test_markdown_renders_the_same_with_cmark_gfm(tables, github_page):
    """GitHub renders Markdown with cmark-gfm: the grid keeps its cells and the Mermaid
    block stays one code block with exactly our source."""
    chart = hostile_chart()
    markdown = render_markdown(report_of(chart))
    page = github_page(markdown)
    assert len(page.code) == 1 and page.code[0] == mermaid_chart(chart.people)
    assert all(len({len(row) for row in table}) == 1 for table in page.tables)
    assert [row[0] for row in page.tables[0]] == ["Power", "High power", "Low power"]
    expected = tables(markdown)
    assert page.tables == expected


# === golden files, the registry and the CLI's functions =========================================


def test_demo_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    paths = export_workspace(engine, workspace, out, {"md", "yaml"}, {"stakeholders"},
                             generated_at=STAMP)
    assert [p.name for p in paths] == ["stakeholders.md", "stakeholders.yaml"]
    golden(out, GOLDEN / "demo")


def test_hostile_chart_matches_golden_files(tmp_path, golden):
    report = report_of(hostile_chart(), workspace="Acme | <b>")
    out = tmp_path / "out"
    out.mkdir()
    stamp = STAMP.isoformat(timespec="seconds")
    (out / "stakeholders.md").write_text(render_markdown(report, generated_at=stamp),
                                         encoding="utf-8")
    (out / "stakeholders.yaml").write_text(render_yaml(report.chart, generated_at=STAMP),
                                           encoding="utf-8")
    golden(out, GOLDEN / "hostile")


def test_demo_markdown_checks_out(demo, tmp_path, tables, mermaid_source):
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"md"}, {"stakeholders"},
                              generated_at=STAMP)
    markdown = path.read_text(encoding="utf-8")
    with reading(engine) as session:
        stored = stakeholder_repo.load(session, workspace.id)
    check_chart(mermaid_source(markdown), stored.chart.people)
    assert "- **Status:** agreed (revision 4, saved 2026-11-18)" in markdown
    assert "Stuck since agreed revision 2" in markdown
    grid = tables(markdown)[0]
    assert grid[1][2].startswith("Engage fully (3): ")


def test_registry_yaml_is_what_render_yaml_writes(demo, tmp_path):
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"stakeholders"},
                              generated_at=STAMP)
    with reading(engine) as session:
        stored = stakeholder_repo.load(session, workspace.id)
    assert path.read_text(encoding="utf-8") == render_yaml(stored.chart, generated_at=STAMP)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data) == ["kind", "version", "generated_at", "plan", "stakeholders"]
    assert (data["kind"], data["version"]) == ("workbench/stakeholder-chart", 1)
    assert list(data["stakeholders"][0]) == list(PERSON_KEYS)
    assert len(data["stakeholders"]) == 12


def test_whole_workspace_export_includes_the_chart(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, generated_at=STAMP)
    assert {"stakeholders.md", "stakeholders.yaml"} <= {p.name for p in paths}
    assert "stakeholders" in exporter_names()


def test_workspace_without_a_chart_exports_no_chart_files(engine, tmp_path):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Empty")
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, generated_at=STAMP)
    assert not any(p.name.startswith("stakeholders") for p in paths)


def test_export_day_is_the_context_day_then_generated_at_then_the_last_save():
    saved = datetime(2026, 11, 18, 10, 0)
    assert export_day(ExportContext(session=None, workspace=None), saved) == saved.date()
    ctx = ExportContext(session=None, workspace=None, generated_at=STAMP)
    assert export_day(ctx, saved) == STAMP.date()
    ctx = ExportContext(session=None, workspace=None, generated_at=STAMP,
                        today=date(2026, 1, 2))
    assert export_day(ctx, saved) == date(2026, 1, 2)


def test_demo_export_without_a_date_is_deterministic(demo, tmp_path):
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"md"}, {"stakeholders"})
    text = path.read_text(encoding="utf-8")
    assert "**Overdue for contact on 2026-11-18:**" in text  # the day of the last save
    assert "_Generated" not in text


def test_the_hostile_chart_round_trips_but_for_the_bidi_name(tmp_path):
    report = report_of(hostile_chart())
    target = tmp_path / "stakeholders.yaml"
    target.write_text(render_yaml(report.chart), encoding="utf-8")
    # Everyone but the name with bidirectional controls, which the importer refuses.
    importable = [p for p in report.chart.people if "\u202e" not in p.name]
    assert len(importable) == len(report.chart.people) - 1
    with pytest.raises(ChartImportError, match="U\\+202E"):
        read_chart_file(target)
    clean = replace(report, chart=replace(report.chart, people=tuple(importable)))
    target.write_text(render_yaml(clean.chart), encoding="utf-8")
    assert read_chart_file(target) == replace(clean.chart, version=0)
