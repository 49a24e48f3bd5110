package io.tokenwarden.it.refresh;

import static io.tokenwarden.domain.RefreshTrigger.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.refresh.ClaimedConnection;
import io.tokenwarden.application.refresh.ReceivedPair;
import io.tokenwarden.application.refresh.RefreshMaintenance;
import io.tokenwarden.application.refresh.TokenStore;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.CompanyFacts;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import io.tokenwarden.infrastructure.freeagent.ProviderOutcomeUnknownException;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import io.tokenwarden.it.refresh.RowLocks.Held;
import io.tokenwarden.it.refresh.RowLocks.Running;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writers of one connection that race each other: each must wait for the other's row lock and then
 * decide on what the other committed, never on what it read before.
 */
@ExtendWith(ArquillianExtension.class)
class RefreshRacesIT {

  private static final ProviderFailure INVALID_GRANT =
      new ProviderFailure(
          FailureKind.GRANT_LOST,
          "invalid_grant",
          "FreeAgent refused the refresh token",
          400,
          null);

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes()
        .addClasses(RowLocks.class, RowLocks.Held.class, RowLocks.Running.class);
  }

  @Inject ConnectedTenants fixture;

  @Inject RowLocks rows;

  @Inject TenantService tenants;

  @Inject TokenStore store;

  @Inject RefreshMaintenance maintenance;

  private final List<UUID> created = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
  }

  /**
   * The store's fence is read under the row lock, not only written under it: while another unit of
   * work holds the lock without having changed anything yet, a store waits, and then decides on
   * what that unit committed. Without the lock on the read both would pass the same version check.
   */
  @Test
  void aStoreWaitsForTheRowLockBeforeItReadsTheFence() throws Exception {
    UUID id = connected();
    FreeAgentConnection before = fixture.read(id);
    Instant now = Instant.now();
    TokenGrant pair =
        new TokenGrant(before.accessTokenCiphertext(), now.plusSeconds(3600), null, null);

    Held reader = rows.lockAndChange(id, c -> {});
    Running<Optional<ConnectionStatus>> storing =
        rows.start(() -> store.storeRefreshed(scheduledPair(id, before.tokenVersion(), pair, now)));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> storing.result().isDone() || storing.waitsInDatabaseBelow("currentForUpdate"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !storing.result().isDone());
    assertThat(fixture.read(id).tokenVersion())
        .as("nothing stored while the lock is held")
        .isEqualTo(before.tokenVersion());

    reader.commit();
    assertThat(storing.get()).contains(ConnectionStatus.CONNECTED);
    assertThat(fixture.read(id).tokenVersion()).isEqualTo(before.tokenVersion() + 1);
  }

  /**
   * An operator disconnects while a refresh is storing its pair: the disconnect waits for the
   * store, then erases the tokens and moves token_version past it, so a refresh that read the new
   * pair before the disconnect finds its fence moved and the tenant stays disconnected.
   */
  @Test
  void disconnectDuringARefreshStoreComesAfterIt() throws Exception {
    UUID id = connected();
    FreeAgentConnection before = fixture.read(id);
    Instant now = Instant.now();
    TokenGrant pair =
        new TokenGrant(before.accessTokenCiphertext(), now.plusSeconds(3600), null, null);

    Held refresh =
        rows.lockAndChange(id, c -> c.refreshed(pair, now.plusSeconds(3000), Instant.now()));
    Running<Void> disconnect =
        rows.start(
            () -> {
              tenants.disconnect(id);
              return null;
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> disconnect.result().isDone() || disconnect.waitsInDatabaseBelow("disconnect"));
    refresh.commit();
    disconnect.get();

    FreeAgentConnection after = fixture.read(id);
    assertThat(after.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
    assertThat(after.refreshTokenCiphertext()).isNull();
    assertThat(after.tokenVersion())
        .as("the refresh, then the disconnect")
        .isEqualTo(before.tokenVersion() + 2);
    Optional<ConnectionStatus> late =
        store.storeRefreshed(scheduledPair(id, before.tokenVersion() + 1, pair, now));
    assertThat(late).as("a refresh from the pre-disconnect pair is dropped").isEmpty();
    assertThat(fixture.read(id).status()).isEqualTo(ConnectionStatus.DISCONNECTED);
  }

  /**
   * The maintenance job finds an expired refresh token, and the tenant reconnects before the job
   * marks it: the new refresh token is kept and the tenant stays CONNECTED.
   */
  @Test
  void reconnectBetweenFindingAndMarkingAnExpiredRefreshTokenStaysConnected() throws Exception {
    UUID id = connected();
    fixture.setRefreshExpiry(id, Instant.now().minusSeconds(60));
    Instant now = Instant.now();

    Held reconnect =
        rows.lockAndChange(
            id,
            c ->
                c.connect(
                    new TokenGrant(
                        c.accessTokenCiphertext(),
                        now.plusSeconds(3600),
                        c.refreshTokenCiphertext(),
                        now.plus(Duration.ofDays(100))),
                    new CompanyFacts(
                        c.companyId(),
                        c.companyName(),
                        c.companySubdomain(),
                        c.userEmail(),
                        c.userPermissionLevel()),
                    now.plusSeconds(3000),
                    Instant.now()));
    Running<Integer> expire = rows.start(maintenance::expireDeadRefreshTokens);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                expire.result().isDone() || expire.waitsInDatabaseBelow("markRefreshTokenExpired"));
    reconnect.commit();
    expire.get();

    FreeAgentConnection after = fixture.read(id);
    assertThat(after.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(after.refreshExpiresAt()).isAfter(Instant.now());
  }

  /**
   * Two calls sent one refresh token: one got a pair, the other invalid_grant (a node that stood
   * still past its lease while another took the row over: RELIABILITY R10). A provider that revokes
   * a grant on reuse has revoked that pair too, so whichever of the two lands second, the pair is
   * stored and due at once, and the next refresh finds out instead of a whole access-token lifetime
   * of handing out a dead token.
   */
  @Test
  void aPairAndARefusalOfItsRefreshTokenPutThePairToTheTestInEitherOrder() {
    FreeAgentConnection refusedLater = pairStoredThenItsTokenFailed(INVALID_GRANT);
    assertThat(refusedLater.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(refusedLater.nextRefreshAt()).isBefore(Instant.now().plusSeconds(1));

    FreeAgentConnection storedLater = tokenFailedThenPairStored(INVALID_GRANT, Duration.ZERO);
    assertThat(storedLater.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(storedLater.nextRefreshAt()).isBefore(Instant.now().plusSeconds(1));
  }

  /**
   * An older token's call that got no usable answer may have reached FreeAgent after the stored
   * pair was issued (a node that stood still between its lease check and its send): the stored pair
   * is tested at once. A 429 did not spend the token and changes nothing.
   */
  @Test
  void anOlderTokenThatMayHaveReachedFreeAgentAgainPutsThePairToTheTest() {
    FreeAgentConnection afterUnknown =
        pairStoredThenItsTokenFailed(
            ProviderFailure.of(
                new ProviderOutcomeUnknownException("no answer", null, "no_answer")));
    assertThat(afterUnknown.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(afterUnknown.consecutiveFailures()).isZero();
    assertThat(afterUnknown.nextRefreshAt()).isBefore(Instant.now().plusSeconds(1));

    FreeAgentConnection afterThrottle =
        pairStoredThenItsTokenFailed(
            new ProviderFailure(
                FailureKind.THROTTLED, "rate_limited", "429", 429, Duration.ofSeconds(60)));
    assertThat(afterThrottle.nextRefreshAt())
        .as("the pair's own schedule")
        .isAfter(Instant.now().plusSeconds(2000));
  }

  /**
   * The frozen node's call ended without an answer while the other node's call of the same token
   * was under way, and was recorded first: the other node's pair is stored and tested at once. A
   * pair whose call started after the unknown outcome was recorded is the ordinary retry after a
   * timeout and keeps its schedule.
   */
  @Test
  void aPairWhoseTokenWentUnansweredElsewhereDuringItsCallIsTestedAtOnce() {
    ProviderFailure noAnswer =
        ProviderFailure.of(new ProviderOutcomeUnknownException("no answer", null, "no_answer"));

    FreeAgentConnection tested = tokenFailedThenPairStored(noAnswer, Duration.ofSeconds(5));
    assertThat(tested.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(tested.nextRefreshAt()).isBefore(Instant.now().plusSeconds(1));

    FreeAgentConnection retried = tokenFailedThenPairStored(noAnswer, Duration.ZERO);
    assertThat(retried.nextRefreshAt())
        .as("the schedule the pair came with")
        .isAfter(Instant.now().plusSeconds(2000));
  }

  /**
   * A connected tenant whose pair from its current version is stored, after which another call of
   * that version's refresh token ends in {@code failure}; returns the connection.
   */
  private FreeAgentConnection pairStoredThenItsTokenFailed(ProviderFailure failure) {
    UUID id = connected();
    long version = fixture.read(id).tokenVersion();
    Instant now = Instant.now();
    store.storeRefreshed(scheduledPair(id, version, freshPair(id, now), now));
    FreeAgentConnection stored = fixture.read(id);
    assertThat(stored.tokenVersion()).isEqualTo(version + 1);
    assertThat(stored.nextRefreshAt()).isAfter(now.plusSeconds(2000));
    store.recordFailure(
        unclaimed(id), version, failure, now.plusSeconds(60), SCHEDULED, Duration.ZERO, null);
    FreeAgentConnection after = fixture.read(id);
    assertThat(after.tokenVersion()).isEqualTo(version + 1);
    return after;
  }

  /**
   * A connected tenant one of whose calls ends in {@code failure}, after which a pair from the same
   * version, received by a call that took {@code call}, is stored; returns the connection.
   */
  private FreeAgentConnection tokenFailedThenPairStored(ProviderFailure failure, Duration call) {
    UUID id = connected();
    long version = fixture.read(id).tokenVersion();
    store.recordFailure(
        unclaimed(id),
        version,
        failure,
        Instant.now().plusSeconds(30),
        SCHEDULED,
        Duration.ZERO,
        null);
    Instant failedBy = Instant.now();
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(failedBy));
    Instant now = Instant.now();
    store.storeRefreshed(pairFromACallOf(id, version, call, freshPair(id, now), now));
    FreeAgentConnection stored = fixture.read(id);
    assertThat(stored.tokenVersion()).isEqualTo(version + 1);
    return stored;
  }

  private TokenGrant freshPair(UUID id, Instant now) {
    return new TokenGrant(
        fixture.read(id).accessTokenCiphertext(), now.plusSeconds(3600), null, null);
  }

  /** A refresh of {@code id} whose lease is no longer its own (it releases nothing). */
  private ClaimedConnection unclaimed(UUID id) {
    return new ClaimedConnection(fixture.read(id).id(), id, "user", null, UUID.randomUUID(), null);
  }

  private UUID connected() {
    EmulatorControl emulator = fixture.emulator();
    long user = emulator.createUsers(1, "race-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant = fixture.connect("race", user, now.plusSeconds(3600), now.plusSeconds(3000));
    created.add(tenant.id());
    return tenant.id();
  }

  /**
   * The pair a scheduled refresh without a claim received from {@code expectedVersion}, due again
   * 50 minutes after {@code now}.
   */
  private static ReceivedPair scheduledPair(
      UUID id, long expectedVersion, TokenGrant pair, Instant now) {
    return pairFromACallOf(id, expectedVersion, Duration.ZERO, pair, now);
  }

  /** As {@link #scheduledPair}, from a token call that took {@code call}. */
  private static ReceivedPair pairFromACallOf(
      UUID id, long expectedVersion, Duration call, TokenGrant pair, Instant now) {
    return new ReceivedPair(
        id,
        expectedVersion,
        null,
        pair,
        now.plusSeconds(3000),
        RefreshTrigger.SCHEDULED,
        call,
        null,
        null);
  }
}
