"""wikireuse benchmarks; run them all with ``python -m benchmarks``."""
