/**
 * Our end of FreeAgent: MicroProfile Rest Client interfaces for the token endpoint and the API, the
 * translation of provider answers into named exceptions, defensive parsing of token responses, and
 * MicroProfile Fault Tolerance at that boundary. Base URLs and credentials come from {@link
 * io.tokenwarden.infrastructure.freeagent.FreeAgentSettings}.
 */
package io.tokenwarden.infrastructure.freeagent;
