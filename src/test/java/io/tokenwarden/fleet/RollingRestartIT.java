package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R6: every node restarted one after the other (graceful stop: it stops claiming, drains its
 * refreshes in flight, then starts again under the same name) while the storm runs, under STRICT
 * rotation, where one spent refresh token sent twice would revoke a tenant's grant.
 */
@ExtendWith(FleetExtension.class)
class RollingRestartIT {

  /** R6: a rolling restart of the whole fleet under STRICT loses no tenant. */
  @Test
  void rollingRestartUnderStrictLosesNoTenant(FleetRun run) {
    Scenario scenario = new Scenario(run, "R6-strict");
    scenario
        .begin("{\"rotationMode\":\"STRICT\",\"faults\":[" + Scenario.SLOW_TOKEN_ENDPOINT + "]}")
        .seed(FleetSize.stormTenants());
    scenario.awaitStormOnNode("node1");

    for (int node = 1; node <= Fleet.NODES; node++) {
      run.fleet.restart(node);
    }
    Instant restarted = Instant.now();
    scenario.awaitEveryTenantRefreshedSince(restarted, Duration.ofMinutes(3));

    scenario.report(
        "2 nodes restarted one by one, " + scenario.storm.slugs.size() + " tenants, STRICT", "");
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
  }
}
