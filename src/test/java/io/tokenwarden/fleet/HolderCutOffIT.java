package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R9: node 1 alone is cut off from the database (its role's connection limit 0, its sessions
 * terminated) for longer than dead-after, in the middle of a STRICT storm; node 2 keeps the
 * database. Node 1's refreshes in flight receive pairs it cannot store, so it parks them; to node 2
 * it looks dead after dead-after. Before taking its rows node 2 asks it which pairs it holds (ADR
 * 0029) and leaves those rows alone; the rest of node 1's rows it takes. When node 1 is back it
 * stores what it parked. Nothing may be lost: without the question node 2 would send the refresh
 * tokens FreeAgent had already rotated (ADR 0025, "not covered").
 */
@ExtendWith(FleetExtension.class)
class HolderCutOffIT {

  /** Longer than the fleet's dead-after (25 s), by enough ticks for node 2 to act on it. */
  private static final Duration CUT = Duration.ofSeconds(45);

  /** Cuts until one lands on a refresh in flight (the first one almost always does). */
  private static final int MAX_CUTS = 3;

  @Test
  void aHolderCutOffAloneKeepsThePairsItHoldsAndNothingIsLost(FleetRun run) throws Exception {
    Scenario scenario = new Scenario(run, "R9-strict");
    scenario
        .begin("{\"rotationMode\":\"STRICT\",\"faults\":[" + Scenario.SLOW_TOKEN_ENDPOINT + "]}")
        .seed(FleetSize.stormTenants());
    // A cut lands on a refresh in flight only if node 1 has a token call under way at that
    // instant (its leases may also be claims not yet sent); a cut that caught none proves nothing,
    // so the storm, which goes on cycling through the tenants, is cut again, at most three times.
    Set<String> held = new TreeSet<>();
    int cuts = 0;
    while (held.isEmpty() && cuts < MAX_CUTS) {
      scenario.awaitStormOnNode("node1");
      held.addAll(cutNodeOne(run));
      cuts++;
      Instant restoredAt = Instant.now();
      scenario.awaitEveryTenantRefreshedSince(restoredAt, Duration.ofMinutes(3));
      assertThat(parkedOn(run.fleet, 1)).as("node 1 stored what it held").isEmpty();
    }

    scenario.report(
        "2 nodes, "
            + scenario.storm.slugs.size()
            + " tenants, STRICT, node 1 cut off alone "
            + CUT.toSeconds()
            + " s",
        "pairs node 1 held during the cut: " + held.size() + " (cuts: " + cuts + ")");
    assertThat(held)
        .as("a cut landed on refreshes in flight on node 1 (of %d cuts)", cuts)
        .isNotEmpty();
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
  }

  /**
   * Cuts node 1 off for {@link #CUT}, restores it, and returns the tenants it said it held pairs
   * for meanwhile, asked as node 2 asks it.
   */
  private static Set<String> cutNodeOne(FleetRun run) throws Exception {
    run.database.cutNodeOne();
    Instant cutAt = Instant.now();
    Set<String> held = new TreeSet<>();
    try {
      await("the cut")
          .atMost(CUT.plusSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                held.addAll(parkedOn(run.fleet, 1));
                return Instant.now().isAfter(cutAt.plus(CUT));
              });
    } finally {
      run.database.restoreNodeOne();
    }
    return held;
  }

  /** The tenant ids node {@code node} says it holds parked pairs for. */
  private static Set<String> parkedOn(Fleet fleet, int node) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(fleet.nodeUrl(node) + "/internal/v1/parked-tenants"))
                    .header("Authorization", "Bearer " + Fleet.PEER_SECRET)
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("node " + node + " answers its peers").isEqualTo(200);
    Set<String> tenants = new TreeSet<>();
    try (var reader = Json.createReader(new StringReader(answer.body()))) {
      reader
          .readObject()
          .getJsonArray("tenants")
          .getValuesAs(JsonString.class)
          .forEach(id -> tenants.add(id.getString()));
    }
    return tenants;
  }
}
