package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The control API's sandbox users: create one or thousands, mint a grant without the browser (what
 * the application's ITs and benchmarks with many tenants need), revoke a user's grants, expire
 * their tokens, read their counters.
 */
@Path("/control/users")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ControlUsersResource {

  private static final Logger LOG = Logger.getLogger(ControlUsersResource.class.getName());

  /** A bulk request creates at most this many users at once. */
  static final int MAX_BULK = 200_000;

  @Inject EmulatorState state;

  @GET
  public Response list(@QueryParam("limit") @DefaultValue("100") int limit) {
    SandboxDirectory directory = state.sandbox().directory();
    JsonArrayBuilder users = JSON.createArrayBuilder();
    directory.users(Math.max(0, limit)).forEach(user -> users.add(ControlJson.user(user)));
    return ControlResponses.ok(
        JSON.createObjectBuilder().add("total", directory.userCount()).add("users", users).build());
  }

  /**
   * Body: {@code {"email","firstName","lastName","role","permissionLevel","company":{"id"} or
   * {"name","subdomain","type","currency"}}}; answers 201 with the user.
   */
  @POST
  public Response create(String body) {
    return ControlResponses.guarded(
        () -> {
          JsonObject request = ControlResponses.parse(body);
          SandboxDirectory directory = state.sandbox().directory();
          JsonObject companyJson =
              request.containsKey("company")
                  ? request.getJsonObject("company")
                  : JsonObject.EMPTY_JSON_OBJECT;
          SandboxCompany company;
          if (companyJson.containsKey("id")) {
            company =
                directory
                    .company(companyJson.getJsonNumber("id").longValueExact())
                    .orElseThrow(() -> new IllegalArgumentException("no such company"));
          } else {
            String email = request.getString("email");
            String fallbackName = email.substring(email.indexOf('@') + 1);
            company =
                directory.addCompany(
                    companyJson.getString("name", fallbackName),
                    companyJson.getString("subdomain", fallbackName.replaceAll("[^a-z0-9]+", "-")),
                    companyJson.getString("type", null),
                    companyJson.getString("currency", null));
          }
          SandboxUser user =
              directory.addUser(
                  request.getString("email"),
                  request.getString("firstName", ""),
                  request.getString("lastName", ""),
                  request.getString("role", null),
                  request.getInt("permissionLevel", 8),
                  company);
          LOG.info(() -> "Emulator: created sandbox user " + user.id() + " " + user.email());
          return ControlResponses.json(Response.Status.CREATED, ControlJson.user(user));
        });
  }

  /**
   * Body: {@code {"count":N,"emailPrefix":"bench"}}: N users, each owner of their own company,
   * emails {@code <prefix>-<id>@sandbox.example}. Answers with the id range.
   */
  @POST
  @Path("bulk")
  public Response createMany(String body) {
    return ControlResponses.guarded(
        () -> {
          JsonObject request = ControlResponses.parse(body);
          int count = request.getInt("count");
          if (count < 1 || count > MAX_BULK) {
            throw new IllegalArgumentException("count must be 1.." + MAX_BULK);
          }
          String prefix = request.getString("emailPrefix", "user");
          SandboxDirectory directory = state.sandbox().directory();
          long first = -1;
          long last = -1;
          for (int i = 0; i < count; i++) {
            SandboxCompany company =
                directory.addCompany(
                    prefix + " company " + (i + 1), prefix + "-" + (i + 1), null, null);
            SandboxUser user =
                directory.addUser(
                    prefix + "-" + company.id() + "@sandbox.example",
                    "Sandbox",
                    "User " + (i + 1),
                    "Owner",
                    8,
                    company);
            first = first < 0 ? user.id() : first;
            last = user.id();
          }
          final int created = count;
          LOG.info(() -> "Emulator: created " + created + " sandbox users");
          return ControlResponses.json(
              Response.Status.CREATED,
              JSON.createObjectBuilder()
                  .add("created", count)
                  .add("firstId", first)
                  .add("lastId", last)
                  .build());
        });
  }

  @GET
  @Path("{id}")
  public Response user(@PathParam("id") long id) {
    return state
        .sandbox()
        .directory()
        .user(id)
        .map(user -> ControlResponses.ok(ControlJson.user(user)))
        .orElseGet(() -> ControlResponses.notFound("no such user"));
  }

  /** A new grant for the user without the browser; the body is the token endpoint's JSON. */
  @POST
  @Path("{id}/grants")
  public Response mintGrant(@PathParam("id") long id) {
    Optional<TokenIssue> issue = state.sandbox().mintGrant(id);
    if (issue.isEmpty()) {
      return ControlResponses.notFound("no such user");
    }
    LOG.info(() -> "Emulator: minted a grant for user " + id);
    return ControlResponses.ok(TokenEndpoint.tokenJson(issue.get()));
  }

  /** Revokes every grant of the user, as disconnecting the app in FreeAgent would. */
  @DELETE
  @Path("{id}/grants")
  public Response revokeGrants(@PathParam("id") long id) {
    if (state.sandbox().directory().user(id).isEmpty()) {
      return ControlResponses.notFound("no such user");
    }
    int revoked = state.sandbox().revokeGrants(id);
    return ControlResponses.ok(JSON.createObjectBuilder().add("revokedGrants", revoked).build());
  }

  @POST
  @Path("{id}/expire-access-tokens")
  public Response expireAccessTokens(@PathParam("id") long id) {
    int expired = state.sandbox().expireAccessTokens(id);
    return ControlResponses.ok(JSON.createObjectBuilder().add("expired", expired).build());
  }

  @POST
  @Path("{id}/expire-refresh-tokens")
  public Response expireRefreshTokens(@PathParam("id") long id) {
    int expired = state.sandbox().expireRefreshTokens(id);
    return ControlResponses.ok(JSON.createObjectBuilder().add("expired", expired).build());
  }

  @GET
  @Path("{id}/counters")
  public Response counters(@PathParam("id") long id) {
    Sandbox sandbox = state.sandbox();
    return sandbox
        .userCounters(id)
        .map(values -> ControlResponses.ok(ControlJson.counters(values, sandbox.liveGrants(id))))
        .orElseGet(() -> ControlResponses.notFound("no such user"));
  }
}
