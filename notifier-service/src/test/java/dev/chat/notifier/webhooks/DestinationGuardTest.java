package dev.chat.notifier.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DestinationGuardTest {

    private final DestinationGuard strict = new DestinationGuard(false);

    @Test
    void privateLoopbackAndLinkLocalAddressesAreRefusedByDefault() {
        assertThat(strict.problem("https://127.0.0.1/hook")).hasValueSatisfying(p -> assertThat(p).contains("loopback"));
        assertThat(strict.problem("https://localhost:8443/hook")).isPresent();
        assertThat(strict.problem("https://10.1.2.3/hook")).isPresent();
        assertThat(strict.problem("https://192.168.0.10/hook")).isPresent();
        assertThat(strict.problem("https://172.16.5.4/hook")).isPresent();
        assertThat(strict.problem("https://169.254.169.254/latest/meta-data")).isPresent();
        assertThat(strict.problem("https://100.64.0.1/hook")).isPresent();
        assertThat(strict.problem("https://[::1]/hook")).isPresent();
        assertThat(strict.problem("https://[fd00::1]/hook")).isPresent();
        assertThat(strict.problem("https://0.0.0.0/hook")).isPresent();
    }

    @Test
    void onlyHttpsUnlessPrivateAddressesAreAllowed() {
        assertThat(strict.problem("http://93.184.215.14/hook")).hasValue("url must be https");
        assertThat(strict.problem("https://93.184.215.14/hook")).isEmpty();
        assertThat(strict.problem("https://user:pw@93.184.215.14/hook")).isPresent();
        DestinationGuard local = new DestinationGuard(true);
        assertThat(local.problem("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(local.problem("ftp://127.0.0.1/hook")).isPresent();
    }
}
