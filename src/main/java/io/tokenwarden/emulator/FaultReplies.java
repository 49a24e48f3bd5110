package io.tokenwarden.emulator;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The bodies a misbehaving provider sends. Tokens in a faulty 200 are random values the emulator
 * never registered: a client that stores them despite the fault finds out at its next refresh.
 */
final class FaultReplies {

  private final OpaqueTokens tokens = new OpaqueTokens();

  /** The reply for a fault at the token endpoint. */
  HttpReply forTokenEndpoint(FaultKind kind, EmulatorSettings settings) {
    return switch (kind) {
      case MISSING_FIELD ->
          HttpReply.json(200, tokenBody(settings).remove("access_token").build().toString());
      case MISTYPED_FIELD ->
          HttpReply.json(
              200,
              tokenBody(settings)
                  .add("expires_in", String.valueOf(settings.accessTokenLifetimeSeconds()))
                  .build()
                  .toString());
      case NEGATIVE_LIFETIME ->
          HttpReply.json(
              200,
              tokenBody(settings)
                  .add("expires_in", -settings.accessTokenLifetimeSeconds())
                  .build()
                  .toString());
      case MALFORMED_JSON -> HttpReply.json(200, truncated(tokenBody(settings).build()));
      default -> common(kind);
    };
  }

  /** The reply for a fault on an API call; {@code wellFormed} is the body it would have sent. */
  HttpReply forApi(FaultKind kind, JsonObject wellFormed, String rootKey) {
    JsonObject inner = wellFormed.getJsonObject(rootKey);
    return switch (kind) {
      case MISSING_FIELD ->
          HttpReply.json(
              200, wrap(rootKey, Json.createObjectBuilder(inner).remove(missing(rootKey))));
      case MISTYPED_FIELD ->
          HttpReply.json(
              200,
              wrap(
                  rootKey,
                  Json.createObjectBuilder(inner)
                      .add(mistyped(rootKey), inner.get(mistyped(rootKey)).toString())));
      case NEGATIVE_LIFETIME ->
          HttpReply.json(
              200, wrap(rootKey, Json.createObjectBuilder(inner).add(mistyped(rootKey), -1)));
      case MALFORMED_JSON -> HttpReply.json(200, truncated(wellFormed));
      default -> common(kind);
    };
  }

  private HttpReply common(FaultKind kind) {
    return switch (kind) {
      case HTTP_500 ->
          HttpReply.html(
              500,
              Html.errorPage(
                  500,
                  "We're sorry, but something went wrong.",
                  "If you are the application owner check the logs for more information."));
      case HTTP_502, LOST_AFTER_ROTATION ->
          HttpReply.html(
              502,
              Html.errorPage(
                  502,
                  "Bad Gateway",
                  "The proxy server received an invalid response from an upstream server."));
      case HTTP_503 ->
          HttpReply.html(
                  503,
                  Html.errorPage(
                      503,
                      "Service Unavailable",
                      "FreeAgent is down for maintenance. Please try again shortly."))
              .withHeader("Retry-After", "120");
      case HANG ->
          HttpReply.html(
              504,
              Html.errorPage(
                  504, "Gateway Timeout", "The upstream server did not answer in time."));
      case HTML_200 ->
          HttpReply.html(
              200, Html.errorPage(200, "FreeAgent", "Sign in to FreeAgent to continue."));
      default -> throw new IllegalArgumentException("not a reply fault: " + kind);
    };
  }

  private JsonObjectBuilder tokenBody(EmulatorSettings settings) {
    return Json.createObjectBuilder()
        .add("access_token", tokens.next())
        .add("token_type", "bearer")
        .add("expires_in", settings.accessTokenLifetimeSeconds())
        .add("refresh_token", tokens.next())
        .add("refresh_token_expires_in", settings.refreshTokenLifetimeSeconds());
  }

  private static String missing(String rootKey) {
    return "company".equals(rootKey) ? "id" : "email";
  }

  private static String mistyped(String rootKey) {
    return "company".equals(rootKey) ? "id" : "permission_level";
  }

  private static String wrap(String rootKey, JsonObjectBuilder inner) {
    return Json.createObjectBuilder().add(rootKey, inner).build().toString();
  }

  private static String truncated(JsonObject body) {
    String text = body.toString();
    return text.substring(0, text.length() / 2);
  }
}
