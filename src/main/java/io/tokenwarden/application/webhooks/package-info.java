/**
 * Webhooks: the outbox written in the transaction of each state change ({@link
 * io.tokenwarden.application.webhooks.WebhookEvents}), the delivery any node runs from it, and the
 * endpoints' management (ADR 0052).
 */
package io.tokenwarden.application.webhooks;
