/**
 * The REST API under {@code /api}: tenant administration for automation (ADMIN keys) and the
 * access-token hand-out for the SaaS's services (TOKEN keys). Every error is {@code
 * application/problem+json} (RFC 9457).
 */
package io.tokenwarden.interfaces.api;
