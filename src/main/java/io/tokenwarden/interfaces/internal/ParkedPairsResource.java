package io.tokenwarden.interfaces.internal;

import io.tokenwarden.application.refresh.NodeSettings;
import io.tokenwarden.application.refresh.ParkedPairs;
import io.tokenwarden.infrastructure.json.Jsonp;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Answers another node of the fleet which tenants this node holds a received pair for that it has
 * not stored yet ({@code GET /internal/v1/parked-tenants}, ADR 0029). A node cut off from the
 * database alone looks dead to the others; this answer keeps those tenants' rows with it, so nobody
 * sends the refresh token FreeAgent has already rotated. Tenant ids only, never a token.
 *
 * <p>Only with {@code Authorization: Bearer <tokenwarden.node.peer-secret>} (compared in constant
 * time): 401 otherwise, 404 when this node has no peer secret (it takes no part). 503 while the
 * journal of earlier runs is unreadable: this node cannot tell yet, so it gives no answer, which
 * the asker treats as no answer at all.
 */
@Path("/v1/parked-tenants")
@RequestScoped
public class ParkedPairsResource {

  private static final Logger LOG = Logger.getLogger(ParkedPairsResource.class.getName());

  @Inject ParkedPairs parked;

  @Inject NodeIdentity node;

  @Inject @ConfigProperties NodeSettings nodeSettings;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response parkedTenants(@HeaderParam("Authorization") String authorization) {
    Optional<String> secret = nodeSettings.peerSecret();
    if (secret.isEmpty()) {
      return Response.status(Response.Status.NOT_FOUND).build();
    }
    if (!matches(authorization, "Bearer " + secret.get())) {
      LOG.warning("A request for this node's parked pairs came without the fleet's peer secret");
      return Response.status(Response.Status.UNAUTHORIZED)
          .header("WWW-Authenticate", "Bearer")
          .build();
    }
    Set<UUID> tenants;
    try {
      tenants = parked.pendingTenants();
    } catch (RuntimeException e) {
      LOG.warning(
          () ->
              "Asked for this node's parked pairs before it could read its journal: "
                  + e.getClass().getSimpleName());
      return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", 5).build();
    }
    JsonArrayBuilder ids = Jsonp.JSON.createArrayBuilder();
    tenants.stream().map(UUID::toString).sorted().forEach(ids::add);
    return Response.ok(
            Jsonp.JSON
                .createObjectBuilder()
                .add("node", node.name())
                .add("tenants", ids)
                .build()
                .toString())
        .build();
  }

  private static boolean matches(String given, String expected) {
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
