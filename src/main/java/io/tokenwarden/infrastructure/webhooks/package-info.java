/** The outbound side of webhooks: the HTTP call to a receiver (MicroProfile Rest Client). */
package io.tokenwarden.infrastructure.webhooks;
