package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.refresh.ConnectionLeases.ClaimAttempt;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import io.tokenwarden.testing.ConfigDefaults;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On-demand and scheduled refreshes of one tenant on one node: whichever comes first, exactly one
 * of them refreshes and both callers see the new pair.
 */
class RefreshServiceTest {

  private static final String THIS_NODE = "node-a/12345678";

  private final UUID tenant = UUID.randomUUID();
  private final ClaimedConnection tickClaim =
      new ClaimedConnection(UUID.randomUUID(), tenant, "user", null, UUID.randomUUID(), null);
  private final AtomicLong version = new AtomicLong(1);
  private final AtomicReference<String> leaseOwner = new AtomicReference<>();
  private final AtomicInteger providerCalls = new AtomicInteger();
  private final AtomicInteger claimOneCalls = new AtomicInteger();
  private final CountDownLatch onDemandReadTheRow = new CountDownLatch(1);
  private final CountDownLatch answerOnDemand = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final RefreshService service = new RefreshService();
  private final ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void oneNodeWithOneConnection() {
    service.settings = ConfigDefaults.of(RefreshSettings.class);
    service.clock = Clock.systemUTC();
    service.inFlight = new InFlightRefreshes();
    service.circuitPause = new CircuitPause();
    service.waits = waits;
    service.node =
        new NodeIdentity() {
          @Override
          public String name() {
            return THIS_NODE;
          }
        };
    service.provider =
        new ProviderStateStore() {
          @Override
          public ProviderState read() {
            return ProviderState.CLEAR;
          }
        };
    service.store =
        new TokenStore() {
          @Override
          public Optional<ConnectionSnapshot> snapshot(UUID tenantId) {
            Instant now = Instant.now();
            return Optional.of(
                new ConnectionSnapshot(
                    ConnectionStatus.CONNECTED,
                    "sealed",
                    null,
                    now.plusSeconds(60),
                    version.get(),
                    0,
                    leaseOwner.get(),
                    leaseOwner.get() == null ? null : tickClaim.claimId(),
                    leaseOwner.get() == null ? null : now.plusSeconds(120),
                    null,
                    now,
                    null,
                    leaseOwner.get() == null ? null : Duration.ofSeconds(120)));
          }
        };
    service.leases =
        new ConnectionLeases() {
          @Override
          public ClaimAttempt claimOne(UUID tenantId, boolean holdToBackoff) {
            claimOneCalls.incrementAndGet();
            // The row says what it said when it was read: this node's tick holds the lease.
            ClaimAttempt seen =
                ClaimAttempt.none(
                    ClaimAttempt.Reason.LEASED_ELSEWHERE, Instant.now().plusSeconds(120));
            onDemandReadTheRow.countDown();
            awaitQuietly(answerOnDemand);
            return seen;
          }

          @Override
          public void giveBackUnsent(ClaimedConnection claim) {
            leaseOwner.compareAndSet(THIS_NODE, null);
          }
        };
    service.protocol =
        new RefreshProtocol() {
          @Override
          public RefreshResult run(
              ClaimedConnection claim, RefreshTrigger trigger, boolean onlyIfNeeded) {
            providerCalls.incrementAndGet();
            version.incrementAndGet();
            leaseOwner.set(null);
            return new RefreshResult(ConnectionStatus.CONNECTED, true, "Refreshed; stored.");
          }
        };
  }

  @AfterEach
  void stopThreads() {
    answerOnDemand.countDown();
    threads.shutdownNow();
    waits.shutdownNow();
  }

  /**
   * The tick claims the connection just as a hand-out's on-demand refresh starts: the on-demand
   * caller joins the tick's refresh instead of the two cancelling each other.
   */
  @Test
  void onDemandCallerJoinsTheTickThatClaimedJustBeforeIt() throws Exception {
    leaseOwner.set(THIS_NODE); // the tick's claim
    CompletableFuture<RefreshResult> onDemand =
        CompletableFuture.supplyAsync(
            () -> service.refreshNow(tenant, RefreshTrigger.ON_DEMAND), threads);
    assertThat(onDemandReadTheRow.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<RefreshResult> scheduled =
        CompletableFuture.supplyAsync(() -> service.refreshClaimed(tickClaim), threads);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> scheduled.isDone() || aThreadWaitsIn("awaitVacant"));
    answerOnDemand.countDown();

    assertThat(scheduled.get(10, TimeUnit.SECONDS).refreshed()).isTrue();
    RefreshResult handOut = onDemand.get(10, TimeUnit.SECONDS);
    assertThat(handOut.refreshed()).as(handOut.message()).isTrue();
    assertThat(providerCalls).as("one refresh, not two, not none").hasValue(1);
    assertThat(version).hasValue(2);
  }

  /** A stopping node starts no on-demand refresh and says why. */
  @Test
  void onDemandRefreshIsRefusedWhileTheNodeStops() {
    service.inFlight.close();

    RefreshResult result = service.refreshNow(tenant, RefreshTrigger.MANUAL);

    assertThat(result.refreshed()).isFalse();
    assertThat(result.message()).contains("stopping");
    assertThat(claimOneCalls).hasValue(0);
    assertThat(providerCalls).hasValue(0);
  }

  /**
   * A pair FreeAgent issued for this tenant waits on this node to be stored: a manual or on-demand
   * refresh says so and does not call FreeAgent with the spent refresh token.
   */
  @Test
  void onDemandRefreshWaitsForTheParkedPairInsteadOfCallingFreeAgent(@TempDir Path journalDir) {
    ConnectionLeases leases = new ConnectionLeases();
    leases.parked = RefreshProtocolCommitTest.parkedPairsIn(journalDir, THIS_NODE);
    leases.parked.park(RefreshJournalTest.pair(tenant, 1, "plain"));
    service.leases = leases;

    RefreshResult result = service.refreshNow(tenant, RefreshTrigger.ON_DEMAND);

    assertThat(result.refreshed()).isFalse();
    assertThat(result.message()).contains("refreshed pair is waiting to be stored");
    assertThat(providerCalls).hasValue(0);
    leases.parked.close();
  }

  private static boolean aThreadWaitsIn(String method) {
    return Thread.getAllStackTraces().values().stream()
        .anyMatch(stack -> Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals(method)));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
