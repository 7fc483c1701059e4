"""The terminal user interface. Only this package imports Textual; build the app with
``workbench.tui.app.build_app``."""
