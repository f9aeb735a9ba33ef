package dev.gatehouse.middleware.it.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** {@link dev.gatehouse.middleware.matrix.HostileMatrix}'s app as a Spring Boot app, guarded as the docs show. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({MatrixController.class, EchoWebSocketConfig.class, GatehouseFilterConfig.class})
public class MatrixApplication {
}
