"""Full re-key of one call: a new data key, and every sealed field of the call re-encrypted under it.

For a suspected compromise of a single data key (re-wrapping only changes the KEK around the same
DEK, which does not help then). Sealed fields are found by name: every ``*_sealed`` field of the
call and of each model pointing at it (today ``Call.*_sealed`` and ``TranscriptSegment.text_sealed``).

Processes may still hold the old key in their in-process cache for up to
``VOICEGUARD_DEK_CACHE_SECONDS`` and seal a new segment with it. So the old key stays wrapped on the
``DataKey`` row (``previous_*``) for that long; ``call_rekey_finish`` then re-seals anything still
under it and deletes it. Everything happens in one transaction per step, with the audit event.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import models, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from keys import envelope, kek
from keys.envelope import KeyShreddedError
from keys.models import DataKey
from keys.services import state
from keys.services.sealing import dek_cache, unwrap

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class RekeyResult:
    call_id: str
    old_data_key: str | None
    new_data_key: str | None
    fields_resealed: int


def call_rekey(*, call_id: uuid.UUID | str, actor: User | None) -> RekeyResult:
    from calls.models import Call

    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call_id)
        row = DataKey.objects.select_for_update().filter(call_id=call.pk).first()
        if row is None:
            return RekeyResult(str(call.pk), None, None, 0)  # nothing was ever sealed for it
        if row.shredded_at is not None or row.wrapped is None:
            raise KeyShreddedError(f"the data key of call {call.pk} was shredded; there is nothing to re-key")
        if row.previous_id is not None:
            _finish(row, call)
            row.refresh_from_db()
        old_aead = unwrap(call_id=str(call.pk), dek_id=row.id, version=row.kek_version, wrapped=row.wrapped)
        version = state.primary_version()
        dek, new_id = envelope.new_dek(), uuid.uuid4()
        wrapped = envelope.wrap_dek(kek=kek.kek(version), kek_version=version, call_id=str(call.pk), dek_id=new_id, dek=dek)
        state.count_wrap(version)
        resealed = _reseal(call, {row.id: old_aead}, new_id, AESGCM(dek), only_from=None)
        DataKey.objects.filter(pk=row.id).update(
            id=new_id,
            wrapped=wrapped,
            kek_version=version,
            created_at=timezone.now(),
            previous_id=row.id,
            previous_wrapped=row.wrapped,
            previous_kek_version=row.kek_version,
            rekeyed_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CALL_REKEYED,
            target=call,
            extra={"old_data_key": str(row.id), "new_data_key": str(new_id), "kek_version": version, "fields": resealed},
        )
        call_pk = str(call.pk)
        transaction.on_commit(lambda: dek_cache.drop(call_pk))
        transaction.on_commit(lambda: _schedule_finish(call_pk))
    return RekeyResult(call_pk, str(row.id), str(new_id), resealed)


def call_rekey_finish(*, call_id: uuid.UUID | str) -> int:
    """Re-seal fields still under the replaced key and delete it. Idempotent."""
    from calls.models import Call

    with transaction.atomic():
        call = Call.objects.select_for_update().filter(pk=call_id).first()
        row = DataKey.objects.select_for_update().filter(call_id=call_id).first()
        if call is None or row is None or row.previous_id is None:
            return 0
        return _finish(row, call)


def _finish(row: DataKey, call: models.Model) -> int:
    assert row.previous_id is not None and row.previous_kek_version is not None and row.wrapped is not None
    call_id = str(call.pk)
    previous = unwrap(call_id=call_id, dek_id=row.previous_id, version=row.previous_kek_version, wrapped=row.previous_wrapped)
    current = unwrap(call_id=str(call.pk), dek_id=row.id, version=row.kek_version, wrapped=row.wrapped)
    resealed = _reseal(call, {row.previous_id: previous}, row.id, current, only_from=row.previous_id)
    DataKey.objects.filter(pk=row.id).update(previous_id=None, previous_wrapped=None, previous_kek_version=None)
    return resealed


def _reseal(
    call: models.Model, old: dict[uuid.UUID, AESGCM], new_id: uuid.UUID, new: AESGCM, *, only_from: uuid.UUID | None
) -> int:
    count = 0
    for record, names in _sealed_records(call):
        changed: dict[str, Any] = {}
        for name in names:
            value = getattr(record, name)
            if not value:
                continue
            value = bytes(value)
            dek_id = envelope.header_dek_id(value)
            if only_from is not None and dek_id != only_from:
                continue
            if dek_id not in old:
                raise envelope.DecryptionError(f"{record._meta.label_lower}.{name} of {record.pk} is under an unknown data key")
            context = envelope.payload_context(label=record._meta.label_lower, field=name, record_id=str(record.pk))
            plaintext = envelope.open_sealed(dek=old[dek_id], dek_id=dek_id, context=context, ciphertext=value)
            changed[name] = envelope.seal(dek=new, dek_id=new_id, context=context, plaintext=plaintext)
        if changed:
            type(record)._default_manager.filter(pk=record.pk).update(**changed)
            count += len(changed)
    return count


def _sealed_records(call: models.Model) -> list[tuple[models.Model, list[str]]]:
    found: list[tuple[models.Model, list[str]]] = [(call, _sealed_names(type(call)))]
    for relation in call._meta.related_objects:
        model = relation.related_model
        if not isinstance(model, type) or model is DataKey or not relation.one_to_many:
            continue
        names = _sealed_names(model)
        if names:
            rows = model._default_manager.select_for_update().filter(**{relation.field.name: call})
            found.extend((row, names) for row in rows)
    return found


def _sealed_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name.endswith("_sealed")]


def _schedule_finish(call_id: str) -> None:
    from django.conf import settings

    from keys.tasks import call_rekey_finish as task

    if settings.CELERY_TASK_ALWAYS_EAGER:
        task.delay(call_id)
    else:
        task.apply_async(args=(call_id,), countdown=settings.VOICEGUARD_DEK_CACHE_SECONDS + 1)
