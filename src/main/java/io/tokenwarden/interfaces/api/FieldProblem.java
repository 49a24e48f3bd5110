package io.tokenwarden.interfaces.api;

/**
 * A 400 validation problem naming the offending field (member {@code field} in the problem+json,
 * rendered by {@link FieldProblemMapper}), so automation can tell exactly what to fix. The detail
 * never echoes a secret.
 */
final class FieldProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;

  private FieldProblem(String field, String detail) {
    super(detail, null, false, false);
    this.field = field;
  }

  /**
   * @param field the JSON member or query parameter at fault, or null for the body as a whole
   */
  static FieldProblem of(String field, String detail) {
    return new FieldProblem(field, detail);
  }

  String field() {
    return field;
  }
}
