package io.tokenwarden.interfaces.web.admin;

/**
 * Where the tenants page reads provider-wide states from. The refresh engine provides them ({@code
 * application.refresh.ProviderStatusService#current()}); until that is wired in, {@link
 * ProviderStatusNotWired} reports nothing.
 */
public interface ProviderStatusSource {

  ProviderBanner current();
}
