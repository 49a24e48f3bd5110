package io.tokenwarden.interfaces.scheduling;

import io.tokenwarden.application.webhooks.WebhookDispatcher;
import io.tokenwarden.application.webhooks.WebhookSettings;
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
 * Every node's webhook tick ({@code tokenwarden.webhooks.tick}, default 2 s): a non-persistent
 * interval timer like the refresh tick, since every node delivers and the leases on the delivery
 * rows keep two nodes off the same one. Runs without a transaction; claims and outcomes open their
 * own short ones, and no transaction is held while a receiver answers.
 */
@Singleton
@Startup
@DependsOn("SchemaStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookTicker {

  private static final Logger LOG = Logger.getLogger(WebhookTicker.class.getName());

  @Resource TimerService timers;

  @Inject WebhookDispatcher dispatcher;

  @Inject @ConfigProperties WebhookSettings settings;

  @PostConstruct
  void start() {
    if (!settings.enabled()) {
      LOG.warning("tokenwarden.webhooks.enabled=false: this node delivers no webhooks.");
      return;
    }
    // Fails the start on a malformed schedule rather than at the first failed delivery.
    settings.retrySchedule();
    long interval = Math.max(100, settings.tick().toMillis());
    timers.createIntervalTimer(interval, interval, new TimerConfig("webhook-tick", false));
    LOG.info(
        () ->
            "Webhook tick every "
                + interval
                + " ms on this node; "
                + settings.retrySchedule().maxAttempts()
                + " attempts per delivery");
  }

  @Timeout
  void tick() {
    dispatcher.tick();
  }
}
