package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R3: FreeAgent misbehaves the way a provider under stress does. First a spell of 10 % hangs
 * (longer than the nodes' read timeout), 30 % 5xx pages and 0.5–1.5 s latency on every
 * token-endpoint call; then an outage (every call a 503 page); then the provider is well again.
 * None of these faults rotates the refresh token (the emulator fails before it looks at the
 * request), so nothing may be lost, and once the outage is over every tenant must be refreshed
 * again within a minute (circuit breaker closed, backoff not stretched past it). Rotation is GRACE
 * with a 60 s grace: a read timeout after a real rotation (the latency on a loaded machine) is then
 * recoverable, which is what R3 is about (docs/RELIABILITY.md finding 3 is the STRICT case).
 *
 * <p>Durations: small 60 s of faults and a 40 s outage, full 3 minutes and the 2-minute
 * outage ({@code -Dfleet.r3.faults-seconds}, {@code -Dfleet.r3.outage-seconds}).
 */
@DisabledIfSystemProperty(
    named = "fleet.provider-faults",
    matches = "false",
    disabledReason = "-Dfleet.provider-faults=false leaves R3 out (about 3 minutes, small)")
@ExtendWith(FleetExtension.class)
class ProviderFaultsIT {

  /** What the issue asks: every tenant refreshed again within a minute of the outage's end. */
  private static final Duration RECOVERY = Duration.ofMinutes(1);

  private static final String LATENCY =
      "{\"kind\":\"LATENCY\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":1.0,"
          + "\"minMillis\":500,\"maxMillis\":1500}";

  private static boolean lasted(Instant since, Duration length) {
    return !Instant.now().isBefore(since.plus(length));
  }

  /** R3: flaky provider, then an outage: nothing lost, every tenant back within a minute. */
  @Test
  void aFlakyProviderAndAnOutageLoseNothingAndRecoverWithinAMinute(FleetRun run) {
    int tenants = FleetSize.faultTenants();
    Duration faults = Duration.ofSeconds(FleetSize.pickSeconds("fleet.r3.faults-seconds", 60, 180));
    Duration outage = Duration.ofSeconds(FleetSize.pickSeconds("fleet.r3.outage-seconds", 40, 120));
    Scenario scenario = new Scenario(run, "R3");
    scenario
        .begin(
            "{\"rotationMode\":\"GRACE\",\"graceSeconds\":60,\"faults\":["
                + "{\"kind\":\"HANG\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":0.1,"
                + "\"minMillis\":6000,\"maxMillis\":6000},"
                // 1/3 of the 90 % that did not hang: 30 % of all calls.
                + "{\"kind\":\"HTTP_503\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":0.1667},"
                + "{\"kind\":\"HTTP_500\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":0.2},"
                + LATENCY
                + "]}")
        .seed(tenants);
    scenario.awaitStormOnNode("node1");

    long successesBefore = scenario.total("refreshSuccesses");
    long faultsBefore = scenario.total("faultsInjected");
    long callsBefore = scenario.total("refreshCalls");
    Instant faultsStart = Instant.now();
    await("the faulty spell: its length passed, faults injected")
        .atMost(faults.plusMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> lasted(faultsStart, faults) && scenario.total("faultsInjected") > faultsBefore);
    // Every call of the spell is delayed (a fault decision); only those not answered by a 5xx
    // page or a hang reach the real endpoint and count as refresh calls.
    long callsInSpell = scenario.total("faultsInjected") - faultsBefore;
    long failedInSpell = callsInSpell - (scenario.total("refreshCalls") - callsBefore);
    long successesInSpell = scenario.total("refreshSuccesses") - successesBefore;

    run.emulator.configure(
        "{\"faults\":[{\"kind\":\"HTTP_503\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":1.0}]}");
    long successesAtOutage = scenario.total("refreshSuccesses");
    long faultsAtOutage = scenario.total("faultsInjected");
    Instant outageStart = Instant.now();
    await("the outage: its length passed, calls refused")
        .atMost(outage.plusMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> lasted(outageStart, outage) && scenario.total("faultsInjected") > faultsAtOutage);
    long successesInOutage = scenario.total("refreshSuccesses") - successesAtOutage;
    long refusedInOutage = scenario.total("faultsInjected") - faultsAtOutage;
    run.emulator.configure("{\"faults\":[" + LATENCY + "]}");
    Instant outageEnd = Instant.now();

    await("every tenant refreshed again after the outage")
        .atMost(RECOVERY)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> run.database.notRefreshedSince(outageEnd) == 0);
    Duration recovered = Duration.between(outageEnd, Instant.now());

    scenario.report(
        "2 nodes, "
            + tenants
            + " tenants, GRACE 60 s, "
            + faults.toSeconds()
            + " s of faults from "
            + faultsStart
            + ", "
            + outage.toSeconds()
            + " s outage",
        "token calls in the spell "
            + callsInSpell
            + " of which 5xx or hang "
            + failedInSpell
            + ", refreshes stored in the spell "
            + successesInSpell
            + "; calls refused in the outage "
            + refusedInOutage
            + ", stored "
            + successesInOutage
            + ", every tenant refreshed again "
            + recovered.toSeconds()
            + " s after the outage");
    assertThat(failedInSpell).as("token calls answered 5xx or hung in the spell").isPositive();
    assertThat(refusedInOutage).as("token calls refused in the outage").isPositive();
    assertThat(successesInSpell).as("refreshes stored despite the faults").isPositive();
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
  }
}
