package io.tokenwarden.interfaces.web.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Stand-in until the refresh engine's RefreshService is merged: the action is unavailable. Replace
 * with an implementation calling {@code RefreshService#refreshNow(tenantId, RefreshTrigger.MANUAL)}
 * and mapping its {@code RefreshResult}.
 */
@ApplicationScoped
public class RefreshNowNotWired implements RefreshNowAction {

  @Override
  public boolean available() {
    return false;
  }

  @Override
  public RefreshNowResult refreshNow(UUID tenantId) {
    throw new IllegalStateException("Refreshing on request is not available in this build.");
  }
}
