package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.apikeys.IssuedApiKey;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.domain.ApiClient;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.domain.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys for automation (ADMIN keys): issue one (the key is in the 201 answer only), list them
 * (never a key or its hash), revoke one. Through {@link ApiKeyService}, as the console's API keys
 * page; every issue and revocation is logged naming the calling key. A key cannot revoke itself: a
 * script would lock itself out half-way; rotate by issuing the new key, switching to it, and
 * revoking the old one with the new.
 */
@Path("/v1/api-keys")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

  @Inject ApiKeyService keys;

  @Inject TenantService tenants;

  @Inject ApiCaller caller;

  @Inject Clock clock;

  @Context UriInfo uri;

  /**
   * {@code
   * {"name":"billing","kind":"TOKEN","tenant":"acme-ltd","expiresAt":"2027-01-01T00:00:00Z"}} → 201
   * with the key; {@code tenant} (TOKEN keys only) limits the key to one tenant, {@code expiresAt}
   * ends it.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    String name = JsonBodies.text(request, "name");
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw FieldProblem.of("name", "Name must be 1 to 100 characters.");
    }
    ApiKeyKind kind = QueryParams.oneOf("kind", JsonBodies.text(request, "kind"), ApiKeyKind.class);
    if (kind == null) {
      throw FieldProblem.of("kind", "Kind is required: TOKEN or ADMIN.");
    }
    UUID scope = scope(kind, JsonBodies.text(request, "tenant"));
    Instant expiresAt = QueryParams.instant("expiresAt", JsonBodies.text(request, "expiresAt"));
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw FieldProblem.of("expiresAt", "'expiresAt' must be in the future.");
    }
    IssuedApiKey issued = keys.issue(name, kind, scope, expiresAt, caller.actor());
    JsonObjectBuilder json =
        describe(issued.client(), scope == null ? null : JsonBodies.text(request, "tenant").strip())
            .add("key", issued.plainKey());
    return Response.created(
            uri.getAbsolutePathBuilder().path(issued.client().id().toString()).build())
        .header("Cache-Control", "no-store")
        .entity(json.build().toString())
        .build();
  }

  /** Every key, newest first, with its state; never a key or its hash. */
  @GET
  public Response list() {
    Map<UUID, String> slugs = new HashMap<>();
    JsonArrayBuilder items = JSON.createArrayBuilder();
    for (ApiClient client : keys.list()) {
      String slug =
          client.scopeTenantId() == null
              ? null
              : slugs.computeIfAbsent(
                  client.scopeTenantId(),
                  id -> tenants.findById(id).map(t -> t.slug().value()).orElse(null));
      items.add(describe(client, slug));
    }
    return Response.ok(JSON.createObjectBuilder().add("items", items).build().toString()).build();
  }

  /** Revokes the key at once (204); revoking a revoked key again is 204 too. */
  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String idParam) {
    UUID id = parseId(idParam).orElseThrow(() -> unknownKey());
    if (id.equals(caller.client().id())) {
      throw new ProblemException(
          ProblemType.SELF_REVOCATION,
          "An API key cannot revoke itself; revoke it with another ADMIN key or in the console.");
    }
    if (!keys.revoke(id, caller.actor())) {
      throw unknownKey();
    }
    return Response.noContent().build();
  }

  private UUID scope(ApiKeyKind kind, String tenantSlug) {
    if (tenantSlug == null || tenantSlug.isBlank()) {
      return null;
    }
    if (kind == ApiKeyKind.ADMIN) {
      throw FieldProblem.of("tenant", "ADMIN keys reach every tenant; leave 'tenant' out.");
    }
    return tenants
        .findBySlug(tenantSlug.strip())
        .map(Tenant::id)
        .orElseThrow(() -> FieldProblem.of("tenant", "No tenant has this slug."));
  }

  private JsonObjectBuilder describe(ApiClient client, String tenantSlug) {
    Instant now = clock.instant();
    JsonObjectBuilder json =
        JSON.createObjectBuilder()
            .add("id", client.id().toString())
            .add("name", client.name())
            .add("kind", client.kind().name())
            .add("keyPrefix", client.keyPrefix())
            .add("createdAt", client.createdAt().toString())
            .add(
                "state",
                client.isRevoked() ? "revoked" : client.isLiveAt(now) ? "active" : "expired");
    if (client.scopeTenantId() != null) {
      json.add("tenant", tenantSlug == null ? "(deleted tenant)" : tenantSlug);
    }
    time(json, "expiresAt", client.expiresAt());
    time(json, "lastUsedAt", client.lastUsedAt());
    time(json, "revokedAt", client.revokedAt());
    return json;
  }

  private static void time(JsonObjectBuilder json, String name, Instant value) {
    if (value != null) {
      json.add(name, value.toString());
    }
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id.strip()));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static ProblemException unknownKey() {
    return new ProblemException(ProblemType.API_KEY_NOT_FOUND, "No API key has this id.");
  }
}
