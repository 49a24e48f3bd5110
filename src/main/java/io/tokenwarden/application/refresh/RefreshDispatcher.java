package io.tokenwarden.application.refresh;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One scheduler tick on this node: reads the provider-wide state, claims due connections in small
 * batches (never more than the free refresh slots, nor more than the admission allows), and runs
 * each refresh on the managed executor. It keeps claiming while due work and time in the tick
 * remain, so throughput follows the due work, not the tick length; with nothing due a tick is one
 * primary-key read and one index probe.
 */
@ApplicationScoped
public class RefreshDispatcher {

  private static final Logger LOG = Logger.getLogger(RefreshDispatcher.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Inject ConnectionLeases leases;

  @Inject RefreshService refreshes;

  @Inject RefreshProtocol protocol;

  @Inject ProviderStateStore provider;

  @Inject RefreshSettings settings;

  @Inject RefreshMetrics metrics;

  @Inject Clock clock;

  private final AtomicBoolean ticking = new AtomicBoolean();
  private Semaphore slots;

  @PostConstruct
  void init() {
    slots = new Semaphore(settings.concurrency());
  }

  /** Runs one tick unless the previous one is still claiming. */
  public void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return;
    }
    try {
      protocol.retryParked();
      Instant now = clock.instant();
      int budget = settings.admission().admittedPerTick(provider.read(), now);
      Instant deadline = now.plus(settings.tick());
      while (budget > 0) {
        int free = acquireSlots(Math.min(budget, settings.concurrency()), deadline);
        if (free == 0) {
          break;
        }
        List<ClaimedConnection> claims;
        try {
          claims = leases.claimDue(free);
        } catch (RuntimeException e) {
          slots.release(free);
          LOG.log(Level.FINE, "Claiming due connections failed; the next tick tries again", e);
          LOG.info(() -> "Claim failed this tick: " + e.getClass().getSimpleName());
          break;
        }
        slots.release(free - claims.size());
        budget -= claims.size();
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
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Refresh tick failed: " + e.getClass().getSimpleName(), e);
    } finally {
      ticking.set(false);
    }
  }

  /** Refresh slots free right now (waits for at least one until the deadline). */
  private int acquireSlots(int wanted, Instant deadline) {
    long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    try {
      if (!slots.tryAcquire(1, waitMillis, TimeUnit.MILLISECONDS)) {
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
    int got = 1;
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
              refreshes.refreshClaimed(claim);
            } catch (RuntimeException e) {
              LOG.log(
                  Level.WARNING,
                  "Refresh of tenant " + claim.tenantId() + " failed: " + e.getClass().getName(),
                  e);
            } finally {
              slots.release();
            }
          });
    } catch (RejectedExecutionException e) {
      slots.release();
      leases.release(claim);
    }
  }

  /** Refreshes running on this node now (for metrics and tests). */
  public int running() {
    return settings.concurrency() - slots.availablePermits();
  }
}
