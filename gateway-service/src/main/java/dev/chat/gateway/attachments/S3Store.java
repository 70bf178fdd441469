package dev.chat.gateway.attachments;

import dev.chat.gateway.GatewayProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Uploads in an S3-compatible object store (AWS SDK v2): put as objects under their keys, downloaded straight from
 * the store through presigned GET links that carry the content type and disposition the gateway chose. The bucket
 * is created at start-up if it does not exist.
 */
final class S3Store implements AttachmentStore, AutoCloseable {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    S3Store(GatewayProperties.Attachments.S3 settings) {
        AwsCredentialsProvider credentials = settings.accessKeyId() == null || settings.accessKeyId().isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                        settings.secretAccessKey()));
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
        var client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        var links = S3Presigner.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            client.endpointOverride(URI.create(settings.endpoint()));
            links.endpointOverride(URI.create(settings.endpoint()));
        }
        this.s3 = client.build();
        this.presigner = links.build();
        this.bucket = settings.bucket();
        ensureBucket();
    }

    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public Optional<Resource> read(String key) {
        return Optional.empty();
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl, String contentType, String contentDisposition) {
        var presigned = presigner.presignGetObject(request -> request.signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentType(contentType)
                        .responseContentDisposition(contentDisposition)));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
