package io.tokenwarden.infrastructure.freeagent;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/** The two FreeAgent API calls Token Warden makes: who the grant belongs to. */
@Path("/")
@RegisterProvider(ApiErrorMapper.class)
public interface FreeAgentApi {

  @GET
  @Path("company")
  @Produces(MediaType.APPLICATION_JSON)
  String company(
      @HeaderParam("Authorization") String bearer, @HeaderParam("User-Agent") String userAgent);

  @GET
  @Path("users/me")
  @Produces(MediaType.APPLICATION_JSON)
  String currentUser(
      @HeaderParam("Authorization") String bearer, @HeaderParam("User-Agent") String userAgent);
}
