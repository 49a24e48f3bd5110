package io.tokenwarden.interfaces.scheduling;

import io.tokenwarden.application.keys.TokenReEncryption;
import io.tokenwarden.application.refresh.RefreshMaintenance;
import io.tokenwarden.application.webhooks.WebhookDispatcher;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster-once jobs (refresh-token expiry warnings, audit retention, re-encryption under a new
 * primary key, webhook event retention). On PostgreSQL they run on a persistent EJB timer stored in
 * the shared database, so exactly one node runs each expiry and Liberty fails it over when that
 * node goes ({@code missedTaskThreshold} in liberty/db/postgresql.xml); the timer is created once,
 * under a stable name, and found again at every start instead of being duplicated. Nodes starting
 * together take a PostgreSQL advisory lock around that find-or-create, and any duplicate an older
 * version left behind is cancelled. On H2, whose tables Liberty's timer store cannot create (and
 * which serves one node only), the same jobs run on a non-persistent timer. The database is
 * recognised from the data source's metadata.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceTimer {

  private static final Logger LOG = Logger.getLogger(MaintenanceTimer.class.getName());
  static final String NAME = "tokenwarden-maintenance";

  /** The advisory-lock key of the timer's find-or-create ("TWMAINT" in ASCII). */
  static final long CREATION_LOCK = 0x54574d41494e54L;

  @Resource TimerService timers;

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  @Inject RefreshMaintenance maintenance;

  @Inject TokenReEncryption reEncryption;

  @Inject WebhookDispatcher webhooks;

  @Inject
  @ConfigProperty(name = "tokenwarden.maintenance.interval", defaultValue = "PT15M")
  Duration interval;

  @PostConstruct
  void start() {
    boolean persistent = sharedDatabase();
    long millis = Math.max(1000, interval.toMillis());
    String info = NAME + " every " + millis + " ms";
    if (!persistent) {
      findOrCreate(info, millis, false);
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      // A session-level advisory lock: two nodes starting together must not both find no timer and
      // both create one. It is released below, or by PostgreSQL if this node dies holding it.
      advisoryLock(connection, "SELECT pg_advisory_lock(?)");
      try {
        findOrCreate(info, millis, true);
      } finally {
        advisoryLock(connection, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot take the maintenance timer's creation lock: " + e.getClass().getName(), e);
    }
  }

  /**
   * Keeps exactly one maintenance timer with {@code info}: the first one found stays, timers of an
   * earlier interval and duplicates are cancelled, and one is created when none is left.
   */
  void findOrCreate(String info, long millis, boolean persistent) {
    boolean found = false;
    for (Timer existing : timers.getTimers()) {
      if (!(existing.getInfo() instanceof String s) || !s.startsWith(NAME)) {
        continue;
      }
      if (info.equals(s) && !found) {
        found = true;
        LOG.info(() -> "Maintenance timer found (" + info + ")");
      } else {
        existing.cancel(); // an earlier interval, or a duplicate; replaced or kept once
        LOG.info(() -> "Maintenance timer cancelled (" + s + ")");
      }
    }
    if (!found) {
      timers.createIntervalTimer(millis, millis, new TimerConfig(info, persistent));
      LOG.info(
          () -> "Maintenance timer created (" + info + (persistent ? ", persistent)" : ", local)"));
    }
  }

  private static void advisoryLock(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, CREATION_LOCK);
      statement.execute();
    }
  }

  @Timeout
  void run() {
    try {
      String summary = maintenance.runAll();
      LOG.info(() -> "Maintenance: " + summary);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Maintenance run failed: " + e.getClass().getName(), e);
    }
    // Its own step: a failed refresh job must not hold a key rotation back, nor the reverse.
    try {
      reEncryption.run();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Re-encryption under the primary key failed: " + e.getClass().getName(),
          e);
    }
    try {
      int pruned = webhooks.pruneClosed();
      LOG.fine(() -> "Webhook events pruned: " + pruned);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Pruning webhook events failed: " + e.getClass().getName(), e);
    }
  }

  /** PostgreSQL: shared by the nodes and home of Liberty's persistent timer store. */
  private boolean sharedDatabase() {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      LOG.warning(() -> "Cannot read the database product; maintenance runs on a local timer");
      return false;
    }
  }
}
