"""A fixed redaction workload to count instructions with valgrind, where wall and CPU time are noise.

On a shared host CPU time moves by 1.7x between identical runs; the number of instructions the
engine executes does not. Run each workload under callgrind and subtract ``none`` (import, the
workloads' input and warm-up) from the other two:

    for w in none fragments transcripts; do
        valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
            .venv-bench/bin/python -m bench.redaction.instructions $w 2>&1 | grep Collected
    done

``fragments`` redacts the 1,452 fragments of ``generate(7, 600)`` (finals and partials, with their
questions); ``transcripts`` three 10,000-word transcripts, two dense and one with 1 line in 10 PII.

Each kind of long text can also be counted alone, two 10,000-word texts of it: ``dense``,
``sparse`` (PII on 1 line in 10), ``rare`` (1 line in 40) and ``conversation`` (answers after
their questions, read as stored). For those, subtract the same kind run with ``--dry``, which
makes the texts and warms up but redacts nothing (``instructions dense --dry``).

Set ``PYTHONHASHSEED=0`` so that two runs of one engine give the same count.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from redaction import redact

from .fragments import conversation, generate, transcript

_KINDS: dict[str, Callable[[], list[str]]] = {
    "dense": lambda: [transcript(generate(1007 + i, 2000), 10_000) for i in range(2)],
    "sparse": lambda: [transcript(generate(2007 + i, 2000), 10_000, pii_every=10) for i in range(2)],
    "rare": lambda: [transcript(generate(5007 + i, 2000), 10_000, pii_every=40) for i in range(2)],
    "conversation": lambda: [conversation(generate(4007 + i, 2000), 10_000).text for i in range(2)],
}
_WORKLOADS = ("none", "fragments", "transcripts", *_KINDS)


def main() -> None:
    args = sys.argv[1:]
    workload = args[0] if args else "none"
    if workload not in _WORKLOADS or args[1:] not in ([], ["--dry"]):
        sys.exit(f"usage: instructions WORKLOAD [--dry], WORKLOAD one of {', '.join(_WORKLOADS)}")
    dry = args[1:] == ["--dry"] or workload == "none"
    if workload in _KINDS:
        texts = _KINDS[workload]()
        fragments = []
    else:
        fragments = generate(7, 600)
        texts = [transcript(generate(1007 + i, 2000), 10_000) for i in range(2)]
        texts.append(transcript(generate(2007, 2000), 10_000, pii_every=10))
    redact("warm up: my social is 123 45 6789 and my name is John")
    if dry:
        return
    if workload == "fragments":
        for f in fragments:
            redact(f.text, f.question, partial=f.partial)
    else:
        for text in texts:
            redact(text)


if __name__ == "__main__":
    main()
