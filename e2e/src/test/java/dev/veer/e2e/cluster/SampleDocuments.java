package dev.veer.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The documents of {@code samples/}: every YAML document of every file, each with the file it came from. */
public final class SampleDocuments {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** One document of a sample file. */
    public record Document(Path file, int index, GenericKubernetesResource resource) {

        @Override
        public String toString() {
            return file.getFileName() + "#" + index + " (" + resource.getKind() + " " + resource.getMetadata().getName()
                    + ")";
        }
    }

    private SampleDocuments() {
    }

    public static List<Document> read(Path directory) {
        List<Document> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                documents.addAll(parse(file, Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return documents;
    }

    /** Splits on document separators ({@code ---} lines); documents holding only comments are skipped. */
    static List<Document> parse(Path file, String yaml) {
        List<Document> documents = new ArrayList<>();
        int index = 0;
        for (String part : yaml.split("(?m)^---\\s*$")) {
            boolean empty = part.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!empty) {
                documents.add(new Document(file, index++,
                        SERIALIZATION.unmarshal(part, GenericKubernetesResource.class)));
            }
        }
        return documents;
    }
}
