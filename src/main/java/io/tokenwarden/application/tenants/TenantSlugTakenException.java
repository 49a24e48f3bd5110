package io.tokenwarden.application.tenants;

/** Another tenant already uses this slug. */
public class TenantSlugTakenException extends RuntimeException {

  public TenantSlugTakenException(String slug) {
    super("The slug '" + slug + "' is already taken by another tenant.");
  }
}
