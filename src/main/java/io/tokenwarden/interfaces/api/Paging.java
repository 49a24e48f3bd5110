package io.tokenwarden.interfaces.api;

/**
 * The {@code offset} and {@code limit} query parameters of the paged webhook lists: whole numbers
 * in range, else a 400 problem naming the parameter ({@link QueryParams#number}).
 */
final class Paging {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private Paging() {}

  static int offset(String value) {
    return QueryParams.number("offset", value, 0, 0, Integer.MAX_VALUE);
  }

  static int limit(String value) {
    return QueryParams.number("limit", value, DEFAULT_LIMIT, 1, MAX_LIMIT);
  }
}
