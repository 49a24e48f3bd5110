package io.tokenwarden.infrastructure.persistence;

import java.util.UUID;

/**
 * The tenant on whose behalf the current thread works. Hibernate reads it when it opens a session;
 * {@link TenantScope} sets and restores it around each unit of work. {@link #ROOT} is the explicit
 * cross-tenant context of the scheduler and the admin console.
 */
public final class TenantContext {

  /** The cross-tenant context: Hibernate applies no tenant filter. */
  public static final UUID ROOT = new UUID(0L, 0L);

  private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /** The current tenant id, {@link #ROOT}, or null when no unit of work has been opened. */
  public static UUID current() {
    return CURRENT.get();
  }

  static UUID enter(UUID tenantId) {
    UUID previous = CURRENT.get();
    CURRENT.set(tenantId);
    return previous;
  }

  static void restore(UUID previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
