"""Evaluation harness for redaction/: seeded speech-like fragments, three engines, one table.

Run ``python -m bench.redaction --seed 7 --n 3000`` (``make bench-redaction``). The generator
(generator.py) knows nothing about the engine's rules: it renders PII the ways speech-to-text
writes it and mixes in number-heavy sentences that are not PII; the scorer (scorer.py) compares
the spans each engine redacts against the generator's gold spans.
"""
