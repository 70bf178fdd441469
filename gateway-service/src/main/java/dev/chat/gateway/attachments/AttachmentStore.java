package dev.chat.gateway.attachments;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Where uploaded bytes are kept, by key ({@code <upload id>/original}, {@code <upload id>/thumbnail}): the local
 * filesystem ({@link FileSystemStore}) or an S3-compatible object store ({@link S3Store}). Blocking: callers run it
 * off the event loop.
 */
interface AttachmentStore {

    void put(String key, Path file, String contentType) throws IOException;

    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The bytes for the gateway to serve through its own signed link; empty if the store has none by that key. */
    Optional<Resource> read(String key) throws IOException;

    /**
     * A link the store serves itself for {@code ttl} (an S3 presigned GET, with the content type and disposition
     * the gateway chose); empty when the gateway serves the bytes ({@link #read}).
     */
    Optional<URI> presignedGet(String key, Duration ttl, String contentType, String contentDisposition);

    /** Removes the key; nothing if it is not there. */
    void delete(String key) throws IOException;
}
