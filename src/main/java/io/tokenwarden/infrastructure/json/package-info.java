/** JSON-P plumbing shared by the adapters and use cases: one provider, looked up once. */
package io.tokenwarden.infrastructure.json;
