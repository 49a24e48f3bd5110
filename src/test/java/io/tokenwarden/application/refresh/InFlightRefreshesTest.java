package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightRefreshesTest {

  private final InFlightRefreshes inFlight = new InFlightRefreshes();
  private final UUID tenant = UUID.randomUUID();

  /** Fifty callers for one tenant: one refresh runs, all fifty get its result. */
  @Test
  void concurrentCallersShareOneRefresh() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    RefreshResult theResult = new RefreshResult(ConnectionStatus.CONNECTED, true, "ok");
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      CompletableFuture<RefreshResult> first =
          CompletableFuture.supplyAsync(
              () ->
                  inFlight.runOrJoin(
                      tenant,
                      () -> {
                        runs.incrementAndGet();
                        awaitGate(gate);
                        return theResult;
                      },
                      Duration.ofSeconds(30)),
              pool);
      await().until(() -> inFlight.isRunning(tenant));
      List<CompletableFuture<RefreshResult>> others = new ArrayList<>();
      for (int i = 0; i < 49; i++) {
        others.add(
            CompletableFuture.supplyAsync(
                () ->
                    inFlight.runOrJoin(
                        tenant,
                        () -> {
                          runs.incrementAndGet();
                          return new RefreshResult(ConnectionStatus.CONNECTED, true, "second");
                        },
                        Duration.ofSeconds(30)),
                pool));
      }
      await().until(() -> waitingThreads() >= 49);
      gate.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isSameAs(theResult);
      for (CompletableFuture<RefreshResult> other : others) {
        assertThat(other.get(10, TimeUnit.SECONDS)).isSameAs(theResult);
      }
      assertThat(runs).hasValue(1);
      assertThat(inFlight.isRunning(tenant)).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A refresh waits on another node's lease (its future is not done yet): a second caller gets a
   * future at once instead of a blocked thread, the tenant's place stays taken until the wait is
   * over, and both futures complete with the one result.
   */
  @Test
  void aJoinerGetsAFutureAndHoldsNoThread() {
    CompletableFuture<RefreshResult> otherNodesRefresh = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();

    CompletableFuture<RefreshResult> first =
        inFlight.startOrJoin(
            tenant,
            place -> {
              runs.incrementAndGet();
              return otherNodesRefresh;
            });
    CompletableFuture<RefreshResult> joiner =
        inFlight.startOrJoin(
            tenant,
            place -> {
              runs.incrementAndGet();
              return CompletableFuture.completedFuture(
                  new RefreshResult(ConnectionStatus.CONNECTED, true, "second"));
            });

    assertThat(first).isNotDone();
    assertThat(joiner).isNotDone();
    assertThat(inFlight.isRunning(tenant)).isTrue();
    RefreshResult stored = new RefreshResult(ConnectionStatus.CONNECTED, true, "stored elsewhere");
    otherNodesRefresh.complete(stored);

    assertThat(first).isCompletedWithValue(stored);
    assertThat(joiner).isCompletedWithValue(stored);
    assertThat(runs).hasValue(1);
    assertThat(inFlight.isRunning(tenant)).isFalse();
  }

  /** A joiner that gives up (its copy is cancelled) does not cancel the refresh it joined. */
  @Test
  void aJoinerGivingUpLeavesTheRefreshRunning() {
    CompletableFuture<RefreshResult> running = new CompletableFuture<>();
    CompletableFuture<RefreshResult> first = inFlight.startOrJoin(tenant, place -> running);
    CompletableFuture<RefreshResult> joiner =
        inFlight.startOrJoin(tenant, place -> new CompletableFuture<>());

    joiner.cancel(false);

    assertThat(first).isNotDone();
    assertThat(inFlight.isRunning(tenant)).isTrue();
    running.complete(new RefreshResult(ConnectionStatus.CONNECTED, true, "ok"));
    assertThat(first).isDone();
  }

  /** The scheduler's path does not wait: it backs off when a refresh is already running. */
  @Test
  void runUnlessRunningSkipsWhenBusy() {
    CountDownLatch gate = new CountDownLatch(1);
    CompletableFuture<RefreshResult> first =
        CompletableFuture.supplyAsync(
            () ->
                inFlight.runOrJoin(
                    tenant,
                    () -> {
                      awaitGate(gate);
                      return new RefreshResult(ConnectionStatus.CONNECTED, true, "ok");
                    },
                    Duration.ofSeconds(30)));
    await().until(() -> inFlight.isRunning(tenant));

    assertThat(inFlight.runUnlessRunning(tenant, () -> null)).isEmpty();
    gate.countDown();
    first.join();
    assertThat(
            inFlight.runUnlessRunning(
                tenant, () -> new RefreshResult(ConnectionStatus.CONNECTED, true, "x")))
        .isPresent();
  }

  /** A failed refresh does not leave the tenant marked as running. */
  @Test
  void failureReleasesTheTenant() {
    try {
      inFlight.runOrJoin(
          tenant,
          () -> {
            throw new IllegalStateException("boom");
          },
          Duration.ofSeconds(1));
    } catch (IllegalStateException expected) {
      // the caller sees the failure
    }
    assertThat(inFlight.isRunning(tenant)).isFalse();
  }

  private static long waitingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getState() == Thread.State.TIMED_WAITING)
        .filter(
            t ->
                java.util.Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(InFlightRefreshes.class.getName())))
        .count();
  }

  private static void awaitGate(CountDownLatch gate) {
    try {
      gate.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
