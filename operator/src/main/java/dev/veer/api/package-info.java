/**
 * Custom resource classes of the {@code veer.dev/v1alpha1} API. Data only: no logic lives here. Every field carries a
 * description, which becomes {@code kubectl explain} output and the OLM form; invariants are expressed as schema
 * defaults, bounds and CEL rules so that the API server rejects bad input before Veer sees it.
 */
package dev.veer.api;
