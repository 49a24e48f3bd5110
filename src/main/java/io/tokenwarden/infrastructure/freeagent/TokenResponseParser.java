package io.tokenwarden.infrastructure.freeagent;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;

/**
 * Reads a token-endpoint body and refuses anything FreeAgent would not send: not JSON (an HTML page
 * behind a 200), a missing or empty access token, a lifetime that is missing, not a whole number or
 * not positive, a token type other than bearer. A refused body is a transient provider fault: the
 * stored tokens stay untouched. Messages name the field, never its value.
 */
public final class TokenResponseParser {

  private TokenResponseParser() {}

  public static TokenResponse parse(String body) {
    JsonObject json = readObject(body);
    String accessToken = requiredString(json, "access_token");
    Duration accessLifetime = requiredLifetime(json, "expires_in");
    if (json.containsKey("token_type")) {
      JsonValue type = json.get("token_type");
      if (!(type instanceof JsonString s) || !"bearer".equalsIgnoreCase(s.getString())) {
        throw malformed("token_type is not bearer");
      }
    }
    String refreshToken = optionalString(json, "refresh_token");
    Duration refreshLifetime =
        isAbsent(json, "refresh_token_expires_in")
            ? null
            : requiredLifetime(json, "refresh_token_expires_in");
    return new TokenResponse(accessToken, accessLifetime, refreshToken, refreshLifetime);
  }

  static JsonObject readObject(String body) {
    if (body == null || body.isBlank()) {
      throw malformed("the body is empty");
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw malformed("the body is not a JSON object");
      }
      return value.asJsonObject();
    } catch (ProviderOutcomeUnknownException e) {
      throw e;
    } catch (RuntimeException e) {
      throw malformed("the body is not JSON");
    }
  }

  static String requiredString(JsonObject json, String field) {
    String value = optionalString(json, field);
    if (value == null) {
      throw malformed(field + " is missing");
    }
    return value;
  }

  private static String optionalString(JsonObject json, String field) {
    if (isAbsent(json, field)) {
      return null;
    }
    if (!(json.get(field) instanceof JsonString s) || s.getString().isBlank()) {
      throw malformed(field + " is not a non-empty string");
    }
    return s.getString();
  }

  private static Duration requiredLifetime(JsonObject json, String field) {
    if (isAbsent(json, field)) {
      throw malformed(field + " is missing");
    }
    if (!(json.get(field) instanceof JsonNumber n) || !n.isIntegral()) {
      throw malformed(field + " is not a whole number");
    }
    long seconds;
    try {
      seconds = n.longValueExact();
    } catch (ArithmeticException e) {
      throw malformed(field + " is out of range");
    }
    if (seconds <= 0) {
      throw malformed(field + " is not positive");
    }
    return Duration.ofSeconds(seconds);
  }

  private static boolean isAbsent(JsonObject json, String field) {
    return !json.containsKey(field) || json.isNull(field);
  }

  static ProviderOutcomeUnknownException malformed(String what) {
    return new ProviderOutcomeUnknownException(
        "FreeAgent sent a malformed answer: " + what, 200, "malformed_response");
  }
}
