package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.refresh.ConnectionLeases.ClaimAttempt;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import io.tokenwarden.testing.ConfigDefaults;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An on-demand refresh is held back where the scheduler's would be: it claims nothing (so spends no
 * per-user slot and sends nothing) while this node's circuit breaker is open, or while the fleet's
 * admission after a provider-wide pause is used up, and says until when.
 */
class RefreshServiceHoldBackTest {

  private static final Instant NOW = Instant.parse("2026-12-06T05:00:00Z");

  private final UUID tenant = UUID.randomUUID();
  private final AtomicInteger claims = new AtomicInteger();
  private final AtomicInteger admissionAsked = new AtomicInteger();
  private final AtomicInteger fleetAdmissionLeft = new AtomicInteger();
  private final AtomicReference<ProviderState> providerState =
      new AtomicReference<>(ProviderState.CLEAR);
  private final RefreshService service = new RefreshService();
  private final ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void oneNodeWithOneConnection() {
    service.settings = ConfigDefaults.of(RefreshSettings.class);
    service.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    service.inFlight = new InFlightRefreshes();
    service.circuitPause = new CircuitPause();
    service.waits = waits;
    service.node =
        new NodeIdentity() {
          @Override
          public String name() {
            return "node-a/12345678";
          }
        };
    service.provider =
        new ProviderStateStore() {
          @Override
          public ProviderState read() {
            return providerState.get();
          }

          @Override
          public int takeAdmission(int wanted, int budget) {
            admissionAsked.incrementAndGet();
            int granted = Math.min(wanted, Math.max(0, fleetAdmissionLeft.get()));
            fleetAdmissionLeft.addAndGet(-granted);
            return granted;
          }
        };
    service.store =
        new TokenStore() {
          @Override
          public Optional<ConnectionSnapshot> snapshot(UUID tenantId) {
            return Optional.of(
                new ConnectionSnapshot(
                    ConnectionStatus.CONNECTED,
                    "sealed",
                    null,
                    NOW.plusSeconds(60),
                    1,
                    0,
                    null,
                    null,
                    null,
                    null,
                    NOW,
                    null,
                    null));
          }
        };
    service.leases =
        new ConnectionLeases() {
          @Override
          public ClaimAttempt claimOne(UUID tenantId, boolean holdToBackoff) {
            claims.incrementAndGet();
            return ClaimAttempt.none(ClaimAttempt.Reason.NOT_SCHEDULED, null);
          }
        };
  }

  @AfterEach
  void stopTimers() {
    waits.shutdownNow();
  }

  /** The breaker refused a refresh a moment ago: a hand-out claims nothing until the pause ends. */
  @Test
  void anOpenCircuitHoldsTheOnDemandRefreshWithoutAClaim() {
    Instant until = NOW.plusSeconds(30);
    service.circuitPause.holdUntil(until);

    RefreshResult result = service.refreshNow(tenant, RefreshTrigger.ON_DEMAND);

    assertThat(result.refreshed()).isFalse();
    assertThat(result.notBefore()).isEqualTo(until);
    assertThat(claims).as("no claim, so no per-user slot spent").hasValue(0);
  }

  /**
   * Refreshing ramps up after a provider-wide pause and other nodes have used this tick's
   * admission: the hand-out waits its turn instead of adding one more refresh per node.
   */
  @Test
  void theFleetsAdmissionAfterAPauseHoldsTheOnDemandRefresh() {
    providerState.set(new ProviderState(NOW.minusSeconds(1), null, null));
    fleetAdmissionLeft.set(0);

    RefreshResult result = service.refreshNow(tenant, RefreshTrigger.ON_DEMAND);

    assertThat(result.refreshed()).isFalse();
    assertThat(result.notBefore()).isAfter(NOW);
    assertThat(admissionAsked).hasValue(1);
    assertThat(claims).hasValue(0);
  }

  /** With the fleet's admission left, the on-demand refresh takes one and claims. */
  @Test
  void anAdmittedOnDemandRefreshClaimsAndTakesOneFromTheFleetBudget() {
    providerState.set(new ProviderState(NOW.minusSeconds(1), null, null));
    fleetAdmissionLeft.set(1);

    service.refreshNow(tenant, RefreshTrigger.ON_DEMAND);

    assertThat(fleetAdmissionLeft).hasValue(0);
    assertThat(claims).hasValue(1);
  }

  /** A healthy provider costs the hand-out no admission write. */
  @Test
  void aHealthyProviderNeedsNoAdmission() {
    service.refreshNow(tenant, RefreshTrigger.ON_DEMAND);

    assertThat(admissionAsked).hasValue(0);
    assertThat(claims).hasValue(1);
  }
}
