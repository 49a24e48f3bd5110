/**
 * Application layer: the API keys that the SaaS's services (TOKEN keys) and automation (ADMIN keys)
 * present. {@link io.tokenwarden.application.apikeys.ApiKeyService} issues a key ({@code tw_} plus
 * 256 random bits, shown once, stored only as its SHA-256), authenticates presented keys through a
 * short per-node cache so the hand-out's hot path needs no database, and revokes keys; {@link
 * io.tokenwarden.application.apikeys.BootstrapAdminKey} registers a configured ADMIN key at
 * start-up. Keys are cross-tenant rows, managed in the root context.
 */
package io.tokenwarden.application.apikeys;
