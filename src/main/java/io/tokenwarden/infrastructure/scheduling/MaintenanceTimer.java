package io.tokenwarden.infrastructure.scheduling;

import io.tokenwarden.application.refresh.RefreshMaintenance;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster-once jobs (refresh-token expiry warnings, audit retention). On PostgreSQL they run on
 * a persistent EJB timer stored in the shared database, so exactly one node runs each expiry and
 * Liberty fails it over when that node goes; the timer is created once, under a stable name, and
 * found again at every start instead of being duplicated. On H2, whose tables Liberty's timer store
 * cannot create (and which serves one node only), the same jobs run on a non-persistent timer. The
 * database is recognised from the data source's metadata.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceTimer {

  private static final Logger LOG = Logger.getLogger(MaintenanceTimer.class.getName());
  static final String NAME = "tokenwarden-maintenance";

  @Resource TimerService timers;

  @Resource(lookup = "jdbc/tokenwarden")
  DataSource dataSource;

  @Inject RefreshMaintenance maintenance;

  @Inject
  @ConfigProperty(name = "tokenwarden.maintenance.interval", defaultValue = "PT15M")
  Duration interval;

  @PostConstruct
  void start() {
    boolean persistent = sharedDatabase();
    long millis = Math.max(1000, interval.toMillis());
    String info = NAME + " every " + millis + " ms";
    for (Timer existing : timers.getTimers()) {
      if (info.equals(existing.getInfo())) {
        LOG.info(() -> "Maintenance timer found (" + info + ")");
        return;
      }
      if (existing.getInfo() instanceof String s && s.startsWith(NAME)) {
        existing.cancel(); // an earlier interval; replaced below
      }
    }
    timers.createIntervalTimer(millis, millis, new TimerConfig(info, persistent));
    LOG.info(
        () -> "Maintenance timer created (" + info + (persistent ? ", persistent)" : ", local)"));
  }

  @Timeout
  void run() {
    try {
      String summary = maintenance.runAll();
      LOG.info(() -> "Maintenance: " + summary);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Maintenance run failed: " + e.getClass().getName(), e);
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
