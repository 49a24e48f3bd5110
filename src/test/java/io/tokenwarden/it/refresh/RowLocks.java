package io.tokenwarden.it.refresh;

import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Test probe: interleaves two writers of one connection row exactly. One transaction locks the row,
 * changes it and holds the lock until the test lets it commit; the competing operation runs on
 * another managed thread, and the test sees when it waits for that lock. Deployed with
 * RefreshRacesIT and ProviderWideIT.
 */
@ApplicationScoped
public class RowLocks {

  @Inject TenantScope scope;

  @Inject FreeAgentConnections connections;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  /**
   * Locks the tenant's row, applies {@code change} and flushes it; commits on {@link Held#commit}.
   */
  public Held lockAndChange(UUID tenantId, Consumer<FreeAgentConnection> change) throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> committed =
        executor.submit(
            () ->
                scope.asTenant(
                    tenantId,
                    () -> {
                      change.accept(connections.currentForUpdate().orElseThrow());
                      em.flush();
                      locked.countDown();
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    }));
    if (!locked.await(30, TimeUnit.SECONDS)) {
      committed.get(1, TimeUnit.SECONDS); // surfaces why the lock was not taken
      throw new IllegalStateException("the row was not locked within 30 s");
    }
    return new Held(release, committed);
  }

  /** Starts {@code work} on another managed thread. */
  public <T> Running<T> start(Supplier<T> work) {
    AtomicReference<Thread> thread = new AtomicReference<>();
    Future<T> result =
        executor.submit(
            () -> {
              thread.set(Thread.currentThread());
              return work.get();
            });
    return new Running<>(thread, result);
  }

  /** A transaction holding a row lock over its uncommitted change. */
  public record Held(CountDownLatch release, Future<?> committed) {
    public void commit() throws Exception {
      release.countDown();
      committed.get(30, TimeUnit.SECONDS);
    }
  }

  /** An operation running on another thread. */
  public record Running<T>(AtomicReference<Thread> thread, Future<T> result) {

    /**
     * Whether it is waiting inside the database (for a lock) below a method of that name. H2 waits
     * for a row lock in Java ({@code WAITING} in its own frames); PostgreSQL's driver waits in a
     * socket read for the server's answer, so there a thread inside the driver counts (the method
     * under test issues the locking statement first).
     */
    public boolean waitsInDatabaseBelow(String methodName) {
      Thread t = thread.get();
      if (t == null) {
        return false;
      }
      Thread.State state = t.getState();
      StackTraceElement[] stack = t.getStackTrace();
      boolean inMethod = Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals(methodName));
      boolean h2Waits =
          (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
              && Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.h2."));
      boolean postgresWaits =
          Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.postgresql."));
      return inMethod && (h2Waits || postgresWaits);
    }

    public T get() throws Exception {
      return result.get(30, TimeUnit.SECONDS);
    }
  }
}
