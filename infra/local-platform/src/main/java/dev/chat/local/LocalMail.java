package dev.chat.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An embedded mail server (GreenMail): SMTP for the notifier's emails, IMAP to read them. Every recipient gets
 * a mailbox on first delivery, readable with the address as both login and password. Mail is kept in memory
 * only: a restart of the platform empties the mailboxes.
 */
final class LocalMail implements AutoCloseable {

    private final GreenMail server;
    private final int smtpPort;
    private final int imapPort;

    private LocalMail(GreenMail server, int smtpPort, int imapPort) {
        this.server = server;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static LocalMail start(int smtpPort, int imapPort) {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        return new LocalMail(server, smtpPort, imapPort);
    }

    int smtpPort() {
        return smtpPort;
    }

    int imapPort() {
        return imapPort;
    }

    @Override
    public void close() {
        server.stop();
    }
}
