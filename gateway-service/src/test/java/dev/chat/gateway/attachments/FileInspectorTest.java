package dev.chat.gateway.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an upload is, from its bytes: the name never makes a type the bytes did not show. */
class FileInspectorTest {

    /** The first bytes of an ELF executable. */
    static final byte[] ELF = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0};

    @TempDir
    Path dir;

    @Test
    void aPictureNamedExeIsAPictureWithItsSizeAndAThumbnail() throws Exception {
        Path file = write("holiday.exe", png(1000, 500));

        FileInspector.Inspection inspection = FileInspector.inspect(file, "holiday.exe");

        assertThat(inspection.contentType()).isEqualTo("image/png");
        assertThat(inspection.width()).isEqualTo(1000);
        assertThat(inspection.height()).isEqualTo(500);
        assertThat(inspection.sha256()).hasSize(64);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(inspection.thumbnail().bytes()));
        assertThat(thumbnail.getWidth()).isEqualTo(FileInspector.THUMBNAIL_EDGE);
        assertThat(thumbnail.getHeight()).isEqualTo(FileInspector.THUMBNAIL_EDGE / 2);
        assertThat(inspection.thumbnail().contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void anExecutableNamedPngIsRefused() throws Exception {
        byte[] program = new byte[4096];
        System.arraycopy(ELF, 0, program, 0, ELF.length);
        Path file = write("cat.png", program);

        assertThatThrownBy(() -> FileInspector.inspect(file, "cat.png")).isInstanceOf(FileInspector.RefusedType.class)
                .hasMessageContaining("are not accepted");
    }

    @Test
    void aWindowsProgramAndAScriptAreRefusedWhateverTheirName() throws Exception {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        assertThatThrownBy(() -> FileInspector.inspect(write("report.pdf", exe), "report.pdf"))
                .isInstanceOf(FileInspector.RefusedType.class);
        assertThatThrownBy(() -> FileInspector.inspect(write("notes.txt",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)), "notes.txt"))
                .isInstanceOf(FileInspector.RefusedType.class).hasMessageContaining("text/html");
    }

    @Test
    void aNameNarrowsAContainerTheBytesShowedButNeverMakesAType() throws Exception {
        Path docx = write("plan.docx", ooxml());
        assertThat(FileInspector.inspect(docx, "plan.docx").contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(FileInspector.inspect(docx, "plan.zip").contentType()).isEqualTo("application/zip");

        byte[] noise = new byte[2048];
        new java.util.Random(3).nextBytes(noise);
        noise[0] = 0;
        assertThatThrownBy(() -> FileInspector.inspect(write("paper.pdf", noise), "paper.pdf"))
                .isInstanceOf(FileInspector.RefusedType.class).hasMessageContaining("application/octet-stream");
    }

    @Test
    void plainTextAndPdfAreTakenWithoutPictureDetails() throws Exception {
        FileInspector.Inspection text = FileInspector.inspect(write("notes", "Lunch at noon.\nBring cake.\n"
                .getBytes(StandardCharsets.UTF_8)), "notes");
        assertThat(text.contentType()).isEqualTo("text/plain");
        assertThat(text.width()).isNull();
        assertThat(text.thumbnail()).isNull();
        assertThat(FileInspector.inspect(write("a.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n"
                .getBytes(StandardCharsets.ISO_8859_1)), "a.pdf").contentType()).isEqualTo("application/pdf");
    }

    @Test
    void aFileThatStartsLikeAPictureButIsNotOneIsRefused() throws Exception {
        byte[] png = png(40, 40);
        byte[] broken = java.util.Arrays.copyOf(png, 24);
        assertThatThrownBy(() -> FileInspector.inspect(write("broken.png", broken), "broken.png"))
                .isInstanceOf(FileInspector.RefusedType.class).hasMessageContaining("not a readable image");
    }

    @Test
    void aNameGetsTheExtensionOfWhatTheBytesAreWhenItHasAnother() {
        assertThat(FileInspector.withExtensionOf("holiday.exe", "image/png")).isEqualTo("holiday.exe.png");
        assertThat(FileInspector.withExtensionOf("beach.PNG", "image/png")).isEqualTo("beach.PNG");
        assertThat(FileInspector.withExtensionOf("photo.jpeg", "image/jpeg")).isEqualTo("photo.jpeg");
        assertThat(FileInspector.withExtensionOf("notes", "text/plain")).isEqualTo("notes.txt");
    }

    @Test
    void namesKeepNoDirectoryControlCharactersOrQuotes() {
        assertThat(AttachmentUploads.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(AttachmentUploads.cleanName("C:\\Users\\me\\a\"b\u0000.txt")).isEqualTo("ab.txt");
        assertThat(AttachmentUploads.cleanName("   ")).isEqualTo("file");
        assertThat(AttachmentUploads.cleanName("é".repeat(300))).hasSize(AttachmentUploads.MAX_NAME);
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x * height / width, 0xff8800);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] ooxml() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"/>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
