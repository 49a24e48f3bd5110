package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R2: two nodes refresh the same tenants, cycle after cycle, under STRICT rotation. The leases and
 * the fencing on {@code token_version} must keep the two nodes from ever sending the same refresh
 * token: the emulator would count it as a spent-token reuse and revoke the grant.
 */
@ExtendWith(FleetExtension.class)
class RotationStormIT {

  /** R2: every tenant through its cycles with no refresh token ever presented twice. */
  @Test
  void twoNodesNeverReuseASpentRefreshToken(FleetRun run) {
    int tenants = FleetSize.rotationTenants();
    int cycles = FleetSize.rotationCycles();
    Scenario scenario = new Scenario(run, "R2");
    scenario.begin("{\"rotationMode\":\"STRICT\",\"faults\":[]}").seed(tenants);

    org.awaitility.Awaitility.await("every tenant through " + cycles + " refreshes")
        .atMost(Duration.ofSeconds(60L * cycles + 240))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> run.database.withFewerRefreshesThan(cycles) == 0);

    scenario.report(
        "2 nodes, " + tenants + " tenants, " + cycles + " cycles, STRICT",
        "refreshes per node "
            + run.database.countsBy(
                "SELECT split_part(node, '/', 1), COUNT(*) FROM refresh_event"
                    + " WHERE outcome = 'SUCCESS' GROUP BY 1"));
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
    assertThat(
            run.database.count(
                "SELECT COUNT(DISTINCT node) FROM refresh_event WHERE outcome = 'SUCCESS'"))
        .as("nodes that stored refreshes")
        .isEqualTo(Fleet.NODES);
  }
}
