/**
 * Application layer: each tenant's audit trail. {@link io.tokenwarden.application.audit.AuditTrail}
 * writes one {@code refresh_event} row per token-endpoint call or person-made status change, inside
 * the unit of work that made the change, so the event and the change commit together or not at all.
 * Details are messages for a person and never hold a token; the maintenance job prunes rows past
 * their retention.
 */
package io.tokenwarden.application.audit;
