"""A fixed redaction workload to count instructions with valgrind, where wall and CPU time are noise.

On a shared host CPU time moves by 1.7x between identical runs; the number of instructions the
engine executes does not. Run each workload under callgrind and subtract ``none`` (import and
warm-up) from the other two:

    for w in none fragments transcripts; do
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
            .venv-bench/bin/python -m bench.redaction.instructions $w 2>&1 | grep Collected
    done

``fragments`` redacts the 1,452 fragments of ``generate(7, 600)`` (finals and partials, with their
questions); ``transcripts`` three 10,000-word transcripts, two dense and one with 1 line in 10 PII.
Set ``PYTHONHASHSEED=0`` so that two runs of one engine give the same count.
"""

from __future__ import annotations

import sys

from redaction import redact

from .fragments import generate, transcript


def main() -> None:
    workload = sys.argv[1] if len(sys.argv) > 1 else "none"
    if workload not in ("none", "fragments", "transcripts"):
        sys.exit(f"unknown workload {workload!r}: none, fragments or transcripts")
    fragments = generate(7, 600)
    texts = [transcript(generate(1007 + i, 2000), 10_000) for i in range(2)]
    texts.append(transcript(generate(2007, 2000), 10_000, pii_every=10))
    redact("warm up: my social is 123 45 6789 and my name is John")
    if workload == "fragments":
        for f in fragments:
            redact(f.text, f.question, partial=f.partial)
    elif workload == "transcripts":
        for text in texts:
            redact(text)


if __name__ == "__main__":
    main()
