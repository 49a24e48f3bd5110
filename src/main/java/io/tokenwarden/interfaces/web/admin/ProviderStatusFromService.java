package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.refresh.ProviderStatus;
import io.tokenwarden.application.refresh.ProviderStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The tenants page's banner, read from the refresh engine's provider-wide state. */
@ApplicationScoped
public class ProviderStatusFromService implements ProviderStatusSource {

  @Inject ProviderStatusService status;

  @Override
  public ProviderBanner current() {
    ProviderStatus s = status.current();
    return new ProviderBanner(
        s.circuitOpen(),
        s.throttlePausedUntil(),
        s.admittedPerTick(),
        s.credentialsRejectedAt(),
        s.alarmMessage());
  }
}
