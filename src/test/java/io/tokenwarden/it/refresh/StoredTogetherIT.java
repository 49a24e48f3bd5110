package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.audit.AuditTrail;
import io.tokenwarden.application.refresh.ClaimedConnection;
import io.tokenwarden.application.refresh.ConnectionLeases;
import io.tokenwarden.application.refresh.ReceivedPair;
import io.tokenwarden.application.refresh.TokenStore;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.it.refresh.RowLocks.Held;
import io.tokenwarden.it.refresh.RowLocks.Running;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Received pairs stored together in one transaction (ADR 0032), against the real database: each
 * pair of a group is decided as it would be alone (stored, or dropped when a newer pair exists),
 * one pair the database refuses undoes the whole group and leaves every row as it was, and a row
 * another unit of work holds is waited for and decided on what that unit committed.
 */
@ExtendWith(ArquillianExtension.class)
class StoredTogetherIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes()
        .addClasses(RowLocks.class, RowLocks.Held.class, RowLocks.Running.class);
  }

  @Inject ConnectedTenants fixture;

  @Inject ConnectionLeases leases;

  @Inject TokenStore store;

  @Inject RowLocks rows;

  private final List<UUID> created = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
  }

  @Test
  void eachPairOfAGroupIsStoredOrDroppedAsItWouldBeAlone() {
    UUID first = connected();
    UUID stale = connected();
    UUID third = connected();
    ClaimedConnection firstClaim = claim(first);
    ClaimedConnection thirdClaim = claim(third);
    FreeAgentConnection staleBefore = fixture.read(stale);
    Map<UUID, Long> versionsBefore = Map.of(first, version(first), third, version(third));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    List<Optional<ConnectionStatus>> results =
        store.storeRefreshedTogether(
            List.of(
                pairFor(firstClaim, version(first), newAccess(first, now), now),
                pairFrom(stale, staleBefore.tokenVersion() - 1, null, newAccess(stale, now), now),
                pairFor(thirdClaim, version(third), newAccess(third, now), now),
                // the same claim's pair twice: the second finds the first one's version
                pairFor(firstClaim, version(first), newAccess(first, now), now)));

    assertThat(results)
        .containsExactly(
            Optional.of(ConnectionStatus.CONNECTED),
            Optional.empty(),
            Optional.of(ConnectionStatus.CONNECTED),
            Optional.empty());
    for (ClaimedConnection claim : List.of(firstClaim, thirdClaim)) {
      FreeAgentConnection after = fixture.read(claim.tenantId());
      assertThat(after.tokenVersion()).isEqualTo(versionsBefore.get(claim.tenantId()) + 1);
      assertThat(after.accessExpiresAt()).isEqualTo(now.plusSeconds(3600));
      assertThat(after.nextRefreshAt()).isEqualTo(now.plusSeconds(3000));
      assertThat(after.leaseClaim()).as("the lease is given back").isNull();
      assertThat(fixture.events(claim.tenantId()))
          .extracting(RefreshEvent::outcome)
          .containsOnlyOnce(AuditTrail.SUCCESS);
    }
    FreeAgentConnection staleAfter = fixture.read(stale);
    assertThat(staleAfter.tokenVersion()).isEqualTo(staleBefore.tokenVersion());
    assertThat(staleAfter.accessExpiresAt()).isEqualTo(staleBefore.accessExpiresAt());
    assertThat(fixture.events(stale))
        .extracting(RefreshEvent::outcome)
        .doesNotContain(AuditTrail.SUCCESS);
  }

  @Test
  void aPairTheDatabaseRefusesUndoesTheWholeGroupAndEveryRowStaysAsItWas() {
    UUID good = connected();
    UUID bad = connected();
    ClaimedConnection goodClaim = claim(good);
    ClaimedConnection badClaim = claim(bad);
    FreeAgentConnection goodBefore = fixture.read(good);
    FreeAgentConnection badBefore = fixture.read(bad);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ReceivedPair goodPair =
        pairFor(goodClaim, goodBefore.tokenVersion(), newAccess(good, now), now);
    // longer than the column holds: the database refuses the row at the group's flush
    TokenGrant tooLong = new TokenGrant("x".repeat(5000), now.plusSeconds(3600), null, null);
    ReceivedPair badPair = pairFor(badClaim, badBefore.tokenVersion(), tooLong, now);

    assertThatThrownBy(() -> store.storeRefreshedTogether(List.of(goodPair, badPair)))
        .isInstanceOf(RuntimeException.class);

    for (FreeAgentConnection before : List.of(goodBefore, badBefore)) {
      FreeAgentConnection after = fixture.read(before.tenantId());
      assertThat(after.tokenVersion()).isEqualTo(before.tokenVersion());
      assertThat(after.accessTokenCiphertext()).isEqualTo(before.accessTokenCiphertext());
      assertThat(after.refreshTokenCiphertext()).isEqualTo(before.refreshTokenCiphertext());
      assertThat(after.leaseClaim()).as("the claim still holds the row").isNotNull();
      assertThat(fixture.events(before.tenantId()))
          .extracting(RefreshEvent::outcome)
          .doesNotContain(AuditTrail.SUCCESS);
    }
    assertThat(store.storeRefreshed(goodPair))
        .as("alone, the good pair is stored")
        .contains(ConnectionStatus.CONNECTED);
    assertThat(fixture.read(good).tokenVersion()).isEqualTo(goodBefore.tokenVersion() + 1);
  }

  @Test
  void aRowAnotherUnitHoldsIsWaitedForAndDecidedOnWhatThatUnitCommitted() throws Exception {
    UUID free = connected();
    UUID held = connected();
    long heldVersion = version(held);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TokenGrant elsewhere = newAccess(held, now);
    Held holder = rows.lockAndChange(held, c -> c.refreshed(elsewhere, now.plusSeconds(2000), now));
    Running<List<Optional<ConnectionStatus>>> group =
        rows.start(
            () ->
                store.storeRefreshedTogether(
                    List.of(
                        pairFrom(free, version(free), null, newAccess(free, now), now),
                        pairFrom(held, heldVersion, null, newAccess(held, now), now))));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> group.result().isDone() || group.waitsInDatabaseBelow("storeRefreshedTogether"));
    assertThat(group.result()).as("the group waits for the held row").isNotDone();

    holder.commit();

    assertThat(group.get())
        .containsExactly(Optional.of(ConnectionStatus.CONNECTED), Optional.empty());
    FreeAgentConnection heldAfter = fixture.read(held);
    assertThat(heldAfter.tokenVersion()).as("only the holder's pair").isEqualTo(heldVersion + 1);
    assertThat(heldAfter.nextRefreshAt()).isEqualTo(now.plusSeconds(2000));
  }

  private UUID connected() {
    EmulatorControl emulator = fixture.emulator();
    long user = emulator.createUsers(1, "group-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    UUID id = fixture.connect("group", user, now.plusSeconds(3600), now.plusSeconds(3000)).id();
    created.add(id);
    return id;
  }

  private ClaimedConnection claim(UUID tenantId) {
    return leases.claimOne(tenantId, false).claim().orElseThrow();
  }

  private long version(UUID tenantId) {
    return fixture.read(tenantId).tokenVersion();
  }

  /** A new access token's pair (the ciphertext is the stored one: only the row's fate matters). */
  private TokenGrant newAccess(UUID tenantId, Instant now) {
    return new TokenGrant(
        fixture.read(tenantId).accessTokenCiphertext(), now.plusSeconds(3600), null, null);
  }

  private static ReceivedPair pairFor(
      ClaimedConnection claim, long expectedVersion, TokenGrant grant, Instant now) {
    return pairFrom(claim.tenantId(), expectedVersion, claim.claimId(), grant, now);
  }

  private static ReceivedPair pairFrom(
      UUID tenantId, long expectedVersion, UUID claimId, TokenGrant grant, Instant now) {
    return new ReceivedPair(
        tenantId,
        expectedVersion,
        claimId,
        grant,
        now.plusSeconds(3000),
        RefreshTrigger.SCHEDULED,
        Duration.ofMillis(5),
        null,
        null);
  }
}
