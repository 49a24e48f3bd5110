package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This node's refreshes in progress, one per tenant: a second caller for the same tenant waits for
 * the first one's result instead of starting another refresh, as a future it can wait on without a
 * thread. Across nodes the lease does the same job; this map only spares the database the polling
 * of callers on the same node. An on-demand caller registers before it holds the lease, so when it
 * finds its own node's tick holding it, it steps aside ({@link #stepAside} with its {@link Place})
 * and the tick's refresh, waiting in {@link #awaitVacant}, runs. A stopping node closes it: no new
 * refresh starts, and the running ones are drained. A bean of its own, without configuration, so
 * the stop can reach it even when nothing refreshed on demand yet.
 */
@ApplicationScoped
public class InFlightRefreshes {

  private final ConcurrentHashMap<UUID, Running> running = new ConcurrentHashMap<>();

  private volatile boolean closed;

  /**
   * Runs {@code work} for {@code tenantId}, or waits up to {@code maxWait} for the one already
   * running and returns its result.
   *
   * @throws RefreshStillRunningException when the running one took longer than {@code maxWait}
   */
  public RefreshResult runOrJoin(UUID tenantId, Supplier<RefreshResult> work, Duration maxWait) {
    return await(
        startOrJoin(tenantId, place -> CompletableFuture.completedFuture(work.get())), maxWait);
  }

  /**
   * Starts {@code work} for {@code tenantId}, or joins the one already running here, without
   * waiting: the answer is the future of the refresh's result. The work runs on this thread until
   * it hands back its future (the provider call itself, or a wait it arranged elsewhere); the
   * tenant's place stays taken until that future completes, or until the work steps aside with the
   * {@link Place} it was given. A joiner holds no thread while it waits.
   */
  public CompletableFuture<RefreshResult> startOrJoin(
      UUID tenantId, Function<Place, CompletableFuture<RefreshResult>> work) {
    Running mine = new Running();
    Running existing = running.putIfAbsent(tenantId, mine);
    if (existing != null) {
      // A dependent copy: a joiner that gives up cannot complete the runner's future.
      return existing.result().thenApply(result -> result);
    }
    CompletableFuture<RefreshResult> started;
    try {
      started = work.apply(new Place(tenantId, mine));
    } catch (RuntimeException | Error e) {
      mine.result().completeExceptionally(e);
      vacate(tenantId, mine);
      throw e;
    }
    started.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            mine.result().completeExceptionally(unwrap(failure));
          } else {
            mine.result().complete(result);
          }
          vacate(tenantId, mine);
        });
    return mine.result().thenApply(result -> result);
  }

  /** Runs {@code work} unless a refresh for the tenant is already running here (then empty). */
  public Optional<RefreshResult> runUnlessRunning(UUID tenantId, Supplier<RefreshResult> work) {
    Running mine = new Running();
    if (running.putIfAbsent(tenantId, mine) != null) {
      return Optional.empty();
    }
    return Optional.of(runAs(tenantId, mine, work));
  }

  /**
   * Called from the work started with {@code place}: it gives the tenant's place to a refresh of
   * this node that holds the lease; its own joiners still get its result.
   */
  public void stepAside(Place place) {
    if (running.remove(place.tenantId(), place.running())) {
      place.running().vacated().complete(null);
    }
  }

  /**
   * Waits until no work runs for {@code tenantId} here (it finished or stepped aside).
   *
   * @return false when it still runs after {@code maxWait}
   */
  public boolean awaitVacant(UUID tenantId, Duration maxWait) {
    Running entry = running.get(tenantId);
    if (entry == null) {
      return true;
    }
    try {
      entry.vacated().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a refresh for the tenant is in progress on this node. */
  public boolean isRunning(UUID tenantId) {
    return running.containsKey(tenantId);
  }

  /** The node is stopping: callers are to start no new refresh from now on. */
  public void close() {
    closed = true;
  }

  public boolean isClosed() {
    return closed;
  }

  /** How many refreshes are in progress on this node. */
  public int size() {
    return running.size();
  }

  /**
   * Waits until no refresh is in progress on this node, at most {@code maxWait} (a stopping node
   * drains); the refreshes' results and failures are their callers' business, not this wait's.
   *
   * @return how many are still in progress
   */
  public int awaitIdle(Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (!running.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      CompletableFuture<?>[] now =
          running.values().stream().map(Running::result).toArray(CompletableFuture<?>[]::new);
      try {
        CompletableFuture.allOf(now).get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // a failed refresh has finished too; on timeout the loop ends on the deadline
      }
    }
    return running.size();
  }

  private RefreshResult runAs(UUID tenantId, Running mine, Supplier<RefreshResult> work) {
    try {
      RefreshResult result = work.get();
      mine.result().complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.result().completeExceptionally(e);
      throw e;
    } finally {
      vacate(tenantId, mine);
    }
  }

  private void vacate(UUID tenantId, Running mine) {
    running.remove(tenantId, mine);
    mine.vacated().complete(null);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
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

  /** One tenant's work here: its result, and when it gave the tenant's place up. */
  private record Running(CompletableFuture<RefreshResult> result, CompletableFuture<Void> vacated) {
    Running() {
      this(new CompletableFuture<>(), new CompletableFuture<>());
    }
  }

  /** The place a started work holds for its tenant; it steps aside with it. */
  public static final class Place {
    private final UUID tenantId;
    private final Running running;

    private Place(UUID tenantId, Running running) {
      this.tenantId = tenantId;
      this.running = running;
    }

    UUID tenantId() {
      return tenantId;
    }

    private Running running() {
      return running;
    }
  }

  /** The refresh this caller waited for has not finished within the wait. */
  public static final class RefreshStillRunningException extends RuntimeException {
    public RefreshStillRunningException() {
      super("A refresh for this tenant is still running", null, false, false);
    }
  }
}
