package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R7: FreeAgent answers 200 with a new refresh token but lifetimes that make no sense ({@code
 * expires_in} negative, or a string). It has rotated: the old refresh token is spent. The pair must
 * be stored anyway, or the next refresh would present the spent token and, under STRICT, lose the
 * tenant.
 */
@ExtendWith(FleetExtension.class)
class MalformedLifetimeIT {

  /** R7: malformed-but-rotated answers are stored and the following refresh uses the new token. */
  @Test
  void aRotatedAnswerWithMalformedLifetimesIsStoredAndItsTokenUsedNext(FleetRun run) {
    int tenants = FleetSize.faultTenants();
    Scenario scenario = new Scenario(run, "R7");
    scenario
        .begin(
            "{\"rotationMode\":\"STRICT\",\"faults\":["
                + "{\"kind\":\"NEGATIVE_LIFETIME\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":0.5},"
                + "{\"kind\":\"MISTYPED_FIELD\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":1.0}]}")
        .seed(tenants);

    await("every tenant's malformed-but-rotated answer stored")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> run.database.withFewerRefreshesThan(1) == 0);
    long malformed = scenario.total("faultsInjected");
    run.emulator.configure("{\"faults\":[]}");

    // The next refresh, asked for at once (a negative lifetime is stored as 10 minutes, which
    // would put the scheduled one minutes away): it must present the token the odd answer carried.
    HandOuts api = new HandOuts(run.fleet);
    List<String> slugs = scenario.storm.slugs;
    for (int i = 0; i < slugs.size(); i++) {
      api.refreshNow(1 + i % Fleet.NODES, slugs.get(i));
    }
    await("every tenant refreshed once more")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> run.database.withFewerRefreshesThan(2) == 0);

    scenario.report(
        "2 nodes, " + tenants + " tenants, STRICT, every first refresh malformed",
        "malformed answers " + malformed + ", refresh-now answers " + api.statuses());
    assertThat(malformed).as("malformed answers injected").isGreaterThanOrEqualTo(tenants);
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
  }
}
