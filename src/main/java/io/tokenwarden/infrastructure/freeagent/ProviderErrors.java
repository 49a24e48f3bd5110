package io.tokenwarden.infrastructure.freeagent;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;

/**
 * Translates a provider's non-2xx answer into the exception that says what to do about it. An HTTP
 * answer means the request arrived, so none of these is {@link ProviderUnreachableException}: a 5xx
 * or an unknown error is an unknown outcome. The body is read only for the OAuth error code; it is
 * never copied into a message.
 */
final class ProviderErrors {

  /** FreeAgent documents 60 s; used when a 429 arrives without a usable Retry-After. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

  private ProviderErrors() {}

  static ProviderException fromTokenEndpoint(Response response) {
    int status = response.getStatus();
    if (status == 401) {
      return new ClientCredentialsRejectedException();
    }
    if (status == 400) {
      String error = oauthError(response);
      if ("invalid_grant".equals(error)) {
        return new GrantRejectedException("FreeAgent answered invalid_grant");
      }
      // Anything else is our request's fault or unknown; never give up a grant over it.
      return new ProviderOutcomeUnknownException(
          "FreeAgent rejected the token request ("
              + (error == null ? "no error code" : error)
              + ")",
          400,
          error == null ? "bad_request" : sanitize(error));
    }
    return common(response);
  }

  static ProviderException fromApi(Response response) {
    if (response.getStatus() == 401) {
      return new AccessTokenRejectedException();
    }
    return common(response);
  }

  private static ProviderException common(Response response) {
    int status = response.getStatus();
    if (status == 429) {
      return new ProviderThrottledException(
          retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER)));
    }
    if (status >= 500) {
      // FreeAgent's own error or a proxy's: neither proves FreeAgent issued nothing.
      return new ProviderOutcomeUnknownException(
          "FreeAgent answered HTTP " + status + "; it may have processed the request",
          status,
          "http_" + status);
    }
    return new ProviderOutcomeUnknownException(
        "FreeAgent answered HTTP " + status, status, "http_" + status);
  }

  /** Retry-After in delta-seconds; anything else (a date, garbage, nothing) means the default. */
  static Duration retryAfter(String header) {
    if (header != null) {
      try {
        long seconds = Long.parseLong(header.strip());
        if (seconds >= 0 && seconds <= 86_400) {
          return Duration.ofSeconds(Math.max(1, seconds));
        }
      } catch (NumberFormatException ignored) {
        // fall through to the documented default
      }
    }
    return DEFAULT_RETRY_AFTER;
  }

  private static String oauthError(Response response) {
    try {
      String body = response.readEntity(String.class);
      if (body == null || body.isBlank()) {
        return null;
      }
      try (JsonReader reader = JSON.createReader(new StringReader(body))) {
        JsonObject json = reader.readObject();
        return json.containsKey("error") && json.get("error") instanceof jakarta.json.JsonString s
            ? s.getString()
            : null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String sanitize(String code) {
    String clean = code.replaceAll("[^A-Za-z0-9_.-]", "");
    return clean.length() > 60 ? clean.substring(0, 60) : clean;
  }
}
