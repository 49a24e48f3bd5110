package io.tokenwarden.domain;

/**
 * Why an onboarding link was issued: a first connection, or a reconnect of a tenant that was
 * connected before (after a lost grant, an expired refresh token or a disconnect). The purpose
 * changes the words on the tenant's page, not the flow.
 */
public enum LinkPurpose {
  CONNECT,
  RECONNECT
}
