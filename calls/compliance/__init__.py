"""The compliance officer's side of calls: review, retention, legal hold, erasure, export, dashboard.

The webhook side of ``calls`` writes calls; this package reads them for people and removes them
when policy or a data subject says so. Every write here takes an ``actor`` and audits itself in
the same transaction.
"""
