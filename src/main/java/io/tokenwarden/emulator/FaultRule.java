package io.tokenwarden.emulator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One configured misbehaviour: which kind, where, how likely, for which user (null: everyone), for
 * how many more requests (null: unlimited), and for delays the range in milliseconds. Tests use
 * probability 1 (and {@code times}) so a fault happens exactly when they expect it.
 */
public final class FaultRule {

  private final FaultKind kind;
  private final FaultScope scope;
  private final double probability;
  private final Long userId;
  private final long minMillis;
  private final long maxMillis;
  private final Integer times;
  private final AtomicInteger remaining;

  public FaultRule(
      FaultKind kind,
      FaultScope scope,
      double probability,
      Long userId,
      long minMillis,
      long maxMillis,
      Integer times) {
    if (kind == null || scope == null) {
      throw new IllegalArgumentException("a fault needs a kind and a scope");
    }
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
    if (minMillis < 0 || maxMillis < minMillis) {
      throw new IllegalArgumentException("need 0 <= minMillis <= maxMillis");
    }
    if (times != null && times < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
    if (kind == FaultKind.LOST_AFTER_ROTATION && scope != FaultScope.TOKEN_ENDPOINT) {
      throw new IllegalArgumentException("LOST_AFTER_ROTATION applies to TOKEN_ENDPOINT only");
    }
    this.kind = kind;
    this.scope = scope;
    this.probability = probability;
    this.userId = userId;
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.times = times;
    this.remaining = new AtomicInteger(times == null ? -1 : times);
  }

  /**
   * Decides whether this rule fires for one request, and if it does, uses up one of its {@code
   * times}.
   */
  boolean fires(FaultScope requestScope, Long requestUserId) {
    if (!scope.covers(requestScope)) {
      return false;
    }
    if (userId != null && !userId.equals(requestUserId)) {
      return false;
    }
    if (probability < 1 && ThreadLocalRandom.current().nextDouble() >= probability) {
      return false;
    }
    if (times == null) {
      return true;
    }
    int left;
    do {
      left = remaining.get();
      if (left <= 0) {
        return false;
      }
    } while (!remaining.compareAndSet(left, left - 1));
    return true;
  }

  /** The delay this rule adds, uniformly distributed in its range, capped at {@code maxHang}. */
  long delayMillis(long maxHangMillis) {
    long max = Math.min(maxMillis, maxHangMillis);
    long min = Math.min(minMillis, max);
    return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
  }

  public FaultKind kind() {
    return kind;
  }

  public FaultScope scope() {
    return scope;
  }

  public double probability() {
    return probability;
  }

  public Long userId() {
    return userId;
  }

  public long minMillis() {
    return minMillis;
  }

  public long maxMillis() {
    return maxMillis;
  }

  public Integer times() {
    return times;
  }

  /** How many more requests this rule may hit; null when unlimited. */
  public Integer remaining() {
    return times == null ? null : remaining.get();
  }
}
