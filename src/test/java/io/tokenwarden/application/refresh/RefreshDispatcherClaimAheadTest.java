package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under a backlog the tick claims ahead: up to twice {@code concurrency} claims held at once, and a
 * new claim only when {@code concurrency} slots are free, so one claim transaction serves a
 * worker's worth of refreshes instead of one (docs/BENCHMARKS.md, "P1, profiled").
 */
class RefreshDispatcherClaimAheadTest {

  private static final int CONCURRENCY = 4;
  private static final int DUE = 60;

  private final RefreshDispatcher dispatcher = new RefreshDispatcher();
  private final List<Integer> asked = new CopyOnWriteArrayList<>();
  private final AtomicInteger due = new AtomicInteger(DUE);
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicInteger mostHeld = new AtomicInteger();
  private final AtomicInteger refreshed = new AtomicInteger();

  @BeforeEach
  void aBacklogOfDueConnections() {
    dispatcher.labels = new TenantLabels();
    QuietNode.wire(dispatcher);
    dispatcher.settings.concurrency = CONCURRENCY;
    dispatcher.settings.tick = Duration.ofSeconds(30);
    dispatcher.leases =
        new ConnectionLeases() {
          @Override
          public List<ClaimedConnection> claimDue(int limit) {
            asked.add(limit);
            int taken = Math.max(0, Math.min(limit, due.getAndAdd(-limit)));
            mostHeld.accumulateAndGet(held.addAndGet(taken), Math::max);
            return Stream.generate(
                    () ->
                        new ClaimedConnection(
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            "u",
                            null,
                            UUID.randomUUID(),
                            null))
                .limit(taken)
                .toList();
          }
        };
    dispatcher.refreshes =
        new RefreshService() {
          @Override
          public RefreshResult refreshClaimed(ClaimedConnection claim) {
            held.decrementAndGet();
            refreshed.incrementAndGet();
            return new RefreshResult(ConnectionStatus.CONNECTED, true, "stored");
          }
        };
    dispatcher.init();
  }

  @AfterEach
  void stop() {
    dispatcher.stop();
  }

  @Test
  void oneClaimServesAWorkersWorthOfRefreshes() {
    dispatcher.tick();

    await().atMost(Duration.ofSeconds(10)).until(() -> refreshed.get() == DUE);
    assertThat(asked.get(0)).as("the first claim fills the workers and claims ahead").isEqualTo(8);
    assertThat(asked.subList(1, asked.size()))
        .as("each later claim waits for a worker's worth of free slots")
        .allSatisfy(limit -> assertThat(limit).isGreaterThanOrEqualTo(CONCURRENCY));
    assertThat(asked.size())
        .as("claims for %d due rows", DUE)
        .isLessThanOrEqualTo(1 + (DUE - 2 * CONCURRENCY) / CONCURRENCY + 1);
    assertThat(mostHeld.get())
        .as("claims held at once, running or waiting for a worker")
        .isLessThanOrEqualTo(2 * CONCURRENCY);
  }
}
