package dev.chat.gateway.attachments;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * What an uploaded file is, decided from its bytes and never from what the client says: its content type (Apache
 * Tika's magic-byte detection; the file name only narrows a type the bytes already showed, as a zip that is a
 * .docx), whether it is one of the {@link #ACCEPTED} types, an image's width and height, a thumbnail for images
 * the JDK reads (PNG, JPEG, GIF), and the SHA-256 of its content.
 */
final class FileInspector {

    /** A thumbnail's longer edge, in pixels. */
    static final int THUMBNAIL_EDGE = 320;
    /** Larger images are kept but get no thumbnail: decoding them would take too much memory. */
    static final long MAX_THUMBNAIL_SOURCE_PIXELS = 40_000_000L;

    /** What may be uploaded: images, PDF, plain text, common office documents and archives. */
    static final Set<String> ACCEPTED = Set.of(
            "image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf", "text/plain",
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
            "application/zip", "application/gzip", "application/x-7z-compressed", "application/x-tar");

    /** Images whose thumbnails the JDK makes; others (WebP) show an icon. */
    private static final Set<String> THUMBNAILED = Set.of("image/png", "image/jpeg", "image/gif");
    private static final Tika TIKA = new Tika();
    private static final MediaTypeRegistry TYPES = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

    private FileInspector() {
    }

    /** What the bytes are; a refusal says what was found. */
    record Inspection(String contentType, Integer width, Integer height, String sha256, Thumbnail thumbnail) {

        boolean isImage() {
            return contentType.startsWith("image/");
        }
    }

    record Thumbnail(byte[] bytes, String contentType) {
    }

    /** The file is not one of the accepted types. */
    static final class RefusedType extends Exception {
        RefusedType(String message) {
            super(message);
        }
    }

    static Inspection inspect(Path file, String name) throws IOException, RefusedType {
        String type = contentType(file, name);
        if (!ACCEPTED.contains(type)) {
            throw new RefusedType("files of type " + type + " are not accepted (images, PDF, text, office documents "
                    + "and archives are)");
        }
        Integer width = null;
        Integer height = null;
        Thumbnail thumbnail = null;
        if (THUMBNAILED.contains(type)) {
            Optional<int[]> size = dimensions(file);
            if (size.isEmpty()) {
                throw new RefusedType("the file starts like " + type + " but is not a readable image");
            }
            width = size.get()[0];
            height = size.get()[1];
            if ((long) width * height <= MAX_THUMBNAIL_SOURCE_PIXELS) {
                thumbnail = thumbnail(file);
            }
        }
        return new Inspection(type, width, height, sha256(file), thumbnail);
    }

    /**
     * The bytes decide; the name may only narrow a container they showed (a zip that is an OOXML document, an OLE2
     * file that is a .doc), never name a type the bytes did not (random bytes called .pdf stay unknown).
     */
    static String contentType(Path file, String name) throws IOException {
        MediaType fromBytes;
        try (InputStream in = Files.newInputStream(file)) {
            fromBytes = MediaType.parse(TIKA.detect(in)).getBaseType();
        }
        MediaType type = fromBytes;
        if (CONTAINERS.contains(fromBytes.toString()) && name != null && !name.isBlank()) {
            MediaType withName;
            try (InputStream in = Files.newInputStream(file)) {
                withName = MediaType.parse(TIKA.detect(in, name)).getBaseType();
            }
            if (TYPES.isSpecializationOf(withName, fromBytes)) {
                type = withName;
            }
        }
        // An OOXML package the name did not narrow is still a zip.
        return type.toString().equals("application/x-tika-ooxml") ? "application/zip" : type.toString();
    }

    /** Types whose bytes say "a container": what it holds may be named by the file's extension. */
    private static final Set<String> CONTAINERS = Set.of("application/zip", "application/x-tika-ooxml",
            "application/x-tika-msoffice");

    /**
     * The name as it will be saved: with the extension of what the bytes are when it has another one (a picture
     * called {@code holiday.exe} is kept as {@code holiday.exe.png}), so no system opens it as something else.
     */
    static String withExtensionOf(String name, String contentType) {
        org.apache.tika.mime.MimeType type;
        try {
            type = MimeTypes.getDefaultMimeTypes().forName(contentType);
        } catch (org.apache.tika.mime.MimeTypeException unknown) {
            return name;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean fits = type.getExtension().isEmpty() || type.getExtensions().stream().anyMatch(lower::endsWith);
        return fits ? name : name + type.getExtension();
    }

    private static Optional<int[]> dimensions(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new int[] {reader.getWidth(0), reader.getHeight(0)});
            } catch (IOException | RuntimeException unreadable) {
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        }
    }

    /** A copy at most {@link #THUMBNAIL_EDGE} on its longer edge: JPEG, or PNG where the image is transparent. */
    private static Thumbnail thumbnail(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                return null;
            }
            double scale = Math.min(1.0, (double) THUMBNAIL_EDGE / Math.max(image.getWidth(), image.getHeight()));
            int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
            boolean alpha = image.getColorModel().hasAlpha();
            BufferedImage small = new BufferedImage(width, height,
                    alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(image, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String format = alpha ? "png" : "jpeg";
            ImageIO.write(small, format, out);
            return new Thumbnail(out.toByteArray(), "image/" + format);
        } catch (IOException | RuntimeException unreadable) {
            // Dimensions were readable but the pixels are not (truncated, exotic): the file stays, without a thumbnail.
            return null;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
