"""Pure domain models and rules: no Textual, no SQL, no I/O."""
