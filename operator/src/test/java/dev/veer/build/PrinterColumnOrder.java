package dev.veer.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A build step, run on the generated CRDs before they are compared with or copied to {@code crds/} and
 * {@code bundle/}: puts each version's additionalPrinterColumns in the order kubectl users expect (the state first,
 * Age last, as other operators print them). fabric8's CRD generator sorts them by JSON path and has no option to
 * order them. Text-level, so the rest of the generated file is left byte for byte as generated.
 *
 * <p>Usage: {@code PrinterColumnOrder DIR...}; every {@code *.yml} in each directory is rewritten in place.
 */
public final class PrinterColumnOrder {

    /** One order for all kinds; a kind uses the columns it has. */
    static final List<String> ORDER = List.of("Owner", "Prefix", "Keys", "Revision", "Image", "Verdict", "Phase",
            "Step", "Weight", "Stable", "Canary", "URL", "Path", "Commit", "Objects", "Ready", "Reason", "Age");

    private static final String ITEM = "    - jsonPath: ";

    private PrinterColumnOrder() {
    }

    public static void main(String[] args) throws IOException {
        for (String directory : args) {
            try (Stream<Path> files = Files.list(Path.of(directory))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                    Files.writeString(file, reorder(Files.readString(file)));
                }
            }
        }
    }

    /** The CRD text with the items of every additionalPrinterColumns list in {@link #ORDER}. */
    static String reorder(String crd) {
        List<String> lines = List.of(crd.split("\n", -1));
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            out.add(line);
            i++;
            if (!line.endsWith("additionalPrinterColumns:")) {
                continue;
            }
            List<List<String>> items = new ArrayList<>();
            while (i < lines.size() && lines.get(i).startsWith(ITEM)) {
                List<String> item = new ArrayList<>(List.of(lines.get(i++)));
                while (i < lines.size() && lines.get(i).startsWith("      ")) {
                    item.add(lines.get(i++));
                }
                items.add(item);
            }
            items.sort(Comparator.comparingInt(PrinterColumnOrder::rank));
            items.forEach(out::addAll);
        }
        return String.join("\n", out);
    }

    private static int rank(List<String> item) {
        for (String line : item) {
            String trimmed = line.trim();
            if (trimmed.startsWith("name: ")) {
                int rank = ORDER.indexOf(trimmed.substring(6).replace("\"", ""));
                return rank < 0 ? ORDER.size() : rank;
            }
        }
        return ORDER.size();
    }
}
