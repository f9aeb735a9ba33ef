package dev.gatehouse.middleware.it.boot;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.ServletWebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.io.IOException;

/**
 * Spring's own WebSocket support: the handshake is a request the DispatcherServlet hands to a
 * WebSocketHttpRequestHandler, so it has passed every servlet filter first.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EchoWebSocketConfig implements WebSocketConfigurer {
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Echo(), "/admin/ws", "/public/ws");
        // Ahead of the /admin/** controller: Spring MVC's request mappings are asked first (order 0) and the WebSocket ones after (1).
        ((ServletWebSocketHandlerRegistry) registry).setOrder(-1);
    }

    private static final class Echo extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
            session.sendMessage(message);
        }
    }
}
