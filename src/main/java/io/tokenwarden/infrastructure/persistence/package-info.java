/**
 * Persistence infrastructure: the Flyway migrations run before Hibernate starts, the tenant context
 * Hibernate reads for {@code @TenantId} filtering, and {@link
 * io.tokenwarden.infrastructure.persistence.TenantScope}, the one way application code opens a unit
 * of work as a tenant or as root.
 */
package io.tokenwarden.infrastructure.persistence;
