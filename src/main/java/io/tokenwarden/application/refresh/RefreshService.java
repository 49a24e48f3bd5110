package io.tokenwarden.application.refresh;

import io.tokenwarden.application.refresh.ConnectionLeases.ClaimAttempt;
import io.tokenwarden.application.refresh.InFlightRefreshes.RefreshStillRunningException;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refreshes one tenant's connection now: the console's and the API's "refresh now", and the
 * hand-out's on-demand refresh. Every caller goes through the connection's lease, so a refresh
 * already running (on this node or another) is joined, never repeated: on this node the second
 * caller waits for the first one's result; when another node holds the lease, the caller polls
 * until that node's refresh is stored or its lease ends.
 */
@ApplicationScoped
public class RefreshService {

  private static final Duration POLL = Duration.ofMillis(100);

  @Inject ConnectionLeases leases;

  @Inject RefreshProtocol protocol;

  @Inject TokenStore store;

  @Inject ProviderStateStore provider;

  @Inject RefreshSettings settings;

  @Inject Clock clock;

  private final InFlightRefreshes inFlight = new InFlightRefreshes();

  /**
   * Refreshes the tenant's tokens now (MANUAL) or when the stored access token is below the minimum
   * validity (ON_DEMAND), joining a refresh already in progress.
   */
  public RefreshResult refreshNow(UUID tenantId, RefreshTrigger trigger) {
    try {
      return inFlight.runOrJoin(
          tenantId, () -> claimAndRefresh(tenantId, trigger), settings.waitForOther());
    } catch (RefreshStillRunningException e) {
      return current(tenantId, false, "A refresh for this tenant is still running; try again.");
    }
  }

  /** The scheduler's entry: refreshes a connection its tick claimed. */
  public RefreshResult refreshClaimed(ClaimedConnection claim) {
    return inFlight
        .runUnlessRunning(
            claim.tenantId(), () -> protocol.run(claim, RefreshTrigger.SCHEDULED, false))
        .orElseGet(
            () -> {
              // An on-demand caller here is already handling this tenant.
              leases.release(claim);
              return current(claim.tenantId(), false, "Already being refreshed on this node.");
            });
  }

  private RefreshResult claimAndRefresh(UUID tenantId, RefreshTrigger trigger) {
    Instant deadline = clock.instant().plus(settings.waitForOther());
    long versionBefore = -1;
    while (true) {
      Instant now = clock.instant();
      ProviderState state = provider.read();
      ProviderAdmission admission = settings.admission();
      if (admission.isPaused(state, now)) {
        return current(
            tenantId,
            false,
            "Refreshing is paused cluster-wide until "
                + admission.resumesAt(state, now)
                + (state.credentialsRejectedAt() != null
                    ? " (FreeAgent rejected the client credentials)."
                    : " (FreeAgent throttles many users at once)."));
      }
      ClaimAttempt attempt = leases.claimOne(tenantId);
      switch (attempt.reason()) {
        case CLAIMED -> {
          return protocol.run(
              attempt.claim().orElseThrow(), trigger, trigger == RefreshTrigger.ON_DEMAND);
        }
        case NOT_SCHEDULED -> {
          return current(tenantId, false, "This connection is not being refreshed.");
        }
        case USER_LIMIT -> {
          return current(
              tenantId,
              false,
              "This FreeAgent user's refreshes for this minute ("
                  + settings.perUserLimit()
                  + ") are used up; next window at "
                  + attempt.notBefore()
                  + ".");
        }
        case LEASED_ELSEWHERE -> {
          Optional<ConnectionSnapshot> snapshot = store.snapshot(tenantId);
          if (snapshot.isEmpty()) {
            return current(tenantId, false, "The tenant has no connection.");
          }
          if (versionBefore < 0) {
            versionBefore = snapshot.get().tokenVersion();
          }
          Optional<RefreshResult> done = waitForOtherNode(tenantId, versionBefore, deadline);
          if (done.isPresent()) {
            return done.get();
          }
          // The other lease ended without a new pair: claim again (bounded by the deadline).
        }
      }
    }
  }

  /**
   * Polls until the token version moves (the other refresh stored its pair) or the lease ends.
   *
   * @return the result when the wait is over for good, empty when the caller should claim again
   */
  private Optional<RefreshResult> waitForOtherNode(
      UUID tenantId, long versionBefore, Instant deadline) {
    while (clock.instant().isBefore(deadline)) {
      pause();
      ConnectionSnapshot s = store.snapshot(tenantId).orElse(null);
      if (s == null) {
        return Optional.of(current(tenantId, false, "The tenant has no connection."));
      }
      if (s.tokenVersion() != versionBefore) {
        return Optional.of(
            new RefreshResult(s.status(), true, "Refreshed by a refresh already in progress."));
      }
      if (s.leaseOwner() == null) {
        // The other refresh finished without a new pair (it failed, or found nothing to do).
        return Optional.of(new RefreshResult(s.status(), false, lastWord(s)));
      }
      if (s.leaseExpiresAt() != null && s.leaseExpiresAt().isBefore(clock.instant())) {
        // Its node died mid-refresh: the lease has run out, so this caller may claim.
        return Optional.empty();
      }
    }
    return Optional.of(
        current(tenantId, false, "Another node is still refreshing this tenant; try again."));
  }

  private static String lastWord(ConnectionSnapshot s) {
    return s.status() == ConnectionStatus.CONNECTED
        ? "The refresh already in progress found nothing to do."
        : "The refresh already in progress did not succeed (" + s.status() + ").";
  }

  private RefreshResult current(UUID tenantId, boolean refreshed, String message) {
    ConnectionStatus status =
        store.snapshot(tenantId).map(ConnectionSnapshot::status).orElse(ConnectionStatus.PENDING);
    return new RefreshResult(status, refreshed, message);
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
