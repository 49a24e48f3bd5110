package io.tokenwarden.interfaces.web.admin;

import java.util.UUID;

/**
 * The tenant page's "Refresh now": a manual refresh through the refresh engine ({@code
 * RefreshService#refreshNow(tenantId, RefreshTrigger.MANUAL)}). {@link RefreshNowNotWired} stands
 * in until that engine is merged.
 */
public interface RefreshNowAction {

  /** Whether the refresh engine is present; the page hides the button otherwise. */
  boolean available();

  RefreshNowResult refreshNow(UUID tenantId);
}
