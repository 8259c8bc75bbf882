"""Throughput of sealing, opening and re-wrapping (``make bench-keys``); see ``docs/keys.md``."""
