package io.tokenwarden.emulator;

import static io.tokenwarden.emulator.EmulatorJsonp.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The emulator's control API for tests and benchmarks: reset, settings (lifetimes, rotation,
 * limits, faults), the clock, counters and memory. Users and grants are in {@link
 * ControlUsersResource}. Guarded by {@link ControlSecretFilter}.
 */
@Path("/control")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ControlResource {

  @Inject EmulatorState state;

  @POST
  @Path("reset")
  public Response reset() {
    state.reset();
    return ControlResponses.ok(JSON.createObjectBuilder().add("status", "reset").build());
  }

  @GET
  @Path("settings")
  public Response settings() {
    return ControlResponses.ok(SettingsJson.toJson(state.sandbox().settings()));
  }

  @PUT
  @Path("settings")
  public Response configure(String body) {
    return ControlResponses.guarded(
        () -> {
          Sandbox sandbox = state.sandbox();
          EmulatorSettings changed =
              SettingsJson.merge(sandbox.settings(), ControlResponses.parse(body));
          sandbox.configure(changed);
          return ControlResponses.ok(SettingsJson.toJson(changed));
        });
  }

  /** Same as PUT, for clients that find POST easier. */
  @POST
  @Path("settings")
  public Response configureByPost(String body) {
    return configure(body);
  }

  @GET
  @Path("clock")
  public Response clock() {
    return ControlResponses.ok(clockJson());
  }

  /**
   * {@code {"freezeAt":"2030-01-01T10:00:30Z"}} stops time there, {@code {"advanceSeconds":n}}
   * moves it forward, {@code {"system":true}} returns to real time.
   */
  @POST
  @Path("clock")
  public Response moveClock(String body) {
    return ControlResponses.guarded(
        () -> {
          JsonObject request = ControlResponses.parse(body);
          SettableClock clock = state.clock();
          if (request.getBoolean("system", false)) {
            clock.useSystemTime();
          }
          if (request.containsKey("freezeAt")) {
            clock.freezeAt(Instant.parse(request.getString("freezeAt")));
          }
          if (request.containsKey("advanceSeconds")) {
            clock.advance(
                Duration.ofMillis(
                    Math.round(request.getJsonNumber("advanceSeconds").doubleValue() * 1000)));
          }
          return ControlResponses.ok(clockJson());
        });
  }

  @GET
  @Path("counters")
  public Response counters() {
    Sandbox sandbox = state.sandbox();
    JsonObjectBuilder users = JSON.createObjectBuilder();
    for (Long userId : sandbox.activeUserIds()) {
      sandbox
          .userCounters(userId)
          .ifPresent(
              values ->
                  users.add(
                      String.valueOf(userId),
                      ControlJson.counters(values, sandbox.liveGrants(userId))));
    }
    return ControlResponses.ok(
        JSON.createObjectBuilder()
            .add("total", ControlJson.counters(sandbox.totalCounters(), sandbox.liveGrants()))
            .add("users", users)
            .build());
  }

  /** Drops expired and spent entries now and reports the sizes of the emulator's maps. */
  @POST
  @Path("sweep")
  public Response sweep() {
    Sandbox sandbox = state.sandbox();
    int dropped = sandbox.sweep();
    return ControlResponses.ok(
        JSON.createObjectBuilder().add("dropped", dropped).add("sizes", sizes(sandbox)).build());
  }

  @GET
  @Path("sizes")
  public Response sizes() {
    return ControlResponses.ok(sizes(state.sandbox()));
  }

  private JsonObject sizes(Sandbox sandbox) {
    JsonObjectBuilder json =
        JSON.createObjectBuilder().add("delayedReplies", state.pendingDelayedReplies());
    for (Map.Entry<String, Integer> size : sandbox.sizes().entrySet()) {
      json.add(size.getKey(), size.getValue());
    }
    return json.build();
  }

  private JsonObject clockJson() {
    return JSON.createObjectBuilder()
        .add("now", state.clock().instant().toString())
        .add("frozen", state.clock().isFrozen())
        .build();
  }
}
