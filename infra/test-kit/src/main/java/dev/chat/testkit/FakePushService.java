package dev.chat.testkit;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service on this machine, as a browser's would be: subscriptions (a P-256 key pair and an auth secret, as
 * the browser keeps them), {@code POST /push/<id>} taking messages — 201, 410 once a subscription is expired, 500
 * while it is failing — and each message's headers and its payload decrypted (RFC 8291, aes128gcm), so a test can
 * read what the device would show.
 */
public final class FakePushService implements AutoCloseable {

    /** One message as received: its headers (lower-case names) and the decrypted payload. */
    public record Push(String subscription, Map<String, String> headers, int bodyBytes, String payload) {
    }

    /** What a browser keeps of its subscription: the public parts go to the server. */
    public record Subscription(String id, String endpoint, String p256dh, String auth, KeyPair keys, byte[] authSecret) {
    }

    private final HttpServer server;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> expired = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private final List<Push> received = new CopyOnWriteArrayList<>();

    public FakePushService() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/push/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            Subscription subscription = subscriptions.get(id);
            if (subscription == null || expired.containsKey(id)) {
                exchange.sendResponseHeaders(subscription == null ? 404 : 410, -1);
                exchange.close();
                return;
            }
            if (failing.containsKey(id)) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String payload;
            try {
                payload = decrypt(subscription, body);
            } catch (Exception e) {
                payload = "UNDECRYPTABLE: " + e;
            }
            received.add(new Push(id, headers, body.length, payload));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Subscription subscribe() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        String id = Long.toHexString(new SecureRandom().nextLong());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Subscription subscription = new Subscription(id, origin() + "/push/" + id,
                b64.encodeToString(uncompressed((ECPublicKey) keys.getPublic())), b64.encodeToString(auth), keys, auth);
        subscriptions.put(id, subscription);
        return subscription;
    }

    public void expire(Subscription subscription) {
        expired.put(subscription.id(), true);
    }

    /** Answers this subscription's messages with 500 from now on, as a push service in trouble would. */
    public void fail(Subscription subscription) {
        failing.put(subscription.id(), true);
    }

    public List<Push> to(Subscription subscription) {
        return received.stream().filter(p -> p.subscription().equals(subscription.id())).toList();
    }

    /** RFC 8291 / RFC 8188: one aes128gcm record, keys from ECDH with the sender's key and the auth secret. */
    static String decrypt(Subscription subscription, byte[] body) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        in.getInt(); // record size
        byte[] senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);

        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(subscription.keys().getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        byte[] ecdhSecret = agreement.generateSecret();
        byte[] receiverKey = uncompressed((ECPublicKey) subscription.keys().getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverKey, senderKey);
        byte[] ikm = hkdf(subscription.authSecret(), ecdhSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new IllegalStateException("not a last record (delimiter " + (end < 0 ? "none" : padded[end]) + ")");
        }
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    public static byte[] uncompressed(ECPublicKey key) {
        byte[] x = unsigned(key.getW().getAffineX());
        byte[] y = unsigned(key.getW().getAffineY());
        return concat(new byte[] {4}, x, y);
    }

    public static ECPublicKey publicKey(byte[] point) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(length);
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
