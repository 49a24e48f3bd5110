package io.tokenwarden.interfaces.api;

import java.util.Locale;

/**
 * The API's problem types: one stable URI per reason, so a client branches on {@code type} and
 * never parses a title or detail (RFC 9457 §3.1.1). The URIs are identifiers under {@link #BASE};
 * they need not resolve, and once published they never change meaning (README "Problem types" lists
 * them with what a client should do).
 */
public enum ProblemType {
  /** 400: a body member or query parameter is invalid; {@code field} names it. */
  VALIDATION(400, "Invalid request"),
  /** 401: no key, an unknown key, or a revoked or expired one. */
  UNAUTHORIZED(401, "API key required"),
  /** 403: the key is of the other kind (TOKEN on an admin endpoint or the reverse). */
  WRONG_KEY_KIND(403, "Wrong kind of API key"),
  /** 403: a TOKEN key limited to another tenant. */
  OUT_OF_SCOPE(403, "Outside this key's scope"),
  /** 403: an ADMIN key may not revoke itself (it would lock the caller out mid-script). */
  SELF_REVOCATION(403, "A key cannot revoke itself"),
  /** 404: no tenant has this slug. */
  TENANT_NOT_FOUND(404, "Unknown tenant"),
  /** 404: no API key has this id. */
  API_KEY_NOT_FOUND(404, "Unknown API key"),
  /** 404: no webhook endpoint has this id. */
  WEBHOOK_ENDPOINT_NOT_FOUND(404, "Unknown webhook endpoint"),
  /** 404: no webhook delivery has this id. */
  WEBHOOK_DELIVERY_NOT_FOUND(404, "Unknown webhook delivery"),
  /** 404: no such endpoint. */
  NOT_FOUND(404, "Not found"),
  /** 409: another tenant has the slug. */
  SLUG_TAKEN(409, "Slug taken"),
  /** 409: the tenant has not connected yet or was disconnected; {@code connectionStatus} says. */
  NOT_CONNECTED(409, "Connection not usable"),
  /** 409: the grant is gone; send a reconnect link. {@code connectionStatus} is NEEDS_RECONNECT. */
  NEEDS_RECONNECT(409, "Connection needs a reconnect"),
  /** 503: FreeAgent throttles; no valid token is left. Retry-After says when to come back. */
  PROVIDER_THROTTLED(503, "FreeAgent is throttling"),
  /** 503: no valid token is left and none can be had now (refresh failing). Retry-After. */
  TOKEN_UNAVAILABLE(503, "No valid access token right now"),
  /** 503: the database cannot answer and nothing fresh is in memory. Retry-After. */
  STORE_UNAVAILABLE(503, "Database unavailable"),
  /** Any other HTTP-level refusal of the request (405, 406, 415, …); the status says which. */
  REQUEST_NOT_SERVED(400, "Request not served"),
  /** 500: a bug; quote the incident id from the detail. */
  INTERNAL(500, "Internal error");

  /** Where every type lives; part of the API contract. */
  public static final String BASE = "https://tokenwarden.io/problems/";

  private final int status;
  private final String title;

  ProblemType(int status, String title) {
    this.status = status;
    this.title = title;
  }

  /** The type's URI, e.g. {@code https://tokenwarden.io/problems/needs-reconnect}. */
  public String uri() {
    return BASE + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The status this type usually comes with ({@link #REQUEST_NOT_SERVED} takes the actual one). */
  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
