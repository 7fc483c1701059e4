"""SRE Workbench: a local-first terminal workbench for SRE coaches and teams."""

__version__ = "0.1.0"
