package io.tokenwarden.application.refresh;

import io.tokenwarden.application.refresh.ParkedPairs.ParkedPair;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import io.tokenwarden.infrastructure.freeagent.ProviderException;
import io.tokenwarden.infrastructure.freeagent.ProviderThrottledException;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * The rotation-safe refresh of one claimed connection (DESIGN.md): read the snapshot, call the
 * token endpoint outside any transaction, then store the new pair in a new transaction fenced by
 * {@code token_version}. A commit that fails is retried with the pair kept in memory, never falling
 * back to the old (spent) refresh token; failures are classified by the provider exception and
 * recorded with the retry time the schedule policy or Retry-After gives.
 */
@ApplicationScoped
public class RefreshProtocol {

  private static final Logger LOG = Logger.getLogger(RefreshProtocol.class.getName());

  @Inject TokenStore store;

  @Inject TokenCipher cipher;

  @Inject FreeAgentOAuthClient oauth;

  @Inject RefreshSchedulePolicy policy;

  @Inject ProviderStateStore provider;

  @Inject RefreshSettings settings;

  @Inject RefreshMetrics metrics;

  @Inject ParkedPairs parked;

  @Inject NodeIdentity node;

  @Inject Clock clock;

  @Inject Event<TokenPairStored> stored;

  /**
   * Refreshes a connection this node holds the lease of.
   *
   * @param onlyIfNeeded skip the call when the stored token already has the minimum validity (an
   *     on-demand refresh that another refresh beat)
   */
  public RefreshResult run(ClaimedConnection claim, RefreshTrigger trigger, boolean onlyIfNeeded) {
    Instant now = clock.instant();
    Optional<ConnectionSnapshot> found = store.snapshot(claim.tenantId());
    if (found.isEmpty()) {
      return new RefreshResult(ConnectionStatus.PENDING, false, "The tenant has no connection.");
    }
    ConnectionSnapshot s = found.get();
    if (!node.name().equals(s.leaseOwner())) {
      return new RefreshResult(s.status(), false, "Another node took this refresh over.");
    }
    if (!s.status().isScheduled() || s.refreshCiphertext() == null) {
      store.rescheduleAndRelease(claim.tenantId(), s.nextRefreshAt());
      return new RefreshResult(s.status(), false, "The connection is not refreshed: " + s.status());
    }
    if (onlyIfNeeded && !policy.needsRefreshBeforeHandOut(now, s.accessExpiresAt())) {
      store.rescheduleAndRelease(claim.tenantId(), s.nextRefreshAt());
      return new RefreshResult(s.status(), false, "The stored access token is still fresh.");
    }
    if (s.refreshExpiresAt() != null && !s.refreshExpiresAt().isAfter(now)) {
      ConnectionStatus after = store.markRefreshTokenExpired(claim.tenantId(), trigger);
      metrics.refreshed("refresh_token_expired");
      LOG.warning(
          () ->
              "Tenant "
                  + claim.tenantId()
                  + ": the refresh token expired; status NEEDS_RECONNECT. Send a reconnect link.");
      return new RefreshResult(after, false, "The refresh token expired; a reconnect is needed.");
    }
    String refreshToken;
    try {
      refreshToken = cipher.decrypt(claim.tenantId(), "refresh_token", s.refreshCiphertext());
    } catch (TokenDecryptionException e) {
      LOG.severe(() -> "Tenant " + claim.tenantId() + ": " + e.getMessage());
      return failed(
          claim,
          s,
          trigger,
          FailureKind.TRANSIENT,
          "undecryptable",
          "The stored refresh token cannot be decrypted with the configured keys"
              + " (tokenwarden.crypto.keys).",
          null,
          null,
          Duration.ZERO);
    }
    long started = System.nanoTime();
    TokenResponse response;
    try {
      response = oauth.refresh(refreshToken);
    } catch (ProviderException e) {
      Duration took = since(started);
      Duration retryAfter = e instanceof ProviderThrottledException t ? t.retryAfter() : null;
      return failed(
          claim,
          s,
          trigger,
          e.kind(),
          e.errorCode(),
          e.getMessage(),
          e.httpStatus(),
          retryAfter,
          took);
    } catch (CircuitBreakerOpenException e) {
      return failed(
          claim,
          s,
          trigger,
          FailureKind.TRANSIENT,
          "circuit_open",
          "FreeAgent keeps failing; the circuit breaker holds calls back for a while.",
          null,
          null,
          since(started));
    } catch (FaultToleranceException e) {
      return failed(
          claim,
          s,
          trigger,
          FailureKind.TRANSIENT,
          "fault_tolerance",
          "The call was refused locally (" + e.getClass().getSimpleName() + ").",
          null,
          null,
          since(started));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Tenant " + claim.tenantId() + ": unexpected refresh error", e);
      return failed(
          claim,
          s,
          trigger,
          FailureKind.TRANSIENT,
          "unexpected",
          "Unexpected error calling FreeAgent (" + e.getClass().getSimpleName() + ").",
          null,
          null,
          since(started));
    }
    // From here on the refresh token the snapshot held is spent: it is never sent again.
    Duration took = since(started);
    Instant receivedAt = clock.instant();
    TokenGrant grant =
        new TokenGrant(
            cipher.encrypt(claim.tenantId(), "access_token", response.accessToken()),
            receivedAt.plus(response.accessTokenLifetime()),
            response.refreshToken() == null
                ? null
                : cipher.encrypt(claim.tenantId(), "refresh_token", response.refreshToken()),
            response.refreshToken() == null || response.refreshTokenLifetime() == null
                ? null
                : receivedAt.plus(response.refreshTokenLifetime()));
    Instant next = policy.nextRefreshAfterSuccess(receivedAt, response.accessTokenLifetime());
    return storeUntilDone(
        new ParkedPair(
            claim.tenantId(),
            s.tokenVersion(),
            grant,
            next,
            trigger,
            took,
            response.accessToken()));
  }

  /** Tries the parked pairs again (called by the tick before claiming). */
  public void retryParked() {
    for (ParkedPair pair : parked.all()) {
      try {
        RefreshResult result = storeOnce(pair);
        parked.remove(pair);
        LOG.info(() -> "Tenant " + pair.tenantId() + ": parked token pair handled: " + result);
      } catch (RuntimeException e) {
        LOG.warning(
            () ->
                "Tenant "
                    + pair.tenantId()
                    + ": parked token pair still cannot be stored ("
                    + e.getClass().getSimpleName()
                    + ")");
      }
    }
  }

  private RefreshResult storeUntilDone(ParkedPair pair) {
    for (int attempt = 1; ; attempt++) {
      try {
        return storeOnce(pair);
      } catch (RuntimeException e) {
        final int failedAttempt = attempt;
        if (attempt >= settings.commitAttempts()) {
          parked.park(pair);
          metrics.refreshed("parked");
          LOG.severe(
              () ->
                  "Tenant "
                      + pair.tenantId()
                      + ": the refreshed token pair could not be stored after "
                      + failedAttempt
                      + " attempts ("
                      + e.getClass().getSimpleName()
                      + "); it is kept in memory and retried at every tick.");
          return new RefreshResult(
              ConnectionStatus.CONNECTED,
              true,
              "Refreshed, but storing the new pair is delayed by a database problem.");
        }
        LOG.warning(
            () ->
                "Tenant "
                    + pair.tenantId()
                    + ": storing the refreshed token pair failed (attempt "
                    + failedAttempt
                    + ", "
                    + e.getClass().getSimpleName()
                    + "); retrying with the new pair, never the old one.");
        pause(Duration.ofMillis(Math.min(5_000, 100L << Math.min(attempt, 6))));
      }
    }
  }

  private RefreshResult storeOnce(ParkedPair pair) {
    Optional<ConnectionStatus> status =
        store.storeRefreshed(
            pair.tenantId(),
            pair.expectedVersion(),
            pair.grant(),
            pair.nextRefresh(),
            pair.trigger(),
            pair.duration());
    if (status.isEmpty()) {
      metrics.refreshed("superseded");
      return new RefreshResult(
          ConnectionStatus.CONNECTED, false, "A newer token pair had been stored meanwhile.");
    }
    metrics.refreshed("success");
    stored.fire(
        new TokenPairStored(
            pair.tenantId(),
            pair.expectedVersion() + 1,
            pair.accessToken(),
            pair.grant().accessExpiresAt()));
    provider.clearCredentialAlarmIfRaised();
    return new RefreshResult(
        status.get(),
        true,
        "Refreshed; the new access token is valid until " + pair.grant().accessExpiresAt() + ".");
  }

  private RefreshResult failed(
      ClaimedConnection claim,
      ConnectionSnapshot s,
      RefreshTrigger trigger,
      FailureKind kind,
      String code,
      String message,
      Integer httpStatus,
      Duration retryAfter,
      Duration took) {
    Instant now = clock.instant();
    Instant retryAt =
        switch (kind) {
          case TRANSIENT ->
              policy.nextAttemptAfterFailure(now, s.consecutiveFailures() + 1, s.accessExpiresAt());
          case THROTTLED -> now.plus(retryAfter == null ? Duration.ofSeconds(60) : retryAfter);
          case CLIENT_CREDENTIALS -> now.plus(settings.admission().credentialsRetry());
          case GRANT_LOST -> null;
        };
    if (kind == FailureKind.CLIENT_CREDENTIALS) {
      provider.raiseCredentialAlarm();
    }
    Runnable alsoInScope =
        kind == FailureKind.THROTTLED
            ? () -> provider.recordRateLimitInScope(claim.userKey(), retryAt)
            : null;
    ConnectionStatus after =
        store.recordFailure(
            claim.tenantId(),
            s.tokenVersion(),
            kind,
            code,
            message,
            retryAt,
            httpStatus,
            trigger,
            took,
            alsoInScope);
    metrics.refreshed(kind.name().toLowerCase(java.util.Locale.ROOT));
    if (kind == FailureKind.GRANT_LOST) {
      LOG.warning(
          () ->
              "Tenant "
                  + claim.tenantId()
                  + ": FreeAgent no longer accepts the grant ("
                  + code
                  + "); status NEEDS_RECONNECT. Send the tenant a reconnect link.");
    } else {
      LOG.fine(() -> "Tenant " + claim.tenantId() + ": refresh failed, " + code);
    }
    return new RefreshResult(
        after, false, message + (retryAt == null ? "" : " Next attempt at " + retryAt + "."));
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
