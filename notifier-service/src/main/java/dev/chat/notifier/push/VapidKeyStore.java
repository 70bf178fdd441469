package dev.chat.notifier.push;

import com.interaso.webpush.VapidKeys;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The VAPID key pair push services know this server by: {@code CHAT_VAPID_PUBLIC_KEY} and
 * {@code CHAT_VAPID_PRIVATE_KEY} when given (production: keep them stable, or every browser must subscribe
 * again); otherwise generated on the first start and kept in the notifier's own collection ({@code notify_vapid},
 * in the data directory's store locally), so every instance and every restart uses the same pair.
 */
final class VapidKeyStore {

    static final String COLLECTION = "notify_vapid";

    private VapidKeyStore() {
    }

    static VapidKeys load(String publicKey, String privateKey, MongoTemplate mongo) {
        if (publicKey != null && !publicKey.isBlank() && privateKey != null && !privateKey.isBlank()) {
            // The format web-push tools print: the public key as an uncompressed point, both base64url.
            return VapidKeys.fromUncompressedBytes(publicKey.trim(), privateKey.trim());
        }
        var collection = mongo.getCollection(COLLECTION);
        Document stored = collection.find(Filters.eq("_id", "vapid")).first();
        if (stored == null) {
            VapidKeys generated = VapidKeys.generate();
            try {
                collection.insertOne(new Document("_id", "vapid").append("publicKey", generated.getX509PublicKey())
                        .append("privateKey", generated.getPkcs8PrivateKey()));
                return generated;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // Another instance generated the pair first: use that one.
                stored = collection.find(Filters.eq("_id", "vapid")).first();
            }
        }
        return VapidKeys.create(stored.getString("publicKey"), stored.getString("privateKey"));
    }
}
