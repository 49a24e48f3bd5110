/**
 * Application layer: keeping connections fresh. Holds the refresh timing configuration shared by
 * connecting (the first {@code next_refresh_at}) and the refresh scheduler.
 */
package io.tokenwarden.application.refresh;
