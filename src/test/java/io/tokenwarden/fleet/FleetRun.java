package io.tokenwarden.fleet;

import io.tokenwarden.infrastructure.crypto.TokenCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One fleet for the whole suite: a fresh PostgreSQL database, the servers started by {@code
 * bench/cluster.sh}, and the fleet's crypto key (generated per run) so the suite can seed tenants
 * as the nodes would store them. Starting three servers takes minutes on two cores, so every
 * scenario shares it; each scenario empties the tenants and resets the emulator first.
 *
 * <p>{@code -Dfleet.keep=true} leaves the fleet and its database behind; {@code -Dfleet.reuse=true}
 * then runs against it without starting anything (for working on a scenario).
 */
final class FleetRun implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(FleetRun.class.getName());
  private static final boolean REUSE = Boolean.getBoolean("fleet.reuse");
  private static final boolean KEEP = REUSE || Boolean.getBoolean("fleet.keep");

  final Fleet fleet;
  final FleetDatabase database;
  final Emulator emulator;
  final TokenCipher cipher;

  private FleetRun(Fleet fleet, FleetDatabase database, String keys) {
    this.fleet = fleet;
    this.database = database;
    this.emulator = new Emulator(fleet.emulatorUrl());
    this.cipher = Storm.cipher(keys);
  }

  static FleetRun start() {
    Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    FleetDatabase database =
        new FleetDatabase(
            System.getProperty("fleet.pg.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
            System.getProperty("fleet.pg.admin-user", "postgres"),
            System.getProperty("fleet.db.name", "tw_fleet_it"),
            System.getProperty("fleet.db.owner", "tokenwarden"));
    String keys = REUSE ? recordedKeys(project) : "fleetit:" + newKey();
    Map<String, String> environment = new HashMap<>(maintenanceSettings());
    environment.putAll(
        Map.of(
            "FLEET_DB_URL",
            database.url(),
            "FLEET_DB_USER",
            database.owner,
            "FLEET_DB_PASSWORD",
            System.getProperty("fleet.db.password", "tokenwarden"),
            "FLEET_PORT_BASE",
            System.getProperty("fleet.port.base", "9500"),
            "FLEET_CONTROL_SECRET",
            Fleet.CONTROL_SECRET,
            "FLEET_ADMIN_KEY",
            Fleet.ADMIN_KEY,
            "FLEET_ACCESS_LIFETIME",
            "60",
            // The base server this build's liberty:create made (-Dit.server.name): a second fleet
            // beside another one copies its own, rather than building a fleet-base of its own.
            "FLEET_BASE_SERVER",
            System.getProperty("fleet.base.server", "fleet-base"),
            "TOKENWARDEN_CRYPTO_KEYS",
            keys));
    environment.put("FLEET_DB_USER_1", database.nodeOneRole());
    environment.put("TOKENWARDEN_NODE_PEER_SECRET", Fleet.PEER_SECRET);
    Fleet fleet = new Fleet(project, Integer.getInteger("fleet.port.base", 9500), environment);
    if (!REUSE) {
      database.create();
      LOG.info("Starting the fleet (" + Fleet.NODES + " nodes + emulator) through cluster.sh");
      fleet.start();
    }
    return new FleetRun(fleet, database, keys);
  }

  @Override
  public void close() {
    if (KEEP) {
      return;
    }
    try {
      fleet.stop();
    } finally {
      database.drop();
    }
  }

  /**
   * R8 ({@link MaintenanceFailoverIT}) needs maintenance to run often and fail over soon: every 20
   * s, with Liberty's smallest missed-task threshold (100 s, a Liberty variable read from the
   * environment). Without its flag the fleet keeps the shipped defaults (15 min, 5 min).
   */
  private static Map<String, String> maintenanceSettings() {
    if (!Boolean.getBoolean("fleet.maintenance-failover")) {
      return Map.of();
    }
    return Map.of(
        "FLEET_NODE_OPTS",
        "-Dtokenwarden.maintenance.interval=PT" + MaintenanceFailoverIT.INTERVAL.toSeconds() + "S",
        "TOKENWARDEN_MAINTENANCE_MISSED_TASK_THRESHOLD",
        MaintenanceFailoverIT.THRESHOLD.toSeconds() + "s");
  }

  private static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static String recordedKeys(Path project) {
    try {
      return Files.readAllLines(project.resolve("target/fleet/fleet.env")).stream()
          .filter(line -> line.startsWith("TOKENWARDEN_CRYPTO_KEYS="))
          .map(line -> line.substring(line.indexOf('=') + 1).replace("'", ""))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No recorded fleet keys to reuse"));
    } catch (IOException e) {
      throw new IllegalStateException("No running fleet to reuse (target/fleet/fleet.env)", e);
    }
  }
}
