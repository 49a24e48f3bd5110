package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R10: one of two nodes stands still (SIGSTOP) in the middle of a STRICT refresh storm, for as long
 * as the other needs to take all its leases over, and then runs on (SIGCONT). This is how a long GC
 * pause or a stalled host looks from outside (RELIABILITY finding 8): unlike a killed node, the
 * frozen one still holds the answers FreeAgent sent it while it stood, and acts on them when it
 * wakes, after the survivor has sent the same, now spent, refresh tokens. Under STRICT the emulator
 * then revokes the grant (reuse detection), so the tenants in flight at the freeze are lost as in a
 * kill (R1); what this scenario adds is that none of them is left CONNECTED on a revoked pair: a
 * pair stored while another call of its token was refused or unanswered is refreshed again at once
 * and so flagged (finding 9, ADR 0033).
 *
 * <p>About 100 s on top of the fleet's start, so behind its flag like R8: {@code
 * -Dfleet.node-freeze=true}.
 */
@EnabledIfSystemProperty(
    named = "fleet.node-freeze",
    matches = "true",
    disabledReason = "R10 adds about 100 s to the fleet suite; -Dfleet.node-freeze=true")
@ExtendWith(FleetExtension.class)
class NodeFreezeIT {

  /** dead-after (25 s) + lease (35 s) + a full access-token lifetime (60 s) + slack. */
  private static final Duration RECOVERY = Duration.ofMinutes(4);

  /**
   * How soon a pair whose token another call also sent is tried again: a few 1 s ticks, well inside
   * the 30 s or more to the next scheduled refresh of a 60 s token (lead at most half the
   * lifetime).
   */
  private static final Duration RETRIED_AT_ONCE = Duration.ofSeconds(12);

  @Test
  void strictLosesAtMostTheRefreshesInFlightWhenANodeStandsStill(FleetRun run) {
    Scenario scenario = new Scenario(run, "R10-strict");
    boolean frozen = false;
    try {
      scenario
          .begin("{\"rotationMode\":\"STRICT\",\"faults\":[" + Scenario.SLOW_TOKEN_ENDPOINT + "]}")
          .seed(FleetSize.stormTenants());
      scenario.awaitStormOnNode("node1");

      run.fleet.freeze(1);
      frozen = true;
      Instant frozenAt = Instant.now();
      // A frozen node writes nothing: the leases it holds now are its refreshes in flight.
      long inFlight = run.database.leasesHeldBy("node1");
      await("the frozen node's leases taken over")
          .atMost(RECOVERY)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> run.database.leasesHeldBy("node1") == 0);
      Duration stood = Duration.between(frozenAt, Instant.now());
      run.fleet.thaw(1);
      frozen = false;

      scenario.awaitEveryTenantRefreshedSince(frozenAt, RECOVERY);
      awaitQuietly(RETRIED_AT_ONCE, () -> scenario.silentlyBroken() == 0);
      long lost = scenario.lost();
      scenario.report(
          "2 nodes, " + scenario.storm.slugs.size() + " tenants, 60 s access tokens",
          "in flight at the freeze "
              + inFlight
              + ", frozen "
              + stood.toSeconds()
              + " s, lost "
              + lost);

      assertThat(lost)
          .as(
              "tenants lost vs refreshes in flight at the freeze (reasons %s)",
              run.database.reconnectReasons())
          .isLessThanOrEqualTo(inFlight);
      assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
    } finally {
      if (frozen) {
        run.fleet.thaw(1);
      }
    }
  }

  /** Waits for {@code condition} at most {@code atMost}; the assertions after it tell the rest. */
  private static void awaitQuietly(Duration atMost, Callable<Boolean> condition) {
    try {
      await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(condition);
    } catch (ConditionTimeoutException e) {
      // Reported by the assertion that follows, with the figures.
    }
  }
}
