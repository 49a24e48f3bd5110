package io.tokenwarden.bench;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, P2: refreshes when FreeAgent is remote. Every token-endpoint call of the in-server
 * emulator takes {@code bench.latency.millis} (100 ms by default; the emulator answers later
 * without holding a request thread), so the engine can do at most {@code concurrency ÷ latency}
 * refreshes a second however fast the rest is: the bound this bench reports against. {@code
 * bench.latency.tenants} connected tenants fall due at once (as after an outage) and the bench
 * times them from due to the last one stored, then states the catch-up time for 10,000 at that
 * rate. The server's concurrency is its own setting: run once per level, e.g. {@code
 * TOKENWARDEN_REFRESH_CONCURRENCY=64} with the refresh bulkhead raised to match (README,
 * "Benchmarks"). Never part of the normal build.
 */
@ExtendWith(ArquillianExtension.class)
class RefreshLatencyBench {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClasses(BenchProbe.class, RefreshYardsticks.class);
  }

  private static final String PREFIX = "bench-l-" + UUID.randomUUID().toString().substring(0, 6);

  private final BenchClient client = new BenchClient();

  @Test
  void refreshesAtProviderLatencyAgainstTheBound() {
    JsonObject environment = client.probe("environment");
    int concurrency = environment.getInt("concurrency");
    int bulkhead = Integer.parseInt(environment.getString("refreshBulkhead"));
    int tenants = BenchKnobs.latencyTenants();
    int latency = BenchKnobs.latencyMillis();
    JsonObject saved = client.control("GET", "/settings", null);
    try {
      client.control("PUT", "/settings", emulatorSettings(latency));
      client.seedConnectedTenants(PREFIX, tenants);
      JsonObject before = client.control("GET", "/counters", null).getJsonObject("total");
      Instant dueAt =
          Instant.parse(
              client
                  .probe("make-due?prefix=" + PREFIX + "&expiresInSeconds=3600")
                  .getString("dueAt"));
      BenchClient.RefreshProgress progress = client.awaitRefreshed(PREFIX, tenants);
      JsonObject after = client.control("GET", "/counters", null).getJsonObject("total");
      // The same tenants again, at the same concurrency and latency, by the protocol alone.
      JsonObject floor =
          client.probe("protocol-floor?prefix=" + PREFIX + "&threads=" + concurrency + "&batch=1");
      report(
          environment,
          concurrency,
          bulkhead,
          tenants,
          latency,
          dueAt,
          progress,
          before,
          after,
          floor);
    } finally {
      client.control("PUT", "/settings", saved.toString());
    }
  }

  private static void report(
      JsonObject environment,
      int concurrency,
      int bulkhead,
      int tenants,
      int latency,
      Instant dueAt,
      BenchClient.RefreshProgress progress,
      JsonObject before,
      JsonObject after,
      JsonObject floor) {
    long refreshed = progress.refreshed();
    boolean finished = progress.finished();
    double seconds = progress.secondsAfter(dueAt, "lastSuccess");
    double rate = refreshed / seconds;
    // More refreshes in flight than the bulkhead admits are refused locally, not sent.
    int inFlight = Math.min(concurrency, bulkhead);
    double bound = inFlight * 1000.0 / latency;
    double share = rate / bound;
    double floorRate =
        floor.getInt("refreshed") / (floor.getJsonNumber("millis").longValue() / 1000.0);
    // The floor's threads are not held back by the refresh bulkhead: its bound is its own.
    double floorBound = concurrency * 1000.0 / latency;
    new BenchReport(
            "P2 refresh at provider latency: "
                + tenants
                + " due at once, "
                + latency
                + " ms per token call, concurrency "
                + concurrency
                + " on "
                + environment.getString("database")
                + ", "
                + environment.getInt("cores")
                + " cores")
        .row(
            "refreshes/s (due → last stored)",
            "–",
            BenchReport.fmt(rate)
                + "/s ("
                + refreshed
                + " in "
                + BenchReport.fmt(seconds)
                + " s"
                + (finished ? "" : ", TIMED OUT")
                + ")",
            finished)
        .info(
            "bound: min(concurrency, refresh bulkhead) ÷ latency",
            BenchReport.fmt(bound) + "/s (" + inFlight + " in flight; bulkhead " + bulkhead + ")")
        .row(
            "refreshes/s against the bound",
            "≥ 80 % at concurrency 64",
            BenchReport.fmt(share * 100) + " %",
            concurrency < 64 || share >= 0.8)
        .info(
            "catch-up for 10,000 due at once, at this rate", BenchReport.fmt(10_000 / rate) + " s")
        .info(
            "protocol floor (plain JDBC, one row per transaction), same tenants, "
                + concurrency
                + " threads, against "
                + BenchReport.fmt(floorBound)
                + "/s",
            BenchReport.fmt(floorRate)
                + "/s = "
                + BenchReport.fmt(floorRate / floorBound * 100)
                + " % ("
                + floor.getInt("refreshed")
                + " in "
                + BenchReport.fmt(floor.getJsonNumber("millis").longValue() / 1000.0)
                + " s, "
                + floor.getInt("failures")
                + " not stored); one refresh p50 / p99 "
                + floor.getJsonObject("work").getJsonNumber("p50")
                + " / "
                + floor.getJsonObject("work").getJsonNumber("p99")
                + " ms")
        .noTokenLost(before, after, progress.last())
        .publish();
  }

  private static String emulatorSettings(int latency) {
    return "{\"refreshLimitPerMinute\":1000000000,\"apiLimitPerMinute\":1000000000,"
        + "\"apiLimitPerHour\":1000000000,\"globalRefreshLimit\":false,"
        + "\"rotationMode\":\"STRICT\",\"accessTokenLifetimeSeconds\":3600,\"faults\":["
        + "{\"kind\":\"LATENCY\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":1.0,\"minMillis\":"
        + latency
        + ",\"maxMillis\":"
        + latency
        + "}]}";
  }
}
