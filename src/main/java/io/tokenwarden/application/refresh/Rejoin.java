package io.tokenwarden.application.refresh;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether this node is coming back from being cut off from the database, and so must not take other
 * nodes' leases yet. A node is cut off when a heartbeat failed, or when its own registry row turns
 * out older than dead-after (it was silent long enough for others to count it dead: a stuck tick, a
 * pause, a partition). The first heartbeat after that starts a wait of dead-after in the database's
 * time, restarted by every further failure: only a node that has beaten again continuously for that
 * long takes others' leases. Every other node back from the same outage has then beaten again too,
 * so its leases count as alive and it has had its ticks to store the pairs it parked
 * (docs/DESIGN.md §5.2). Thread-safe; held by {@link NodeRegistry}.
 */
final class Rejoin {

  private boolean cutOff;
  private Instant othersFrom;

  /** A heartbeat failed: the database did not hear from this node. */
  synchronized void cutOff() {
    cutOff = true;
  }

  /**
   * A heartbeat succeeded.
   *
   * @param ownRowWasStale this node's row was older than dead-after (or gone) before this beat
   * @param databaseNow the database's time of this beat
   * @return true when this beat ends a time cut off, so the wait starts now
   */
  synchronized boolean beat(boolean ownRowWasStale, Instant databaseNow, Duration deadAfter) {
    if (!cutOff && !ownRowWasStale) {
      return false;
    }
    cutOff = false;
    othersFrom = databaseNow.plus(deadAfter);
    return true;
  }

  /** Database time from which others' leases may be taken again; null when never cut off. */
  synchronized Instant othersFrom() {
    return othersFrom;
  }
}
