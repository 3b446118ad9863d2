"""Private readers behind ``fabula.stages.ingest``: one module per source format, plus shared helpers."""
