/**
 * The operator console's web adapter: Jakarta Security form sign-in against console users in the
 * database, the Faces backing beans of the console pages (/admin/…), and small presentation helpers
 * (relative times, status words and icons). Beans only translate between pages and the application
 * layer; every state-changing action is also refused on the server for VIEWERs (see {@link
 * io.tokenwarden.interfaces.web.admin.AdminOnly}), whatever the browser sends.
 */
package io.tokenwarden.interfaces.web.admin;
