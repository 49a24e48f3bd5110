package io.tokenwarden.application.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Commits the items several threads hand in at about the same time in one unit of work (a group
 * commit, ADR 0032): a thread hands in its item and waits; whichever thread holds the commit turn
 * takes every item waiting (at most {@code maxTogether}) and commits them together, and each thread
 * gets its own item's result, or the exception that undid the whole group. No thread of its own and
 * no timer: a lone item is committed at once by the thread that brought it, and items queue only
 * while another group is being committed, which is when waiting costs nothing.
 *
 * @param <T> what is handed in
 * @param <R> the result of one item
 */
final class GroupCommit<T, R> {

  private final Function<List<T>, List<R>> commitTogether;
  private final int maxTogether;
  private final IntConsumer groupSizes;

  /** Fair, so that a thread whose item is still queued gets its turn. */
  private final ReentrantLock turn = new ReentrantLock(true);

  private final ConcurrentLinkedQueue<Handed<T, R>> waiting = new ConcurrentLinkedQueue<>();

  /**
   * @param commitTogether commits the items in one unit of work and returns one result per item, in
   *     their order; throws when the unit of work is undone
   * @param maxTogether how many items one unit of work takes at most
   * @param groupSizes told the size of every group committed or undone
   */
  GroupCommit(Function<List<T>, List<R>> commitTogether, int maxTogether, IntConsumer groupSizes) {
    if (maxTogether < 1) {
      throw new IllegalArgumentException("maxTogether must be at least 1");
    }
    this.commitTogether = Objects.requireNonNull(commitTogether);
    this.maxTogether = maxTogether;
    this.groupSizes = Objects.requireNonNull(groupSizes);
  }

  /**
   * Commits {@code item} with whatever else is waiting, and returns its result.
   *
   * @throws RuntimeException the exception that undid the group {@code item} was in: nothing of the
   *     group was committed
   */
  R commit(T item) {
    Handed<T, R> mine = new Handed<>(item);
    waiting.add(mine);
    while (!mine.isDone()) {
      // Not lockInterruptibly: the item must be committed or failed, never abandoned in the queue.
      turn.lock();
      try {
        if (!mine.isDone()) {
          commitWaiting();
        }
      } finally {
        turn.unlock();
      }
    }
    return mine.result();
  }

  /** How many items are waiting for a turn (for tests that line items up behind a group). */
  int waiting() {
    return waiting.size();
  }

  private void commitWaiting() {
    List<Handed<T, R>> group = new ArrayList<>();
    for (Handed<T, R> next; group.size() < maxTogether && (next = waiting.poll()) != null; ) {
      group.add(next);
    }
    if (group.isEmpty()) {
      return;
    }
    List<R> results;
    try {
      groupSizes.accept(group.size());
      results = commitTogether.apply(group.stream().map(Handed::item).toList());
      if (results.size() != group.size()) {
        throw new IllegalStateException(
            results.size() + " results for a group of " + group.size() + " items");
      }
    } catch (RuntimeException e) {
      group.forEach(handed -> handed.fail(e));
      return;
    } catch (Error e) {
      group.forEach(
          handed -> handed.fail(new IllegalStateException("the group's commit broke off", e)));
      throw e;
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).succeed(results.get(i));
    }
  }

  /** One item handed in, and once its group is over, its result or the group's failure. */
  private static final class Handed<T, R> {
    private final T item;
    private volatile boolean done;
    private R result;
    private RuntimeException failure;

    Handed(T item) {
      this.item = item;
    }

    T item() {
      return item;
    }

    boolean isDone() {
      return done;
    }

    void succeed(R value) {
      result = value;
      done = true; // the volatile write publishes result
    }

    void fail(RuntimeException e) {
      failure = e;
      done = true; // the volatile write publishes failure
    }

    R result() {
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }
}
