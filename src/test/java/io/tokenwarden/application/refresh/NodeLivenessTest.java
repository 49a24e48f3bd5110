package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.refresh.NodeLiveness.RegisteredNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How a claim tells a dead lease holder from a live one (docs/DESIGN.md §5.2). */
class NodeLivenessTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant STARTED = NOW.minusSeconds(20);
  private static final Duration DEAD_AFTER = Duration.ofSeconds(90);
  private static final String ME = "web_1/abcd1234";

  private final NodeLiveness settled =
      new NodeLiveness(ME, "web_1", STARTED, DEAD_AFTER, true, null);
  private final NodeLiveness starting =
      new NodeLiveness(ME, "web_1", STARTED, DEAD_AFTER, false, null);

  /** Another node that beat within dead-after keeps its lease, one silent for longer loses it. */
  @Test
  void anotherNodeIsGoneOnlyOnceItsHeartbeatIsStale() {
    assertThat(settled.holderGone("web-2/00000000", NOW.minusSeconds(89), NOW)).isFalse();
    assertThat(settled.holderGone("web-2/00000000", NOW.minusSeconds(91), NOW)).isTrue();
    assertThat(NodeLiveness.isStale(NOW.minusSeconds(91), NOW, DEAD_AFTER)).isTrue();
    assertThat(NodeLiveness.isStale(NOW.minusSeconds(30), NOW, DEAD_AFTER)).isFalse();
  }

  /** A holder without a registry row (an older version, a pruned row) is waited out. */
  @Test
  void anotherNodeWithoutARowIsNotTakenOver() {
    assertThat(settled.holderGone("web-2/00000000", null, NOW)).isFalse();
  }

  /**
   * An earlier run of this node's configured name that has not beat since this run started (or has
   * no row) is gone at once, but only once this run has settled.
   */
  @Test
  void earlierIncarnationIsTakenOverOnceSettled() {
    assertThat(settled.holderGone("web_1/deadbeef", null, NOW)).isTrue();
    assertThat(settled.holderGone("web_1/deadbeef", STARTED.minusSeconds(5), NOW)).isTrue();
    assertThat(starting.holderGone("web_1/deadbeef", null, NOW)).isFalse();
    assertThat(starting.holderGone("web_1/deadbeef", STARTED.minusSeconds(5), NOW)).isFalse();
  }

  /** A run of this name that beat after this run started is alive: its leases stay. */
  @Test
  void incarnationThatBeatSinceThisStartIsAlive() {
    assertThat(settled.holderGone("web_1/deadbeef", STARTED.plusSeconds(1), NOW)).isFalse();
  }

  /** This node's own lease, and no lease, are never "gone". */
  @Test
  void ownAndMissingHoldersAreNotGone() {
    assertThat(settled.holderGone(ME, null, NOW)).isFalse();
    assertThat(settled.holderGone(ME, NOW.minusSeconds(600), NOW)).isFalse();
    assertThat(settled.holderGone(null, null, NOW)).isFalse();
  }

  /**
   * Finding 1 (docs/RELIABILITY.md): an expired lease whose holder beats again (alive) stays with
   * it, so it can store the pair it parked while the database was away; a dead holder's, an
   * unregistered holder's, this node's own, and one expired longer than the grace are taken.
   */
  @Test
  void expiredLeaseOfALiveHolderIsKeptWithinTheGrace() {
    Instant expired = NOW.minusSeconds(5);
    assertThat(settled.mayTake("web-2/00000000", expired, NOW.minusSeconds(1), NOW)).isFalse();
    assertThat(settled.mayTake("web-2/00000000", expired, NOW.minusSeconds(91), NOW)).isTrue();
    assertThat(settled.mayTake("web-2/00000000", expired, null, NOW)).isTrue();
    assertThat(settled.mayTake(ME, expired, NOW, NOW)).isTrue();
    assertThat(settled.expiredLeaseGrace()).isEqualTo(DEAD_AFTER.multipliedBy(2));
    assertThat(settled.mayTake("web-2/00000000", NOW.minusSeconds(179), NOW, NOW)).isFalse();
    assertThat(settled.mayTake("web-2/00000000", NOW.minusSeconds(181), NOW, NOW)).isTrue();
  }

  /** A free row is always taken; a running lease of a live holder never. */
  @Test
  void freeRowsAreTakenRunningLiveLeasesAreNot() {
    assertThat(settled.mayTake(null, null, null, NOW)).isTrue();
    assertThat(settled.mayTake("web-2/00000000", NOW.plusSeconds(30), NOW, NOW)).isFalse();
    assertThat(settled.mayTake("web-2/00000000", NOW.plusSeconds(30), NOW.minusSeconds(91), NOW))
        .isTrue();
  }

  /**
   * Finding 1, the other half: a node back from a database outage takes no other node's lease, not
   * even a dead one's or an expired one without a registry row, until its wait is over; its own
   * expired leases and free rows it still takes.
   */
  @Test
  void nodeBackFromAnOutageTakesOnlyItsOwnLeasesUntilItsWaitIsOver() {
    NodeLiveness back =
        new NodeLiveness(ME, "web_1", STARTED, DEAD_AFTER, true, NOW.plusSeconds(10));
    Instant expired = NOW.minusSeconds(200);
    assertThat(back.rejoining(NOW)).isTrue();
    assertThat(back.mayTake("web-2/00000000", expired, NOW.minusSeconds(300), NOW)).isFalse();
    assertThat(back.mayTake("web-2/00000000", expired, null, NOW)).isFalse();
    assertThat(back.mayTake("web_1/deadbeef", expired, null, NOW)).isFalse();
    assertThat(back.mayTake(ME, expired, NOW, NOW)).isTrue();
    assertThat(back.mayTake(null, null, null, NOW)).isTrue();

    Instant later = NOW.plusSeconds(10);
    assertThat(back.rejoining(later)).isFalse();
    assertThat(back.mayTake("web-2/00000000", expired, later.minusSeconds(300), later)).isTrue();
  }

  /** Only the exact shape name/8-character-suffix of this configured name is an incarnation. */
  @Test
  void incarnationsAreRecognisedExactly() {
    assertThat(NodeLiveness.isIncarnationOf("web_1/deadbeef", "web_1")).isTrue();
    assertThat(NodeLiveness.isIncarnationOf("web_10/deadbeef", "web_1")).isFalse();
    assertThat(NodeLiveness.isIncarnationOf("web_1/deadbee", "web_1")).isFalse();
    assertThat(NodeLiveness.isIncarnationOf("web_1/x/deadbe", "web_1")).isFalse();
    assertThat(NodeLiveness.isIncarnationOf("webX1/deadbeef", "web_1")).isFalse();
  }

  /** The SQL pattern matches what the Java rule matches; "_" in a name is no wildcard. */
  @Test
  void likePatternMatchesTheSameNames() {
    String pattern = NodeLiveness.incarnationPattern("web_1");
    assertThat(pattern).isEqualTo("web!_1/________");
    for (String owner :
        List.of("web_1/deadbeef", "webX1/deadbeef", "web_1/deadbee", "web_10/deadbeef")) {
      assertThat(like(owner, pattern))
          .as(owner)
          .isEqualTo(NodeLiveness.isIncarnationOf(owner, "web_1"));
    }
  }

  /** Another live run of this configured name (it beat after this run started) is a twin. */
  @Test
  void liveTwinsAreThoseThatBeatAfterThisStart() {
    List<RegisteredNode> rows =
        List.of(
            new RegisteredNode(ME, "web_1", NOW),
            new RegisteredNode("web_1/deadbeef", "web_1", STARTED.minusSeconds(3)),
            new RegisteredNode("web_1/cafebabe", "web_1", STARTED.plusSeconds(2)),
            new RegisteredNode("web-2/cafebabe", "web-2", NOW));

    assertThat(NodeLiveness.liveTwins(rows, ME, "web_1", STARTED))
        .containsExactly("web_1/cafebabe");
  }

  /** SQL LIKE with '!' as escape, as the claim runs it. */
  private static boolean like(String value, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '!') {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '_') {
        regex.append('.');
      } else if (c == '%') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches(regex.toString());
  }
}
