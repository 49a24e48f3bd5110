package io.tokenwarden.interfaces.web.admin;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a console action that changes something. The page hides such actions from VIEWERs, and
 * {@link AdminOnlyInterceptor} refuses them on the server too, so a forged POST cannot run one.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AdminOnly {}
