package dev.chat.gateway.attachments;

import dev.chat.gateway.GatewayProperties;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store the settings name, and the key download links are signed with. */
@Configuration(proxyBeanMethods = false)
class AttachmentConfiguration {

    /** Closed with the context when it holds connections (S3). */
    @Bean
    AttachmentStore attachmentStore(GatewayProperties properties) throws IOException {
        GatewayProperties.Attachments settings = properties.attachments();
        return switch (settings.store()) {
            case FILESYSTEM -> new FileSystemStore(settings.directory());
            case S3 -> new S3Store(settings.s3());
        };
    }

    @Bean
    SignedLinks signedLinks(GatewayProperties properties) {
        String secret = properties.attachments().linkSecret();
        return new SignedLinks(secret == null || secret.isBlank() ? properties.jwtSecret() : secret,
                properties.attachments().linkTtl(), Clock.systemUTC());
    }
}
