package io.tokenwarden.infrastructure.peers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Another node's internal API as MicroProfile Rest Client sees it (the node's peer URL is the base
 * URI); served by {@code interfaces.internal.ParkedPairsResource}.
 */
public interface PeerApi {

  /** The path below a node's base URL, shared with the resource that answers it. */
  String PARKED_TENANTS = "/internal/v1/parked-tenants";

  @GET
  @Path(PARKED_TENANTS)
  @Produces(MediaType.APPLICATION_JSON)
  String parkedTenants(@HeaderParam("Authorization") String authorization);
}
