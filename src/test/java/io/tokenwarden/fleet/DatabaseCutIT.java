package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R5: the database is cut off from every node (connection limit 0, sessions terminated) for longer
 * than the refresh lease, in the middle of a STRICT storm. Refreshes that received a pair they
 * could not store park it and store it when the database is back; no node may send a spent token
 * meanwhile. Clients keep asking for tokens the nodes hold fresh in memory.
 *
 * <p>Two rules make it pass (docs/RELIABILITY.md, findings 1 and 2, fixed): a node back from the
 * outage takes no other node's lease until it has beaten again for dead-after, and an expired lease
 * of a live holder stays with it (ADR 0025); a node serves cached tokens, slugs and key answers
 * past their TTLs while the database cannot answer (ADR 0024), including a token the change watch
 * saw superseded by a refresh elsewhere (finding 5).
 */
@ExtendWith(FleetExtension.class)
class DatabaseCutIT {

  /** Longer than the fleet's lease (35 s). */
  private static final Duration CUT = Duration.ofSeconds(45);

  /** A hand-out must answer 200 while the token it knows keeps this much validity (5 s + slack). */
  private static final Duration FRESH = Duration.ofSeconds(8);

  /** R5: a database cut longer than the lease loses nothing; fresh hand-outs keep answering. */
  @Test
  void aDatabaseCutLongerThanTheLeaseLosesNothing(FleetRun run) throws Exception {
    Scenario scenario = new Scenario(run, "R5-strict");
    scenario
        .begin("{\"rotationMode\":\"STRICT\",\"faults\":[" + Scenario.SLOW_TOKEN_ENDPOINT + "]}")
        .seed(FleetSize.stormTenants());
    scenario.awaitStormOnNode("node1");
    List<String> slugs = scenario.storm.slugs;
    Map<String, Instant> expiries = warmUp(run.fleet, slugs);

    run.database.cut();
    Instant cutAt = Instant.now();
    int freshAsked = 0;
    int freshAnswered = 0;
    HandOuts api = new HandOuts(run.fleet);
    try {
      // The clients' traffic is what fills the cut: round after round over every tenant.
      for (int round = 0; Instant.now().isBefore(cutAt.plus(CUT)); round++) {
        for (int i = 0; i < slugs.size() && Instant.now().isBefore(cutAt.plus(CUT)); i++) {
          String slug = slugs.get(i);
          boolean fresh = expiries.get(slug).isAfter(Instant.now().plus(FRESH));
          int status = api.handOut(1 + (i + round) % Fleet.NODES, slug);
          if (fresh) {
            freshAsked++;
            freshAnswered += status == 200 ? 1 : 0;
          }
        }
      }
    } finally {
      run.database.restore();
    }
    Instant restoredAt = Instant.now();

    scenario.awaitEveryTenantRefreshedSince(restoredAt, Duration.ofMinutes(3));

    scenario.report(
        "2 nodes, " + slugs.size() + " tenants, STRICT, database cut " + CUT.toSeconds() + " s",
        "hand-outs of fresh tokens during the cut: "
            + freshAnswered
            + " of "
            + freshAsked
            + " answered 200; all answers "
            + api.statuses());
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
    assertThat(freshAnswered)
        .as("fresh hand-outs answered 200 during the cut")
        .isEqualTo(freshAsked);
  }

  /** Hands every tenant out once through each node; returns the expiry each answer named. */
  private static Map<String, Instant> warmUp(Fleet fleet, List<String> slugs) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, Instant> expiries = new HashMap<>();
    List<String> failed = new ArrayList<>();
    for (int node = 1; node <= Fleet.NODES; node++) {
      for (String slug : slugs) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            fleet.nodeUrl(node) + "/api/v1/tenants/" + slug + "/access-token"))
                    .header("Authorization", "Bearer " + Storm.TOKEN_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          failed.add(slug + ":" + response.statusCode());
          continue;
        }
        try (var reader = jakarta.json.Json.createReader(new StringReader(response.body()))) {
          Instant expiry = Instant.parse(reader.readObject().getString("expires_at"));
          expiries.merge(slug, expiry, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
    }
    assertThat(failed).as("hand-outs before the cut").isEmpty();
    return expiries;
  }
}
