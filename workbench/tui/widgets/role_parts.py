"""The parts of the SRE role description as blocks for the parts column: its title and
purpose, responsibilities, skills and the technical stack (optional), each with the whole
of its content and marked from what is missing."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding
from textual.content import Content

from workbench.tui.widgets.document_parts import (
    DONE,
    MISSING,
    OPTIONAL,
    PartBlock,
    PartsColumn,
    bullets,
)

ROLE_PARTS = ("title", "responsibilities", "skills", "stack")
ROLE_TITLES = {"title": "Title and purpose", "responsibilities": "Responsibilities",
               "skills": "Skills", "stack": "Technical stack"}


def role_part(path: str) -> str:
    head = path.split(".", 1)[0].split("[", 1)[0]
    return head if head in ROLE_PARTS else "title"


def role_blocks(view: Any) -> list[PartBlock]:
    role = view.role
    notes: dict[str, list[str]] = {}
    for missing in view.missing:
        notes.setdefault(role_part(missing.part), []).append(missing.message)
    purpose = " ".join(role.purpose.split()) or "purpose not written yet: what the role is " \
                                                "for in this organisation"
    bodies = {
        "title": Content.assemble((role.title, "bold"), "\n", purpose),
        "responsibilities": bullets(role.responsibilities),
        "skills": bullets(role.skills),
        "stack": bullets(role.stack, empty="none named (optional): the technologies the "
                                           "role works with, a plus when hiring"),
    }
    blocks = []
    for key in ROLE_PARTS:
        found = notes.get(key, [])
        state = MISSING if found else OPTIONAL if key == "stack" and not role.stack else DONE
        blocks.append(PartBlock(key, ROLE_TITLES[key], bodies[key], state, tuple(found)))
    return blocks


class RoleParts(PartsColumn):
    """The parts of the SRE role; enter (or e) edits the one selected."""

    HELP_GROUP = "Parts of the role"
    BINDINGS: ClassVar = [
        Binding("e,enter", "screen.edit_part", "Edit", id="role-edit",
                tooltip="Edit the selected part of the SRE role (its own dialog)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(ROLE_PARTS, id=id)
