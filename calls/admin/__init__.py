"""The calls side of the compliance admin: call review, holds, retention policy, erasure, records.

Nothing here can change or delete a call or a transcript: calls leave only through the retention
purge or an erasure request, and every change that is allowed goes through a service that audits it.
"""

from calls.admin import call, records  # noqa: F401  (importing registers the ModelAdmins)
