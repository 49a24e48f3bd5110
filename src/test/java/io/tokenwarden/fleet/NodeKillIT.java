package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.infrastructure.freeagent.ProviderFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R1: one of two nodes is SIGKILLed in the middle of a refresh storm. The survivor takes the dead
 * node's leases once its heartbeat is older than dead-after and refreshes those tenants. Under
 * GRACE rotation the refresh token the dead node may already have spent still works, so nothing may
 * be lost; under STRICT a tenant whose new pair died with the node is lost, but only such a tenant
 * (at most the refreshes in flight at the kill), and each is flagged at its first refused refresh
 * rather than retried. A tenant lost to a lost answer instead ({@code answer_lost}: a node stood
 * still past its own call's timeout) is a second fault, reported beside the kill's.
 */
@ExtendWith(FleetExtension.class)
class NodeKillIT {

  /** dead-after (25 s) + lease (35 s) + a full access-token lifetime (60 s) + slack. */
  private static final Duration RECOVERY = Duration.ofMinutes(4);

  /** R1 under GRACE (60 s): a SIGKILLed node costs no tenant. */
  @Test
  void graceLosesNoTenantWhenANodeIsKilledMidStorm(FleetRun run) {
    Scenario scenario = new Scenario(run, "R1-grace");
    try {
      Outcome outcome = killNodeOneMidStorm(scenario, "GRACE");
      scenario.report(
          sizes(scenario),
          "in flight at the kill " + outcome.inFlight + ", lost " + scenario.lost());

      assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
      assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
      assertThat(scenario.total("reuseRevocations")).as("grants revoked for reuse").isZero();
      assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
    } finally {
      run.fleet.startNode(1);
    }
  }

  /**
   * R1 under STRICT: lost tenants are at most those in flight at the kill, each flagged after one
   * refused refresh, and no connected tenant is left with a dead grant.
   */
  @Test
  void strictLosesAtMostTheRefreshesInFlightAndFlagsEach(FleetRun run) {
    Scenario scenario = new Scenario(run, "R1-strict");
    try {
      Outcome outcome = killNodeOneMidStorm(scenario, "STRICT");

      long lost = scenario.lost();
      Map<String, Long> reasons = scenario.run.database.reconnectReasons();
      long lostToTheKill = reasons.getOrDefault("invalid_grant", 0L);
      long lostAnswers = reasons.getOrDefault(ProviderFailure.ANSWER_LOST, 0L);
      scenario.report(
          sizes(scenario),
          "in flight at the kill "
              + outcome.inFlight
              + ", lost "
              + lost
              + " (to the kill "
              + lostToTheKill
              + ", answers lost "
              + lostAnswers
              + ")");
      // The kill costs at most its refreshes in flight, refused at the takeover (invalid_grant).
      // A tenant whose own earlier call got no usable answer while FreeAgent rotated is flagged
      // answer_lost instead: that is a second fault (a node that stood still past its call's
      // timeout, RELIABILITY finding 8 and R10), which STRICT cannot recover (finding 3), and is
      // reported in the row, not counted against the kill. No tenant may be lost for any other
      // reason.
      assertThat(lost)
          .as("tenants lost, by reason %s", reasons)
          .isEqualTo(lostToTheKill + lostAnswers);
      assertThat(lostToTheKill)
          .as("tenants refused at the takeover vs refreshes in flight at the kill")
          .isLessThanOrEqualTo(outcome.inFlight);
      assertThat(scenario.perLostTenant("invalidGrants"))
          .as("refused refreshes per lost tenant (flagged at the first)")
          .allMatch(refusals -> refusals == 1);
      assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
    } finally {
      run.fleet.startNode(1);
    }
  }

  private static Outcome killNodeOneMidStorm(Scenario scenario, String rotation) {
    scenario
        .begin(
            "{\"rotationMode\":\""
                + rotation
                + "\",\"graceSeconds\":60,\"faults\":["
                + Scenario.SLOW_TOKEN_ENDPOINT
                + "]}")
        .seed(FleetSize.stormTenants());
    scenario.awaitStormOnNode("node1");

    scenario.run.fleet.kill(1);
    Instant killedAt = Instant.now();
    // The dead node writes nothing more: the leases it holds now are exactly its refreshes in
    // flight.
    long inFlight = scenario.run.database.leasesHeldBy("node1");

    scenario.awaitEveryTenantRefreshedSince(killedAt, RECOVERY);
    await("the dead node's leases taken over")
        .atMost(RECOVERY)
        .until(() -> scenario.run.database.leasesHeldBy("node1") == 0);
    return new Outcome(inFlight);
  }

  private static String sizes(Scenario scenario) {
    return "2 nodes, " + scenario.storm.slugs.size() + " tenants, 60 s access tokens";
  }

  private record Outcome(long inFlight) {}
}
