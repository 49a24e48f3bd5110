package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.json.JsonObject;

/**
 * FreeAgent's {@code GET /v2/company} and {@code GET /v2/users/me} as plain logic: a User-Agent is
 * required, the bearer token must be known, unexpired and unrevoked, and each user has a minute and
 * an hour budget. Bodies follow the shapes in FREEAGENT.md.
 */
final class ApiEndpoint {

  /** The two resources the connection manager reads. */
  enum Resource {
    COMPANY("company"),
    CURRENT_USER("user");

    final String rootKey;

    Resource(String rootKey) {
      this.rootKey = rootKey;
    }
  }

  /** Either a reply to send as it is, or the user the call is for. */
  record Checked(HttpReply refusal, SandboxUser user) {}

  private final Sandbox sandbox;

  ApiEndpoint(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Checks the headers, token and limits; a non-null refusal is the whole answer. */
  Checked check(String userAgent, String authorization) {
    if (userAgent == null || userAgent.isBlank()) {
      return new Checked(error(400, "A User-Agent header is required"), null);
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Checked(unauthorized("Access token required"), null);
    }
    ApiAccess access = sandbox.callApi(authorization.substring(7).trim());
    if (access instanceof ApiAccess.Unauthorized denied) {
      return new Checked(unauthorized(denied.message()), null);
    }
    if (access instanceof ApiAccess.RateLimited limited) {
      return new Checked(
          HttpReply.text(429, limited.decision().message())
              .withHeader("Retry-After", String.valueOf(limited.decision().retryAfterSeconds())),
          null);
    }
    return new Checked(null, ((ApiAccess.Granted) access).user());
  }

  /** The body of a successful call. */
  static JsonObject body(Resource resource, SandboxUser user, String apiBase) {
    if (resource == Resource.COMPANY) {
      SandboxCompany company = user.company();
      return JSON.createObjectBuilder()
          .add(
              "company",
              JSON.createObjectBuilder()
                  .add("url", apiBase + "/company")
                  .add("id", company.id())
                  .add("name", company.name())
                  .add("subdomain", company.subdomain())
                  .add("type", company.type())
                  .add("currency", company.currency())
                  .add("mileage_units", "miles")
                  .add("company_start_date", "2020-01-01"))
          .build();
    }
    return JSON.createObjectBuilder()
        .add(
            "user",
            JSON.createObjectBuilder()
                .add("url", apiBase + "/users/" + user.id())
                .add("first_name", user.firstName())
                .add("last_name", user.lastName())
                .add("email", user.email())
                .add("role", user.role())
                .add("permission_level", user.permissionLevel())
                .add("opening_mileage", 0))
        .build();
  }

  private static HttpReply unauthorized(String message) {
    return error(401, message).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  }

  private static HttpReply error(int status, String message) {
    return HttpReply.json(
        status,
        JSON.createObjectBuilder()
            .add(
                "errors",
                JSON.createObjectBuilder()
                    .add("error", JSON.createObjectBuilder().add("message", message)))
            .build()
            .toString());
  }
}
