package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.admin.TenantDetails;
import io.tokenwarden.application.admin.TenantOverview;
import io.tokenwarden.application.admin.TenantQuery;
import io.tokenwarden.application.admin.TenantRow;
import io.tokenwarden.application.admin.TenantSort;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Tenant administration for automation (ADMIN keys): create, list (by status), read, disconnect and
 * delete tenants, issue onboarding and reconnect links, read the audit trail. Each action goes
 * through the application service the console uses and is audited (or, for create and delete,
 * logged) naming the API key. Validation errors are 400 problems naming the field; a taken slug is
 * 409; an unknown tenant 404.
 */
@Path("/v1/tenants")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = TenantOverview.MAX_PAGE_SIZE;
  static final int DEFAULT_AUDIT_SIZE = 50;
  static final int MAX_AUDIT_SIZE = 200;

  @Inject TenantService tenants;

  @Inject TenantConnections connections;

  @Inject TenantOverview overview;

  @Inject TenantDetails details;

  @Inject OnboardingLinkService links;

  @Inject ApiCaller caller;

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
      tenant = tenants.create(slug.strip(), displayName, caller.actor());
    } catch (TenantSlugTakenException e) {
      throw new ProblemException(ProblemType.SLUG_TAKEN, e.getMessage());
    }
    URI location = uri.getAbsolutePathBuilder().path(tenant.slug().value()).build();
    return Response.created(location)
        .entity(TenantJson.tenant(tenant, ConnectionStatus.PENDING).build().toString())
        .build();
  }

  /**
   * One page of tenants in slug order with their connection's state: {@code
   * ?offset=0&limit=50&status=NEEDS_RECONNECT} (limit at most 500; status optional). The console's
   * read model ({@link TenantOverview}), so both show the same rows.
   */
  @GET
  public Response list(
      @QueryParam("offset") String offsetParam,
      @QueryParam("limit") String limitParam,
      @QueryParam("status") String statusParam) {
    int offset = QueryParams.number("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
    int limit = QueryParams.number("limit", limitParam, DEFAULT_LIMIT, 1, MAX_LIMIT);
    ConnectionStatus status = QueryParams.oneOf("status", statusParam, ConnectionStatus.class);
    TenantQuery query = new TenantQuery(null, status, TenantSort.SLUG, true);
    JsonArrayBuilder items = JSON.createArrayBuilder();
    for (TenantRow row : overview.page(query, offset, limit)) {
      items.add(TenantJson.row(row));
    }
    JsonObjectBuilder page = JSON.createObjectBuilder().add("offset", offset).add("limit", limit);
    if (status != null) {
      page.add("status", status.name());
    }
    return Response.ok(page.add("items", items).build().toString()).build();
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
    LinkPurpose purpose =
        QueryParams.oneOf(
            "purpose", JsonBodies.text(JsonBodies.object(body), "purpose"), LinkPurpose.class);
    IssuedLink link = links.issue(tenant.id(), purpose, caller.actor());
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
    JsonArrayBuilder items = JSON.createArrayBuilder();
    links.links(tenant.id()).forEach(link -> items.add(TenantJson.link(link)));
    return Response.ok(JSON.createObjectBuilder().add("items", items).build().toString()).build();
  }

  /**
   * Disconnects the tenant: its tokens are erased and refreshing stops; a reconnect link brings it
   * back. Audited naming the API key; a second disconnect changes nothing and is not audited again.
   */
  @POST
  @Path("{slug}/disconnect")
  public Response disconnect(@PathParam("slug") String slug) {
    Tenant tenant = require(slug);
    boolean changed = tenants.disconnect(tenant.id(), caller.actor());
    return Response.ok(
            JSON.createObjectBuilder()
                .add("status", ConnectionStatus.DISCONNECTED.name())
                .add("changed", changed)
                .build()
                .toString())
        .build();
  }

  /**
   * Deletes the tenant with its connection, links and audit trail (logged, naming the API key and
   * the slug, since the trail goes too). 204; an unknown slug 404.
   */
  @DELETE
  @Path("{slug}")
  public Response delete(@PathParam("slug") String slug) {
    Tenant tenant = require(slug);
    if (!tenants.delete(tenant.id(), caller.actor())) {
      throw unknownTenant(slug);
    }
    return Response.noContent().build();
  }

  /**
   * The tenant's audit trail, newest first, a page at a time: {@code ?page=0&size=50} (size at most
   * 200), with the total count. The console's query ({@link TenantDetails}).
   */
  @GET
  @Path("{slug}/audit-trail")
  public Response auditTrail(
      @PathParam("slug") String slug,
      @QueryParam("page") String pageParam,
      @QueryParam("size") String sizeParam) {
    int size = QueryParams.number("size", sizeParam, DEFAULT_AUDIT_SIZE, 1, MAX_AUDIT_SIZE);
    int page = QueryParams.number("page", pageParam, 0, 0, Integer.MAX_VALUE / size);
    Tenant tenant = require(slug);
    JsonArrayBuilder items = JSON.createArrayBuilder();
    details
        .auditTrail(tenant.id(), page * size, size)
        .forEach(event -> items.add(TenantJson.event(event)));
    return Response.ok(
            JSON.createObjectBuilder()
                .add("page", page)
                .add("size", size)
                .add("total", details.auditTrailSize(tenant.id()))
                .add("items", items)
                .build()
                .toString())
        .build();
  }

  private Tenant require(String slug) {
    return tenants.findBySlug(slug).orElseThrow(() -> unknownTenant(slug));
  }

  private static ProblemException unknownTenant(String slug) {
    return new ProblemException(
        ProblemType.TENANT_NOT_FOUND, "No tenant with slug '" + safe(slug) + "' exists.");
  }

  /** Slugs are echoed in problems only when they look like slugs. */
  private static String safe(String slug) {
    return slug != null && TenantSlug.problemWith(slug) == null ? slug : "(invalid slug)";
  }
}
