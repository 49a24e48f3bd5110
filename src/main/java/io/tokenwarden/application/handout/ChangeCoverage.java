package io.tokenwarden.application.handout;

import java.time.Duration;
import java.time.Instant;

/**
 * How far this node's change watch has checked what it holds in memory against the database, so a
 * cached token or slug stays trusted past its TTL without a re-read (ADR 0028). The watch polls
 * every {@code tokenwarden.handout.change-watch}: it reads every connection whose {@code
 * updated_at} lies after the previous poll's start minus {@link #overlap()}, and every tenant
 * deletion likewise, and drops what differs. The overlap absorbs the time between a writer taking
 * {@code updated_at} and its commit becoming visible, and the writers' clock skew ({@link #LAG} for
 * both together), so consecutive polls leave no gap.
 *
 * <p>When an entry was put after poll {@code n} was applied (the entry records that poll, read
 * atomically with its insertion), poll {@code n + 2} is certainly applied after the insertion. It
 * compares the entry with every change whose {@code updated_at} is later than the start of poll
 * {@code n + 1} minus the overlap; that is no later than the entry's read (minus {@link #LAG}) as
 * long as poll {@code n + 1} started at most the run's gap after poll {@code n} and the entry was
 * read at most {@link #READ_SLACK} before poll {@code n} started (a read that a poll overtook:
 * common under load, so the overlap is widened by that much rather than refusing the entry). From
 * then on every applied poll extends what the entry is known to match up to that poll's start.
 * Entries that miss any condition keep their own TTL, as before the watch: the rule only ever
 * lengthens trust when it is proven, never guesses.
 */
public final class ChangeCoverage {

  /** Commit lag and clock skew between nodes that the overlap absorbs. */
  static final Duration LAG = Duration.ofSeconds(5);

  /** How long before the poll its insertion saw an entry may have been read and still count. */
  static final Duration READ_SLACK = Duration.ofSeconds(5);

  /** The smallest gap between polls that keeps a run unbroken, whatever the interval. */
  private static final Duration MIN_GAP = Duration.ofSeconds(5);

  /** An applied poll: its number, its start, and the first poll of the unbroken run it ends. */
  public record Poll(long number, Instant start, long runStart) {}

  private static final Poll NONE = new Poll(0, null, 1);

  private final Duration maxGap;
  private final Duration overlap;
  private volatile Poll latest = NONE;

  /**
   * @param interval how often the watch polls; polls further apart than three intervals (at least 5
   *     s) break the run, and entries fall back to their TTL until two more polls were applied
   */
  public ChangeCoverage(Duration interval) {
    Duration threeIntervals = interval.multipliedBy(3);
    this.maxGap = threeIntervals.compareTo(MIN_GAP) > 0 ? threeIntervals : MIN_GAP;
    this.overlap = maxGap.plus(LAG).plus(READ_SLACK);
  }

  /** A coverage no poll ever advances: every entry lives by its own TTL (the watch is off). */
  public static ChangeCoverage never() {
    return new ChangeCoverage(Duration.ZERO);
  }

  /** The last applied poll; an entry records it when it is inserted. */
  public Poll latest() {
    return latest;
  }

  /** How far back before the previous poll's start the next poll must read. */
  public Duration overlap() {
    return overlap;
  }

  /**
   * The {@code updated_at} after which a poll starting at {@code start} must read changes: from the
   * previous poll's start minus the overlap, or, when this poll breaks the run (the first poll, or
   * the watch was stalled or failing), from its own start minus the overlap. A poll that breaks the
   * run confirms nothing inserted before it, so an outage's backlog need not be read.
   */
  public Instant readChangesAfter(Instant start) {
    Poll last = latest;
    return (continues(last, start) ? last.start() : start).minus(overlap);
  }

  /**
   * Records a poll started at {@code start} whose changes have all been applied. Called by one
   * thread at a time (the watch's timer).
   *
   * @return false when this poll began a new run (nothing inserted before it counts as confirmed)
   */
  public synchronized boolean applied(Instant start) {
    Poll last = latest;
    long number = last.number() + 1;
    boolean continued = continues(last, start);
    latest = new Poll(number, start, continued ? last.runStart() : number);
    return continued;
  }

  private boolean continues(Poll last, Instant start) {
    return last.start() != null && !start.isAfter(last.start().plus(maxGap));
  }

  /**
   * Up to when an entry read at {@code readAt} and inserted after poll {@code atInsert} is known to
   * match the database: the latest poll's start when the watch has covered it, else {@code readAt}
   * itself (the entry's own TTL then counts from there).
   */
  public Instant confirmedThrough(Poll atInsert, Instant readAt) {
    Poll last = latest;
    boolean covered =
        atInsert.start() != null
            && !readAt.isBefore(atInsert.start().minus(READ_SLACK))
            && last.number() >= atInsert.number() + 2
            && last.runStart() <= atInsert.number();
    return covered && last.start().isAfter(readAt) ? last.start() : readAt;
  }
}
