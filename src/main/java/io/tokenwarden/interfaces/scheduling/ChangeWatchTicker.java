package io.tokenwarden.interfaces.scheduling;

import io.tokenwarden.application.handout.ConnectionChangeWatch;
import io.tokenwarden.application.handout.HandOutSettings;
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
 * Every node's hand-out change watch: a non-persistent interval timer ({@code
 * tokenwarden.handout.change-watch}, default 1 s; zero turns it off). Each node watches for its own
 * caches, so nothing is shared; the timeout runs without a transaction, the poll opens its own.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChangeWatchTicker {

  private static final Logger LOG = Logger.getLogger(ChangeWatchTicker.class.getName());

  @Resource TimerService timers;

  @Inject ConnectionChangeWatch watch;

  @Inject @ConfigProperties HandOutSettings settings;

  @PostConstruct
  void start() {
    if (settings.changeWatch().isZero()) {
      LOG.info("tokenwarden.handout.change-watch=PT0S: cached tokens live by their TTL alone.");
      return;
    }
    long interval = Math.max(100, settings.changeWatch().toMillis());
    timers.createIntervalTimer(interval, interval, new TimerConfig("change-watch", false));
    LOG.info(() -> "Hand-out change watch every " + interval + " ms on this node");
  }

  @Timeout
  void poll() {
    watch.poll();
  }
}
