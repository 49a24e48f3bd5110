package io.tokenwarden.application.refresh;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * This node's refreshes in progress, one per tenant: a second caller for the same tenant waits for
 * the first one's result instead of starting another refresh. Across nodes the lease does the same
 * job; this map only spares the database the polling of callers on the same node.
 */
public final class InFlightRefreshes {

  private final ConcurrentHashMap<UUID, CompletableFuture<RefreshResult>> running =
      new ConcurrentHashMap<>();

  /**
   * Runs {@code work} for {@code tenantId}, or waits up to {@code maxWait} for the one already
   * running and returns its result.
   *
   * @throws RefreshStillRunningException when the running one took longer than {@code maxWait}
   */
  public RefreshResult runOrJoin(UUID tenantId, Supplier<RefreshResult> work, Duration maxWait) {
    CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
    CompletableFuture<RefreshResult> existing = running.putIfAbsent(tenantId, mine);
    if (existing != null) {
      return await(existing, maxWait);
    }
    return runAs(tenantId, mine, work);
  }

  /** Runs {@code work} unless a refresh for the tenant is already running here (then empty). */
  public Optional<RefreshResult> runUnlessRunning(UUID tenantId, Supplier<RefreshResult> work) {
    CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
    if (running.putIfAbsent(tenantId, mine) != null) {
      return Optional.empty();
    }
    return Optional.of(runAs(tenantId, mine, work));
  }

  /** Whether a refresh for the tenant is in progress on this node. */
  public boolean isRunning(UUID tenantId) {
    return running.containsKey(tenantId);
  }

  private RefreshResult runAs(
      UUID tenantId, CompletableFuture<RefreshResult> mine, Supplier<RefreshResult> work) {
    try {
      RefreshResult result = work.get();
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      running.remove(tenantId, mine);
    }
  }

  private static RefreshResult await(CompletableFuture<RefreshResult> future, Duration maxWait) {
    try {
      return future.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new RefreshStillRunningException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RefreshStillRunningException();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("The refresh failed: " + e.getCause().getClass().getName());
    }
  }

  /** The refresh this caller waited for has not finished within the wait. */
  public static final class RefreshStillRunningException extends RuntimeException {
    public RefreshStillRunningException() {
      super("A refresh for this tenant is still running", null, false, false);
    }
  }
}
