package io.tokenwarden.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The connection's state machine: every transition the refresh engine, the connect flow and the
 * operator make, and the ones the entity refuses. Tokens are opaque ciphertext strings here.
 */
class FreeAgentConnectionTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final CompanyFacts ACME =
      new CompanyFacts("1", "Acme Ltd", "acme", "ada@example.com", 8);

  private final FreeAgentConnection connection = FreeAgentConnection.pending(UUID.randomUUID(), T0);

  /** A new connection is pending, holds no tokens and is not scheduled. */
  @Test
  void startsPending() {
    assertThat(connection.status()).isEqualTo(ConnectionStatus.PENDING);
    assertThat(connection.tokenVersion()).isZero();
    assertThat(connection.accessTokenCiphertext()).isNull();
    assertThat(connection.nextRefreshAt()).isNull();
  }

  /**
   * A link for a tenant that connected once is a reconnect, even after a disconnect; a pending
   * tenant that was disconnected never connected and gets a first connect.
   */
  @Test
  void knowsWhetherItWasConnectedBefore() {
    FreeAgentConnection neverConnected = FreeAgentConnection.pending(UUID.randomUUID(), T0);
    neverConnected.disconnect(T0);
    assertThat(connection.hasBeenConnected()).isFalse();
    assertThat(neverConnected.hasBeenConnected()).isFalse();

    connection.connect(grant("a1", "r1"), ACME, T0.plusSeconds(2700), T0);
    assertThat(connection.hasBeenConnected()).isTrue();
    connection.disconnect(T0.plusSeconds(1));
    assertThat(connection.hasBeenConnected()).isTrue();
  }

  /** Connecting stores the pair and the company, schedules a refresh, bumps the version. */
  @Test
  void connectStoresTheFirstGrant() {
    boolean changed = connection.connect(grant("a1", "r1"), ACME, T0.plusSeconds(2700), T0);

    assertThat(changed).isFalse();
    assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(connection.accessTokenCiphertext()).isEqualTo("a1");
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r1");
    assertThat(connection.tokenVersion()).isEqualTo(1);
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(2700));
    assertThat(connection.companyName()).isEqualTo("Acme Ltd");
    assertThat(connection.userEmail()).isEqualTo("ada@example.com");
  }

  /** A code exchange without a refresh token cannot connect. */
  /**
   * Resealing (key rotation) swaps the ciphertexts and nothing else: the token version stays, so a
   * refresh in flight still stores over it; a missing token cannot appear or vanish on the way.
   */
  @Test
  void resealKeepsTheVersionAndEachTokensPresence() {
    connection.connect(grant("a1", "r1"), ACME, T0.plusSeconds(2700), T0);
    long version = connection.tokenVersion();

    connection.resealed("a1-k2", "r1-k2", T0.plusSeconds(5));

    assertThat(connection.accessTokenCiphertext()).isEqualTo("a1-k2");
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r1-k2");
    assertThat(connection.tokenVersion()).isEqualTo(version);
    assertThatThrownBy(() -> connection.resealed(null, "r1-k2", T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void connectNeedsARefreshToken() {
    assertThatThrownBy(() -> connection.connect(grant("a1", null), ACME, T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThat(connection.status()).isEqualTo(ConnectionStatus.PENDING);
  }

  /** Reconnecting to another FreeAgent company records the one before. */
  @Test
  void reconnectToAnotherCompanyIsRecorded() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    boolean changed =
        connection.connect(
            grant("a2", "r2"), new CompanyFacts("2", "Other", "other", null, null), T0, T0);

    assertThat(changed).isTrue();
    assertThat(connection.previousCompanyId()).isEqualTo("1");
    assertThat(connection.previousCompanyName()).isEqualTo(ACME.companyName());
    assertThat(connection.companyChangedAt()).isEqualTo(T0);
    assertThat(connection.tokenVersion()).isEqualTo(2);
  }

  /** A refresh stores the new pair, clears the failure record and bumps the version. */
  @Test
  void refreshedStoresTheNewPairAndClearsFailures() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    connection.refreshFailed(FailureKind.TRANSIENT, "http_503", "down", T0.plusSeconds(30), T0);

    connection.refreshed(grant("a2", "r2"), T0.plusSeconds(3000), T0.plusSeconds(31));

    assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(connection.accessTokenCiphertext()).isEqualTo("a2");
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r2");
    assertThat(connection.tokenVersion()).isEqualTo(2);
    assertThat(connection.consecutiveFailures()).isZero();
    assertThat(connection.lastErrorCode()).isNull();
    assertThat(connection.lastSuccessAt()).isEqualTo(T0.plusSeconds(31));
  }

  /** A refresh without a new refresh token keeps the current one and its expiry. */
  @Test
  void refreshWithoutRotationKeepsTheRefreshToken() {
    connection.connect(
        new TokenGrant("a1", T0.plusSeconds(3600), "r1", T0.plus(Duration.ofDays(30))),
        ACME,
        T0,
        T0);

    connection.refreshed(grant("a2", null), T0.plusSeconds(3000), T0.plusSeconds(1));

    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r1");
    assertThat(connection.refreshExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
  }

  /**
   * A refresh that rotated the refresh token but brought no access token stores the new refresh
   * token and keeps the current access token and its expiry.
   */
  @Test
  void refreshWithoutAccessTokenKeepsTheCurrentAccessToken() {
    connection.connect(
        new TokenGrant("a1", T0.plusSeconds(3600), "r1", T0.plus(Duration.ofDays(30))),
        ACME,
        T0,
        T0);

    connection.refreshed(
        new TokenGrant(null, null, "r2", T0.plus(Duration.ofDays(40))),
        T0.plusSeconds(1),
        T0.plusSeconds(1));

    assertThat(connection.accessTokenCiphertext()).isEqualTo("a1");
    assertThat(connection.accessExpiresAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r2");
    assertThat(connection.refreshExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(40)));
    assertThat(connection.tokenVersion()).isEqualTo(2);
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(1));
  }

  /** A code exchange must bring an access token: there is no current one to keep. */
  @Test
  void connectNeedsAnAccessToken() {
    assertThatThrownBy(
            () -> connection.connect(new TokenGrant(null, null, "r1", null), ACME, T0, T0))
        .isInstanceOf(NullPointerException.class);
    assertThat(connection.status()).isEqualTo(ConnectionStatus.PENDING);
    assertThat(connection.refreshTokenCiphertext()).isNull();
  }

  /** The expiry warning is given once per refresh token; a rotated token gets its own. */
  @Test
  void expiryWarningResetsWithANewRefreshToken() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    connection.refreshExpiryWarned(T0.plusSeconds(5));
    assertThat(connection.refreshExpiryWarnedAt()).isEqualTo(T0.plusSeconds(5));

    connection.refreshed(grant("a2", null), T0, T0.plusSeconds(6));
    assertThat(connection.refreshExpiryWarnedAt()).isEqualTo(T0.plusSeconds(5));

    connection.refreshed(grant("a3", "r3"), T0, T0.plusSeconds(7));
    assertThat(connection.refreshExpiryWarnedAt()).isNull();
  }

  /** A pending or disconnected connection has no grant to refresh. */
  @Test
  void refreshedRefusesConnectionsWithoutAGrant() {
    assertThatThrownBy(() -> connection.refreshed(grant("a", "r"), T0, T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PENDING");

    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    connection.disconnect(T0);
    assertThatThrownBy(() -> connection.refreshed(grant("a", "r"), T0, T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DISCONNECTED");
  }

  /**
   * A pair that arrives for a connection marked NEEDS_RECONNECT is stored, and tried again at once:
   * the refusal may have revoked it (a provider that revokes a grant on reuse).
   */
  @Test
  void refreshedRevivesAConnectionThatNeedsReconnectAndTestsThePairAtOnce() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    connection.refreshFailed(FailureKind.GRANT_LOST, "invalid_grant", "gone", null, T0);

    connection.refreshed(grant("a2", "r2"), T0.plusSeconds(3000), T0.plusSeconds(1));

    assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r2");
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(1));

    connection.refreshed(grant("a3", "r3"), T0.plusSeconds(3000), T0.plusSeconds(2));
    assertThat(connection.nextRefreshAt())
        .as("a connected connection keeps the schedule it is given")
        .isEqualTo(T0.plusSeconds(3000));
  }

  /**
   * An older token that reached the provider again (refused, or unanswered) makes a scheduled
   * connection due at once, never later than it was; a connection that is not scheduled is left
   * alone.
   */
  @Test
  void anOlderTokenSentAgainMakesTheStoredPairDueAtOnce() {
    connection.connect(grant("a1", "r1"), ACME, T0.plusSeconds(2700), T0);

    connection.olderRefreshTokenSentAgain(T0.plusSeconds(5));
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(5));
    connection.olderRefreshTokenSentAgain(T0.plusSeconds(9));
    assertThat(connection.nextRefreshAt()).as("never postponed").isEqualTo(T0.plusSeconds(5));
    assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(connection.tokenVersion()).isEqualTo(1);

    connection.refreshFailed(FailureKind.GRANT_LOST, "invalid_grant", "gone", null, T0);
    connection.olderRefreshTokenSentAgain(T0.plusSeconds(10));
    assertThat(connection.status()).isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
    assertThat(connection.nextRefreshAt()).as("not scheduled: left alone").isNull();
  }

  /** A transient failure keeps the tokens, counts, and reschedules: REFRESH_FAILING. */
  @Test
  void transientFailureKeepsTokens() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.refreshFailed(FailureKind.TRANSIENT, "http_503", "down", T0.plusSeconds(30), T0);

    assertThat(connection.status()).isEqualTo(ConnectionStatus.REFRESH_FAILING);
    assertThat(connection.accessTokenCiphertext()).isEqualTo("a1");
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r1");
    assertThat(connection.tokenVersion()).isEqualTo(1);
    assertThat(connection.consecutiveFailures()).isEqualTo(1);
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(connection.lastErrorCode()).isEqualTo("http_503");
  }

  /** A 429 throttles until Retry-After. */
  @Test
  void throttledWaitsForRetryAfter() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.refreshFailed(FailureKind.THROTTLED, "rate_limited", "429", T0.plusSeconds(60), T0);

    assertThat(connection.status()).isEqualTo(ConnectionStatus.THROTTLED);
    assertThat(connection.throttledUntil()).isEqualTo(T0.plusSeconds(60));
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(60));
  }

  /** Wrong client credentials are ours: the status stays and no failure is counted. */
  @Test
  void clientCredentialFailureBlamesNoTenant() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.refreshFailed(
        FailureKind.CLIENT_CREDENTIALS,
        "client_credentials_rejected",
        "401",
        T0.plusSeconds(300),
        T0);

    assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(connection.consecutiveFailures()).isZero();
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(300));
  }

  /** invalid_grant: NEEDS_RECONNECT and no further refresh; the tokens stay for the record. */
  @Test
  void lostGrantNeedsReconnect() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.refreshFailed(FailureKind.GRANT_LOST, "invalid_grant", "gone", null, T0);

    assertThat(connection.status()).isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
    assertThat(connection.nextRefreshAt()).isNull();
    assertThat(connection.refreshTokenCiphertext()).isEqualTo("r1");
  }

  /**
   * A refresh held back by Token Warden itself (circuit open, bulkhead full) never reached
   * FreeAgent: only the next attempt moves; status, failure count and last error stay.
   */
  @Test
  void localRefusalOnlyMovesTheNextAttempt() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    connection.refreshFailed(FailureKind.TRANSIENT, "http_503", "down", T0.plusSeconds(30), T0);
    Instant attempted = connection.lastAttemptAt();

    connection.refreshFailed(
        FailureKind.LOCAL_REFUSAL,
        "circuit_open",
        "Not sent",
        T0.plusSeconds(90),
        T0.plusSeconds(60));

    assertThat(connection.status()).isEqualTo(ConnectionStatus.REFRESH_FAILING);
    assertThat(connection.consecutiveFailures()).isEqualTo(1);
    assertThat(connection.lastErrorCode()).isEqualTo("http_503");
    assertThat(connection.lastErrorMessage()).isEqualTo("down");
    assertThat(connection.lastAttemptAt()).isEqualTo(attempted);
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(connection.tokenVersion()).isEqualTo(1);
  }

  /**
   * A refresh whose answer never arrived (a 5xx, no answer) is a transient failure that the
   * connection remembers until a pair is stored, since FreeAgent may have rotated meanwhile.
   */
  @Test
  void unknownOutcomeIsRememberedUntilAPairIsStored() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.refreshOutcomeUnknown("http_502", "lost", T0.plusSeconds(30), T0);
    connection.refreshFailed(
        FailureKind.THROTTLED, "rate_limited", "429", T0.plusSeconds(90), T0.plusSeconds(30));

    assertThat(connection.outcomeUnknownSince()).isEqualTo(T0);
    assertThat(connection.consecutiveFailures()).isEqualTo(2);

    connection.refreshed(grant("a2", "r2"), T0.plusSeconds(2700), T0.plusSeconds(90));

    assertThat(connection.outcomeUnknownSince()).isNull();
  }

  /** Only a connection the scheduler keeps fresh can fail a refresh, and it needs a retry time. */
  @Test
  void refreshFailedIsGuarded() {
    assertThatThrownBy(
            () -> connection.refreshFailed(FailureKind.TRANSIENT, "x", "y", T0.plusSeconds(1), T0))
        .isInstanceOf(IllegalStateException.class);

    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    assertThatThrownBy(() -> connection.refreshFailed(FailureKind.TRANSIENT, "x", "y", null, T0))
        .isInstanceOf(IllegalArgumentException.class);

    connection.refreshFailed(FailureKind.GRANT_LOST, "invalid_grant", "gone", null, T0);
    assertThatThrownBy(
            () -> connection.refreshFailed(FailureKind.TRANSIENT, "x", "y", T0.plusSeconds(1), T0))
        .isInstanceOf(IllegalStateException.class);
    assertThat(connection.status()).isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
  }

  /** An expired refresh token means NEEDS_RECONNECT without a provider call. */
  @Test
  void expiredRefreshTokenNeedsReconnect() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.refreshTokenExpired(T0.plusSeconds(1));

    assertThat(connection.status()).isEqualTo(ConnectionStatus.NEEDS_RECONNECT);
    assertThat(connection.lastErrorCode()).isEqualTo("refresh_token_expired");
  }

  /** Rescheduling moves only a scheduled connection's next refresh. */
  @Test
  void rescheduleOnlyMovesScheduledConnections() {
    connection.rescheduleAt(T0.plusSeconds(10), T0);
    assertThat(connection.nextRefreshAt()).isNull();

    connection.connect(grant("a1", "r1"), ACME, T0, T0);
    connection.rescheduleAt(T0.plusSeconds(10), T0);
    assertThat(connection.nextRefreshAt()).isEqualTo(T0.plusSeconds(10));
  }

  /** Disconnecting forgets the tokens, stops refreshing and fences any refresh in flight. */
  @Test
  void disconnectForgetsTokens() {
    connection.connect(grant("a1", "r1"), ACME, T0, T0);

    connection.disconnect(T0.plusSeconds(1));

    assertThat(connection.status()).isEqualTo(ConnectionStatus.DISCONNECTED);
    assertThat(connection.accessTokenCiphertext()).isNull();
    assertThat(connection.refreshTokenCiphertext()).isNull();
    assertThat(connection.nextRefreshAt()).isNull();
    assertThat(connection.tokenVersion()).isEqualTo(2);
  }

  private static TokenGrant grant(String access, String refresh) {
    return new TokenGrant(access, T0.plusSeconds(3600), refresh, null);
  }
}
