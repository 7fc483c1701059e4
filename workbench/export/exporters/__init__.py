"""Built-in exporters. Every module here is imported when the export registry is first used;
each registers its functions with ``@exporter(...)``. Add a feature's exporter as a new
module (names starting with ``_`` are skipped)."""
