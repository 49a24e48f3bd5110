package io.tokenwarden.fleet;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * What every reliability scenario does around its fault: a clean start (no tenants, emulator reset
 * to the given settings), a storm of tenants, waiting for the storm to be under way, and the final
 * reading of the emulator's counters and the database. Each scenario appends one row to {@code
 * target/fleet/results.md}, the table docs/RELIABILITY.md quotes.
 */
final class Scenario {

  private static final Logger LOG = Logger.getLogger(Scenario.class.getName());

  /**
   * Token-endpoint calls that take 0.5–1.5 s, so that at any moment some refreshes are in flight
   * for a kill, a restart or a database cut to land on. Well below the nodes' 4 s read timeout: a
   * node just started answers slowly on a loaded machine, and a call that times out after FreeAgent
   * rotated is a tenant lost under STRICT (answer_lost), which is R3's subject, not a failover's.
   */
  static final String SLOW_TOKEN_ENDPOINT =
      "{\"kind\":\"LATENCY\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":1.0,"
          + "\"minMillis\":500,\"maxMillis\":1500}";

  /** Longer than the slowest token-endpoint latency any scenario injects. */
  private static final Duration QUIET = Duration.ofSeconds(5);

  final FleetRun run;
  final String name;
  Storm storm;

  Scenario(FleetRun run, String name) {
    this.run = run;
    this.name = name;
  }

  /** No tenants left from earlier scenarios; the emulator fresh, then set to {@code settings}. */
  Scenario begin(String emulatorSettings) {
    // The nodes are still refreshing the last scenario's tenants: deleting them under their feet
    // can deadlock with a node's transaction, which PostgreSQL resolves by aborting one side.
    await("tenants of the last scenario deleted")
        .atMost(Duration.ofMinutes(1))
        .ignoreExceptions()
        .until(
            () -> {
              run.database.empty();
              return true;
            });
    awaitProviderQuiet();
    run.emulator.reset();
    run.emulator.configure(emulatorSettings);
    return this;
  }

  /**
   * Waits until no token call of the last scenario is still in flight: every emulator counter
   * unchanged for {@link #QUIET}, longer than the slowest injected latency. A refresh a node sent
   * just before the tenants were deleted and the emulator answers after its reset would present a
   * token the fresh emulator never issued, and count as an invalid grant of the next scenario (seen
   * once in CI: R2 with 1 invalid grant, 0 spent-token reuses, every tenant connected).
   */
  private void awaitProviderQuiet() {
    AtomicReference<JsonObject> last = new AtomicReference<>(run.emulator.counters());
    AtomicReference<Instant> changed = new AtomicReference<>(Instant.now());
    await("no token call of the last scenario in flight")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonObject now = run.emulator.counters();
              if (!now.getJsonObject("total").equals(last.get().getJsonObject("total"))) {
                last.set(now);
                changed.set(Instant.now());
              }
              return Duration.between(changed.get(), Instant.now()).compareTo(QUIET) >= 0;
            });
  }

  Scenario seed(int tenants) {
    return seed(tenants, Storm.SPREAD);
  }

  /** Seeds {@code tenants} whose stored expiries and first due times {@code timing} sets. */
  Scenario seed(int tenants, Storm.Timing timing) {
    storm = Storm.seed(run.emulator, run.database, run.cipher, name, tenants, timing);
    LOG.info(name + ": seeded " + tenants + " tenants");
    return this;
  }

  /**
   * Waits until the nodes are refreshing: some refreshes stored and {@code node} holding leases.
   */
  void awaitStormOnNode(String node) {
    int tenants = storm.slugs.size();
    await("storm under way on " + node)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                run.database.count(
                            "SELECT COUNT(*) FROM freeagent_connection WHERE last_success_at IS NOT NULL")
                        >= tenants / 5
                    && run.database.leasesHeldBy(node) > 0);
  }

  /** Waits until every tenant stored a pair after {@code since} or was flagged for a person. */
  void awaitEveryTenantRefreshedSince(Instant since, Duration atMost) {
    await("every tenant refreshed after " + since)
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> run.database.notRefreshedSince(since) == 0);
  }

  long total(String counter) {
    return run.emulator.total(counter);
  }

  /** Tenants flagged NEEDS_RECONNECT. */
  long lost() {
    return run.database.statuses().getOrDefault("NEEDS_RECONNECT", 0L);
  }

  /**
   * Connected tenants whose emulator user has no live grant left: broken without anyone being told.
   */
  long silentlyBroken() {
    JsonObject users = run.emulator.counters().getJsonObject("users");
    List<String> connected = run.database.slugsIn("CONNECTED");
    return connected.stream()
        .map(slug -> users.getJsonObject(slug.substring(slug.lastIndexOf('-') + 1)))
        .filter(user -> user == null || user.getJsonNumber("liveGrants").longValue() == 0)
        .count();
  }

  /** The emulator's per-user counter for each tenant in NEEDS_RECONNECT. */
  List<Long> perLostTenant(String counter) {
    JsonObject users = run.emulator.counters().getJsonObject("users");
    return run.database.slugsIn("NEEDS_RECONNECT").stream()
        .map(slug -> users.getJsonObject(slug.substring(slug.lastIndexOf('-') + 1)))
        .map(user -> user == null ? 0L : user.getJsonNumber(counter).longValue())
        .toList();
  }

  /** The counters a row reports: emulator totals, statuses and reconnect reasons. */
  String figures() {
    JsonObject total = run.emulator.counters().getJsonObject("total");
    Map<String, Long> statuses = run.database.statuses();
    return "refreshes "
        + total.getJsonNumber("refreshSuccesses")
        + "/"
        + total.getJsonNumber("refreshCalls")
        + ", spent-token reuses "
        + total.getJsonNumber("spentTokenReuses")
        + ", invalid grants "
        + total.getJsonNumber("invalidGrants")
        + ", reuse revocations "
        + total.getJsonNumber("reuseRevocations")
        + ", faults "
        + total.getJsonNumber("faultsInjected")
        + ", statuses "
        + statuses
        + (statuses.containsKey("NEEDS_RECONNECT")
            ? ", reasons " + run.database.reconnectReasons()
            : "");
  }

  /** Appends the scenario's row to target/fleet/results.md and logs it. */
  void report(String sizes, String extra) {
    String row =
        "| "
            + name
            + " | "
            + FleetSize.name()
            + ": "
            + sizes
            + " | "
            + figures()
            + (extra.isEmpty() ? "" : "; " + extra)
            + " | "
            + Instant.now()
            + " |\n";
    LOG.info(row);
    try {
      Path results = Path.of(System.getProperty("basedir", "."), "target/fleet/results.md");
      Files.createDirectories(results.getParent());
      Files.writeString(results, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warning("Could not append to results.md: " + e.getMessage());
    }
  }
}
