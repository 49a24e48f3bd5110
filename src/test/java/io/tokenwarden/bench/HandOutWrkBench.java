package io.tokenwarden.bench;

import static org.awaitility.Awaitility.await;

import io.tokenwarden.it.Deployments;
import io.tokenwarden.it.ItSettings;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, P3: the hand-out of fresh tokens under {@code wrk}, side by side with a trivial
 * endpoint of the same server measured in the same run (the ceiling of this server on this
 * machine), and the database work per hand-out (PostgreSQL's transaction count over the run, less
 * an idle window of the same length). Skipped, with the reason in the report, where {@code wrk} is
 * not installed.
 */
@ExtendWith(ArquillianExtension.class)
class HandOutWrkBench {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application()
        .addClasses(
            BenchProbe.class,
            RefreshYardsticks.class,
            BenchBaseline.class,
            BenchApiBaseline.class,
            BenchApiBaseline.Constant.class,
            BenchApiBaseline.ConstantBehindKey.class);
  }

  private static final BenchClient client = new BenchClient();
  private static final String PREFIX = "bench-w-" + UUID.randomUUID().toString().substring(0, 6);
  private static JsonObject savedEmulatorSettings;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void saveEmulator() {
    savedEmulatorSettings = client.control("GET", "/settings", null);
  }

  @AfterAll
  static void restoreEmulator() {
    if (savedEmulatorSettings != null) {
      client.control("PUT", "/settings", savedEmulatorSettings.toString());
    }
  }

  @Test
  void handOutAgainstTheServersOwnCeiling() throws Exception {
    int seconds = BenchKnobs.wrkSeconds();
    int tenants = BenchKnobs.wrkTenants();
    Wrk wrk = BenchKnobs.wrk().orElse(null);
    if (wrk == null) {
      new BenchReport("Token hand-out under wrk (P3)")
          .info("skipped", "wrk is not installed (Debian: apt-get install wrk)")
          .publish();
      Assumptions.abort("wrk is not installed");
    }
    client.control(
        "PUT",
        "/settings",
        "{\"refreshLimitPerMinute\":1000000000,\"apiLimitPerMinute\":1000000000,"
            + "\"apiLimitPerHour\":1000000000,\"globalRefreshLimit\":false,"
            + "\"accessTokenLifetimeSeconds\":3600,\"faults\":[]}");
    client.seedConnectedTenants(PREFIX, tenants);
    String key = client.probe("token-key").getString("key");
    Path script =
        script(
            "handout",
            key,
            "local tenants = " + tenants,
            "  local slug = \"" + PREFIX + "-\" .. math.random(0, tenants - 1)",
            "\"/api/v1/tenants/\" .. slug .. \"/access-token\"");
    Path keyed = script("keyed", key, "", "", "\"/bench-api/constant-behind-key\"");
    Path keyedSuspended =
        script("keyed-suspended", key, "", "", "\"/bench-api/constant-behind-key/suspended\"");
    String ping = ItSettings.baseUrl() + "/bench-baseline/ping";
    String constant = ItSettings.baseUrl() + "/bench-api/constant";
    String suspended = constant + "/suspended";
    try {
      wrk.run(ping, null, BenchKnobs.wrkWarmupSeconds());
      wrk.run(constant, null, BenchKnobs.wrkWarmupSeconds());
      wrk.run(suspended, null, BenchKnobs.wrkWarmupSeconds());
      wrk.run(ItSettings.baseUrl(), keyed, BenchKnobs.wrkWarmupSeconds());
      wrk.run(ItSettings.baseUrl(), keyedSuspended, BenchKnobs.wrkWarmupSeconds());
      wrk.run(ItSettings.baseUrl(), script, BenchKnobs.wrkWarmupSeconds());
      // The random warm-up leaves some tenants unread; their first read is not a fresh hand-out.
      handOutEveryTenantOnce(tenants, key);
      long idle = transactionsDuring(seconds);
      Wrk.Result ceilingBefore = wrk.run(ping, null, seconds);
      List<Step> steps =
          List.of(
              new Step("JAX-RS resource answering a constant", wrk.run(constant, null, seconds)),
              new Step("the same, suspended (AsyncResponse)", wrk.run(suspended, null, seconds)),
              new Step(
                  "the constant behind the API-key check (TOKEN key)",
                  wrk.run(ItSettings.baseUrl(), keyed, seconds)),
              new Step(
                  "the constant behind the key check, suspended: the hand-out's stack",
                  wrk.run(ItSettings.baseUrl(), keyedSuspended, seconds)));
      long before = transactions();
      Wrk.Result handOut = wrk.run(ItSettings.baseUrl(), script, seconds);
      long during = transactions() - before;
      Wrk.Result ceilingAfter = wrk.run(ping, null, seconds);
      report(wrk, tenants, seconds, handOut, ceilingBefore, ceilingAfter, idle, during);
      stackReport(ceilingBefore, ceilingAfter, steps, handOut);
    } finally {
      Files.deleteIfExists(script);
      Files.deleteIfExists(keyed);
      Files.deleteIfExists(keyedSuspended);
    }
  }

  private static void report(
      Wrk wrk,
      int tenants,
      int seconds,
      Wrk.Result handOut,
      Wrk.Result ceilingBefore,
      Wrk.Result ceilingAfter,
      long idleTransactions,
      long runTransactions) {
    double ceiling = (ceilingBefore.requestsPerSecond() + ceilingAfter.requestsPerSecond()) / 2;
    double share = handOut.requestsPerSecond() / ceiling;
    BenchReport report =
        new BenchReport(
                "Token hand-out under wrk (P3): "
                    + wrk
                    + ", "
                    + seconds
                    + " s each, random tenant of "
                    + tenants
                    + ", fresh tokens")
            .row(
                "hand-out requests/s",
                "≥ 5,000",
                fmt(handOut.requestsPerSecond())
                    + " ("
                    + handOut.requests()
                    + " requests, "
                    + handOut.failures()
                    + " not 200)",
                handOut.requestsPerSecond() >= 5000 && handOut.failures() == 0)
            .row("hand-out p50 latency (wrk)", "–", fmt(handOut.p50Millis()) + " ms", true)
            .row(
                "hand-out p99 latency (wrk)",
                "≤ 5 ms",
                fmt(handOut.p99Millis()) + " ms",
                handOut.p99Millis() <= 5)
            .row(
                "trivial endpoint of the same server, requests/s (before / after)",
                "–",
                fmt(ceilingBefore.requestsPerSecond())
                    + " / "
                    + fmt(ceilingAfter.requestsPerSecond())
                    + " (p99 "
                    + fmt(ceilingBefore.p99Millis())
                    + " / "
                    + fmt(ceilingAfter.p99Millis())
                    + " ms)",
                true)
            .row("hand-out / trivial endpoint", "≥ 70 %", fmt(100 * share) + " %", share >= 0.7);
    if (idleTransactions < 0 || runTransactions < 0) {
      report.info("database transactions per hand-out", "not counted on H2");
    } else {
      double perThousand =
          1000.0
              * Math.max(0, runTransactions - idleTransactions)
              / Math.max(1, handOut.requests());
      report.row(
          "database transactions per 1,000 hand-outs (run − idle window of the same length)",
          "0 (< 1)",
          fmt(perThousand) + " (run " + runTransactions + ", idle " + idleTransactions + ")",
          perThousand < 1);
    }
    report
        .info(
            "load average of the machine after the run (1 min, " + cores() + " cores)",
            fmt(
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()))
        .note(
            "wrk and the server share the machine's cores; the trivial endpoint is a servlet that"
                + " answers a constant, measured before and after the hand-out in the same run.")
        .publish();
  }

  /** One measured layer of the hand-out's stack. */
  private record Step(String what, Wrk.Result run) {}

  /**
   * Where the gap between the constant servlet and the hand-out goes: each layer's rate under the
   * same {@code wrk}, as a share of the servlet's (the mean of its runs before and after).
   */
  private static void stackReport(
      Wrk.Result ceilingBefore, Wrk.Result ceilingAfter, List<Step> steps, Wrk.Result handOut) {
    double servlet = (ceilingBefore.requestsPerSecond() + ceilingAfter.requestsPerSecond()) / 2;
    BenchReport report =
        new BenchReport("Hand-out (P3): the stack, layer by layer, against the constant servlet")
            .info("constant servlet (mean of before / after)", step(servlet, servlet, null));
    for (Step step : steps) {
      report.info(step.what(), step(step.run().requestsPerSecond(), servlet, step.run()));
    }
    Wrk.Result stack = steps.get(steps.size() - 1).run();
    report
        .info("hand-out", step(handOut.requestsPerSecond(), servlet, handOut))
        .info(
            "hand-out / its stack answering a constant",
            fmt(100 * handOut.requestsPerSecond() / stack.requestsPerSecond()) + " %")
        .note(
            "Each constant answers a body of the hand-out's size; the key check is the API's own"
                + " filter on a resource marked like the hand-out.")
        .publish();
  }

  private static String step(double rate, double servlet, Wrk.Result run) {
    return fmt(rate)
        + " req/s = "
        + fmt(100 * rate / servlet)
        + " %"
        + (run == null
            ? ""
            : " (p50 "
                + fmt(run.p50Millis())
                + " ms, p99 "
                + fmt(run.p99Millis())
                + " ms, "
                + run.failures()
                + " not 200)");
  }

  /**
   * A Lua script for wrk sending the bench key: {@code setup} declares what {@code pick} (a line of
   * the request function) uses, and {@code path} is the Lua expression of the path asked for.
   */
  private static Path script(String name, String key, String setup, String pick, String path)
      throws IOException {
    Path script = BenchReport.resultsFile().resolveSibling(name + "-" + PREFIX + ".lua");
    Files.createDirectories(script.getParent());
    Files.deleteIfExists(script);
    Files.createFile(
        script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        script,
        String.join(
            "\n",
            "-- written by HandOutWrkBench; deleted after the run (it holds a bench API key)",
            setup,
            "local headers = { [\"Authorization\"] = \"Bearer " + key + "\" }",
            "init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1000000)) end",
            "request = function()",
            pick,
            "  return wrk.format(\"GET\", " + path + ", headers)",
            "end",
            ""));
    return script;
  }

  private void handOutEveryTenantOnce(int tenants, String key)
      throws IOException, InterruptedException {
    for (int i = 0; i < tenants; i++) {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          ItSettings.baseUrl()
                              + "/api/v1/tenants/"
                              + PREFIX
                              + "-"
                              + i
                              + "/access-token"))
                  .header("Authorization", "Bearer " + key)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("Hand-out " + i + " answered " + answer.statusCode());
      }
    }
  }

  /** Finished transactions during an idle window of {@code seconds} (the ticks' own work). */
  private long transactionsDuring(int seconds) throws IOException, InterruptedException {
    long start = transactions();
    await("an idle window of " + seconds + " s")
        .pollDelay(Duration.ofSeconds(seconds))
        .atMost(Duration.ofSeconds(seconds + 5L))
        .until(() -> true);
    long end = transactions();
    return start < 0 ? -1 : end - start;
  }

  private long transactions() throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(ItSettings.baseUrl() + "/bench-baseline/transactions"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Long.parseLong(answer.body().trim());
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String fmt(double value) {
    return BenchReport.fmt(value);
  }
}
