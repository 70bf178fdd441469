package dev.chat.gateway.security;

import dev.chat.gateway.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/sign-in-codes} (with a token): a one-time code and the client link that carries it,
 * {@code /#code=…}; {@code POST /api/sign-in-codes/redeem {code}} (no token): the token, once.
 */
@RestController
class SignInCodesController {

    static final String SPENT = "this sign-in code is not valid: it was used already, has expired, or never existed";

    record RedeemRequest(String code) {
    }

    private final SignInCodes codes;

    SignInCodesController(SignInCodes codes) {
        this.codes = codes;
    }

    @PostMapping("/api/sign-in-codes")
    Mono<ResponseEntity<Map<String, Object>>> issue() {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> (Jwt) context.getAuthentication().getPrincipal())
                .flatMap(codes::issue)
                .map(issued -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("success", true);
                    body.put("code", issued.code());
                    body.put("link", "/#code=" + issued.code());
                    body.put("expiresAt", issued.expiresAt().toString());
                    return ResponseEntity.status(HttpStatus.CREATED).body(body);
                });
    }

    @PostMapping("/api/sign-in-codes/redeem")
    Mono<Map<String, Object>> redeem(@RequestBody RedeemRequest request) {
        return codes.redeem(request.code())
                .<Map<String, Object>>map(token -> Map.of("success", true, "token", token))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.BAD_REQUEST, SPENT)));
    }
}
