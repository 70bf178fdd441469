package dev.chat.projection.profiles;

import com.mongodb.client.model.ReplaceOptions;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.contracts.UrlPolicy;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.projection.ProjectionServiceProperties;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.UserProfileView;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code user_profiles} equal to the latest record per key of the compacted chat.users.v1. A record
 * keyed by another user than it names, or breaking the profile rules, is dead-lettered, not stored.
 */
@Component
class ProfileListener {

    static final String ID = "projection-profiles";

    private final MongoTemplate mongo;
    private final UrlPolicy urls;

    ProfileListener(MongoTemplate mongo, ProjectionServiceProperties properties) {
        this.mongo = mongo;
        this.urls = new UrlPolicy(properties.allowHttpUrls());
    }

    // Profiles change rarely: plain long polling, not the short batch waits of the event listener.
    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).USERS.name()}",
            properties = {"fetch.min.bytes=1", "fetch.max.wait.ms=500"})
    void onProfile(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A tombstone: the user is gone.
            mongo.execute(ReadModels.PROFILES, c -> c.deleteOne(new Document("_id", record.key())));
            return;
        }
        UserProfileUpdated profile = CloudEventCodec.decode(record, UserProfileUpdated.class).data();
        // Whoever wrote the record, it must be the key's own profile and within the rules the gateway applies.
        if (!profile.userId().equals(record.key())) {
            throw new UndecodableRecordException("record key " + record.key() + " is not the profile's userId");
        }
        profile.problem(urls).ifPresent(problem -> {
            throw new UndecodableRecordException("profile refused: " + problem);
        });
        Document doc = UserProfileView.of(profile).document();
        mongo.execute(ReadModels.PROFILES, c -> c.replaceOne(new Document("_id", profile.userId()), doc,
                new ReplaceOptions().upsert(true)));
    }
}
