package io.tokenwarden.infrastructure.freeagent;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a token-endpoint body. FreeAgent rotates refresh tokens, so a 200 carrying a new refresh
 * token means the one sent is spent: such an answer is never refused, whatever else is odd about
 * it. Odd fields are read conservatively and named in {@link TokenResponse#irregularities()}.
 * Without a usable refresh token nothing was rotated, and a body FreeAgent would not send (not
 * JSON, an HTML page behind a 200, a missing or empty access token, a lifetime that is missing, not
 * a whole number or not positive, a token type other than bearer, a refresh token that is not a
 * non-empty string) is a transient provider fault: the stored tokens stay untouched. Messages and
 * irregularities name the field, never its value.
 */
public final class TokenResponseParser {

  /**
   * The access lifetime assumed when a new refresh token came with an unusable {@code expires_in}.
   * FreeAgent documents one hour; assuming much less makes Token Warden refresh again soon with the
   * new refresh token and get a lifetime it can trust, while the hand-out's five-minute minimum
   * validity keeps it from handing out an access token that might already be dead.
   */
  public static final Duration ASSUMED_ACCESS_LIFETIME = Duration.ofMinutes(10);

  private TokenResponseParser() {}

  public static TokenResponse parse(String body) {
    JsonObject json = readObject(body);
    String refreshToken = optionalString(json, "refresh_token");
    return refreshToken == null ? strict(json) : lenient(json, refreshToken);
  }

  /** No refresh token came back, so the current one stays valid: refuse anything odd. */
  private static TokenResponse strict(JsonObject json) {
    String accessToken = requiredString(json, "access_token");
    Duration accessLifetime = requiredLifetime(json, "expires_in");
    if (!isAbsent(json, "token_type") && !isBearer(json)) {
      throw malformed("token_type is not bearer");
    }
    if (!isAbsent(json, "refresh_token_expires_in")) {
      requiredLifetime(json, "refresh_token_expires_in");
    }
    return new TokenResponse(accessToken, accessLifetime, null, null);
  }

  /** A new refresh token came back: keep it, read the rest as safely as it allows. */
  private static TokenResponse lenient(JsonObject json, String refreshToken) {
    List<String> irregularities = new ArrayList<>();
    String accessToken = nonEmptyString(json.get("access_token"));
    Duration accessLifetime = null;
    if (accessToken == null) {
      irregularities.add(
          (isAbsent(json, "access_token") ? "access_token missing" : "access_token not usable")
              + "; the current access token is kept and a refresh is due at once");
    } else {
      accessLifetime = lenientLifetime(json, "expires_in", irregularities);
      if (accessLifetime == null) {
        accessLifetime = ASSUMED_ACCESS_LIFETIME;
        irregularities.add(
            "expires_in "
                + (isAbsent(json, "expires_in") ? "missing" : "not a positive whole number")
                + "; "
                + ASSUMED_ACCESS_LIFETIME.toSeconds()
                + " s assumed");
      }
    }
    if (!isAbsent(json, "token_type") && !isBearer(json)) {
      irregularities.add("token_type is not bearer");
    }
    Duration refreshLifetime = null;
    if (!isAbsent(json, "refresh_token_expires_in")) {
      refreshLifetime = lenientLifetime(json, "refresh_token_expires_in", irregularities);
      if (refreshLifetime == null) {
        irregularities.add("refresh_token_expires_in not a positive whole number; unknown");
      }
    }
    return new TokenResponse(
        accessToken, accessLifetime, refreshToken, refreshLifetime, irregularities);
  }

  static JsonObject readObject(String body) {
    if (body == null || body.isBlank()) {
      throw malformed("the body is empty");
    }
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
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
    String value = nonEmptyString(json.get(field));
    if (value == null) {
      throw malformed(field + " is not a non-empty string");
    }
    return value;
  }

  private static String nonEmptyString(JsonValue value) {
    return value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }

  private static boolean isBearer(JsonObject json) {
    return json.get("token_type") instanceof JsonString s
        && "bearer".equalsIgnoreCase(s.getString());
  }

  private static Duration requiredLifetime(JsonObject json, String field) {
    if (isAbsent(json, field)) {
      throw malformed(field + " is missing");
    }
    if (!(json.get(field) instanceof JsonNumber n) || !n.isIntegral()) {
      throw malformed(field + " is not a whole number");
    }
    Duration lifetime = positiveSeconds(n);
    if (lifetime == null) {
      throw malformed(field + " is not a positive whole number of seconds");
    }
    return lifetime;
  }

  /**
   * A positive whole number of seconds, also when sent as a JSON string (noted); null when absent
   * or unusable.
   */
  private static Duration lenientLifetime(JsonObject json, String field, List<String> notes) {
    if (isAbsent(json, field)) {
      return null;
    }
    JsonValue value = json.get(field);
    if (value instanceof JsonNumber n) {
      return n.isIntegral() ? positiveSeconds(n) : null;
    }
    if (value instanceof JsonString s && s.getString().strip().matches("[0-9]{1,18}")) {
      long seconds = Long.parseLong(s.getString().strip());
      if (seconds > 0) {
        notes.add(field + " sent as a string");
        return Duration.ofSeconds(seconds);
      }
    }
    return null;
  }

  private static Duration positiveSeconds(JsonNumber n) {
    try {
      long seconds = n.longValueExact();
      return seconds > 0 ? Duration.ofSeconds(seconds) : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static boolean isAbsent(JsonObject json, String field) {
    return !json.containsKey(field) || json.isNull(field);
  }

  static ProviderOutcomeUnknownException malformed(String what) {
    return new ProviderOutcomeUnknownException(
        "FreeAgent sent a malformed answer: " + what, 200, "malformed_response");
  }
}
