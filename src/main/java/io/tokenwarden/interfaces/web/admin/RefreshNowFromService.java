package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.domain.RefreshTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The tenant page's "Refresh now", delegated to the refresh engine as a MANUAL trigger; it uses the
 * same lease and rotation-safe protocol as the scheduler.
 */
@ApplicationScoped
public class RefreshNowFromService implements RefreshNowAction {

  @Inject RefreshService refresh;

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public RefreshNowResult refreshNow(UUID tenantId) {
    RefreshResult result = refresh.refreshNow(tenantId, RefreshTrigger.MANUAL);
    return new RefreshNowResult(result.status(), result.refreshed(), result.message());
  }
}
