package io.tokenwarden.application.refresh;

import io.tokenwarden.application.refresh.ConnectionLeases.ClaimAttempt;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Refreshes one tenant's connection now: the console's and the API's "refresh now", and the
 * hand-out's on-demand refresh. Every caller goes through the connection's lease, so a refresh
 * already running (on this node or another) is joined, never repeated: on this node the second
 * caller gets the first one's result; when another node holds the lease, the row is polled on the
 * managed scheduler until that node's refresh is stored or its lease ends. Waiting holds no thread
 * ({@link #refresh} answers a future, bounded by {@code wait-for-other}); {@link #refreshNow} is
 * the blocking form for the console and the manual API.
 */
@ApplicationScoped
public class RefreshService {

  /** How often the row is read while another node's refresh runs: modest, it is a wait. */
  static final Duration POLL = Duration.ofMillis(250);

  @Inject ConnectionLeases leases;

  @Inject RefreshProtocol protocol;

  @Inject TokenStore store;

  @Inject ProviderStateStore provider;

  @Inject NodeIdentity node;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject Clock clock;

  @Inject InFlightRefreshes inFlight;

  @Inject CircuitPause circuitPause;

  /** Runs the bounded waits (polls of another node's lease, timeouts); never a request thread. */
  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ScheduledExecutorService waits;

  /**
   * Refreshes the tenant's tokens now (MANUAL) or when the stored access token is below the minimum
   * validity (ON_DEMAND), joining a refresh already in progress; blocks the caller until done, at
   * most {@code wait-for-other} beyond its own provider call.
   */
  public RefreshResult refreshNow(UUID tenantId, RefreshTrigger trigger) {
    try {
      return refresh(tenantId, trigger).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * As {@link #refreshNow}, without holding the caller's thread while it waits: a refresh this
   * caller runs itself runs on its thread; joining one of this node, or waiting for another node's
   * lease, completes the future later from the managed scheduler, within {@code wait-for-other}.
   */
  public CompletableFuture<RefreshResult> refresh(UUID tenantId, RefreshTrigger trigger) {
    return refresh(tenantId, trigger, null);
  }

  /**
   * As {@link #refresh(UUID, RefreshTrigger)}; an ON_DEMAND refresh is skipped when the stored
   * token has {@code neededValidity} left once this caller holds the lease (another refresh beat
   * it). Null: the configured minimum validity. A caller joining a refresh already in flight on
   * this node gets that refresh's result.
   */
  public CompletableFuture<RefreshResult> refresh(
      UUID tenantId, RefreshTrigger trigger, Duration neededValidity) {
    if (inFlight.isClosed()) {
      return CompletableFuture.completedFuture(
          current(
              tenantId,
              false,
              "This node is stopping and starts no new refresh; try again (another node answers)."));
    }
    Instant deadline = clock.instant().plus(settings.waitForOther());
    CompletableFuture<RefreshResult> result =
        inFlight.startOrJoin(
            tenantId,
            place -> claimAndRefresh(tenantId, trigger, neededValidity, place, deadline, -1));
    return within(
        result,
        settings.waitForOther(),
        () -> current(tenantId, false, "A refresh for this tenant is still running; try again."));
  }

  /**
   * The scheduler's entry: refreshes a connection its tick claimed. An on-demand caller here may
   * have registered a moment before the claim; it cannot claim past this lease, so it steps aside
   * (or, if it was refreshing under a lease of its own, finishes) and this claim runs.
   */
  public RefreshResult refreshClaimed(ClaimedConnection claim) {
    Instant deadline = clock.instant().plus(settings.waitForOther());
    while (true) {
      Optional<RefreshResult> result =
          inFlight.runUnlessRunning(
              claim.tenantId(), () -> protocol.run(claim, RefreshTrigger.SCHEDULED, false));
      if (result.isPresent()) {
        return result.get();
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || !inFlight.awaitVacant(claim.tenantId(), left)) {
        leases.giveBackUnsent(claim);
        return current(claim.tenantId(), false, "Already being refreshed on this node.");
      }
    }
  }

  private CompletableFuture<RefreshResult> claimAndRefresh(
      UUID tenantId,
      RefreshTrigger trigger,
      Duration neededValidity,
      InFlightRefreshes.Place place,
      Instant deadline,
      long versionSeen) {
    long versionBefore = versionSeen;
    Instant now = clock.instant();
    ProviderState state = provider.read();
    ProviderAdmission admission = settings.admission();
    if (admission.isPaused(state, now)) {
      return done(
          heldBack(
              tenantId,
              "Refreshing is paused cluster-wide until "
                  + admission.resumesAt(state, now)
                  + (state.credentialsRejectedAt() != null
                      ? " (FreeAgent rejected the client credentials)."
                      : " (FreeAgent throttles many users at once)."),
              admission.resumesAt(state, now)));
    }
    if (circuitPause.holds(now)) {
      // A call now would be refused locally after spending one of the user's refresh slots.
      return done(
          heldBack(
              tenantId,
              "This node's circuit breaker around FreeAgent's token endpoint is open; no refresh"
                  + " starts here before "
                  + circuitPause.until()
                  + ".",
              circuitPause.until()));
    }
    int fleetBudget = admission.admittedPerTick(state, now);
    // A hand-out counts against the fleet's admission after a pause; an operator's "refresh now"
    // is one explicit refresh and is not kept waiting for it.
    if (trigger == RefreshTrigger.ON_DEMAND
        && fleetBudget < admission.maxPerTick()
        && provider.takeAdmission(1, fleetBudget) == 0) {
      return done(
          heldBack(
              tenantId,
              "Refreshing resumes slowly after a provider-wide pause, and this moment's admission"
                  + " for the whole fleet is used up.",
              now.plus(settings.tick())));
    }
    ClaimAttempt attempt = leases.claimOne(tenantId, trigger == RefreshTrigger.ON_DEMAND);
    switch (attempt.reason()) {
      case CLAIMED -> {
        return done(
            protocol.run(
                attempt.claim().orElseThrow(),
                trigger,
                trigger != RefreshTrigger.ON_DEMAND
                    ? null
                    : neededValidity != null
                        ? neededValidity
                        : settings.timing().minimumValidity()));
      }
      case PAIR_WAITING -> {
        return done(
            current(
                tenantId,
                false,
                "A refreshed pair is waiting to be stored (the database refused it, here or on"
                    + " the node holding the row, which retries it at every tick), so FreeAgent is"
                    + " not called again. Try again once the database is back."));
      }
      case NODE_NOT_CLAIMING -> {
        return done(
            current(
                tenantId,
                false,
                "This node claims no refresh now: it cannot write its heartbeat to the database,"
                    + " or another running node has the same tokenwarden.node.name (see the"
                    + " log)."));
      }
      case NOT_SCHEDULED -> {
        return done(current(tenantId, false, "This connection is not being refreshed."));
      }
      case THROTTLED -> {
        return done(
            heldBack(
                tenantId,
                "FreeAgent asked Token Warden to wait until " + attempt.notBefore() + ".",
                attempt.notBefore()));
      }
      case BACKING_OFF -> {
        return done(
            heldBack(
                tenantId,
                "The last refresh failed; the next attempt is due at " + attempt.notBefore() + ".",
                attempt.notBefore()));
      }
      case USER_LIMIT -> {
        return done(
            heldBack(
                tenantId,
                "This FreeAgent user's refreshes for this minute ("
                    + settings.perUserLimit()
                    + ") are used up; next window at "
                    + attempt.notBefore()
                    + ".",
                attempt.notBefore()));
      }
      case LEASED_ELSEWHERE -> {
        Optional<ConnectionSnapshot> snapshot = store.snapshot(tenantId);
        if (snapshot.isEmpty()) {
          return done(current(tenantId, false, "The tenant has no connection."));
        }
        if (versionBefore < 0) {
          versionBefore = snapshot.get().tokenVersion();
        }
        if (node.name().equals(snapshot.get().leaseOwner())) {
          // This node's tick claimed it just before this caller: let that refresh run, and
          // wait for its pair like for another node's.
          inFlight.stepAside(place);
        }
        long seen = versionBefore;
        // The other lease ended without a new pair: claim again (bounded by the deadline), on
        // the scheduler's thread.
        return waitForOtherClaim(tenantId, seen, deadline)
            .thenCompose(
                over ->
                    over.isPresent()
                        ? done(over.get())
                        : claimAndRefresh(
                            tenantId, trigger, neededValidity, place, deadline, seen));
      }
      default -> throw new IllegalStateException("Unknown claim outcome " + attempt.reason());
    }
  }

  /**
   * Polls the row on the managed scheduler until the token version moves (the other refresh stored
   * its pair) or the lease ends; no thread waits in between.
   *
   * @return the result when the wait is over for good, empty when the caller should claim again
   */
  private CompletableFuture<Optional<RefreshResult>> waitForOtherClaim(
      UUID tenantId, long versionBefore, Instant deadline) {
    CompletableFuture<Optional<RefreshResult>> over = new CompletableFuture<>();
    pollLater(over, tenantId, versionBefore, deadline);
    return over;
  }

  private void pollLater(
      CompletableFuture<Optional<RefreshResult>> over,
      UUID tenantId,
      long versionBefore,
      Instant deadline) {
    waits.schedule(
        () -> {
          try {
            Optional<Optional<RefreshResult>> seen = poll(tenantId, versionBefore, deadline);
            if (seen.isPresent()) {
              over.complete(seen.get());
            } else {
              pollLater(over, tenantId, versionBefore, deadline);
            }
          } catch (RuntimeException | Error e) {
            over.completeExceptionally(e);
          }
        },
        POLL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** One look at the row: empty while the other refresh still runs. */
  private Optional<Optional<RefreshResult>> poll(
      UUID tenantId, long versionBefore, Instant deadline) {
    if (!clock.instant().isBefore(deadline)) {
      return Optional.of(
          Optional.of(
              current(
                  tenantId, false, "Another node is still refreshing this tenant; try again.")));
    }
    ConnectionSnapshot s = store.snapshot(tenantId).orElse(null);
    if (s == null) {
      return Optional.of(Optional.of(current(tenantId, false, "The tenant has no connection.")));
    }
    if (s.tokenVersion() != versionBefore) {
      return Optional.of(
          Optional.of(
              new RefreshResult(s.status(), true, "Refreshed by a refresh already in progress.")));
    }
    if (s.leaseOwner() == null) {
      // The other refresh finished without a new pair (it failed, or found nothing to do).
      return Optional.of(Optional.of(new RefreshResult(s.status(), false, lastWord(s))));
    }
    if (!s.leaseRunning()) {
      // Its node died mid-refresh: the lease has run out, so this caller may claim.
      return Optional.of(Optional.empty());
    }
    return Optional.empty();
  }

  /**
   * {@code result}, or what {@code fallback} says once {@code limit} has passed without it; the
   * timer runs on the managed scheduler.
   */
  private CompletableFuture<RefreshResult> within(
      CompletableFuture<RefreshResult> result, Duration limit, Supplier<RefreshResult> fallback) {
    if (result.isDone()) {
      return result;
    }
    CompletableFuture<RefreshResult> bounded = new CompletableFuture<>();
    ScheduledFuture<?> timer =
        waits.schedule(
            () -> {
              if (!bounded.isDone()) {
                try {
                  bounded.complete(fallback.get());
                } catch (RuntimeException | Error e) {
                  bounded.completeExceptionally(e);
                }
              }
            },
            limit.toMillis(),
            TimeUnit.MILLISECONDS);
    result.whenComplete(
        (value, failure) -> {
          timer.cancel(false);
          if (failure != null) {
            bounded.completeExceptionally(
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure);
          } else {
            bounded.complete(value);
          }
        });
    return bounded;
  }

  private static CompletableFuture<RefreshResult> done(RefreshResult result) {
    return CompletableFuture.completedFuture(result);
  }

  private static String lastWord(ConnectionSnapshot s) {
    return s.status() == ConnectionStatus.CONNECTED
        ? "The refresh already in progress found nothing to do."
        : "The refresh already in progress did not succeed (" + s.status() + ").";
  }

  /** No refresh now: the scheduler would hold it back too, and none starts before {@code until}. */
  private RefreshResult heldBack(UUID tenantId, String message, Instant until) {
    ConnectionStatus status =
        store.snapshot(tenantId).map(ConnectionSnapshot::status).orElse(ConnectionStatus.PENDING);
    return new RefreshResult(status, false, message, until);
  }

  private RefreshResult current(UUID tenantId, boolean refreshed, String message) {
    ConnectionStatus status =
        store.snapshot(tenantId).map(ConnectionSnapshot::status).orElse(ConnectionStatus.PENDING);
    return new RefreshResult(status, refreshed, message);
  }
}
