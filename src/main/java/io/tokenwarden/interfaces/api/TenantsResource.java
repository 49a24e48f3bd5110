package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.onboarding.IssuedLink;
import io.tokenwarden.application.onboarding.OnboardingLinkService;
import io.tokenwarden.application.tenants.TenantConnections;
import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.application.tenants.TenantSlugTakenException;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.LinkPurpose;
import io.tokenwarden.domain.Tenant;
import io.tokenwarden.domain.TenantSlug;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tenant administration for automation (ADMIN keys): create and list tenants, read one with its
 * connection, issue an onboarding link. Validation errors are 400 problems naming the field; a
 * taken slug is 409; an unknown tenant 404.
 */
@Path("/v1/tenants")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  @Inject TenantService tenants;

  @Inject TenantConnections connections;

  @Inject OnboardingLinkService links;

  @Context UriInfo uri;

  /** {@code {"slug":"acme-ltd","displayName":"Acme Ltd"}} → 201 with Location. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    String slug = JsonBodies.text(request, "slug");
    String displayName = JsonBodies.text(request, "displayName");
    String slugProblem = TenantSlug.problemWith(slug == null ? null : slug.strip());
    if (slugProblem != null) {
      throw FieldProblem.of("slug", slugProblem);
    }
    if (displayName == null || displayName.isBlank()) {
      throw FieldProblem.of("displayName", "Display name must not be empty.");
    }
    if (displayName.strip().length() > 200) {
      throw FieldProblem.of("displayName", "Display name must be at most 200 characters.");
    }
    Tenant tenant;
    try {
      tenant = tenants.create(slug.strip(), displayName);
    } catch (TenantSlugTakenException e) {
      throw new ProblemException(409, "Slug taken", e.getMessage());
    }
    URI location = uri.getAbsolutePathBuilder().path(tenant.slug().value()).build();
    return Response.created(location)
        .entity(TenantJson.tenant(tenant, ConnectionStatus.PENDING).build().toString())
        .build();
  }

  /** One page of tenants in slug order: {@code ?offset=0&limit=50} (limit at most 500). */
  @GET
  public Response list(
      @QueryParam("offset") String offsetParam, @QueryParam("limit") String limitParam) {
    int offset = number("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
    int limit = number("limit", limitParam, DEFAULT_LIMIT, 1, MAX_LIMIT);
    List<Tenant> page = tenants.list(offset, limit);
    Map<java.util.UUID, ConnectionStatus> statuses =
        connections.statuses(page.stream().map(Tenant::id).toList());
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (Tenant tenant : page) {
      items.add(TenantJson.tenant(tenant, statuses.get(tenant.id())));
    }
    return Response.ok(
            Json.createObjectBuilder()
                .add("offset", offset)
                .add("limit", limit)
                .add("items", items)
                .build()
                .toString())
        .build();
  }

  /** The tenant with its connection: status, expiries, company, user; never a token. */
  @GET
  @Path("{slug}")
  public Response get(@PathParam("slug") String slug) {
    Tenant tenant = require(slug);
    JsonObjectBuilder json = TenantJson.tenant(tenant, null);
    connections
        .of(tenant.id())
        .ifPresent(
            connection ->
                json.add("status", connection.status().name())
                    .add("connection", TenantJson.connection(connection)));
    return Response.ok(json.build().toString()).build();
  }

  /**
   * Issues an onboarding link: {@code {"purpose":"CONNECT"|"RECONNECT"}} or no body (the purpose
   * follows from whether the tenant was connected before). The URL is in this answer only; the
   * tenant's other usable links are revoked.
   */
  @POST
  @Path("{slug}/onboarding-links")
  public Response issueLink(@PathParam("slug") String slug, String body) {
    Tenant tenant = require(slug);
    String purposeText = JsonBodies.text(JsonBodies.object(body), "purpose");
    LinkPurpose purpose = null;
    if (purposeText != null) {
      try {
        purpose = LinkPurpose.valueOf(purposeText.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw FieldProblem.of("purpose", "Purpose must be CONNECT or RECONNECT.");
      }
    }
    IssuedLink link = links.issue(tenant.id(), purpose);
    return Response.status(Response.Status.CREATED)
        .header("Cache-Control", "no-store")
        .entity(TenantJson.issuedLink(link).toString())
        .build();
  }

  /** The tenant's links with their state (never their URL), newest first. */
  @GET
  @Path("{slug}/onboarding-links")
  public Response listLinks(@PathParam("slug") String slug) {
    Tenant tenant = require(slug);
    JsonArrayBuilder items = Json.createArrayBuilder();
    links.links(tenant.id()).forEach(link -> items.add(TenantJson.link(link)));
    return Response.ok(Json.createObjectBuilder().add("items", items).build().toString()).build();
  }

  private Tenant require(String slug) {
    return tenants
        .findBySlug(slug)
        .orElseThrow(
            () ->
                new ProblemException(
                    404, "Unknown tenant", "No tenant with slug '" + safe(slug) + "' exists."));
  }

  private static int number(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem below
    }
    throw FieldProblem.of(
        name, "'" + name + "' must be a whole number from " + min + " to " + max + ".");
  }

  /** Slugs are echoed in problems only when they look like slugs. */
  private static String safe(String slug) {
    return slug != null && TenantSlug.problemWith(slug) == null ? slug : "(invalid slug)";
  }
}
