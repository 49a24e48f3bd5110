package io.tokenwarden.emulator;

/** A FreeAgent company in the sandbox: what {@code GET /v2/company} describes. */
public record SandboxCompany(long id, String name, String subdomain, String type, String currency) {

  public SandboxCompany {
    if (name == null || name.isBlank() || subdomain == null || subdomain.isBlank()) {
      throw new IllegalArgumentException("a company needs a name and a subdomain");
    }
    type = type == null ? "UkLimitedCompany" : type;
    currency = currency == null ? "GBP" : currency;
  }
}
