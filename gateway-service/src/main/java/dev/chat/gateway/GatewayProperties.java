package dev.chat.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * gateway settings ({@code chat.gateway.*}; environment variables in the README).
 *
 * @param instanceId    this instance's stable identity ({@code CHAT_INSTANCE_ID}); session owners are named after it
 * @param jwtSecret     HS256 secret for tokens (at least 32 bytes); ignored when an issuer or JWKS URI is set
 * @param jwtIssuerUri  OpenID issuer whose keys verify tokens (production)
 * @param jwtJwkSetUri  JWKS endpoint whose keys verify tokens (production, without discovery)
 * @param userIdClaim   the token claim that holds the user id (a string that is a valid user id)
 * @param maxTokenLifetime tokens must expire, at most this long after they were issued
 * @param presenceVisibility whose presence a user sees: {@code contacts} (those who wrote in, or created, a
 *                      conversation they share — consent), {@code members} (everyone sharing a conversation with them)
 *                      or {@code everyone} (anyone may ask for anyone's)
 * @param allowHttpUrls accept {@code http:} as well as {@code https:} in avatar and attachment URLs (development)
 * @param sendTimeout   how long a send or read waits for message-service's answer before 202
 * @param readYourWritesTimeout how long an accepted REST send or read further waits for the read models to
 *                      show it (so the caller's next query does), before answering anyway
 * @param undecidedWindow readiness is out of service this long after a command went undecided, unless an
 *                      outcome arrives sooner
 * @param devTokens     serve {@code POST /dev/token} (local development only)
 * @param signInCodeTtl how long a one-time sign-in code ({@code POST /api/sign-in-codes}) may be exchanged
 * @param sendRatePerSecond sustained sends per user per gateway instance
 * @param sendBurst     sends a user may make at once before the rate applies
 * @param budgets       what a user may do per gateway instance, for each kind of write other than sending
 * @param inFlight      how many commands may wait for message-service's answers at once
 * @param admission     which WebSocket and RSocket connections the gateway takes, and how it lets them go
 * @param realtime      WebSocket / RSocket settings
 * @param notifierUrl   notifier-service's base URL: notification preferences, mutes and unsubscribes are its
 * @param peerUrl       this gateway's address as the other gateways reach it (a Socket.IO polling request for a
 *                      session held here that reaches another gateway is forwarded here); unset: this host's address
 *                      and the server's port
 * @param peerSecret    the key, shared by every gateway, that signs the address in Socket.IO session ids; unset: the
 *                      HS256 token secret (with tokens from an issuer, unset means no forwarding)
 * @param attachments   uploaded files: limits, where they are kept, download links
 * @param allowedOrigins comma-separated origins ({@code https://app.example.com}) whose pages may open sockets,
 *                      besides the gateway's own; unset: any (sockets authenticate by token, not cookie)
 */
@ConfigurationProperties("chat.gateway")
public record GatewayProperties(
        @DefaultValue("local") String instanceId,
        @DefaultValue("local-development-secret-change-me-please-0123456789") String jwtSecret,
        String jwtIssuerUri,
        String jwtJwkSetUri,
        @DefaultValue("sub") String userIdClaim,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @DefaultValue("false") boolean allowHttpUrls,
        @DefaultValue("contacts") PresenceVisibility presenceVisibility,
        @DefaultValue("5s") Duration sendTimeout,
        @DefaultValue("2s") Duration readYourWritesTimeout,
        @DefaultValue("30s") Duration undecidedWindow,
        @DefaultValue("false") boolean devTokens,
        @DefaultValue("2m") Duration signInCodeTtl,
        @DefaultValue("20") double sendRatePerSecond,
        @DefaultValue("40") int sendBurst,
        @DefaultValue Budgets budgets,
        @DefaultValue InFlight inFlight,
        @DefaultValue Admission admission,
        @DefaultValue Realtime realtime,
        @DefaultValue("http://localhost:8084") String notifierUrl,
        String peerUrl,
        String peerSecret,
        String allowedOrigins,
        @DefaultValue Attachments attachments) {

    /** Whose presence a user may see (their own always). */
    public enum PresenceVisibility {
        /**
         * Those who chose to share it with them: who created, or wrote in, a conversation they share. Being put into
         * a group, or written to, is not a choice: an unsolicited group or message shows nothing of its recipient.
         */
        CONTACTS,
        /** Everyone who shares a conversation with them. */
        MEMBERS,
        /** Every user (pushed as for members; anyone may ask for anyone's). */
        EVERYONE
    }

    /**
     * Per-user budgets of writes other than sends, per gateway instance ({@code chat.gateway.budgets.*}). Past
     * one, the request is refused (429, an error frame) with when to try again.
     *
     * @param actionsPerSecond   sustained edits, deletions, reactions, renames and removals
     * @param actionBurst        of those, how many at once before the rate applies
     * @param groupsPerHour      groups a user may create in an hour (all of them at once, then one at a time)
     * @param peopleAddedPerHour people a user may put into groups in an hour, at creation or later
     * @param reportsPerHour     messages a user may report to moderation in an hour
     * @param blocksPerHour      blocks and unblocks a user may make in an hour
     * @param uploadsPerHour     files a user may upload in an hour
     */
    public record Budgets(
            @DefaultValue("5") double actionsPerSecond,
            @DefaultValue("20") int actionBurst,
            @DefaultValue("20") int groupsPerHour,
            @DefaultValue("300") int peopleAddedPerHour,
            @DefaultValue("20") int reportsPerHour,
            @DefaultValue("100") int blocksPerHour,
            @DefaultValue("100") int uploadsPerHour) {
    }

    /**
     * Commands waiting for message-service's answers, per gateway instance ({@code chat.gateway.in-flight.*}). The
     * limit moves between {@code min} and {@code max}: down by 5 % every 100 ms while answers take longer than
     * {@code answerTarget} (smoothed over about a second), halved when one does not come within the send timeout,
     * up by 5 % while answers are within the target and the window is in use (or quick). A command over it, or over
     * {@code perUser}, is refused at once: 503 / {@code messageError} (retryable) with when to try again, instead
     * of waiting in a queue that grows into minutes.
     *
     * @param max          the most commands in flight
     * @param min          the fewest the limit shrinks to
     * @param perUser      the most one user may have in flight
     * @param answerTarget the average answer time the limit keeps under
     */
    public record InFlight(
            @DefaultValue("2000") int max,
            @DefaultValue("20") int min,
            @DefaultValue("100") int perUser,
            @DefaultValue("2s") Duration answerTarget) {
    }

    /**
     * Which connections (WebSocket at {@code /ws}, RSocket) the gateway takes ({@code chat.gateway.admission.*}). Over
     * a limit a WebSocket handshake gets 503 with {@code Retry-After}, an RSocket setup is rejected with the same
     * words; refused clients are told a delay spread at random up to {@code retryAfterMax}.
     *
     * @param handshakesPerSecond sustained new connections a second
     * @param handshakeBurst      new connections at once before that rate applies
     * @param startsInFlight      connections admitted whose session has not yet sent {@code ready}
     * @param maxConnections      connections held at once (each is a file descriptor and memory)
     * @param retryAfterMax       a refused client is told to retry after 1 s up to this, at random
     * @param drainSpread         on shutdown each client is told to reconnect after a delay spread over this
     */
    public record Admission(
            @DefaultValue("3000") double handshakesPerSecond,
            @DefaultValue("1000") int handshakeBurst,
            @DefaultValue("1000") int startsInFlight,
            @DefaultValue("10000") int maxConnections,
            @DefaultValue("5s") Duration retryAfterMax,
            @DefaultValue("5s") Duration drainSpread) {
    }

    /**
     * Uploaded files ({@code chat.gateway.attachments.*}).
     *
     * @param maxBytes      the largest file taken (413 above)
     * @param store         where the bytes are kept: {@code filesystem} (under {@code directory}, every gateway of a
     *                      host sharing it) or {@code s3} (any S3-compatible object store)
     * @param directory     the filesystem store's directory
     * @param linkTtl       how long a signed download link works
     * @param linkSecret    the key, shared by every gateway, that signs download links; unset: the HS256 token secret
     * @param unattachedTtl an upload no message carries this long after it was made is deleted
     * @param sweepInterval how often uploads past {@code unattachedTtl} are looked for
     * @param s3            the S3-compatible store
     */
    public record Attachments(
            @DefaultValue("25MB") DataSize maxBytes,
            @DefaultValue("filesystem") Store store,
            @DefaultValue("data/attachments") Path directory,
            @DefaultValue("5m") Duration linkTtl,
            String linkSecret,
            @DefaultValue("24h") Duration unattachedTtl,
            @DefaultValue("10m") Duration sweepInterval,
            @DefaultValue S3 s3) {

        public enum Store {
            FILESYSTEM,
            S3
        }

        /**
         * An S3-compatible object store ({@code chat.gateway.attachments.s3.*}); credentials unset: the AWS SDK's
         * default chain (environment, profile, instance role).
         *
         * @param endpoint        its URL (unset: AWS S3 of {@code region})
         * @param bucket          the bucket (created at start-up if missing)
         * @param region          its region
         * @param accessKeyId     the access key
         * @param secretAccessKey the secret key
         * @param pathStyle       {@code https://host/bucket/key} addresses (most S3-compatible servers), not
         *                        {@code https://bucket.host/key}
         */
        public record S3(
                String endpoint,
                @DefaultValue("chat-attachments") String bucket,
                @DefaultValue("us-east-1") String region,
                String accessKeyId,
                String secretAccessKey,
                @DefaultValue("true") boolean pathStyle) {
        }
    }

    /**
     * Real-time delivery settings ({@code chat.gateway.realtime.*}).
     *
     * @param heartbeatInterval  how often the gateway tells presence-service which sessions it holds
     * @param typingTtl          a "typing" indication lapses this long after its last refresh
     * @param resumeMaxRecords   a resume that would scan more of the event log than this is told to reload
     * @param resumeConcurrency  resumes scanning the log at once; more wait their turn
     * @param sessionBuffer      frames queued for a slow client before its session is closed
     * @param maxFrameBytes      larger inbound frames are answered with an error frame
     * @param rsocketTcpPort     RSocket over TCP; 0 picks a free port, -1 turns it off
     * @param maxSessionsPerUser sessions one user may hold on one instance; one more is closed with a reason
     * @param autoStartAfter     a socket authenticated at the handshake that sends neither {@code join} nor
     *                           {@code resume} within this long gets its live stream started anyway
     * @param socketIoPingInterval Socket.IO (Engine.IO) sessions are pinged this often
     * @param socketIoPingTimeout  a Socket.IO session whose client does not answer a ping within this is closed
     * @param deliveryReceiptInterval deliveries to live sessions are published at most this often per
     *                           conversation ({@code chat.deliveries.v1}); zero turns delivery receipts off
     */
    public record Realtime(
            @DefaultValue("10s") Duration heartbeatInterval,
            @DefaultValue("6s") Duration typingTtl,
            @DefaultValue("100000") long resumeMaxRecords,
            @DefaultValue("16") int resumeConcurrency,
            @DefaultValue("1024") int sessionBuffer,
            @DefaultValue("65536") int maxFrameBytes,
            @DefaultValue("7000") int rsocketTcpPort,
            @DefaultValue("20") int maxSessionsPerUser,
            @DefaultValue("3s") Duration autoStartAfter,
            @DefaultValue("25s") Duration socketIoPingInterval,
            @DefaultValue("20s") Duration socketIoPingTimeout,
            @DefaultValue("500ms") Duration deliveryReceiptInterval) {
    }
}
