"""Exporting a workspace to Markdown and YAML files. Depends on the store and domain only."""

from workbench.export.markdown import md_escape, md_paragraphs
from workbench.export.names import safe_path, slugify, unique_slugs
from workbench.export.registry import (
    FORMATS,
    REGISTRY,
    ExportContext,
    Exporter,
    ExporterRegistry,
    ExportFile,
    available_formats,
    export_workspace,
    exporter,
    exporter_names,
)

__all__ = [
    "FORMATS",
    "REGISTRY",
    "ExportContext",
    "ExportFile",
    "Exporter",
    "ExporterRegistry",
    "available_formats",
    "export_workspace",
    "exporter",
    "exporter_names",
    "md_escape",
    "md_paragraphs",
    "safe_path",
    "slugify",
    "unique_slugs",
]
