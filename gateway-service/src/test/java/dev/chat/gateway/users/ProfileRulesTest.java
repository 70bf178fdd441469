package dev.chat.gateway.users;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.servicekit.readmodels.ReadModels;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** A user's own profile over REST: partial changes keep the rest, usernames are unique, avatars are https. */
@SharedGatewayContext
class ProfileRulesTest {

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @Autowired
    private ReactiveMongoTemplate mongo;

    @Test
    void aPartialProfileUpdateKeepsTheFieldsLeftOutOverPutAndPatch() {
        String user = unique("pat");
        clients.profile(HttpMethod.PUT, user, "{\"username\":\"" + user + "-name\",\"fullName\":\"Pat Doe\","
                + "\"avatarUrl\":\"https://cdn.example/p.png\"}").expectStatus().isOk();

        clients.profile(HttpMethod.PUT, user, "{\"username\":\"" + user + "-new\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.user.username").isEqualTo(user + "-new")
                .jsonPath("$.user.profile.fullName").isEqualTo("Pat Doe")
                .jsonPath("$.user.profile.profilePicture").isEqualTo("https://cdn.example/p.png");
        clients.profile(HttpMethod.PATCH, user, "{\"fullName\":\"Patricia Doe\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.user.username").isEqualTo(user + "-new")
                .jsonPath("$.user.profile.fullName").isEqualTo("Patricia Doe")
                .jsonPath("$.user.profile.profilePicture").isEqualTo("https://cdn.example/p.png");
        // An empty string clears a field.
        clients.profile(HttpMethod.PATCH, user, "{\"avatarUrl\":\"\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.user.profile.fullName").isEqualTo("Patricia Doe")
                .jsonPath("$.user.profile.profilePicture").doesNotExist();
    }

    @Test
    void aUsernameIsUniqueRegardlessOfCaseAndTheFirstToClaimItKeepsIt() {
        String alice = unique("alice");
        String mallory = unique("mallory");
        String name = unique("Star");
        clients.profile(HttpMethod.PUT, alice, "{\"username\":\"" + name + "\",\"fullName\":\"Alice\"}").expectStatus().isOk();

        clients.profile(HttpMethod.PUT, mallory, "{\"username\":\"" + name.toLowerCase() + "\",\"fullName\":\"Alice\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("taken"));
        // The holder keeps it through other changes; once she lets it go, it is free.
        clients.profile(HttpMethod.PATCH, alice, "{\"fullName\":\"Alice A.\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.user.username").isEqualTo(name);
        clients.profile(HttpMethod.PATCH, alice, "{\"username\":\"" + name + "-2\"}").expectStatus().isOk();
        clients.profile(HttpMethod.PUT, mallory, "{\"username\":\"" + name.toUpperCase() + "\"}").expectStatus().isOk();
    }

    @Test
    void aUsernameHeldByAProfileFromBeforeAccountsCannotBeTakenAndItsOwnerKeepsUsingIt() {
        String owner = unique("seeded");
        String name = unique("Seeded");
        // Published straight onto chat.users.v1 (like the local platform's demo users): no account.
        mongo.insert(new Document("_id", owner).append("username", name).append("fullName", "Seeded User"),
                ReadModels.PROFILES).block();

        clients.profile(HttpMethod.PATCH, unique("mallory"), "{\"username\":\"" + name.toUpperCase() + "\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        clients.profile(HttpMethod.PATCH, owner, "{\"fullName\":\"Seeded U.\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.user.username").isEqualTo(name)
                .jsonPath("$.user.profile.fullName").isEqualTo("Seeded U.");
    }

    /** The original app's users have Mongo ObjectIds as ids: an id of that shape must not be taken for one. */
    @Test
    void aUserWhoseIdLooksLikeAnObjectIdKeepsTheirProfile() {
        String owner = new org.bson.types.ObjectId().toHexString();
        String name = unique("Legacy");
        mongo.insert(new Document("_id", owner).append("username", name).append("fullName", "Legacy User"),
                ReadModels.PROFILES).block();

        clients.profile(HttpMethod.PATCH, owner, "{\"fullName\":\"Legacy U.\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.user.username").isEqualTo(name)
                .jsonPath("$.user.profile.fullName").isEqualTo("Legacy U.");
        clients.profile(HttpMethod.PATCH, unique("mallory"), "{\"username\":\"" + name + "\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void avatarUrlsMustBeHttps() {
        String user = unique("url");
        for (String url : List.of("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
                "file:///etc/passwd", "http://cdn.example/a.png")) {
            clients.profile(HttpMethod.PATCH, user, "{\"avatarUrl\":\"" + url + "\"}")
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").isEqualTo("avatarUrl must be an absolute https URL");
        }
        clients.profile(HttpMethod.PATCH, user, "{\"avatarUrl\":\"https://cdn.example/a.png\"}").expectStatus().isOk();
    }
}
