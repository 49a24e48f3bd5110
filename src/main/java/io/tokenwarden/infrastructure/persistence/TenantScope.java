package io.tokenwarden.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction as one tenant or as root. A JPA persistence context is
 * bound to the tenant it was opened for, so each call starts a new transaction (and with it a new
 * session) rather than joining the caller's.
 */
@ApplicationScoped
public class TenantScope {

  @Inject NewTransaction newTransaction;

  /** Runs {@code work} where only {@code tenantId}'s tenant-owned rows exist. */
  public <T> T asTenant(UUID tenantId, Supplier<T> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (TenantContext.ROOT.equals(tenantId)) {
      throw new IllegalArgumentException("Use asRoot for cross-tenant work");
    }
    return run(tenantId, work);
  }

  /** Runs {@code work} across all tenants: the scheduler's and the console's context. */
  public <T> T asRoot(Supplier<T> work) {
    return run(TenantContext.ROOT, work);
  }

  /** Runs {@code work} as root without a result. */
  public void asRoot(Runnable work) {
    run(
        TenantContext.ROOT,
        () -> {
          work.run();
          return null;
        });
  }

  private <T> T run(UUID tenantId, Supplier<T> work) {
    UUID previous = TenantContext.enter(tenantId);
    try {
      return newTransaction.call(work);
    } finally {
      TenantContext.restore(previous);
    }
  }
}
