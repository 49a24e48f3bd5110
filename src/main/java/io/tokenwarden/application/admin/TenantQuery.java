package io.tokenwarden.application.admin;

import io.tokenwarden.domain.ConnectionStatus;
import java.util.Locale;

/**
 * What the operator asked the tenants table for: text to look for in slug, name and company (case
 * does not matter), an optional status, and the order.
 */
public record TenantQuery(
    String text, ConnectionStatus status, TenantSort sort, boolean ascending) {

  public TenantQuery {
    text = text == null || text.isBlank() ? null : text.strip();
    sort = sort == null ? TenantSort.SLUG : sort;
  }

  public static TenantQuery all() {
    return new TenantQuery(null, null, TenantSort.SLUG, true);
  }

  /** The text as a LIKE pattern with the wildcards of the input escaped (escape character '!'). */
  String likePattern() {
    String lower = text.toLowerCase(Locale.ROOT);
    String escaped = lower.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + escaped + "%";
  }
}
