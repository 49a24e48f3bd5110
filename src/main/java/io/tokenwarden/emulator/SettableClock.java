package io.tokenwarden.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The emulator's one clock: the system clock, unless a test has frozen it at an instant or moved it
 * forward through the control API. Tests thereby cross minute windows and token lifetimes without
 * waiting; a reset returns to real time.
 */
public final class SettableClock extends Clock {

  private volatile Instant frozenAt;
  private volatile Duration offset = Duration.ZERO;

  @Override
  public Instant instant() {
    Instant frozen = frozenAt;
    return frozen != null ? frozen : Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the emulator's clock is UTC only");
  }

  /** Stops time at the given instant. */
  public synchronized void freezeAt(Instant instant) {
    frozenAt = instant;
  }

  /** Moves time forward (a frozen clock stays frozen, a running one keeps running). */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    if (frozenAt != null) {
      frozenAt = frozenAt.plus(by);
    } else {
      offset = offset.plus(by);
    }
  }

  /** Back to the system clock. */
  public synchronized void useSystemTime() {
    frozenAt = null;
    offset = Duration.ZERO;
  }

  public boolean isFrozen() {
    return frozenAt != null;
  }
}
