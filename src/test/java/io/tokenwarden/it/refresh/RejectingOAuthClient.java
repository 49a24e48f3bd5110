package io.tokenwarden.it.refresh;

import io.tokenwarden.infrastructure.freeagent.ClientCredentialsRejectedException;
import io.tokenwarden.infrastructure.freeagent.FreeAgentOAuthClient;
import io.tokenwarden.infrastructure.freeagent.TokenResponse;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Test double for the one failure the emulator cannot play at run time: FreeAgent rejecting Token
 * Warden's client credentials (401 on the token endpoint). While {@link #reject} is off it calls
 * the emulator like the real client (without the fault-tolerance interceptors, which stay on the
 * overridden method). Deployed only with {@link ProviderWideIT}.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class RejectingOAuthClient extends FreeAgentOAuthClient {

  public static volatile boolean reject;

  @Override
  public TokenResponse refresh(String refreshToken) {
    if (reject) {
      throw new ClientCredentialsRejectedException();
    }
    return super.refresh(refreshToken);
  }
}
