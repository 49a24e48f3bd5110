package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R8: the cluster-once maintenance job keeps running when a node dies. On PostgreSQL it is one
 * persistent EJB timer in the shared database; a run the node holding it does not finish within
 * {@code tokenwarden.maintenance.missed-task-threshold} is taken by another node (Liberty's
 * failover). Each node in turn is SIGKILLed; while it is down, a tenant's refresh token passes its
 * expiry, and only a maintenance run can see that (the tenant is not due for a refresh, and nothing
 * hands its token out): the survivor must flag it NEEDS_RECONNECT within one interval plus the
 * threshold. Killing each node once means the node holding the timer is killed whichever it is.
 *
 * <p>The fleet runs maintenance every {@link #INTERVAL} with the shortest threshold Liberty accepts
 * ({@link #THRESHOLD}) when this flag is set ({@link FleetRun}); CI's fleet keeps the defaults.
 */
@EnabledIfSystemProperty(
    named = "fleet.maintenance-failover",
    matches = "true",
    disabledReason =
        "R8 takes about 7 minutes (two kills, two restarts, two thresholds): beyond CI's"
            + " fleet budget; -Dfleet.maintenance-failover=true")
@ExtendWith(FleetExtension.class)
class MaintenanceFailoverIT {

  /** The maintenance interval of the fleet under this flag. */
  static final Duration INTERVAL = Duration.ofSeconds(20);

  /** Liberty's smallest {@code missedTaskThreshold} (100 s). */
  static final Duration THRESHOLD = Duration.ofSeconds(100);

  /** One interval, the threshold, and room for the survivor's poll and a slow run. */
  private static final Duration TAKE_OVER = INTERVAL.plus(THRESHOLD).plusSeconds(60);

  @Test
  void maintenanceRunsOnWhicheverNodeSurvives(FleetRun run) {
    Scenario scenario = new Scenario(run, "R8");
    scenario.begin("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
    // Two tenants that stay quiet: due in an hour, their access tokens valid as long.
    Storm storm =
        Storm.seed(
            run.emulator,
            run.database,
            run.cipher,
            "r8",
            Fleet.NODES,
            new Storm.Timing() {
              @Override
              public Instant expiry(int index, Instant now, long lifetimeSeconds) {
                return now.plus(Duration.ofHours(1));
              }

              @Override
              public Instant due(int index, Instant now, Instant expiry) {
                return expiry;
              }
            });
    List<String> tookOver = new ArrayList<>();
    for (int dead = 1; dead <= Fleet.NODES; dead++) {
      String slug = storm.slugs.get(dead - 1);
      run.fleet.kill(dead);
      try {
        Instant killedAt = Instant.now();
        expireRefreshToken(run.database, slug);
        await("node " + survivor(dead) + " runs maintenance and flags " + slug)
            .atMost(TAKE_OVER)
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> run.database.slugsIn("NEEDS_RECONNECT").contains(slug));
        tookOver.add(
            "node"
                + dead
                + " killed, flagged after "
                + Duration.between(killedAt, Instant.now()).toSeconds()
                + " s");
      } finally {
        run.fleet.startNode(dead);
      }
    }

    scenario.report(
        "2 nodes, maintenance every "
            + INTERVAL.toSeconds()
            + " s, missed-task threshold "
            + THRESHOLD.toSeconds()
            + " s",
        String.join("; ", tookOver));
    assertThat(run.database.reconnectReasons())
        .as("both flagged by maintenance for their expired refresh tokens, nothing else")
        .containsOnlyKeys("refresh_token_expired")
        .containsEntry("refresh_token_expired", (long) Fleet.NODES);
    assertThat(scenario.total("refreshCalls")).as("no refresh was attempted").isZero();
  }

  private static int survivor(int dead) {
    return dead % Fleet.NODES + 1;
  }

  /** The refresh token's expiry, as FreeAgent reported it, passes now. */
  private static void expireRefreshToken(FleetDatabase database, String slug) {
    database.execute(
        "UPDATE freeagent_connection SET refresh_expires_at = CURRENT_TIMESTAMP - INTERVAL '1 minute'"
            + " WHERE tenant_id = (SELECT id FROM tenant WHERE slug = '"
            + slug
            + "')");
  }
}
