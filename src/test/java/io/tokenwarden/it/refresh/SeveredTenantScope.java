package io.tokenwarden.it.refresh;

import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Test double for a database cut off from this node, which the embedded H2 cannot play: while
 * {@link #severed} is on, every unit of work fails the way Hibernate reports a connection it cannot
 * get from the pool ({@link JDBCConnectionException} over SQL state 08001), before any work runs.
 * Otherwise it is the real {@link TenantScope}. Deployed only with {@link
 * HandOutWithoutDatabaseIT}.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class SeveredTenantScope extends TenantScope {

  public static volatile boolean severed;

  @Override
  public <T> T asTenant(UUID tenantId, Supplier<T> work) {
    failIfSevered();
    return super.asTenant(tenantId, work);
  }

  @Override
  public <T> T asRoot(Supplier<T> work) {
    failIfSevered();
    return super.asRoot(work);
  }

  @Override
  public void asRoot(Runnable work) {
    failIfSevered();
    super.asRoot(work);
  }

  private static void failIfSevered() {
    if (severed) {
      throw new JDBCConnectionException(
          "Unable to acquire JDBC Connection",
          new SQLTransientConnectionException("Connection refused (database cut off)", "08001"));
    }
  }
}
