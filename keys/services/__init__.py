"""The keys app's write side. Callers import from here; the submodules are an implementation detail."""

from keys.services.policy import PolicyOutcome, key_maintenance_run, key_rotation_policy_apply
from keys.services.rekey import RekeyResult, call_rekey, call_rekey_finish
from keys.services.rewrap import RewrapBatchResult, RewrapPlan, key_rewrap_batch, key_rewrap_finish, key_rewrap_plan
from keys.services.rotation import (
    KeyVersionError,
    RotationResult,
    key_rotation_start,
    key_version_destroy,
    key_version_retire,
    key_versions_promote_due,
)
from keys.services.sealing import data_keys_shred, key_caches_clear, open_for, seal_for, shred_call
from keys.services.state import NoPrimaryKeyError, key_versions_bootstrap

__all__ = [
    "KeyVersionError",
    "NoPrimaryKeyError",
    "PolicyOutcome",
    "RekeyResult",
    "RewrapBatchResult",
    "RewrapPlan",
    "RotationResult",
    "call_rekey",
    "call_rekey_finish",
    "data_keys_shred",
    "key_caches_clear",
    "key_maintenance_run",
    "key_rewrap_batch",
    "key_rewrap_finish",
    "key_rewrap_plan",
    "key_rotation_policy_apply",
    "key_rotation_start",
    "key_version_destroy",
    "key_version_retire",
    "key_versions_bootstrap",
    "key_versions_promote_due",
    "open_for",
    "seal_for",
    "shred_call",
]
