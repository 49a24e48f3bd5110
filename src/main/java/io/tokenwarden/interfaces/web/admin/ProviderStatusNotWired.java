package io.tokenwarden.interfaces.web.admin;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stand-in until the refresh engine's ProviderStatusService is merged: no banner. Replace with an
 * implementation that maps {@code ProviderStatusService#current()} onto {@link ProviderBanner}.
 */
@ApplicationScoped
public class ProviderStatusNotWired implements ProviderStatusSource {

  @Override
  public ProviderBanner current() {
    return ProviderBanner.NONE;
  }
}
