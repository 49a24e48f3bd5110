package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The proof obligations of ADR 0028: an entry counts as matching the database past its own read
 * only once two polls were applied after its insertion, in one unbroken run that began before it,
 * and the polls read far enough back to reach its read.
 */
class ChangeCoverageTest {

  private static final Instant T0 = Instant.parse("2026-12-07T07:00:00Z");
  private final ChangeCoverage coverage = new ChangeCoverage(Duration.ofSeconds(1));

  private Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** Two polls after the insertion carry the entry to the latest poll's start. */
  @Test
  void twoPollsAfterTheInsertionConfirmAnEntry() {
    coverage.applied(at(0));
    ChangeCoverage.Poll atInsert = coverage.latest();
    Instant readAt = at(0).plusMillis(300);

    coverage.applied(at(1));
    assertThat(coverage.confirmedThrough(atInsert, readAt)).isEqualTo(readAt);
    coverage.applied(at(2));
    assertThat(coverage.confirmedThrough(atInsert, readAt)).isEqualTo(at(2));
    coverage.applied(at(3));
    assertThat(coverage.confirmedThrough(atInsert, readAt)).isEqualTo(at(3));
  }

  /**
   * The second poll after an insertion reads back to the previous poll's start minus the overlap,
   * which is at least {@code LAG} before the entry's read: a change committed after the read, with
   * an {@code updated_at} up to {@code LAG} earlier (commit lag, clock skew), is still read.
   */
  @Test
  void theSecondPollReadsBackBeyondTheEntrysRead() {
    coverage.applied(at(0));
    Instant readAt = at(0);
    coverage.applied(at(4));

    Instant after = coverage.readChangesAfter(at(5));
    assertThat(after).isBeforeOrEqualTo(readAt.minus(ChangeCoverage.LAG));
  }

  /**
   * A read that a poll overtook (it began before the poll its insertion saw) is still reached by
   * the overlap within {@code READ_SLACK}; one that began earlier than that may predate the window
   * and keeps its own TTL.
   */
  @Test
  void anEntryReadLongBeforeItsInsertionIsNotConfirmed() {
    coverage.applied(at(10));
    ChangeCoverage.Poll atInsert = coverage.latest();
    Instant overtaken = at(10).minus(ChangeCoverage.READ_SLACK);
    Instant tooEarly = overtaken.minusMillis(1);

    coverage.applied(at(15));
    assertThat(coverage.readChangesAfter(at(16)))
        .as("the second poll after the insertion, the first one as late as the run allows")
        .isBeforeOrEqualTo(overtaken.minus(ChangeCoverage.LAG));
    coverage.applied(at(16));
    assertThat(coverage.confirmedThrough(atInsert, overtaken)).isEqualTo(at(16));
    assertThat(coverage.confirmedThrough(atInsert, tooEarly)).isEqualTo(tooEarly);
  }

  /** Before any poll, and with the watch off, entries live by their own TTL. */
  @Test
  void nothingIsConfirmedWithoutPolls() {
    ChangeCoverage never = ChangeCoverage.never();
    ChangeCoverage.Poll atInsert = never.latest();
    assertThat(never.confirmedThrough(atInsert, at(0))).isEqualTo(at(0));

    coverage.applied(at(1));
    coverage.applied(at(2));
    assertThat(coverage.confirmedThrough(atInsert, at(0))).isEqualTo(at(0));
  }

  /**
   * Polls further apart than the allowed gap (the watch stalled, or the database was away) break
   * the run: what was confirmed before falls back to its TTL, the next poll reads only from its own
   * start (the outage's backlog is not needed), and entries inserted after the break are confirmed
   * again two polls later.
   */
  @Test
  void aGapBreaksTheRun() {
    coverage.applied(at(0));
    ChangeCoverage.Poll before = coverage.latest();
    coverage.applied(at(1));
    coverage.applied(at(2));
    assertThat(coverage.confirmedThrough(before, at(0))).isEqualTo(at(2));

    assertThat(coverage.readChangesAfter(at(60))).isEqualTo(at(60).minus(coverage.overlap()));
    coverage.applied(at(60));
    assertThat(coverage.confirmedThrough(before, at(0))).isEqualTo(at(0));

    ChangeCoverage.Poll after = coverage.latest();
    coverage.applied(at(61));
    coverage.applied(at(62));
    assertThat(coverage.confirmedThrough(after, at(60))).isEqualTo(at(62));
    assertThat(coverage.confirmedThrough(before, at(0))).isEqualTo(at(0));
  }

  /** Within a run, each poll reads from the previous poll's start minus the overlap. */
  @Test
  void consecutivePollsOverlap() {
    coverage.applied(at(0));
    assertThat(coverage.readChangesAfter(at(1))).isEqualTo(at(0).minus(coverage.overlap()));
    assertThat(coverage.overlap()).isGreaterThan(ChangeCoverage.LAG);
  }
}
