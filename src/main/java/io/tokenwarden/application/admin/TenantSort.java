package io.tokenwarden.application.admin;

/**
 * The columns the tenants table may be sorted by, each with the JPQL path it sorts on. Sorting by a
 * whitelist keeps user input out of the query text.
 */
public enum TenantSort {
  SLUG("slug", "t.slug"),
  DISPLAY_NAME("displayName", "t.displayName"),
  COMPANY("companyName", "c.companyName"),
  STATUS("status", "c.status"),
  ACCESS_EXPIRES("accessExpiresAt", "c.accessExpiresAt"),
  REFRESH_EXPIRES("refreshExpiresAt", "c.refreshExpiresAt"),
  LAST_REFRESH("lastSuccessAt", "c.lastSuccessAt"),
  NEXT_REFRESH("nextRefreshAt", "c.nextRefreshAt"),
  FAILURES("consecutiveFailures", "c.consecutiveFailures"),
  THROTTLED_UNTIL("throttledUntil", "c.throttledUntil");

  private final String property;
  private final String path;

  TenantSort(String property, String path) {
    this.property = property;
    this.path = path;
  }

  /** The sort for a {@link TenantRow} property name, or SLUG for anything unknown. */
  public static TenantSort forProperty(String property) {
    for (TenantSort sort : values()) {
      if (sort.property.equals(property)) {
        return sort;
      }
    }
    return SLUG;
  }

  String path() {
    return path;
  }
}
