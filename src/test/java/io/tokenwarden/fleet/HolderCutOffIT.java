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

  @Test
  void aHolderCutOffAloneKeepsThePairsItHoldsAndNothingIsLost(FleetRun run) throws Exception {
    Scenario scenario = new Scenario(run, "R9-strict");
    scenario
        .begin("{\"rotationMode\":\"STRICT\",\"faults\":[" + Scenario.SLOW_TOKEN_ENDPOINT + "]}")
        .seed(FleetSize.stormTenants());
    scenario.awaitStormOnNode("node1");

    run.database.cutNodeOne();
    Instant cutAt = Instant.now();
    Set<String> held = new TreeSet<>();
    try {
      // What node 1 answers node 2, asked as node 2 asks it, over the whole cut.
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
    Instant restoredAt = Instant.now();

    scenario.awaitEveryTenantRefreshedSince(restoredAt, Duration.ofMinutes(3));
    assertThat(parkedOn(run.fleet, 1)).as("node 1 stored what it held").isEmpty();

    scenario.report(
        "2 nodes, "
            + scenario.storm.slugs.size()
            + " tenants, STRICT, node 1 cut off alone "
            + CUT.toSeconds()
            + " s",
        "pairs node 1 held during the cut: " + held.size());
    assertThat(held).as("the cut landed on refreshes in flight on node 1").isNotEmpty();
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
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
