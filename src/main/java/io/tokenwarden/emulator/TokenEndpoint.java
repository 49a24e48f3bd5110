package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FreeAgent's {@code POST /v2/token_endpoint} as plain logic: client authentication (HTTP Basic or
 * body credentials, never both), the two grants, and the error answers FreeAgent gives or, where it
 * documents none, RFC 6749 §5.2 gives. Faults are applied around it by the resource.
 */
final class TokenEndpoint {

  static final String ACCESS_DENIED = "HTTP Basic: Access denied.";

  private final Sandbox sandbox;

  TokenEndpoint(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  HttpReply handle(String authorization, Map<String, List<String>> form) {
    for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
      if (parameter.getValue().size() > 1) {
        return error("invalid_request", "Parameter " + parameter.getKey() + " is repeated.");
      }
    }
    Optional<HttpReply> refused = authenticate(authorization, form);
    if (refused.isPresent()) {
      return refused.get();
    }
    String grantType = single(form, "grant_type");
    if (grantType == null) {
      return error("invalid_request", "Missing grant_type.");
    }
    TokenOutcome outcome;
    switch (grantType) {
      case "authorization_code" -> {
        String code = single(form, "code");
        String redirectUri = single(form, "redirect_uri");
        if (code == null || redirectUri == null) {
          return error("invalid_request", "authorization_code needs code and redirect_uri.");
        }
        outcome = sandbox.exchangeCode(sandbox.client().id(), code, redirectUri);
      }
      case "refresh_token" -> {
        String refreshToken = single(form, "refresh_token");
        if (refreshToken == null) {
          return error("invalid_request", "refresh_token grant needs refresh_token.");
        }
        outcome = sandbox.refresh(refreshToken);
      }
      default -> {
        return error("unsupported_grant_type", "Unsupported grant type.");
      }
    }
    return reply(outcome);
  }

  private Optional<HttpReply> authenticate(String authorization, Map<String, List<String>> form) {
    String bodyId = single(form, "client_id");
    String bodySecret = single(form, "client_secret");
    ClientCredentials credentials;
    if (authorization != null) {
      Optional<ClientCredentials> basic = ClientCredentials.fromBasicHeader(authorization);
      if (basic.isEmpty()) {
        return Optional.of(accessDenied());
      }
      if (bodySecret != null) {
        return Optional.of(
            error("invalid_request", "Use one client authentication method, not two."));
      }
      if (bodyId != null && !bodyId.equals(basic.get().id())) {
        return Optional.of(accessDenied());
      }
      credentials = basic.get();
    } else {
      Optional<ClientCredentials> body = ClientCredentials.fromBody(bodyId, bodySecret);
      if (body.isEmpty()) {
        return Optional.of(accessDenied());
      }
      credentials = body.get();
    }
    return sandbox.client().authenticates(credentials)
        ? Optional.empty()
        : Optional.of(accessDenied());
  }

  static HttpReply reply(TokenOutcome outcome) {
    if (outcome instanceof TokenOutcome.Issued issued) {
      return HttpReply.json(200, tokenJson(issued.tokens()));
    }
    if (outcome instanceof TokenOutcome.RateLimited limited) {
      return HttpReply.text(429, limited.decision().message())
          .withHeader("Retry-After", String.valueOf(limited.decision().retryAfterSeconds()));
    }
    return error("invalid_grant", ((TokenOutcome.InvalidGrant) outcome).description());
  }

  /** The success body, fields in FreeAgent's order; absent values are left out, never null. */
  static String tokenJson(TokenIssue issue) {
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("access_token", issue.accessToken())
            .add("token_type", "bearer")
            .add("expires_in", issue.expiresIn());
    if (issue.refreshToken() != null) {
      body.add("refresh_token", issue.refreshToken());
    }
    if (issue.refreshTokenExpiresIn() != null) {
      body.add("refresh_token_expires_in", issue.refreshTokenExpiresIn());
    }
    return body.build().toString();
  }

  static HttpReply error(String error, String description) {
    return HttpReply.json(
        400,
        JSON.createObjectBuilder()
            .add("error", error)
            .add("error_description", description)
            .build()
            .toString());
  }

  private static HttpReply accessDenied() {
    return HttpReply.text(401, ACCESS_DENIED)
        .withHeader("WWW-Authenticate", "Basic realm=\"Application\"");
  }

  private static String single(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    return value == null || value.isEmpty() ? null : value;
  }
}
