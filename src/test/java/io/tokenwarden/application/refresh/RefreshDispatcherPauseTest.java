package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.domain.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tick that waits for a free refresh slot claims nothing more once a refresh of its own has
 * detected a provider-wide throttle (or met the open circuit breaker) meanwhile: the slot that
 * refresh frees is the one the tick was waiting for. Seen on the fleet (R4, docs/RELIABILITY.md): a
 * node whose first refreshes all came back 429 claimed two more after it had itself recorded the
 * provider-wide pause, and FreeAgent answered both with 429. A claim the tick made ahead (waiting
 * for a worker when the pause began) is given back without a call.
 */
class RefreshDispatcherPauseTest {

  private final CountDownLatch providerAnswers = new CountDownLatch(1);
  private final AtomicInteger claims = new AtomicInteger();
  private final AtomicInteger refreshesStarted = new AtomicInteger();
  private final AtomicInteger givenBackUnsent = new AtomicInteger();
  private volatile ProviderState providerState = ProviderState.CLEAR;
  private final RefreshDispatcher dispatcher = new RefreshDispatcher();

  @AfterEach
  void releaseEverything() {
    providerAnswers.countDown();
    dispatcher.stop();
  }

  /** The 429 that starts the pause frees the slot the tick waits for; the tick stops there. */
  @Test
  void aTickStopsClaimingWhenItsOwnRefreshDetectsAProviderWideThrottleWhileItWaits()
      throws Exception {
    oneSlotAndARefreshThat(
        () -> providerState = new ProviderState(Instant.now().plusSeconds(60), null, null));

    tickUntilItWaitsForASlotThenLetTheProviderAnswer();

    assertThat(claims).as("claims of the tick").hasValue(1);
    assertThat(refreshesStarted).as("refreshes that reached the provider").hasValue(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> givenBackUnsent.get() == 1);
  }

  /** Likewise when the refresh met the open circuit breaker (this node's own pause). */
  @Test
  void aTickStopsClaimingWhenItsOwnRefreshMeetsTheOpenCircuitWhileItWaits() throws Exception {
    oneSlotAndARefreshThat(() -> dispatcher.circuitPause.holdUntil(Instant.now().plusSeconds(30)));

    tickUntilItWaitsForASlotThenLetTheProviderAnswer();

    assertThat(claims).as("claims of the tick").hasValue(1);
    assertThat(refreshesStarted).as("refreshes that reached the provider").hasValue(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> givenBackUnsent.get() == 1);
  }

  private void tickUntilItWaitsForASlotThenLetTheProviderAnswer() throws InterruptedException {
    Thread ticker = new Thread(dispatcher::tick, "tick");
    ticker.start();
    // The only worker runs the first claim's refresh and the second waits for it; the tick now
    // waits for a free slot.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> claims.get() == 1 && ticker.getState() == Thread.State.TIMED_WAITING);
    providerAnswers.countDown();
    ticker.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(ticker.isAlive()).isFalse();
  }

  /**
   * One worker (so two claim slots), a backlog (every claim returns as many due connections as it
   * asks for), and a refresh that waits for the provider, then does {@code onAnswer} (what
   * recording a 429 or a refused call does to the node's state) before it frees its slot.
   */
  private void oneSlotAndARefreshThat(Runnable onAnswer) {
    dispatcher.labels = new TenantLabels();
    QuietNode.wire(dispatcher);
    dispatcher.settings.concurrency = 1;
    dispatcher.provider =
        new ProviderStateStore() {
          @Override
          public ProviderState read() {
            return providerState;
          }

          @Override
          public ProviderState lastRead() {
            return providerState;
          }

          @Override
          public void announceResumeIfEnded(Instant now) {}
        };
    dispatcher.leases =
        new ConnectionLeases() {
          @Override
          public List<ClaimedConnection> claimDue(int limit) {
            claims.incrementAndGet();
            return java.util.stream.Stream.generate(
                    () ->
                        new ClaimedConnection(
                            UUID.randomUUID(),
                            UUID.randomUUID(),
                            "u",
                            null,
                            UUID.randomUUID(),
                            null))
                .limit(limit)
                .toList();
          }

          @Override
          public void giveBackUnsent(ClaimedConnection claim) {
            givenBackUnsent.incrementAndGet();
          }
        };
    dispatcher.refreshes =
        new RefreshService() {
          @Override
          public RefreshResult refreshClaimed(ClaimedConnection claim) {
            refreshesStarted.incrementAndGet();
            try {
              providerAnswers.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            onAnswer.run();
            return new RefreshResult(ConnectionStatus.THROTTLED, false, "429");
          }
        };
    dispatcher.init();
  }
}
