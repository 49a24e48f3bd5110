package io.tokenwarden.domain;

import java.util.regex.Pattern;

/**
 * The URL-safe name of a tenant as it appears in API paths ({@code /api/v1/tenants/{slug}}):
 * lowercase letters, digits and single hyphens, 3 to 63 characters, like a DNS label.
 */
public record TenantSlug(String value) {

  public static final int MAX_LENGTH = 63;
  private static final Pattern FORM = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public TenantSlug {
    String problem = problemWith(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  public static TenantSlug of(String value) {
    return new TenantSlug(value);
  }

  /** Says what is wrong with a proposed slug in words a person can act on, or null if valid. */
  public static String problemWith(String value) {
    if (value == null || value.isEmpty()) {
      return "Slug must not be empty.";
    }
    if (value.length() < 3 || value.length() > MAX_LENGTH) {
      return "Slug must be 3 to " + MAX_LENGTH + " characters long.";
    }
    if (!FORM.matcher(value).matches()) {
      return "Slug may contain only lowercase letters, digits and single hyphens between them"
          + " (for example acme-ltd).";
    }
    return null;
  }

  @Override
  public String toString() {
    return value;
  }
}
