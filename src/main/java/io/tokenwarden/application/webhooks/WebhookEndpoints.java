package io.tokenwarden.application.webhooks;

import io.tokenwarden.application.refresh.SqlValues;
import io.tokenwarden.domain.EventTypeFilter;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.crypto.WebhookSigner;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Manages webhook endpoints for the console and the admin API: create (the secret is returned
 * once), list, read, change URL, description, filter or enabled flag, rotate the secret (the old
 * one keeps signing for {@code tokenwarden.webhooks.secret-overlap}), delete (with its deliveries).
 * Secrets are sealed like tokens ({@link TokenColumn#WEBHOOK_SECRET}, the endpoint's id as
 * associated data) and never leave this class except in an {@link IssuedEndpointSecret}.
 */
@ApplicationScoped
public class WebhookEndpoints {

  private static final Logger LOG = Logger.getLogger(WebhookEndpoints.class.getName());

  static final int MAX_URL = 2048;
  static final int MAX_DESCRIPTION = 200;

  private static final String COLUMNS =
      "SELECT id, url, description, enabled, event_types, previous_secret_expires_at,"
          + " created_at, updated_at FROM webhook_endpoint";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject TokenCipher cipher;

  @Inject @ConfigProperties WebhookSettings settings;

  @Inject Clock clock;

  /**
   * Adds an enabled endpoint with a fresh secret.
   *
   * @param eventTypes wire names; empty for every type
   * @throws WebhookEndpointException naming the field at fault
   */
  public IssuedEndpointSecret create(String url, String description, List<String> eventTypes) {
    String checkedUrl = checkedUrl(url);
    String checkedDescription = checkedDescription(description);
    EventTypeFilter filter = filter(eventTypes);
    UUID id = UUID.randomUUID();
    String secret = WebhookSigner.newSecret();
    Instant now = clock.instant();
    scope.asRoot(
        () ->
            em.createNativeQuery(
                    "INSERT INTO webhook_endpoint (id, url, description, enabled, event_types,"
                        + " secret_ciphertext, created_at, updated_at)"
                        + " VALUES (:id, :url, :description, TRUE, :types, :secret, :now, :now)")
                .setParameter("id", id)
                .setParameter("url", checkedUrl)
                .setParameter("description", checkedDescription == null ? "" : checkedDescription)
                .setParameter("types", filter.stored() == null ? "" : filter.stored())
                .setParameter("secret", cipher.encrypt(id, TokenColumn.WEBHOOK_SECRET, secret))
                .setParameter("now", WebhookDeliveries.at(now))
                .executeUpdate());
    LOG.info(() -> "Webhook endpoint " + id + " created");
    return new IssuedEndpointSecret(require(id), secret);
  }

  /** Every endpoint, oldest first. */
  public List<EndpointView> list() {
    return scope.asRoot(
        () -> {
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(COLUMNS + " ORDER BY created_at, id").getResultList();
          return rows.stream().map(WebhookEndpoints::view).toList();
        });
  }

  public Optional<EndpointView> find(UUID id) {
    return scope.asRoot(
        () -> {
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(COLUMNS + " WHERE id = :id")
                  .setParameter("id", id)
                  .getResultList();
          return rows.stream().map(WebhookEndpoints::view).findFirst();
        });
  }

  /**
   * Changes what is given (null: unchanged). Disabling holds the endpoint's open deliveries back
   * and records no new ones until it is enabled again.
   *
   * @throws WebhookEndpointException naming the field at fault, or (field null) when unknown
   */
  public EndpointView update(
      UUID id, String url, String description, List<String> eventTypes, Boolean enabled) {
    EndpointView current = require(id);
    String newUrl = url == null ? current.url() : checkedUrl(url);
    String newDescription =
        description == null ? current.description() : checkedDescription(description);
    String types =
        eventTypes == null
            ? EventTypeFilter.ofWireNames(current.eventTypes()).stored()
            : filter(eventTypes).stored();
    boolean newEnabled = enabled == null ? current.enabled() : enabled;
    scope.asRoot(
        () ->
            em.createNativeQuery(
                    "UPDATE webhook_endpoint SET url = :url, description = :description,"
                        + " event_types = :types, enabled = :enabled, updated_at = :now"
                        + " WHERE id = :id")
                .setParameter("url", newUrl)
                .setParameter("description", newDescription == null ? "" : newDescription)
                .setParameter("types", types == null ? "" : types)
                .setParameter("enabled", newEnabled)
                .setParameter("now", WebhookDeliveries.at(clock.instant()))
                .setParameter("id", id)
                .executeUpdate());
    return require(id);
  }

  /**
   * Makes a new secret the primary; the current one keeps signing (a second signature) until the
   * overlap has passed, so receivers can switch without dropping a webhook. A secret replaced
   * earlier and still in its overlap is dropped.
   */
  public IssuedEndpointSecret rotateSecret(UUID id) {
    require(id);
    String secret = WebhookSigner.newSecret();
    Instant now = clock.instant();
    scope.asRoot(
        () ->
            em.createNativeQuery(
                    "UPDATE webhook_endpoint SET previous_secret_ciphertext = secret_ciphertext,"
                        + " previous_secret_expires_at = :until, secret_ciphertext = :secret,"
                        + " updated_at = :now WHERE id = :id")
                .setParameter("until", WebhookDeliveries.at(now.plus(settings.secretOverlap())))
                .setParameter("secret", cipher.encrypt(id, TokenColumn.WEBHOOK_SECRET, secret))
                .setParameter("now", WebhookDeliveries.at(now))
                .setParameter("id", id)
                .executeUpdate());
    LOG.info(
        () ->
            "Webhook endpoint "
                + id
                + ": secret rotated; the previous one signs too until "
                + now.plus(settings.secretOverlap()));
    return new IssuedEndpointSecret(require(id), secret);
  }

  /** Deletes the endpoint and its deliveries. */
  public void delete(UUID id) {
    require(id);
    scope.asRoot(
        () -> {
          em.createNativeQuery("DELETE FROM webhook_delivery WHERE endpoint_id = :id")
              .setParameter("id", id)
              .executeUpdate();
          em.createNativeQuery("DELETE FROM webhook_endpoint WHERE id = :id")
              .setParameter("id", id)
              .executeUpdate();
        });
    LOG.info(() -> "Webhook endpoint " + id + " deleted");
  }

  /**
   * @throws WebhookEndpointException (field null) when there is no such endpoint
   */
  public EndpointView require(UUID id) {
    return find(id)
        .orElseThrow(
            () -> new WebhookEndpointException(null, "No webhook endpoint " + id + " exists."));
  }

  /** An absolute http(s) URL with a host, at most {@value #MAX_URL} characters. */
  static String checkedUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new WebhookEndpointException("url", "URL must not be empty.");
    }
    String stripped = url.strip();
    if (stripped.length() > MAX_URL) {
      throw new WebhookEndpointException("url", "URL must be at most " + MAX_URL + " characters.");
    }
    try {
      URI uri = new URI(stripped);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return stripped;
      }
    } catch (URISyntaxException e) {
      // falls through to the message below
    }
    throw new WebhookEndpointException(
        "url", "URL must be an absolute http:// or https:// URL with a host.");
  }

  private static String checkedDescription(String description) {
    if (description == null) {
      return null;
    }
    String stripped = description.strip();
    if (stripped.length() > MAX_DESCRIPTION) {
      throw new WebhookEndpointException(
          "description", "Description must be at most " + MAX_DESCRIPTION + " characters.");
    }
    return stripped;
  }

  private static EventTypeFilter filter(List<String> eventTypes) {
    try {
      return eventTypes == null ? EventTypeFilter.ALL : EventTypeFilter.ofWireNames(eventTypes);
    } catch (IllegalArgumentException e) {
      throw new WebhookEndpointException("eventTypes", e.getMessage());
    }
  }

  private static EndpointView view(Object[] row) {
    String description = row[2] == null ? "" : row[2].toString();
    return new EndpointView(
        SqlValues.uuid(row[0]),
        row[1].toString(),
        description,
        Boolean.TRUE.equals(row[3]) || "true".equalsIgnoreCase(String.valueOf(row[3])),
        EventTypeFilter.fromStored(row[4] == null ? null : row[4].toString()).wireNames(),
        SqlValues.instant(row[5]),
        SqlValues.instant(row[6]),
        SqlValues.instant(row[7]));
  }
}
