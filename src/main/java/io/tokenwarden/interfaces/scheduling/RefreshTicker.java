package io.tokenwarden.interfaces.scheduling;

import io.tokenwarden.application.refresh.RefreshDispatcher;
import io.tokenwarden.application.refresh.RefreshSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Every node's refresh tick: a non-persistent interval timer ({@code tokenwarden.refresh.tick},
 * default 5 s). Non-persistent because each node ticks for itself; the lease in the database is
 * what keeps two nodes off the same connection. The timeout runs without a transaction; the claim
 * and each store open their own short ones.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RefreshTicker {

  private static final Logger LOG = Logger.getLogger(RefreshTicker.class.getName());

  @Resource TimerService timers;

  @Inject RefreshDispatcher dispatcher;

  @Inject @ConfigProperties RefreshSettings settings;

  @PostConstruct
  void start() {
    if (!settings.enabled()) {
      LOG.warning("tokenwarden.refresh.enabled=false: this node does not refresh on schedule.");
      return;
    }
    long interval = Math.max(100, settings.tick().toMillis());
    timers.createIntervalTimer(interval, interval, new TimerConfig("refresh-tick", false));
    LOG.info(() -> "Refresh tick every " + interval + " ms on this node");
  }

  @Timeout
  void tick() {
    dispatcher.tick();
  }
}
