package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.function.Supplier;

/**
 * The bodies a misbehaving provider sends. A faulty 200 that carries a refresh token is a real
 * rotation, as at a real provider: the emulator answers the request as usual (the presented token
 * is spent, the new pair registered, counters and rotation rules apply) and only malforms another
 * field of that answer. A body that carries no usable token (cut-off JSON, an HTML page) is
 * answered before anything is touched, with random tokens the emulator never registered.
 */
final class FaultReplies {

  private final OpaqueTokens tokens = new OpaqueTokens();

  /**
   * The reply for a fault at the token endpoint; {@code real} answers the request for real, and is
   * called only by the faults that rotate first. A real answer that is not a 200 (an invalid grant,
   * a 429) is returned as it is: there was nothing to malform or lose.
   */
  HttpReply forTokenEndpoint(FaultKind kind, EmulatorSettings settings, Supplier<HttpReply> real) {
    if (!kind.rotatesFirst()) {
      return replyWithoutRotation(kind, settings);
    }
    HttpReply reply = real.get();
    if (reply.status() != 200) {
      return reply;
    }
    JsonObject issued = JSON.createReader(new StringReader(reply.body())).readObject();
    return switch (kind) {
      case MISSING_FIELD ->
          HttpReply.json(
              200, JSON.createObjectBuilder(issued).remove("access_token").build().toString());
      case MISTYPED_FIELD ->
          HttpReply.json(
              200,
              JSON.createObjectBuilder(issued)
                  .add("expires_in", issued.get("expires_in").toString())
                  .build()
                  .toString());
      case NEGATIVE_LIFETIME ->
          HttpReply.json(
              200,
              JSON.createObjectBuilder(issued)
                  .add("expires_in", -issued.getJsonNumber("expires_in").longValue())
                  .build()
                  .toString());
      default -> commonReply(kind); // LOST_AFTER_ROTATION: rotated, then the answer is lost
    };
  }

  /** The reply for a token-endpoint fault that happens before the request touches anything. */
  private HttpReply replyWithoutRotation(FaultKind kind, EmulatorSettings settings) {
    return switch (kind) {
      case MALFORMED_JSON -> HttpReply.json(200, truncated(tokenBody(settings).build()));
      default -> commonReply(kind);
    };
  }

  /** The reply for a fault on an API call; {@code wellFormed} is the body it would have sent. */
  HttpReply forApi(FaultKind kind, JsonObject wellFormed, String rootKey) {
    JsonObject inner = wellFormed.getJsonObject(rootKey);
    return switch (kind) {
      case MISSING_FIELD ->
          HttpReply.json(
              200, wrap(rootKey, JSON.createObjectBuilder(inner).remove(missing(rootKey))));
      case MISTYPED_FIELD ->
          HttpReply.json(
              200,
              wrap(
                  rootKey,
                  JSON.createObjectBuilder(inner)
                      .add(mistyped(rootKey), inner.get(mistyped(rootKey)).toString())));
      case NEGATIVE_LIFETIME ->
          HttpReply.json(
              200, wrap(rootKey, JSON.createObjectBuilder(inner).add(mistyped(rootKey), -1)));
      case MALFORMED_JSON -> HttpReply.json(200, truncated(wellFormed));
      default -> commonReply(kind);
    };
  }

  /** The reply for a fault that looks the same on every endpoint: an error or HTML page. */
  HttpReply commonReply(FaultKind kind) {
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
    return JSON.createObjectBuilder()
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
    return JSON.createObjectBuilder().add(rootKey, inner).build().toString();
  }

  private static String truncated(JsonObject body) {
    String text = body.toString();
    return text.substring(0, text.length() / 2);
  }
}
