package io.tokenwarden.domain;

/**
 * What a console user may do. The names are also the Jakarta Security groups and the web.xml roles,
 * so the container's checks and the beans' checks speak the same words.
 */
public enum AdminRole {
  /** Sees everything and may change everything, including other console users. */
  ADMIN,
  /** Sees everything and changes nothing. */
  VIEWER;

  /** Whether this role may change tenants, links, keys or users. */
  public boolean mayChange() {
    return this == ADMIN;
  }

  /** The role for a (possibly forged) form value, or null when it names no role. */
  public static AdminRole parse(String value) {
    if (value == null) {
      return null;
    }
    for (AdminRole role : values()) {
      if (role.name().equalsIgnoreCase(value.strip())) {
        return role;
      }
    }
    return null;
  }
}
