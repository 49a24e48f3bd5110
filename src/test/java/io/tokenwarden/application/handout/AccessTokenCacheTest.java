package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokenCacheTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final MovableClock clock = new MovableClock(NOW);
  private final AccessTokenCache cache =
      new AccessTokenCache(Duration.ofSeconds(15), Duration.ofMinutes(5), clock);

  /** The minimum validity the cache is built with, asked for explicitly on the outage path. */
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final UUID tenant = UUID.randomUUID();

  /** A fresh token is served from the cache within the TTL. */
  @Test
  void servesAFreshTokenWithinTheTtl() {
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofHours(1)), NOW);

    assertThat(cache.get(tenant, NOW.plusSeconds(14)))
        .get()
        .extracting(HandedOutToken::accessToken)
        .isEqualTo("token-1");
  }

  /** After the TTL the entry is gone, so a newer version stored elsewhere is read again. */
  @Test
  void forgetsAfterTheTtl() {
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofHours(1)), NOW);

    assertThat(cache.get(tenant, NOW.plusSeconds(15))).isEmpty();
  }

  /**
   * While the database is away an entry past its TTL is served as long as the token keeps the
   * minimum validity; a plain look-up past the TTL still misses, so the database is asked first.
   */
  @Test
  void servesPastTheTtlOnlyWhenAskedForTheDatabasesAbsence() {
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofHours(1)), NOW);

    assertThat(cache.get(tenant, NOW.plusSeconds(600))).isEmpty();
    assertThat(cache.whileStoreAway(tenant, NOW.plusSeconds(600), FIVE_MINUTES))
        .get()
        .extracting(HandedOutToken::accessToken)
        .isEqualTo("token-1");
    assertThat(cache.whileStoreAway(tenant, NOW.plus(Duration.ofMinutes(55)), FIVE_MINUTES))
        .isEmpty();
    assertThat(cache.whileStoreAway(UUID.randomUUID(), NOW, FIVE_MINUTES)).isEmpty();
  }

  /** A token is never served once less than the minimum validity is left, TTL or not. */
  @Test
  void neverServesBelowTheMinimumValidity() {
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofMinutes(5)).plusSeconds(10), NOW);

    assertThat(cache.get(tenant, NOW.plusSeconds(9))).isPresent();
    assertThat(cache.get(tenant, NOW.plusSeconds(10))).isEmpty();
  }

  /**
   * A token too short-lived for the default validity is not served with it, but is to a caller
   * whose demand the hand-out guard capped lower (a provider with short lifetimes).
   */
  @Test
  void servesAShortLivedTokenOnlyToALowerDemand() {
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofMinutes(4)), NOW);

    assertThat(cache.get(tenant, NOW)).isEmpty();
    assertThat(cache.get(tenant, NOW, Duration.ofMinutes(2))).isPresent();
  }

  /** A token already expired is not cached at all. */
  @Test
  void doesNotCacheAnExpiredToken() {
    cache.put(tenant, 1, "token-1", NOW, NOW);

    assertThat(cache.get(tenant, NOW, Duration.ZERO)).isEmpty();
  }

  /**
   * A caller demanding more validity ({@code ?min_validity}) than the entry has misses, and the
   * entry stays for the next, less demanding caller.
   */
  @Test
  void aDemandingCallerMissesWithoutEvictingTheEntry() {
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofMinutes(8)), NOW);

    assertThat(cache.get(tenant, NOW, Duration.ofMinutes(10))).isEmpty();
    assertThat(cache.get(tenant, NOW, Duration.ofMinutes(5))).isPresent();
  }

  /** An older version never replaces a newer one (a slow reader after a local refresh). */
  @Test
  void olderVersionDoesNotReplaceNewer() {
    cache.put(tenant, 2, "token-2", NOW.plus(Duration.ofHours(1)), NOW);
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofHours(1)), NOW);

    assertThat(cache.get(tenant, NOW))
        .get()
        .extracting(HandedOutToken::accessToken)
        .isEqualTo("token-2");
  }

  /** toString never shows the token. */
  @Test
  void handedOutTokenHidesTheTokenInToString() {
    assertThat(new HandedOutToken("secret-token", NOW).toString()).doesNotContain("secret-token");
  }

  /**
   * An entry leaves memory once its token expires, though nobody asks for it again: neither the
   * decrypted token nor the heap it takes outlives the token.
   */
  @Test
  void dropsAnEntryWhenItsTokenExpiresWithoutBeingAsked() {
    UUID other = UUID.randomUUID();
    cache.put(tenant, 1, "token-1", NOW.plus(Duration.ofMinutes(10)), NOW);
    cache.put(other, 1, "token-2", NOW.plus(Duration.ofHours(1)), NOW);
    assertThat(cache.size()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    assertThat(cache.size()).as("the expired token's entry is gone, the other stays").isEqualTo(1);
    assertThat(cache.whileStoreAway(other, clock.instant(), Duration.ZERO)).isPresent();
  }

  /** A cache confirmed by a change watch polling every second (ADR 0028). */
  private final ChangeCoverage coverage = new ChangeCoverage(Duration.ofSeconds(1));

  private final AccessTokenCache watched =
      new AccessTokenCache(Duration.ofSeconds(15), Duration.ofMinutes(5), coverage, clock);

  private static final Instant UPDATED = NOW.minusSeconds(30);

  /** Polls every second from {@code from} for {@code seconds}, moving the clock with them. */
  private void pollEverySecond(int seconds, ConnectionChanges.ChangedRow... seen) {
    for (int i = 0; i < seconds; i++) {
      clock.advance(Duration.ofSeconds(1));
      for (ConnectionChanges.ChangedRow row : seen) {
        watched.reconcile(row.tenantId(), row.state(), row.inService());
      }
      coverage.applied(clock.instant());
    }
  }

  /**
   * While the watch polls and sees no change, an entry is served long past the TTL: a fresh
   * hand-out needs no re-read per TTL. When the polls stop, it lives one TTL from the last.
   */
  @Test
  void aWatchedEntryIsServedPastTheTtlWhileNothingChanges() {
    coverage.applied(NOW);
    watched.put(
        tenant,
        new AccessTokenCache.RowState(1, UPDATED),
        "token-1",
        NOW.plus(Duration.ofHours(1)),
        NOW);

    pollEverySecond(120);
    assertThat(watched.get(tenant, clock.instant())).isPresent();

    clock.advance(Duration.ofSeconds(14));
    assertThat(watched.get(tenant, clock.instant())).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(watched.get(tenant, clock.instant())).as("one TTL after the last poll").isEmpty();
  }

  /**
   * A row the watch reads in another state than the entry's (another node refreshed or marked it)
   * stops the entry being served at once, TTL or not; the same state, read again by each
   * overlapping poll, keeps it.
   */
  @Test
  void theWatchDropsAnEntryWhoseRowChanged() {
    coverage.applied(NOW);
    AccessTokenCache.RowState state = new AccessTokenCache.RowState(3, UPDATED);
    watched.put(tenant, state, "token-3", NOW.plus(Duration.ofHours(1)), NOW);

    pollEverySecond(5, inService(state));
    assertThat(watched.get(tenant, clock.instant())).as("same state").isPresent();

    pollEverySecond(1, inService(new AccessTokenCache.RowState(3, UPDATED.plusSeconds(40))));
    assertThat(watched.get(tenant, clock.instant())).as("same version, other state").isEmpty();

    watched.put(tenant, state, "token-3", NOW.plus(Duration.ofHours(1)), clock.instant());
    pollEverySecond(1, inService(new AccessTokenCache.RowState(4, UPDATED)));
    assertThat(watched.get(tenant, clock.instant())).as("a newer version").isEmpty();
  }

  /**
   * A poll that read the row before a refresh here stored version 5 does not drop version 5; a pair
   * stored here, whose row time is not known, is dropped at the watch's first sight of its row (the
   * next hand-out reads it once), and an older version is never put over a newer one.
   */
  @Test
  void aPairStoredHereMeetsTheWatchOnce() {
    coverage.applied(NOW);
    watched.put(tenant, 5, "token-5", NOW.plus(Duration.ofHours(1)), NOW);

    pollEverySecond(1, inService(new AccessTokenCache.RowState(4, UPDATED)));
    assertThat(watched.get(tenant, clock.instant())).as("an older row state").isPresent();

    pollEverySecond(1, inService(new AccessTokenCache.RowState(5, UPDATED.plusSeconds(31))));
    assertThat(watched.get(tenant, clock.instant())).isEmpty();

    watched.put(
        tenant,
        new AccessTokenCache.RowState(5, UPDATED.plusSeconds(31)),
        "token-5",
        NOW.plus(Duration.ofHours(1)),
        clock.instant());
    watched.put(
        tenant,
        new AccessTokenCache.RowState(4, UPDATED),
        "token-4",
        NOW.plus(Duration.ofHours(1)),
        clock.instant());
    assertThat(watched.get(tenant, clock.instant()))
        .get()
        .extracting(HandedOutToken::accessToken)
        .isEqualTo("token-5");
  }

  /**
   * An entry superseded by another node's refresh is no hand-out while the database answers, but it
   * is while the database is away (the older token is good until its expiry, and no newer one can
   * be read): a database cut right after a refresh elsewhere must not turn a fresh token into a 503
   * (R5 in docs/RELIABILITY.md).
   */
  @Test
  void anEntrySupersededElsewhereIsStillTheAnswerWhileTheDatabaseIsAway() {
    coverage.applied(NOW);
    AccessTokenCache.RowState state = new AccessTokenCache.RowState(3, UPDATED);
    watched.put(tenant, state, "token-3", NOW.plus(Duration.ofHours(1)), NOW);

    pollEverySecond(1, inService(new AccessTokenCache.RowState(4, UPDATED.plusSeconds(31))));

    assertThat(watched.get(tenant, clock.instant())).isEmpty();
    assertThat(watched.whileStoreAway(tenant, clock.instant(), FIVE_MINUTES))
        .get()
        .extracting(HandedOutToken::accessToken)
        .isEqualTo("token-3");
    assertThat(watched.whileStoreAway(tenant, NOW.plus(Duration.ofMinutes(56)), FIVE_MINUTES))
        .as("never past the minimum validity")
        .isEmpty();
  }

  /**
   * A row the watch reads out of service (disconnected, needs a reconnect) drops the entry: its
   * token is not handed out even while the database is away.
   */
  @Test
  void anEntryWhoseRowLeftServiceGoesAtOnce() {
    coverage.applied(NOW);
    AccessTokenCache.RowState state = new AccessTokenCache.RowState(3, UPDATED);
    watched.put(tenant, state, "token-3", NOW.plus(Duration.ofHours(1)), NOW);

    pollEverySecond(
        1,
        new ConnectionChanges.ChangedRow(
            tenant, new AccessTokenCache.RowState(3, UPDATED.plusSeconds(31)), false));

    assertThat(watched.get(tenant, clock.instant())).isEmpty();
    assertThat(watched.whileStoreAway(tenant, clock.instant(), FIVE_MINUTES)).isEmpty();
  }

  private ConnectionChanges.ChangedRow inService(AccessTokenCache.RowState state) {
    return new ConnectionChanges.ChangedRow(tenant, state, true);
  }

  /** The databases keep microseconds: a clock's nanoseconds do not make one state look like two. */
  @Test
  void rowStatesCompareAtMicroseconds() {
    Instant nanos = Instant.parse("2026-12-07T07:00:00.123456789Z");
    assertThat(new AccessTokenCache.RowState(1, nanos))
        .isEqualTo(new AccessTokenCache.RowState(1, Instant.parse("2026-12-07T07:00:00.123456Z")));
  }
}
