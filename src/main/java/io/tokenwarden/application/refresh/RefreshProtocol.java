package io.tokenwarden.application.refresh;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FailureKind;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * The rotation-safe refresh of one claimed connection (docs/DESIGN.md §5.3, ADR 0020): read the
 * snapshot, call the token endpoint outside any transaction, then store the new pair in a new
 * transaction fenced by {@code token_version}, together with the pairs other refreshes received
 * meanwhile (ADR 0032). A commit that fails is retried with the pair kept in memory, never falling
 * back to the old (spent) refresh token; failures are classified by the provider exception and
 * recorded with the retry time the schedule policy or Retry-After gives. A failure whose outcome is
 * unknown is remembered on the connection, so that a later invalid_grant is reported as the lost
 * answer it is; a local refusal (circuit open, bulkhead full) moves only the next attempt, and an
 * open circuit pauses this node's claims ({@link CircuitPause}).
 */
@ApplicationScoped
public class RefreshProtocol {

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(RefreshProtocol.class.getName());

  /** Time a lease must have beyond the longest call: storing the pair takes a moment too. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

  @Inject TokenStore store;

  @Inject TokenSealer sealer;

  @Inject FreeAgentOAuthClient oauth;

  @Inject RefreshSchedulePolicy policy;

  @Inject ProviderStateStore provider;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject RefreshMetrics metrics;

  @Inject ParkedPairs parked;

  @Inject NodeIdentity node;

  @Inject NodeRegistry registry;

  @Inject CircuitPause circuitPause;

  @Inject Clock clock;

  @Inject Event<TokenPairStored> stored;

  /**
   * The first commit attempt of every received pair: the pairs that arrive while another group is
   * being stored wait and are stored together, in one transaction (ADR 0032). Later attempts, and
   * every pair of a group that failed, are stored alone, so one pair the database refuses never
   * holds the others back twice.
   */
  final GroupCommit<ReceivedPair, Optional<ConnectionStatus>> storedTogether =
      new GroupCommit<>(
          pairs -> store.storeRefreshedTogether(pairs),
          MAX_STORED_TOGETHER,
          size -> metrics.storedTogether(size));

  /**
   * The most pairs one store transaction takes: more waiting than this is more than the in-flight
   * refreshes of one node (concurrency 8 to 64), and a longer transaction holds more rows locked.
   */
  static final int MAX_STORED_TOGETHER = 64;

  /**
   * Refreshes a connection this node holds the lease of.
   *
   * @param onlyIfNeeded skip the call when the stored token already has the minimum validity (an
   *     on-demand refresh that another refresh beat)
   */
  public RefreshResult run(ClaimedConnection claim, RefreshTrigger trigger, boolean onlyIfNeeded) {
    return run(claim, trigger, onlyIfNeeded ? policy.minimumValidity() : null);
  }

  /**
   * Refreshes a connection this node holds the lease of.
   *
   * @param neededValidity skip the call when the stored token already has this much validity left
   *     (an on-demand refresh that another refresh beat; the hand-out's demanded validity); null to
   *     refresh regardless
   */
  public RefreshResult run(
      ClaimedConnection claim, RefreshTrigger trigger, Duration neededValidity) {
    long started = System.nanoTime();
    try {
      return runTimed(claim, trigger, neededValidity);
    } finally {
      // The whole refresh on this node; less the provider's share (refreshLatency), Token Warden's
      // own cost per refresh, the figure the refresh benchmarks compare with the bare loop.
      metrics.refreshWork(since(started));
    }
  }

  private RefreshResult runTimed(
      ClaimedConnection claim, RefreshTrigger trigger, Duration neededValidity) {
    Instant now = clock.instant();
    Optional<ConnectionSnapshot> found = store.snapshot(claim.tenantId());
    if (found.isEmpty()) {
      return new RefreshResult(ConnectionStatus.PENDING, false, "The tenant has no connection.");
    }
    ConnectionSnapshot s = found.get();
    if (!claim.claimId().equals(s.leaseClaim())) {
      // Not this claim's lease any more: it ran out and another claim (of another node, or of
      // this one) holds the row, or it was given back. Sending now could spend the refresh token
      // that claim is about to send.
      return new RefreshResult(
          s.status(),
          false,
          s.leaseOwner() == null
              ? "The lease was given back before this refresh ran."
              : node.name().equals(s.leaseOwner())
                  ? "A newer claim of this node took this refresh over."
                  : "Another node took this refresh over.");
    }
    if (!s.status().isScheduled() || s.refreshCiphertext() == null) {
      store.rescheduleAndRelease(claim, s.nextRefreshAt());
      return new RefreshResult(s.status(), false, "The connection is not refreshed: " + s.status());
    }
    if (neededValidity != null
        && !policy.needsRefreshBeforeHandOut(now, s.accessExpiresAt(), neededValidity)) {
      store.rescheduleAndRelease(claim, s.nextRefreshAt());
      return new RefreshResult(s.status(), false, "The stored access token is still fresh.");
    }
    if (s.refreshExpiresAt() != null && !s.refreshExpiresAt().isAfter(now)) {
      ConnectionStatus after =
          store.markRefreshTokenExpired(
              claim.tenantId(), s.tokenVersion(), claim.claimId(), trigger);
      metrics.refreshed("refresh_token_expired");
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(claim.tenantId())
                  + ": the refresh token expired; status NEEDS_RECONNECT. Send a reconnect link.");
      return new RefreshResult(after, false, "The refresh token expired; a reconnect is needed.");
    }
    if (!leaseOutlastsTheCall(s.leaseLeft())) {
      // Another claim may take the row once the lease runs out; sending now could put the same
      // refresh token on the wire twice. Give the row back: the next claim brings a full lease.
      return notSent(
          claim,
          s,
          "lease_too_short",
          "the lease had " + s.leaseLeft() + " left, less than the longest token-endpoint call",
          "the lease had too little time left");
    }
    if (!registry.mayClaim()) {
      // This node's heartbeat is too old: other nodes may take its leases before a call now ends.
      return notSent(
          claim,
          s,
          "not_heartbeating",
          "this node could not write its heartbeat recently enough (tokenwarden.node.dead-after)",
          "this node is not heartbeating");
    }
    String refreshToken;
    try {
      refreshToken = sealer.openRefreshToken(claim.tenantId(), s.refreshCiphertext());
    } catch (TokenDecryptionException e) {
      LOG.severe(() -> "Tenant " + labels.of(claim.tenantId()) + ": " + e.getMessage());
      return failed(
          claim,
          s,
          trigger,
          new ProviderFailure(
              FailureKind.TRANSIENT,
              "undecryptable",
              "The stored refresh token cannot be decrypted with the configured keys"
                  + " (tokenwarden.crypto.keys).",
              null,
              null),
          Duration.ZERO);
    }
    long started = System.nanoTime();
    TokenResponse response;
    try {
      response = oauth.refresh(refreshToken);
    } catch (RuntimeException e) {
      ProviderFailure failure = ProviderFailure.of(e);
      metrics.refreshLatency(
          failure.kind().name().toLowerCase(java.util.Locale.ROOT), since(started));
      if (failure.isUnexpected()) {
        LOG.log(
            Level.WARNING,
            "Tenant " + labels.of(claim.tenantId()) + ": unexpected refresh error",
            e);
      }
      return failed(claim, s, trigger, failure, since(started));
    }
    // From here on the refresh token the snapshot held is spent: it is never sent again.
    Duration took = since(started);
    metrics.refreshLatency("answered", took);
    Instant receivedAt = clock.instant();
    TokenGrant grant = sealer.seal(claim.tenantId(), response, receivedAt);
    // Without a new access token the kept one may be close to expiry: the new refresh token is
    // used at once to get a proper pair.
    Instant next =
        response.carriesAccessToken()
            ? policy.nextRefreshAfterSuccess(receivedAt, response.accessTokenLifetime())
            : receivedAt;
    if (response.isIrregular()) {
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(claim.tenantId())
                  + ": "
                  + response.irregularityNote()
                  + " The new refresh token is stored anyway: the one sent is spent.");
    }
    return storeUntilDone(
        new ReceivedPair(
            claim.tenantId(),
            s.tokenVersion(),
            claim.claimId(),
            grant,
            next,
            trigger,
            took,
            response.accessToken(),
            response.irregularityNote()));
  }

  /**
   * Gives the row back without calling FreeAgent, for a claim that must not send now; the refresh
   * token is untouched and the next claim (with a full lease) tries again.
   */
  private RefreshResult notSent(
      ClaimedConnection claim,
      ConnectionSnapshot s,
      String outcome,
      String whyForTheLog,
      String whyForTheCaller) {
    store.rescheduleAndRelease(claim, s.nextRefreshAt());
    metrics.refreshed(outcome);
    LOG.warning(
        () ->
            "Tenant "
                + labels.of(claim.tenantId())
                + ": not sent, "
                + whyForTheLog
                + "; released for a new claim.");
    return new RefreshResult(
        s.status(), false, "Not sent: " + whyForTheCaller + "; claimed again soon.");
  }

  /**
   * Tries the parked pairs again, first loading those an earlier run left in the journal (called by
   * the tick before claiming).
   *
   * @throws ParkedPairs.JournalUnreadableException when the journal cannot be read: do not claim
   */
  public void retryParked() {
    for (ReceivedPair pair : parked.all()) {
      try {
        RefreshResult result = storeOnce(pair, store::storeRefreshed);
        parked.done(pair);
        LOG.info(
            () ->
                "Tenant " + labels.of(pair.tenantId()) + ": parked token pair handled: " + result);
      } catch (RuntimeException e) {
        LOG.warning(
            () ->
                "Tenant "
                    + labels.of(pair.tenantId())
                    + ": parked token pair still cannot be stored ("
                    + e.getClass().getSimpleName()
                    + ")");
      }
    }
  }

  /**
   * Stores the pair, retrying a failed commit up to {@code commit-attempts} times, then parks it.
   * The first attempt stores it together with the other pairs that arrive meanwhile; when that
   * group's transaction fails, every pair of it goes on alone from the second attempt, so a group
   * adds no failure mode the one-pair path does not have. The refresh token it replaces is spent,
   * so an interrupt (the node stopping) must not cut the attempts or their backoff short: it is
   * held back until they are over, then restored.
   */
  RefreshResult storeUntilDone(ReceivedPair pair) {
    // On disk before the first attempt: a crash from here on must not lose the only usable pair.
    parked.journal(pair);
    boolean interrupted = false;
    try {
      for (int attempt = 1; ; attempt++) {
        // An interrupted thread would make the driver or the pool refuse the commit at once.
        interrupted |= Thread.interrupted();
        try {
          RefreshResult result =
              storeOnce(pair, attempt == 1 ? storedTogether::commit : store::storeRefreshed);
          parked.done(pair);
          return result;
        } catch (RuntimeException e) {
          final int failedAttempt = attempt;
          if (attempt >= settings.commitAttempts()) {
            parked.park(pair);
            metrics.refreshed("parked");
            LOG.severe(
                () ->
                    "Tenant "
                        + labels.of(pair.tenantId())
                        + ": the refreshed token pair could not be stored after "
                        + failedAttempt
                        + " attempts ("
                        + e.getClass().getSimpleName()
                        + "); it is kept in the refresh journal and retried at every tick, and"
                        + " this node claims the tenant no more until it is stored.");
            return new RefreshResult(
                ConnectionStatus.CONNECTED,
                true,
                "Refreshed, but storing the new pair is delayed by a database problem.");
          }
          LOG.warning(
              () ->
                  "Tenant "
                      + labels.of(pair.tenantId())
                      + ": storing the refreshed token pair failed (attempt "
                      + failedAttempt
                      + ", "
                      + e.getClass().getSimpleName()
                      + "); retrying with the new pair, never the old one.");
          interrupted |=
              pauseThroughInterrupts(
                  Duration.ofMillis(Math.min(5_000, 100L << Math.min(attempt, 6))));
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private RefreshResult storeOnce(
      ReceivedPair pair, Function<ReceivedPair, Optional<ConnectionStatus>> storeAttempt) {
    Optional<ConnectionStatus> status = storeAttempt.apply(pair);
    if (status.isEmpty()) {
      metrics.refreshed("superseded");
      return new RefreshResult(
          ConnectionStatus.CONNECTED, false, "A newer token pair had been stored meanwhile.");
    }
    metrics.refreshed("success");
    provider.clearCredentialAlarmIfRaised();
    if (!pair.grant().carriesAccessToken()) {
      // Nothing new for the hand-out cache: it keeps serving the current token while it lasts.
      return new RefreshResult(
          status.get(),
          true,
          "Refreshed the refresh token only; FreeAgent sent no usable access token, so the"
              + " current one is kept and another refresh is due now.");
    }
    if (pair.accessToken() != null) {
      // A pair replayed from the journal has none (it is never written): the cache just misses.
      stored.fire(
          new TokenPairStored(
              pair.tenantId(),
              pair.expectedVersion() + 1,
              pair.accessToken(),
              pair.grant().accessExpiresAt()));
    }
    return new RefreshResult(
        status.get(),
        true,
        "Refreshed; the new access token is valid until " + pair.grant().accessExpiresAt() + ".");
  }

  private RefreshResult failed(
      ClaimedConnection claim,
      ConnectionSnapshot s,
      RefreshTrigger trigger,
      ProviderFailure providerFailure,
      Duration took) {
    // invalid_grant after a refresh whose answer was lost: FreeAgent rotated then, nobody revoked.
    ProviderFailure failure =
        s.outcomeUnknownSince() != null ? providerFailure.afterLostAnswer() : providerFailure;
    FailureKind kind = failure.kind();
    Duration retryAfter = failure.retryAfter();
    String code = failure.code();
    String message = failure.message();
    Instant now = clock.instant();
    Instant retryAt =
        switch (kind) {
          case TRANSIENT ->
              policy.nextAttemptAfterFailure(now, s.consecutiveFailures() + 1, s.accessExpiresAt());
          case THROTTLED -> now.plus(retryAfter == null ? Duration.ofSeconds(60) : retryAfter);
          case CLIENT_CREDENTIALS -> now.plus(settings.admission().credentialsRetry());
          case GRANT_LOST -> null;
          // FreeAgent was never called: the first backoff step, not a counted failure.
          case LOCAL_REFUSAL -> policy.nextAttemptAfterFailure(now, 1, s.accessExpiresAt());
        };
    if (kind == FailureKind.LOCAL_REFUSAL && CircuitPause.CIRCUIT_OPEN.equals(code)) {
      circuitPause.holdUntil(retryAt);
    }
    if (kind == FailureKind.CLIENT_CREDENTIALS) {
      provider.raiseCredentialAlarm();
    }
    Runnable alsoInScope =
        kind == FailureKind.THROTTLED
            ? () -> provider.recordRateLimitInScope(claim.userKey(), retryAt)
            : null;
    ConnectionStatus after =
        store.recordFailure(claim, s.tokenVersion(), failure, retryAt, trigger, took, alsoInScope);
    metrics.refreshed(kind.name().toLowerCase(java.util.Locale.ROOT));
    if (kind == FailureKind.THROTTLED) {
      metrics.providerThrottled();
    }
    if (ProviderFailure.ANSWER_LOST.equals(code)) {
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(claim.tenantId())
                  + ": FreeAgent's answer to an earlier refresh was lost; the refresh token it"
                  + " issued never arrived (answer_lost); status NEEDS_RECONNECT. Send the tenant"
                  + " a reconnect link.");
    } else if (kind == FailureKind.GRANT_LOST) {
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(claim.tenantId())
                  + ": FreeAgent no longer accepts the grant ("
                  + code
                  + "); status NEEDS_RECONNECT. Send the tenant a reconnect link.");
    } else {
      LOG.fine(() -> "Tenant " + labels.of(claim.tenantId()) + ": refresh failed, " + code);
    }
    return new RefreshResult(
        after, false, message + (retryAt == null ? "" : " Next attempt at " + retryAt + "."));
  }

  /**
   * Whether a lease with {@code left} to run outlasts the longest token-endpoint call (all
   * attempts, as the fault-tolerance policies are configured) with {@link #LEASE_MARGIN} to spare.
   */
  boolean leaseOutlastsTheCall(Duration left) {
    return left != null && left.compareTo(oauth.refreshCallBound().plus(LEASE_MARGIN)) >= 0;
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** Waits the whole {@code duration}; returns whether an interrupt arrived meanwhile. */
  private static boolean pauseThroughInterrupts(Duration duration) {
    boolean interrupted = false;
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }
}
