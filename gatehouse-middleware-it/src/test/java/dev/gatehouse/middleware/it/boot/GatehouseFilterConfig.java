package dev.gatehouse.middleware.it.boot;

import dev.gatehouse.middleware.GatehouseGuard;
import dev.gatehouse.middleware.GatehouseServletFilter;
import dev.gatehouse.middleware.matrix.HostileMatrix;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.net.URI;

/** The guard, and the filter registration the docs show for Spring Boot (the bean below, as is). */
@Configuration(proxyBeanMethods = false)
class GatehouseFilterConfig {
    @Bean
    GatehouseGuard gatehouseGuard(@Value("${gatehouse.issuer}") String issuer, @Value("${gatehouse.jwks}") URI jwks) {
        return GatehouseGuard.builder(issuer, jwks).rules(HostileMatrix.RULES).loginUrl(HostileMatrix.LOGIN_URL).build();
    }

    @Bean
    FilterRegistrationBean<GatehouseServletFilter> gatehouseFilter(GatehouseGuard guard) {
        FilterRegistrationBean<GatehouseServletFilter> registration = new FilterRegistrationBean<>(new GatehouseServletFilter(guard));
        registration.setName("gatehouse");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // Right after Boot's CharacterEncodingFilter (HIGHEST_PRECEDENCE), which only sets the request charset, so the
        // guard reads _method from a form as the app will; ahead of every other filter: the hidden-method filter
        // (-10000), Spring Security (-100), and Tomcat's WebSocket filter, which Tomcat maps after all of Boot's.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
