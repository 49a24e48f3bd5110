package io.tokenwarden.application.webhooks;

import io.tokenwarden.domain.RetrySchedule;
import io.tokenwarden.domain.WebhookDeliveryStatus;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.crypto.WebhookSigner;
import io.tokenwarden.infrastructure.webhooks.WebhookTransport;
import io.tokenwarden.infrastructure.webhooks.WebhookTransport.Attempt;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Delivers the due webhooks, on every node at each tick: claims a batch under leases, signs each
 * (Standard Webhooks, both secrets during a rotation), posts it with a timeout, and records the
 * outcome: delivered, failed with the next attempt after the retry schedule's wait, or dead when
 * the schedule is spent. At least once: a node that dies mid-delivery loses its lease and another
 * node sends the event again, with the same {@code webhook-id}. A claim holds at most one delivery
 * per tenant and endpoint ({@link WebhookDeliveries#NOTHING_EARLIER_OPEN}), so sending a batch in
 * parallel keeps each tenant's order.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

  @Inject WebhookDeliveries deliveries;

  @Inject WebhookTransport transport;

  @Inject TokenCipher cipher;

  @Inject WebhookMetrics metrics;

  @Inject @ConfigProperties WebhookSettings settings;

  @Inject Clock clock;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ExecutorService executor;

  private final AtomicBoolean ticking = new AtomicBoolean();

  /** One tick: claims and sends until nothing is due or a batch came back short. */
  public void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return; // the previous tick is still sending
    }
    try {
      RetrySchedule schedule = settings.retrySchedule();
      List<ClaimedDelivery> batch;
      do {
        batch = deliveries.claimDue(settings.batch(), clock.instant(), settings.lease());
        sendAll(batch, schedule);
      } while (batch.size() == settings.batch());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Webhook tick failed: " + e.getClass().getName(), e);
    } finally {
      ticking.set(false);
    }
  }

  private void sendAll(List<ClaimedDelivery> batch, RetrySchedule schedule) {
    for (int from = 0; from < batch.size(); from += settings.concurrency()) {
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (ClaimedDelivery claim :
          batch.subList(from, Math.min(batch.size(), from + settings.concurrency()))) {
        running.add(CompletableFuture.runAsync(() -> deliver(claim, schedule), executor));
      }
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    }
  }

  /**
   * Deletes events older than the retention whose deliveries are all closed (maintenance); returns
   * how many.
   */
  public int pruneClosed() {
    return deliveries.pruneClosed(clock.instant().minus(settings.retention()), 500);
  }

  /** Sends one claimed delivery and records what came of it. */
  void deliver(ClaimedDelivery claim, RetrySchedule schedule) {
    Instant attemptedAt = clock.instant();
    Attempt attempt;
    try {
      String signature =
          WebhookSigner.signatureHeader(
              secrets(claim),
              claim.eventId().toString(),
              attemptedAt.getEpochSecond(),
              claim.payload());
      attempt =
          transport.send(
              URI.create(claim.url()),
              claim.eventId().toString(),
              attemptedAt.getEpochSecond(),
              signature,
              claim.payload(),
              settings.timeout());
    } catch (TokenDecryptionException e) {
      attempt = new Attempt(null, Duration.ZERO, "Signing secret cannot be decrypted");
      LOG.severe(() -> "Webhook endpoint " + claim.endpointId() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      attempt = new Attempt(null, Duration.ZERO, "Endpoint URL is not usable");
    }
    WebhookDeliveryStatus outcome;
    Instant next = null;
    if (attempt.delivered()) {
      outcome = WebhookDeliveryStatus.DELIVERED;
    } else {
      Optional<Duration> wait = schedule.waitAfter(claim.attemptsBefore() + 1);
      outcome = wait.isPresent() ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.DEAD;
      next = wait.map(clock.instant()::plus).orElse(null);
    }
    boolean recorded =
        deliveries.finish(
            claim,
            outcome,
            attemptedAt,
            next,
            attempt.httpStatus(),
            attempt.took(),
            attempt.error());
    if (!recorded) {
      LOG.info(
          () ->
              "Webhook delivery "
                  + claim.deliveryId()
                  + ": its lease ran out during the attempt; the newer claim records it.");
      return;
    }
    metrics.attempted(outcome);
    if (outcome == WebhookDeliveryStatus.DEAD) {
      String why = attempt.error();
      LOG.warning(
          () ->
              "Webhook delivery "
                  + claim.deliveryId()
                  + " (event "
                  + claim.eventId()
                  + ", endpoint "
                  + claim.endpointId()
                  + ") is dead after "
                  + schedule.maxAttempts()
                  + " attempts ("
                  + why
                  + "); redeliver it from the console or the API.");
    }
  }

  /** The endpoint's secrets, current first, opened only for signing. */
  private List<String> secrets(ClaimedDelivery claim) {
    List<String> secrets = new ArrayList<>();
    secrets.add(
        cipher.decrypt(claim.endpointId(), TokenColumn.WEBHOOK_SECRET, claim.secretCiphertext()));
    if (claim.previousSecretCiphertext() != null) {
      secrets.add(
          cipher.decrypt(
              claim.endpointId(), TokenColumn.WEBHOOK_SECRET, claim.previousSecretCiphertext()));
    }
    return secrets;
  }
}
