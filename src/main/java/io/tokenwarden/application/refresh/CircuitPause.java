package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's pause on claiming due connections after a refresh met the open circuit breaker: every
 * claim while it stays open would spend a per-user refresh slot only to be refused locally. Per
 * node, like the breaker it follows, and held by the scheduler and the on-demand path alike; the
 * pause lasts one initial-backoff step (PT30S, the breaker's default delay), after which a claim
 * probes the breaker again.
 */
@ApplicationScoped
public class CircuitPause {

  /** The failure code of a refresh the open circuit breaker refused. */
  static final String CIRCUIT_OPEN = "circuit_open";

  private final AtomicReference<Instant> until = new AtomicReference<>(Instant.MIN);

  /** Claims stop until {@code when}, or until a later time already set. */
  public void holdUntil(Instant when) {
    until.accumulateAndGet(when, (current, next) -> next.isAfter(current) ? next : current);
  }

  /** Until when claims stop ({@link Instant#MIN} when they never did). */
  public Instant until() {
    return until.get();
  }

  /** Whether no claim may be made at {@code now} (the dispatcher's, nor an on-demand one). */
  public boolean holds(Instant now) {
    return until.get().isAfter(now);
  }
}
