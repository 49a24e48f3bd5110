package io.tokenwarden.it.refresh;

import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.refresh.ClaimedConnection;
import io.tokenwarden.application.refresh.ConnectionLeases;
import io.tokenwarden.application.refresh.ConnectionSnapshot;
import io.tokenwarden.application.refresh.ReceivedPair;
import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.application.refresh.RefreshProtocol;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.TokenStore;
import io.tokenwarden.application.refresh.UserRefreshWindow;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lease names its claim (docs/DESIGN.md §5.2): two claims of one row by the same node, the first
 * one's lease having run out, are told apart by the database. The stale claim can neither send,
 * reschedule, release nor store over the newer one.
 */
@ExtendWith(ArquillianExtension.class)
class LeaseClaimIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject ConnectionLeases leases;

  @Inject RefreshProtocol protocol;

  @Inject TokenStore store;

  @Inject MetricRegistry metrics;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();

  @BeforeEach
  void strictRotation() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    emulator.configure("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
  }

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
    emulator.restore(savedSettings);
  }

  /**
   * This node claims a connection, its lease runs out, and this node claims it again: the first
   * claim's release, reschedule, refresh and late store all leave the second claim's lease and the
   * refresh token alone, and the second claim refreshes once, without a spent-token reuse.
   */
  @Test
  void aStaleClaimOfTheSameNodeCannotActOverTheNewerClaim() {
    long user = emulator.createUsers(1, "claim-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant = notDueForAnHour("claim", user);
    FreeAgentConnection before = fixture.read(tenant.id());

    ClaimedConnection stale = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    fixture.expireLease(tenant.id());
    ClaimedConnection newer = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    assertThat(newer.claimId()).isNotEqualTo(stale.claimId());
    assertThat(fixture.read(tenant.id()).leaseClaim()).isEqualTo(newer.claimId());

    leases.giveBackUnsent(stale);
    assertThat(fixture.read(tenant.id()).leaseClaim())
        .as("the stale claim's release leaves the newer lease")
        .isEqualTo(newer.claimId());

    store.rescheduleAndRelease(stale, now.plusSeconds(60));
    FreeAgentConnection afterReschedule = fixture.read(tenant.id());
    assertThat(afterReschedule.leaseClaim()).isEqualTo(newer.claimId());
    assertThat(afterReschedule.nextRefreshAt()).isEqualTo(before.nextRefreshAt());

    long timedBefore = refreshesTimed();
    RefreshResult staleRun = protocol.run(stale, RefreshTrigger.MANUAL, false);
    assertThat(staleRun.refreshed()).as(staleRun.message()).isFalse();
    assertThat(emulator.counter(user, "refreshCalls")).as("the stale claim sends nothing").isZero();
    assertThat(fixture.read(tenant.id()).leaseClaim()).isEqualTo(newer.claimId());

    RefreshResult newerRun = protocol.run(newer, RefreshTrigger.MANUAL, false);
    assertThat(newerRun.refreshed()).as(newerRun.message()).isTrue();
    FreeAgentConnection refreshed = fixture.read(tenant.id());
    assertThat(refreshed.tokenVersion()).isEqualTo(before.tokenVersion() + 1);
    assertThat(refreshed.leaseClaim()).as("the newer claim released its own lease").isNull();
    assertThat(refreshed.leaseOwner()).isNull();
    assertThat(refreshesTimed())
        .as("every run is timed, the one given back unsent and the one that refreshed")
        .isGreaterThanOrEqualTo(timedBefore + 2);

    TokenGrant late =
        new TokenGrant(
            before.accessTokenCiphertext(),
            now.plusSeconds(3600),
            before.refreshTokenCiphertext(),
            before.refreshExpiresAt());
    assertThat(
            store.storeRefreshed(
                new ReceivedPair(
                    tenant.id(),
                    before.tokenVersion(),
                    stale.claimId(),
                    late,
                    now.plusSeconds(3000),
                    RefreshTrigger.MANUAL,
                    Duration.ZERO,
                    null,
                    null)))
        .as("a stale claim's pair for a superseded version is dropped")
        .isEmpty();
    FreeAgentConnection after = fixture.read(tenant.id());
    assertThat(after.tokenVersion()).isEqualTo(refreshed.tokenVersion());
    assertThat(after.refreshTokenCiphertext()).isEqualTo(refreshed.refreshTokenCiphertext());
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();
  }

  /**
   * Defect 12, the slot half (RELIABILITY.md finding 7): a claim counts itself in its FreeAgent
   * user's refresh window, but one that ends without a token call gives the slot back: given back
   * unsent, refused by the open circuit breaker, or with nothing to send. A failed call keeps it
   * (FreeAgent counted it), and a claim whose lease another claim holds by now gives nothing back.
   * Before, every probe while the breaker was open spent slots, and R3 saw the most urgent users
   * deferred to the next minute right after the provider came back.
   */
  @Test
  void aClaimThatCallsNobodyGivesItsUserSlotBack() {
    long user = emulator.createUsers(1, "slot-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant = notDueForAnHour("slot", user);
    long version = fixture.read(tenant.id()).tokenVersion();
    // Every claim below in one window, so their counts add up in one row.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> Instant.now().until(UserRefreshWindow.nextWindow(Instant.now()), SECONDS) >= 10);

    ClaimedConnection unsent = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    String key = unsent.userKey();
    Instant window = unsent.userWindow();
    assertThat(fixture.userSlotsUsed(key, window)).as("the claim counts").isEqualTo(1);
    leases.giveBackUnsent(unsent);
    assertThat(fixture.userSlotsUsed(key, window)).as("given back unsent").isZero();

    ClaimedConnection refused = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    store.recordFailure(
        refused,
        version,
        ProviderFailure.of(new CircuitBreakerOpenException()),
        now.plusSeconds(30),
        RefreshTrigger.MANUAL,
        Duration.ZERO,
        null);
    assertThat(fixture.userSlotsUsed(key, window)).as("refused by the open breaker").isZero();
    FreeAgentConnection afterRefusal = fixture.read(tenant.id());
    assertThat(afterRefusal.consecutiveFailures()).isZero();
    assertThat(afterRefusal.leaseClaim()).isNull();

    ClaimedConnection failed = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    store.recordFailure(
        failed,
        version,
        new ProviderFailure(FailureKind.TRANSIENT, "http_503", "FreeAgent answered 503", 503, null),
        now.plusSeconds(30),
        RefreshTrigger.MANUAL,
        Duration.ZERO,
        null);
    assertThat(fixture.userSlotsUsed(key, window)).as("a call FreeAgent counted").isEqualTo(1);

    ClaimedConnection stale = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    fixture.expireLease(tenant.id());
    ClaimedConnection newer = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    assertThat(fixture.userSlotsUsed(key, window)).isEqualTo(3);
    leases.giveBackUnsent(stale);
    assertThat(fixture.userSlotsUsed(key, window))
        .as("a claim whose lease is another's gives nothing back")
        .isEqualTo(3);
    assertThat(fixture.read(tenant.id()).leaseClaim()).isEqualTo(newer.claimId());
    store.rescheduleAndRelease(newer, now.plusSeconds(3600));
    assertThat(fixture.userSlotsUsed(key, window)).as("nothing to send").isEqualTo(2);
    assertThat(emulator.counter(user, "refreshCalls")).isZero();
    assertThat(fixture.read(tenant.id()).tokenVersion()).isEqualTo(version);
  }

  /**
   * The snapshot the protocol decides and fences on is one native statement: every column it reads
   * is the entity's value, the claim's lease is named with the time it has left in the database's
   * time, and a tenant without a connection has no snapshot.
   */
  @Test
  void theSnapshotReadsEveryFenceColumnAsTheEntityHoldsIt() {
    long user = emulator.createUsers(1, "snap-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant = notDueForAnHour("snap", user);
    fixture.failedWithRetryAt(tenant.id(), 2, now.plusSeconds(90));
    fixture.setRefreshExpiry(tenant.id(), now.plus(Duration.ofDays(30)));
    fixture.setOutcomeUnknownSince(tenant.id(), now.minusSeconds(7));
    ConnectionSnapshot unclaimed = store.snapshot(tenant.id()).orElseThrow();
    assertThat(unclaimed.leaseLeft()).as("no lease, nothing left").isNull();
    assertThat(unclaimed.leaseRunning()).isFalse();

    ClaimedConnection claim = leases.claimOne(tenant.id(), false).claim().orElseThrow();
    ConnectionSnapshot s = store.snapshot(tenant.id()).orElseThrow();
    FreeAgentConnection c = fixture.read(tenant.id());
    assertThat(s.status()).isEqualTo(c.status());
    assertThat(s.refreshCiphertext()).isEqualTo(c.refreshTokenCiphertext()).isNotBlank();
    assertThat(s.refreshExpiresAt()).isEqualTo(c.refreshExpiresAt());
    assertThat(s.accessExpiresAt()).isEqualTo(c.accessExpiresAt());
    assertThat(s.tokenVersion()).isEqualTo(c.tokenVersion());
    assertThat(s.consecutiveFailures()).isEqualTo(2).isEqualTo(c.consecutiveFailures());
    assertThat(s.leaseOwner()).isEqualTo(c.leaseOwner()).isNotNull();
    assertThat(s.leaseClaim()).isEqualTo(claim.claimId()).isEqualTo(c.leaseClaim());
    assertThat(s.leaseExpiresAt()).isEqualTo(c.leaseExpiresAt());
    assertThat(s.throttledUntil()).isEqualTo(c.throttledUntil());
    assertThat(s.nextRefreshAt()).isEqualTo(c.nextRefreshAt());
    assertThat(s.outcomeUnknownSince()).isEqualTo(c.outcomeUnknownSince()).isNotNull();
    assertThat(s.refreshExpiresAt()).isNotEqualTo(s.accessExpiresAt());
    assertThat(s.leaseRunning()).isTrue();
    assertThat(s.leaseLeft())
        .as("measured against the database's time, never more than the lease it was given")
        .isPositive()
        .isLessThanOrEqualTo(Duration.between(now.minusSeconds(5), c.leaseExpiresAt()));
    leases.giveBackUnsent(claim);

    assertThat(store.snapshot(UUID.randomUUID())).as("no connection, no snapshot").isEmpty();
  }

  /**
   * A connected tenant not due for an hour: the tick leaves it alone, only the test's claims act.
   */
  private Connected notDueForAnHour(String prefix, long user) {
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect(prefix, user, now.plusSeconds(3600), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    return tenant;
  }

  /** How many refreshes {@code tokenwarden.refresh.work} has timed on this node. */
  private long refreshesTimed() {
    return metrics.getTimer(new MetricID(RefreshMetrics.REFRESH_WORK)).getCount();
  }
}
