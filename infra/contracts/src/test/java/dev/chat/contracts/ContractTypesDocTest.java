package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every contract type is listed in the README's types table, so a reader of the README knows them all. */
class ContractTypesDocTest {

    @Test
    void everyContractTypeIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String types = readme.substring(readme.indexOf("Types (every one is listed here"));

        assertThat(Arrays.stream(ContractType.values()).map(ContractType::typeName))
                .allSatisfy(type -> assertThat(types).contains("`" + type + "`"));
    }
}
