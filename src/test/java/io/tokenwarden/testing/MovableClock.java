package io.tokenwarden.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a unit test moves by hand, for code that takes an injected {@link Clock}: time passes
 * only when the test says so, never by waiting.
 */
public final class MovableClock extends Clock {

  private volatile Instant now;

  public MovableClock(Instant start) {
    now = start;
  }

  /** Moves the clock forward by {@code by}. */
  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
