/**
 * Application layer: handing a valid access token to the SaaS's services. A fresh token comes from
 * a per-node cache without the database or the provider; a token below the minimum validity is
 * refreshed on demand through the same lease as every other refresh.
 */
package io.tokenwarden.application.handout;
