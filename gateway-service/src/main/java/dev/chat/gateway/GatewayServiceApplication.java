package dev.chat.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The front door: the REST API, the sockets (JSON over WebSocket, RSocket, Socket.IO) and the web client. */
@SpringBootApplication
@org.springframework.boot.context.properties.ConfigurationPropertiesScan
public class GatewayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayServiceApplication.class, args);
    }
}
