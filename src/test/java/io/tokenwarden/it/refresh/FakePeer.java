package io.tokenwarden.it.refresh;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a node cut off from the database, as the other nodes reach it over HTTP: at {@code
 * /fake-peer/internal/v1/parked-tenants} it answers, as {@code ParkedPairsResource} does, the
 * tenants in {@link #holds}, only to the fleet's secret; while {@link #answering} is off it answers
 * 503 (a node that cannot answer). Deployed only with {@link PeersParkedPairsIT}.
 */
@ApplicationPath("/fake-peer")
public class FakePeer extends Application {

  public static volatile Set<UUID> holds = Set.of();

  public static volatile boolean answering = true;

  /** Requests that carried the fleet's secret. */
  public static final AtomicInteger asked = new AtomicInteger();

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(Resource.class);
  }

  /** The one resource. */
  @Path("/internal/v1/parked-tenants")
  public static class Resource {

    @GET
    public Response parkedTenants(@HeaderParam("Authorization") String authorization) {
      if (!("Bearer " + PeerSecretConfigSource.SECRET).equals(authorization)) {
        return Response.status(401).build();
      }
      asked.incrementAndGet();
      if (!answering) {
        return Response.status(503).build();
      }
      JsonArrayBuilder ids = Json.createArrayBuilder();
      holds.forEach(id -> ids.add(id.toString()));
      return Response.ok(
              Json.createObjectBuilder()
                  .add("node", "ghost")
                  .add("tenants", ids)
                  .build()
                  .toString(),
              "application/json")
          .build();
    }
  }
}
