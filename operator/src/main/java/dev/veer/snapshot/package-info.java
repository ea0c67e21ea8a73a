/**
 * Versioned snapshots: every version of a rollout (and of a watched configuration) is an immutable, numbered
 * {@link dev.veer.api.Snapshot}. A snapshot is named after its owner and content hash, so recording one is
 * idempotent: an operator restarted between creating a snapshot and writing its owner's status finds it again by
 * name and reuses its revision number.
 */
package dev.veer.snapshot;
