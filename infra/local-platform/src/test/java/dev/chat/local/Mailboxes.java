package dev.chat.local;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a mailbox of the embedded mail server over IMAP, as a mail client would (address = login = password). */
final class Mailboxes {

    record Email(String subject, String text, String html, String listUnsubscribe) {
    }

    private Mailboxes() {
    }

    /** Messages in the inbox; 0 while the mailbox does not exist (nothing delivered to it yet). */
    static int count(int imapPort, String address) {
        try {
            return read(imapPort, address).size();
        } catch (MessagingException | IOException e) {
            return 0;
        }
    }

    static List<Email> read(int imapPort, String address) throws MessagingException, IOException {
        Properties properties = new Properties();
        properties.put("mail.store.protocol", "imap");
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", Integer.toString(imapPort));
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", imapPort, address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Email> emails = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                String[] unsubscribe = message.getHeader("List-Unsubscribe");
                emails.add(new Email(message.getSubject(), part(message, "text/plain"), part(message, "text/html"),
                        unsubscribe == null ? null : unsubscribe[0]));
            }
            inbox.close(false);
            return emails;
        } finally {
            store.close();
        }
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
