package io.tokenwarden.interfaces.api;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.webhooks.DeliveryView;
import io.tokenwarden.application.webhooks.EndpointView;
import io.tokenwarden.application.webhooks.IssuedEndpointSecret;
import io.tokenwarden.application.webhooks.WebhookDeliveries;
import io.tokenwarden.application.webhooks.WebhookEndpoints;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.UUID;

/**
 * Webhook endpoints and their deliveries for automation (ADMIN keys): create an endpoint (its
 * secret is in that answer only, {@code Cache-Control: no-store}), list, read, change, rotate its
 * secret, delete; list an endpoint's deliveries and redeliver one. A tenant's deliveries are under
 * {@link TenantWebhookDeliveriesResource}. Bad fields are 400 problems naming the field; unknown
 * ids 404.
 */
@Path("/v1/webhooks")
@AdminApi
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

  static final String ENDPOINT = "webhook endpoint";
  static final String DELIVERY = "webhook delivery";

  @Inject WebhookEndpoints endpoints;

  @Inject WebhookDeliveries deliveries;

  @Inject Clock clock;

  @Context UriInfo uri;

  /**
   * {@code {"url":"https://…","description":"…","eventTypes":["connection.needs_reconnect"]}} → 201
   * with the endpoint and its {@code secret}; no eventTypes means every type.
   */
  @POST
  @Path("endpoints")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body) {
    JsonObject request = JsonBodies.object(body);
    IssuedEndpointSecret issued =
        WebhookJson.guarded(
            () ->
                endpoints.create(
                    JsonBodies.text(request, "url"),
                    JsonBodies.text(request, "description"),
                    WebhookJson.strings(request, "eventTypes")));
    return Response.created(
            uri.getAbsolutePathBuilder().path(issued.endpoint().id().toString()).build())
        .header("Cache-Control", "no-store")
        .entity(WebhookJson.issued(issued))
        .build();
  }

  /** Every endpoint, oldest first; never a secret. */
  @GET
  @Path("endpoints")
  public Response list() {
    JsonArrayBuilder items = JSON.createArrayBuilder();
    endpoints.list().forEach(e -> items.add(WebhookJson.endpoint(e)));
    return Response.ok(JSON.createObjectBuilder().add("items", items).build().toString()).build();
  }

  @GET
  @Path("endpoints/{id}")
  public Response get(@PathParam("id") String id) {
    UUID endpointId = WebhookJson.id(id, ENDPOINT);
    EndpointView endpoint = WebhookJson.guarded(() -> endpoints.require(endpointId));
    return Response.ok(WebhookJson.endpoint(endpoint).build().toString()).build();
  }

  /**
   * Changes the members given: {@code url}, {@code description}, {@code eventTypes} (an empty array
   * means every type), {@code enabled}; an absent member stays as it is.
   */
  @PATCH
  @Path("endpoints/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(@PathParam("id") String id, String body) {
    UUID endpointId = WebhookJson.id(id, ENDPOINT);
    JsonObject request = JsonBodies.object(body);
    EndpointView updated =
        WebhookJson.guarded(
            () ->
                endpoints.update(
                    endpointId,
                    JsonBodies.text(request, "url"),
                    JsonBodies.text(request, "description"),
                    WebhookJson.strings(request, "eventTypes"),
                    WebhookJson.flag(request, "enabled")));
    return Response.ok(WebhookJson.endpoint(updated).build().toString()).build();
  }

  /**
   * A new secret (in this answer only); the previous one keeps signing, as a second signature, for
   * {@code tokenwarden.webhooks.secret-overlap}.
   */
  @POST
  @Path("endpoints/{id}/rotate-secret")
  public Response rotateSecret(@PathParam("id") String id) {
    UUID endpointId = WebhookJson.id(id, ENDPOINT);
    IssuedEndpointSecret issued = WebhookJson.guarded(() -> endpoints.rotateSecret(endpointId));
    return Response.ok(WebhookJson.issued(issued)).header("Cache-Control", "no-store").build();
  }

  /** Deletes the endpoint and its deliveries. */
  @DELETE
  @Path("endpoints/{id}")
  public Response delete(@PathParam("id") String id) {
    UUID endpointId = WebhookJson.id(id, ENDPOINT);
    WebhookJson.guarded(
        () -> {
          endpoints.delete(endpointId);
          return null;
        });
    return Response.noContent().build();
  }

  /** One page of the endpoint's deliveries, newest event first: {@code ?offset=0&limit=50}. */
  @GET
  @Path("endpoints/{id}/deliveries")
  public Response endpointDeliveries(
      @PathParam("id") String id,
      @QueryParam("offset") String offsetParam,
      @QueryParam("limit") String limitParam) {
    UUID endpointId = WebhookJson.id(id, ENDPOINT);
    WebhookJson.guarded(() -> endpoints.require(endpointId));
    int offset = Paging.offset(offsetParam);
    int limit = Paging.limit(limitParam);
    return Response.ok(
            WebhookJson.page(offset, limit, deliveries.forEndpoint(endpointId, offset, limit)))
        .build();
  }

  @GET
  @Path("deliveries/{id}")
  public Response delivery(@PathParam("id") String id) {
    DeliveryView delivery = requireDelivery(id);
    return Response.ok(WebhookJson.delivery(delivery).build().toString()).build();
  }

  /**
   * Sends the delivery again (a dead one, or any other): PENDING, due now, the retry schedule
   * starting over. 202 with the delivery as it now stands.
   */
  @POST
  @Path("deliveries/{id}/redeliver")
  public Response redeliver(@PathParam("id") String id) {
    DeliveryView delivery = requireDelivery(id);
    deliveries.redeliver(delivery.id(), clock.instant());
    return Response.accepted(
            WebhookJson.delivery(deliveries.find(delivery.id()).orElse(delivery))
                .build()
                .toString())
        .build();
  }

  private DeliveryView requireDelivery(String id) {
    UUID deliveryId = WebhookJson.id(id, DELIVERY);
    return deliveries.find(deliveryId).orElseThrow(() -> WebhookJson.notFound(DELIVERY));
  }
}
