package io.tokenwarden.emulator;

import java.time.Instant;

/**
 * A counter for one fixed window aligned to the wall clock (a window of 60 s resets at the start of
 * every minute, 3600 s at the start of every hour), which is how FreeAgent describes its limits.
 * Not thread-safe: the owner guards it with its own lock, so one user's requests never wait for
 * another's.
 */
final class FixedWindowLimit {

  private final long windowMillis;
  private long windowStart = Long.MIN_VALUE;
  private int used;

  FixedWindowLimit(long windowSeconds) {
    this.windowMillis = windowSeconds * 1000;
  }

  /** Whether one more request fits, without counting it. */
  RateDecision check(Instant now, int limit) {
    roll(now);
    if (used < limit) {
      return RateDecision.ALLOWED;
    }
    long millisLeft = windowStart + windowMillis - now.toEpochMilli();
    long seconds = Math.max(1, (millisLeft + 999) / 1000);
    return new RateDecision(false, seconds, limit, windowMillis / 1000);
  }

  /** Counts one request in the current window. */
  void consume(Instant now) {
    roll(now);
    used++;
  }

  /** Checks and, when allowed, counts. */
  RateDecision acquire(Instant now, int limit) {
    RateDecision decision = check(now, limit);
    if (decision.allowed()) {
      used++;
    }
    return decision;
  }

  private void roll(Instant now) {
    long millis = now.toEpochMilli();
    long start = Math.floorDiv(millis, windowMillis) * windowMillis;
    if (start != windowStart) {
      windowStart = start;
      used = 0;
    }
  }
}
