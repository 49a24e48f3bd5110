/**
 * Application layer: tenant administration shared by the operator console and the admin API. {@link
 * io.tokenwarden.application.tenants.TenantService} creates a tenant together with its PENDING
 * connection in one transaction, finds and renames tenants, disconnects one (erasing its stored
 * tokens) and deletes one with everything it owns; {@link
 * io.tokenwarden.application.tenants.TenantConnections} gives read-only views of connections, never
 * their token ciphertexts.
 */
package io.tokenwarden.application.tenants;
