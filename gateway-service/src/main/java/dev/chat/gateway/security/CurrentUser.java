package dev.chat.gateway.security;

import dev.chat.contracts.Ids;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The authenticated user's id, from the configured claim. Never from a request field. */
@Component
public class CurrentUser {

    private final String claim;

    CurrentUser(GatewayProperties properties) {
        this.claim = properties.userIdClaim();
    }

    public Mono<String> id() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication().getPrincipal())
                .cast(Jwt.class)
                .map(jwt -> {
                    String id = jwt.getClaimAsString(claim);
                    if (!Ids.isValidUserId(id)) {
                        throw new ApiException(HttpStatus.UNAUTHORIZED, "token has no valid '" + claim + "' claim");
                    }
                    return id;
                })
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "a valid bearer token is required")));
    }
}
