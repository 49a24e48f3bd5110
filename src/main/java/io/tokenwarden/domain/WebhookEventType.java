package io.tokenwarden.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The events Token Warden announces to webhook endpoints, by the name they carry on the wire (the
 * payload's {@code type}). Connection events belong to one tenant and are delivered in order per
 * tenant; provider events concern the whole fleet and are sent once, not once per tenant.
 */
public enum WebhookEventType {
  CONNECTION_CONNECTED("connection.connected"),
  CONNECTION_RECONNECTED("connection.reconnected"),
  CONNECTION_NEEDS_RECONNECT("connection.needs_reconnect"),
  CONNECTION_RECOVERED("connection.recovered"),
  CONNECTION_REFRESH_FAILING("connection.refresh_failing"),
  CONNECTION_REFRESH_TOKEN_EXPIRING("connection.refresh_token_expiring"),
  PROVIDER_THROTTLED("provider.throttled"),
  PROVIDER_RESUMED("provider.resumed"),
  PROVIDER_CREDENTIALS_REJECTED("provider.credentials_rejected");

  private final String wireName;

  WebhookEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in payloads, filters and the API ({@code connection.connected}). */
  public String wireName() {
    return wireName;
  }

  /** Whether the event concerns the provider (the whole fleet) rather than one tenant. */
  public boolean providerWide() {
    return wireName.startsWith("provider.");
  }

  /** The type with this wire name (case-insensitive), or empty. */
  public static Optional<WebhookEventType> ofWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst();
  }
}
