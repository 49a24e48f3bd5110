package io.tokenwarden.infrastructure.crypto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys Token Warden knows, by id, and the primary one new values are written with.
 * Older keys stay so values written under them still decrypt: keys rotate without downtime by
 * adding a new primary, re-encrypting in the background, and only then removing the old key.
 */
public final class KeyRing {

  private final Map<String, SecretKey> keys;
  private final String primaryId;

  public KeyRing(Map<String, SecretKey> keys, String primaryId) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("At least one encryption key is required");
    }
    if (!keys.containsKey(primaryId)) {
      throw new IllegalArgumentException("Primary key id '" + primaryId + "' is not configured");
    }
    this.keys = Map.copyOf(keys);
    this.primaryId = primaryId;
  }

  /**
   * Parses {@code id:base64key,id2:base64key} (each key 32 bytes, standard Base64). The primary is
   * {@code primaryId}, or the first listed when that is blank. Error messages name key ids, never
   * key material.
   */
  public static KeyRing parse(String spec, String primaryId) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (String entry : Objects.requireNonNull(spec, "spec").split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("Each key must be written id:base64key");
      }
      String id = trimmed.substring(0, colon);
      if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
        throw new IllegalArgumentException("Key id must be 1-32 letters, digits, '_' or '-'");
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Key '" + id + "' is not valid Base64");
      }
      if (material.length != 32) {
        throw new IllegalArgumentException("Key '" + id + "' must be 32 bytes (AES-256)");
      }
      if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
        throw new IllegalArgumentException("Key id '" + id + "' is listed twice");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("No encryption key configured");
    }
    String primary =
        primaryId == null || primaryId.isBlank() ? keys.keySet().iterator().next() : primaryId;
    return new KeyRing(keys, primary);
  }

  /** The configured key ids, the primary first. */
  List<String> ids() {
    List<String> ids = new ArrayList<>();
    ids.add(primaryId);
    keys.keySet().stream().filter(id -> !id.equals(primaryId)).sorted().forEach(ids::add);
    return List.copyOf(ids);
  }

  String primaryId() {
    return primaryId;
  }

  SecretKey primary() {
    return keys.get(primaryId);
  }

  SecretKey byId(String id) {
    return keys.get(id);
  }
}
