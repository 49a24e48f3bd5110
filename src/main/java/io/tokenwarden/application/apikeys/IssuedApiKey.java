package io.tokenwarden.application.apikeys;

import io.tokenwarden.domain.ApiClient;

/**
 * A key just created: the only moment its plain value exists outside the caller. Show it once; only
 * its hash is stored.
 */
public record IssuedApiKey(ApiClient client, String plainKey) {

  @Override
  public String toString() {
    return "IssuedApiKey[" + client.name() + ", prefix " + client.keyPrefix() + "]";
  }
}
