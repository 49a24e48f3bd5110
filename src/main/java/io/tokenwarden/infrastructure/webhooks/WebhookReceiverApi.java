package io.tokenwarden.infrastructure.webhooks;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A webhook receiver as MicroProfile Rest Client sees it: one POST to the endpoint's URL (the
 * client's base URI) with the Standard Webhooks headers. The answer is returned raw: any 2xx counts
 * as delivered, whatever the body.
 */
public interface WebhookReceiverApi {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  Response deliver(
      @HeaderParam("webhook-id") String id,
      @HeaderParam("webhook-timestamp") String timestamp,
      @HeaderParam("webhook-signature") String signature,
      @HeaderParam("User-Agent") String userAgent,
      String body);
}
