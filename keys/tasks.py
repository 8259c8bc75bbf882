"""Celery tasks of the keys app. They take ids, call a service, and are safe to run twice.

The sweeper re-queries the table instead of trusting that every batch it dispatched ran, and
re-dispatches itself until nothing is left on an older KEK version. Self-chaining is bounded by
``MAX_SWEEP_HOPS``; with tasks running eagerly (no broker) a hop never waits, so it never chains
just to wait.
"""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task

MAX_SWEEP_HOPS = 500


@shared_task(name="keys.tasks.key_rewrap_range", acks_late=True)
def key_rewrap_range(first_id: str, last_id: str) -> int:
    from keys.services import key_rewrap_batch

    return key_rewrap_batch(first_id=first_id, last_id=last_id).rewrapped


@shared_task(name="keys.tasks.key_rewrap_sweep", bind=True, acks_late=True)
def key_rewrap_sweep(self: Task, hops: int = 0) -> dict[str, Any]:
    from django.conf import settings

    from keys.services import key_rewrap_finish, key_rewrap_plan

    plan = key_rewrap_plan()
    for first_id, last_id in plan.ranges:
        key_rewrap_range.delay(first_id, last_id)
    if plan.finished:
        return {"remaining": 0, "finished": key_rewrap_finish()}
    eager = bool(self.request.is_eager)
    if hops < MAX_SWEEP_HOPS and (plan.ranges or not eager):
        # Give the dispatched batches time to run before looking again (~10,000 keys/s is conservative).
        countdown = 0 if eager else min(300, max(5, plan.remaining // 10_000))
        if not plan.ranges:
            countdown = max(countdown, settings.VOICEGUARD_KEYRING_CACHE_SECONDS // 2)
        key_rewrap_sweep.apply_async(kwargs={"hops": hops + 1}, countdown=countdown)
    return {"remaining": plan.remaining, "finished": False}


@shared_task(name="keys.tasks.call_rekey", acks_late=True)
def call_rekey(call_id: str, actor_id: int | None = None) -> int:
    from accounts.models import User
    from keys.services import call_rekey as rekey

    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    return rekey(call_id=call_id, actor=actor).fields_resealed


@shared_task(name="keys.tasks.call_rekey_finish", acks_late=True)
def call_rekey_finish(call_id: str) -> int:
    from keys.services import call_rekey_finish as finish

    return finish(call_id=call_id)


@shared_task(name="keys.tasks.key_versions_promote_due", acks_late=True)
def key_versions_promote_due() -> list[int]:
    from keys.services import key_versions_promote_due as promote

    return promote(actor=None)


@shared_task(name="keys.tasks.key_maintenance")
def key_maintenance() -> list[int]:
    from keys.services import key_maintenance_run

    promoted, sweep = key_maintenance_run()
    if sweep and not promoted:  # a promotion already queued its own sweep
        key_rewrap_sweep.delay()
    return promoted


@shared_task(name="keys.tasks.key_rotation_policy_apply")
def key_rotation_policy_apply() -> bool:
    from keys.services import key_rotation_policy_apply as apply

    return apply(actor=None).due
