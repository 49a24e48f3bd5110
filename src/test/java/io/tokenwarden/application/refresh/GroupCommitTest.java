package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit under the store of received pairs: items that arrive while a group is being
 * committed go together in the next one, each thread gets its own item's result, and a group that
 * fails fails for every item in it and for nothing outside it.
 */
class GroupCommitTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> sizesTold = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstGroupMayEnd = new CountDownLatch(1);

  @AfterEach
  void stopThreads() {
    firstGroupMayEnd.countDown();
    threads.shutdownNow();
  }

  /** Commits a group by upper-casing it; the first group waits until the test lets it end. */
  private GroupCommit<String, String> upperCasing(int maxTogether) {
    return upperCasing(maxTogether, group -> group.stream().map(String::toUpperCase).toList());
  }

  private GroupCommit<String, String> upperCasing(
      int maxTogether, Function<List<String>, List<String>> commit) {
    return new GroupCommit<>(
        group -> {
          groups.add(group);
          if (groups.size() == 1) {
            awaitQuietly(firstGroupMayEnd);
          }
          return commit.apply(group);
        },
        maxTogether,
        sizesTold::add);
  }

  @Test
  void aLoneItemIsCommittedAtOnceByItsOwnThread() {
    firstGroupMayEnd.countDown();
    GroupCommit<String, String> commit = upperCasing(8);

    assertThat(commit.commit("a")).isEqualTo("A");
    assertThat(groups).containsExactly(List.of("a"));
    assertThat(sizesTold).containsExactly(1);
  }

  @Test
  void itemsThatArriveDuringAGroupAreCommittedTogetherEachWithItsOwnResult() throws Exception {
    GroupCommit<String, String> commit = upperCasing(8);
    CompletableFuture<String> first = handIn(commit, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1);
    List<CompletableFuture<String>> later = List.of(handIn(commit, "b"), handIn(commit, "c"));
    await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 2);

    firstGroupMayEnd.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
    assertThat(later.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("B");
    assertThat(later.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("C");
    assertThat(groups).hasSize(2);
    assertThat(groups.get(1)).containsExactlyInAnyOrder("b", "c");
    assertThat(sizesTold).containsExactly(1, 2);
  }

  @Test
  void aGroupNeverTakesMoreThanItsMaximum() throws Exception {
    GroupCommit<String, String> commit = upperCasing(2);
    CompletableFuture<String> first = handIn(commit, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1);
    List<CompletableFuture<String>> later = new ArrayList<>();
    for (String item : List.of("b", "c", "d", "e", "f")) {
      later.add(handIn(commit, item));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 5);

    firstGroupMayEnd.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
    List<String> results = new ArrayList<>();
    for (CompletableFuture<String> result : later) {
      results.add(result.get(10, TimeUnit.SECONDS));
    }
    assertThat(results).containsExactly("B", "C", "D", "E", "F");
    assertThat(groups).allSatisfy(group -> assertThat(group.size()).isBetween(1, 2));
    assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(6);
  }

  @Test
  void aFailedGroupFailsEveryItemInItAndNoItemOutsideIt() throws Exception {
    GroupCommit<String, String> commit =
        upperCasing(
            8,
            group -> {
              if (group.contains("poison")) {
                throw new IllegalStateException("value too long for the column");
              }
              return group.stream().map(String::toUpperCase).toList();
            });
    CompletableFuture<String> first = handIn(commit, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> groups.size() == 1);
    CompletableFuture<String> innocent = handIn(commit, "b");
    CompletableFuture<String> poison = handIn(commit, "poison");
    await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 2);

    firstGroupMayEnd.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
    for (CompletableFuture<String> member : List.of(innocent, poison)) {
      assertThatThrownBy(() -> member.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("value too long for the column");
    }
    assertThat(commit.commit("c")).as("the next group is not touched").isEqualTo("C");
  }

  @Test
  void aCommitThatReturnsTheWrongNumberOfResultsFailsTheGroup() {
    firstGroupMayEnd.countDown();
    GroupCommit<String, String> commit = upperCasing(8, group -> List.of());

    assertThatThrownBy(() -> commit.commit("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("0 results for a group of 1 items");
  }

  private CompletableFuture<String> handIn(GroupCommit<String, String> commit, String item) {
    return CompletableFuture.supplyAsync(() -> commit.commit(item), threads);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the first group end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
