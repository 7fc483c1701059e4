"""Typer sub-commands, one module per area. Keep imports of SQLModel, the store and Textual
inside the command functions so ``workbench --help`` stays fast."""
