/**
 * Use cases of the operator console: who may sign in (console users, PBKDF2 passwords, the first
 * administrator from configuration), the login throttle, and the read models the console shows (the
 * tenants table with its per-status counts, one tenant's facts and audit trail). Everything here
 * runs in the root (cross-tenant) context except a single tenant's audit trail, which is read in
 * that tenant's own context.
 */
package io.tokenwarden.application.admin;
