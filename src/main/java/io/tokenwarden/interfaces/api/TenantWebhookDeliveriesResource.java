package io.tokenwarden.interfaces.api;

import io.tokenwarden.application.tenants.TenantService;
import io.tokenwarden.application.webhooks.WebhookDeliveries;
import io.tokenwarden.domain.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A tenant's webhook deliveries (to every endpoint), newest event first, for automation (ADMIN
 * keys). A resource of its own so its path outranks {@code /v1/tenants} in JAX-RS matching.
 */
@Path("/v1/tenants/{slug}/webhook-deliveries")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantWebhookDeliveriesResource {

  @Inject TenantService tenants;

  @Inject WebhookDeliveries deliveries;

  /** {@code ?offset=0&limit=50} (limit at most 500). */
  @GET
  public Response list(
      @PathParam("slug") String slug,
      @QueryParam("offset") String offsetParam,
      @QueryParam("limit") String limitParam) {
    Tenant tenant =
        tenants
            .findBySlug(slug)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.TENANT_NOT_FOUND, "No tenant with this slug exists."));
    int offset = Paging.offset(offsetParam);
    int limit = Paging.limit(limitParam);
    return Response.ok(
            WebhookJson.page(offset, limit, deliveries.forTenant(tenant.id(), offset, limit)))
        .build();
  }
}
