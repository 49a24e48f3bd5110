package io.tokenwarden.infrastructure.freeagent;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * FreeAgent's token endpoint ({@code POST /v2/token_endpoint}), both grants. The body is returned
 * raw so {@link TokenResponseParser} can refuse a malformed answer without trusting a binder.
 */
@Path("/")
@RegisterProvider(TokenEndpointErrorMapper.class)
public interface FreeAgentTokenApi {

  @POST
  @Path("token_endpoint")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  String token(
      @HeaderParam("Authorization") String basicAuthorization,
      @HeaderParam("User-Agent") String userAgent,
      Form form);
}
