"""Webhook intake: what happens to a Vapi message between a verified request and the response.

``calls.intake.service.webhook_message_process`` is the one entry point (the view calls it after
verifying the request). Every message is redacted in memory before any part of it is kept, logged,
cached or answered; the raw message lives only in that request's memory. The modules:

* ``cache``: the shared cache behind a breaker, so a Redis outage degrades a webhook instead of failing it.
* ``state``: per-call state in the cache (who is speaking, the last redacted utterances, the hint).
* ``replay``: the responses already given, by digest, so a retry gets the same answer.
* ``extract``: lenient readers for Vapi's many message shapes.
* ``tools``: running registered tool handlers under a deadline.
* ``handlers``: one function per ``message.type``.
"""
