package io.tokenwarden.domain;

/** What an API key may do. */
public enum ApiKeyKind {
  /** Tenant administration (/api/v1/tenants…): automation of what the console does. */
  ADMIN,
  /** Access-token hand-out (and refresh-now) for one tenant or for all. */
  TOKEN
}
