package io.tokenwarden.application.refresh;

import io.tokenwarden.application.TenantLabels;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * One scheduler tick on this node: reads the provider-wide state, claims due connections in batches
 * (never more than the free claim slots, nor more than the admission allows), and runs each refresh
 * on a bounded pool of managed threads. It keeps claiming while due work and time in the tick
 * remain, so throughput follows the due work, not the tick length; with nothing due a tick is one
 * primary-key read, one heartbeat UPDATE and one index probe.
 *
 * <p>Under a backlog it claims ahead: a node holds up to twice {@code concurrency} claims, the ones
 * beyond the running refreshes waiting for a worker, and it claims again only once {@code
 * concurrency} slots are free. One claim transaction then serves {@code concurrency} refreshes
 * instead of one per finished refresh (docs/BENCHMARKS.md, "P1, profiled": the claims were a sixth
 * of the server's CPU). A claim waits at most about one refresh for its worker; it starts only if
 * the node is not stopping and not held back, else it is given back unsent, and the protocol still
 * refuses to send without enough lease left. While a refresh of this node has just met the open
 * circuit breaker ({@link CircuitPause}), it claims nothing. Each tick first writes this node's
 * heartbeat ({@link NodeRegistry}); a tick whose heartbeat fails claims nothing.
 */
@ApplicationScoped
public class RefreshDispatcher {

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(RefreshDispatcher.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  @Inject ConnectionLeases leases;

  @Inject RefreshService refreshes;

  @Inject InFlightRefreshes inFlight;

  @Inject RefreshProtocol protocol;

  @Inject NodeRegistry registry;

  @Inject ProviderStateStore provider;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject RefreshMetrics metrics;

  @Inject CircuitPause circuitPause;

  @Inject Clock clock;

  private final AtomicBoolean ticking = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private Semaphore slots;
  private ExecutorService executor;

  /**
   * The refresh workers are threads of their own (with the application's context from the managed
   * thread factory), not Liberty's shared pool: a refresh blocks on the provider for up to the read
   * timeout, and must not take threads that HTTP requests (the hand-out, the in-server emulator)
   * need. A Jakarta {@code ManagedExecutorService} cannot give that on Liberty: its tasks run on
   * the one Liberty executor that also serves HTTP requests (a concurrency policy only caps how
   * many).
   */
  @PostConstruct
  void init() {
    slots = new Semaphore(claimSlots());
    executor = Executors.newFixedThreadPool(settings.concurrency(), threads);
  }

  /**
   * The application is stopping: every bean is still alive now (unlike in {@code @PreDestroy}), so
   * this is where the refreshes in flight are drained.
   */
  void applicationStopping(
      @Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
          Object event) {
    stop();
  }

  /**
   * Stops claiming (the tick and on-demand refreshes refuse from now on), then waits up to {@code
   * drain-timeout} for the refreshes in flight: one between FreeAgent's answer and its commit holds
   * the only usable token pair. What is still running then is logged and interrupted; its lease
   * runs out and another node takes the connection over. Runs once; later calls return at once.
   */
  @PreDestroy
  void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    inFlight.close();
    executor.shutdown();
    Duration drain = settings.drainTimeout();
    LOG.info(
        () ->
            "Stopping: no new refreshes are claimed on this node; waiting up to "
                + drain
                + " for "
                + running()
                + " in flight.");
    long deadline = System.nanoTime() + drain.toNanos();
    try {
      executor.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS);
      inFlight.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server insists: stop waiting
    }
    // Scheduled refreshes hold a slot; on-demand ones (request threads) only an in-flight entry.
    int unfinished = Math.max(running(), inFlight.size());
    if (unfinished > 0) {
      LOG.warning(
          () ->
              "Stopping: "
                  + unfinished
                  + " refresh(es) did not finish within tokenwarden.refresh.drain-timeout ("
                  + drain
                  + ") and are interrupted; their leases run out after tokenwarden.refresh.lease"
                  + " and another node refreshes those tenants. A pair FreeAgent already issued"
                  + " is still offered to the database (bounded by commit-attempts).");
    }
    executor.shutdownNow();
  }

  /** Runs one tick unless the previous one is still claiming. */
  public void tick() {
    if (stopping.get() || !ticking.compareAndSet(false, true)) {
      return; // stopping: claims nothing new (stop() said so once in the log)
    }
    try {
      // Pairs waiting from an earlier run or an earlier tick come first; an unreadable journal
      // throws here, so this tick claims nothing.
      protocol.retryParked();
      // Only a node whose heartbeat others can see claims: they take a silent node's leases.
      try {
        registry.heartbeat();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Writing this node's heartbeat failed", e);
        LOG.info(
            () -> "Heartbeat failed this tick, nothing claimed: " + e.getClass().getSimpleName());
        return;
      }
      holdParkedLeases();
      Instant now = clock.instant();
      int budget = settings.admission().admittedPerTick(provider.read(), now);
      provider.announceResumeIfEnded(now);
      // Ramping up after a provider-wide pause, or probing after a credential alarm: the budget
      // is the fleet's, counted in the database, not this node's alone.
      int fleetBudget = budget < settings.admission().maxPerTick() ? budget : 0;
      Instant deadline = now.plus(settings.tick());
      int batch = 1; // the first claim of a tick takes whatever is free
      while (budget > 0) {
        if (heldBack()) {
          break;
        }
        int wanted = Math.min(budget, claimSlots());
        int free = acquireSlots(wanted, Math.min(batch, wanted), deadline);
        if (free == 0) {
          break;
        }
        // The wait for a slot ends when a refresh of this node finishes, and that refresh may be
        // the one that just met the provider-wide throttle or the open circuit breaker.
        if (stopping.get() || heldBack()) {
          slots.release(free);
          break;
        }
        List<ClaimedConnection> claims;
        int taken = 0;
        try {
          if (fleetBudget > 0) {
            taken = provider.takeAdmission(free, fleetBudget);
            if (taken < free) {
              slots.release(free - taken);
              free = taken;
            }
            if (free == 0) {
              break; // other nodes used this window's admission
            }
          }
          claims = leases.claimDue(free);
        } catch (RuntimeException e) {
          slots.release(free);
          giveBack(taken);
          LOG.log(Level.FINE, "Claiming due connections failed; the next tick tries again", e);
          LOG.info(() -> "Claim failed this tick: " + e.getClass().getSimpleName());
          break;
        }
        slots.release(free - claims.size());
        // Taken for rows that turned out not to be due: the fleet's, not this node's to waste.
        giveBack(taken - claims.size());
        budget -= claims.size();
        // One query for the slugs of tenants this node has not logged yet (ids the log lines
        // would otherwise look up one by one).
        labels.warm(claims.stream().map(ClaimedConnection::tenantId).toList());
        Instant claimedAt = clock.instant();
        for (ClaimedConnection claim : claims) {
          if (claim.nextRefreshAt() != null) {
            metrics.claimLag(Duration.between(claim.nextRefreshAt(), claimedAt));
          }
          submit(claim);
        }
        if (claims.size() < free) {
          break; // nothing more is due
        }
        // A backlog: claim again once a worker's worth of claims has started, not per slot.
        batch = settings.concurrency();
      }
    } catch (ParkedPairs.JournalUnreadableException e) {
      LOG.warning(e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Refresh tick failed: " + e.getClass().getSimpleName(), e);
    } finally {
      ticking.set(false);
    }
  }

  /**
   * The database answers this node's heartbeat but still refused some pairs retried above: their
   * rows stay leased to this node ({@link ConnectionLeases#holdParked}). A failure here only means
   * the next tick tries again; the claims below go on.
   */
  private void holdParkedLeases() {
    try {
      int held = leases.holdParked();
      if (held > 0) {
        LOG.fine(
            () ->
                "Kept the lease of "
                    + held
                    + " connection(s) whose refreshed pair waits in this node's journal.");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Renewing the leases of parked pairs failed", e);
      LOG.info(() -> "Renewing parked pairs' leases failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Whether this tick must claim nothing more: a refresh of this node just detected a provider-wide
   * throttle, or met the open circuit breaker (a claim would only spend user slots).
   */
  private boolean heldBack() {
    Instant now = clock.instant();
    return settings.admission().isPaused(provider.lastRead(), now) || circuitPause.holds(now);
  }

  /** Claims this node may hold at once: running, or claimed ahead and waiting for a worker. */
  private int claimSlots() {
    return 2 * settings.concurrency();
  }

  /**
   * Claim slots free right now, up to {@code wanted}: waits until the deadline for at least {@code
   * minimum} of them, else takes none.
   */
  private int acquireSlots(int wanted, int minimum, Instant deadline) {
    long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    try {
      if (!slots.tryAcquire(minimum, waitMillis, TimeUnit.MILLISECONDS)) {
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    int got = minimum;
    while (got < wanted && slots.tryAcquire()) {
      got++;
    }
    return got;
  }

  private void submit(ClaimedConnection claim) {
    try {
      executor.execute(
          () -> {
            try {
              if (stopping.get() || heldBack()) {
                giveBackUnsent(claim);
                return;
              }
              refreshes.refreshClaimed(claim);
            } catch (RuntimeException e) {
              LOG.log(
                  Level.WARNING,
                  "Refresh of tenant "
                      + labels.of(claim.tenantId())
                      + " failed: "
                      + e.getClass().getName(),
                  e);
            } finally {
              slots.release();
            }
          });
    } catch (RejectedExecutionException e) {
      slots.release();
      leases.giveBackUnsent(claim);
    }
  }

  /**
   * A claim that waited for a worker while the node began to stop, the provider-wide pause began,
   * or the circuit opened: its lease is given back without a call (the refresh token untouched), so
   * another node, or the next tick, takes it at once, and so is the user's refresh slot it counted.
   * If that fails the lease runs out as usual.
   */
  private void giveBackUnsent(ClaimedConnection claim) {
    try {
      leases.giveBackUnsent(claim);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Giving back a claim that was not started failed", e);
    }
  }

  /** Claims this node holds now, running or waiting for a worker (for the stop's log). */
  public int running() {
    return claimSlots() - slots.availablePermits();
  }

  /** Returns unused fleet admission; a failure only makes this window's ramp a little slower. */
  private void giveBack(int unused) {
    if (unused <= 0) {
      return;
    }
    try {
      provider.giveBackAdmission(unused);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Giving back unused admission failed", e);
    }
  }
}
