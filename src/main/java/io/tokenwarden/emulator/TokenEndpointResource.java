package io.tokenwarden.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /emulator/v2/token_endpoint}. Configured faults are decided first, from the user the
 * presented code or refresh token belongs to (looked at, not used). A fault answers before the
 * grant is touched, except the kinds that rotate first ({@link FaultKind#rotatesFirst()}): their
 * answer is the real one, spoiled or lost afterwards.
 */
@Path("/v2/token_endpoint")
@ApplicationScoped
public class TokenEndpointResource {

  private final FaultReplies faultReplies = new FaultReplies();

  @Inject EmulatorState state;

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public void token(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form,
      @Suspended AsyncResponse async) {
    Sandbox sandbox = state.sandbox();
    EmulatorSettings settings = sandbox.settings();
    Map<String, List<String>> parameters = new LinkedHashMap<>(form);
    Long userId = targetUser(sandbox, parameters);
    FaultDecision fault =
        FaultDecision.evaluate(
            settings.faults(), FaultScope.TOKEN_ENDPOINT, userId, settings.maxHangMillis());
    if (fault != FaultDecision.NONE) {
      sandbox.count(userId, Counter.FAULTS_INJECTED);
    }
    state.reply(
        async,
        fault.delayMillis(),
        () -> {
          FaultKind kind = fault.responseFault();
          Supplier<HttpReply> real =
              () -> new TokenEndpoint(sandbox).handle(authorization, parameters);
          return kind == null ? real.get() : faultReplies.forTokenEndpoint(kind, settings, real);
        });
  }

  private static Long targetUser(Sandbox sandbox, Map<String, List<String>> form) {
    Long byRefresh = sandbox.userOfRefreshToken(first(form, "refresh_token"));
    return byRefresh != null ? byRefresh : sandbox.userOfCode(first(form, "code"));
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
