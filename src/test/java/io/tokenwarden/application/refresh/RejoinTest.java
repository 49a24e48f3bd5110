package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When a node counts as back from a database outage, and for how long it then leaves other nodes'
 * leases alone (docs/DESIGN.md §5.2, finding 1 of docs/RELIABILITY.md).
 */
class RejoinTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  private static final Duration DEAD_AFTER = Duration.ofSeconds(25);

  private final Rejoin rejoin = new Rejoin();

  /** Heartbeats that keep succeeding on a fresh row start no wait. */
  @Test
  void steadyHeartbeatsStartNoWait() {
    assertThat(rejoin.beat(false, T0, DEAD_AFTER)).isFalse();
    assertThat(rejoin.beat(false, T0.plusSeconds(1), DEAD_AFTER)).isFalse();
    assertThat(rejoin.othersFrom()).isNull();
  }

  /** The first beat after failed ones starts a wait of dead-after from that beat. */
  @Test
  void failedHeartbeatsMakeTheNextBeatStartTheWait() {
    rejoin.cutOff();
    rejoin.cutOff();
    assertThat(rejoin.beat(false, T0, DEAD_AFTER)).isTrue();
    assertThat(rejoin.othersFrom()).isEqualTo(T0.plus(DEAD_AFTER));
    assertThat(rejoin.beat(false, T0.plusSeconds(1), DEAD_AFTER)).isFalse();
    assertThat(rejoin.othersFrom()).isEqualTo(T0.plus(DEAD_AFTER));
  }

  /** A node silent without failing (its row older than dead-after) waits too. */
  @Test
  void staleOwnRowStartsTheWait() {
    assertThat(rejoin.beat(true, T0, DEAD_AFTER)).isTrue();
    assertThat(rejoin.othersFrom()).isEqualTo(T0.plus(DEAD_AFTER));
  }

  /** Another failure during the wait starts it again: the beats must be continuous. */
  @Test
  void aFailureDuringTheWaitStartsItAgain() {
    rejoin.cutOff();
    rejoin.beat(false, T0, DEAD_AFTER);
    rejoin.cutOff();
    assertThat(rejoin.beat(false, T0.plusSeconds(20), DEAD_AFTER)).isTrue();
    assertThat(rejoin.othersFrom()).isEqualTo(T0.plusSeconds(20).plus(DEAD_AFTER));
  }
}
