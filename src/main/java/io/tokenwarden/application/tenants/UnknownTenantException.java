package io.tokenwarden.application.tenants;

/** No tenant with this slug or id exists. */
public class UnknownTenantException extends RuntimeException {

  public UnknownTenantException(String slugOrId) {
    super("No tenant '" + slugOrId + "' exists.");
  }
}
