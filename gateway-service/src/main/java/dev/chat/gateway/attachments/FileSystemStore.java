package dev.chat.gateway.attachments;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Uploads under a directory (the default; every gateway of a host shares it): {@code <dir>/<id>/original}, written
 * to a temporary file and moved into place, so a reader never sees half a file.
 */
final class FileSystemStore implements AttachmentStore {

    /** Keys are the gateway's own: an upload id and a variant. Anything else never reaches the disk. */
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}/(original|thumbnail)");

    private final Path root;

    FileSystemStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "upload", ".part");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "upload", ".part");
        Files.write(partial, bytes);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<Resource> read(String key) {
        Path path = path(key);
        return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl, String contentType, String contentDisposition) {
        return Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = path(key);
        Files.deleteIfExists(path);
        try (var left = Files.list(path.getParent())) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(path.getParent());
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // the upload's directory is gone already
        }
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an attachment key: " + key);
        }
        return root.resolve(key);
    }
}
