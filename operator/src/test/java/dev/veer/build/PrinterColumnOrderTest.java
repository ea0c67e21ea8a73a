package dev.veer.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PrinterColumnOrderTest {

    private static final String GENERATED = String.join("\n",
            "  versions:",
            "  - additionalPrinterColumns:",
            "    - jsonPath: \".metadata.creationTimestamp\"",
            "      name: \"Age\"",
            "      type: \"date\"",
            "    - jsonPath: \".status.canaryRevision\"",
            "      name: \"Canary\"",
            "      type: \"integer\"",
            "    - jsonPath: \".status.phase\"",
            "      name: \"Phase\"",
            "      type: \"string\"",
            "    - jsonPath: \".status.stableRevision\"",
            "      name: \"Stable\"",
            "      type: \"integer\"",
            "    name: \"v1alpha1\"",
            "");

    @Test
    void columnsAreOrderedStateFirstAndAgeLastKeepingEverythingElse() {
        String reordered = PrinterColumnOrder.reorder(GENERATED);

        Matcher names = Pattern.compile("name: \"(\\w+)\"").matcher(reordered);
        List<String> order = names.results().map(m -> m.group(1)).toList();
        assertThat(order).containsExactly("Phase", "Stable", "Canary", "Age", "v1alpha1");
        assertThat(reordered.lines().sorted().toList()).isEqualTo(GENERATED.lines().sorted().toList());
        assertThat(PrinterColumnOrder.reorder(reordered)).isEqualTo(reordered);
    }
}
