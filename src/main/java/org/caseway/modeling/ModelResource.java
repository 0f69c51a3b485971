package org.caseway.modeling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One model file: a BPMN process ({@code .bpmn}), a DMN decision ({@code .dmn}) or a Camunda Form
 * ({@code .form}), by the name it is known by (e.g. {@code processes/case-closure.bpmn}) and its bytes.
 */
public record ModelResource(String name, byte[] bytes) {

    public ModelResource {
        bytes = bytes.clone();
    }

    public boolean isBpmn() {
        return name.endsWith(".bpmn");
    }

    public boolean isDmn() {
        return name.endsWith(".dmn");
    }

    public boolean isForm() {
        return name.endsWith(".form");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 of the bytes, in hex: how the dev profile compares a file with what is deployed. */
    public String hash() {
        return hash(bytes);
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every model file under the folders (sub-folders included), named by the folder's own name and the
     * path within it ({@code processes/case-closure.bpmn}, {@code forms/intake.form}), sorted by name.
     */
    public static List<ModelResource> readAll(Path... folders) {
        List<ModelResource> resources = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = folder.relativize(file).toString().replace('\\', '/');
                    String name = folder.toAbsolutePath().normalize().getFileName() + "/" + relative;
                    if (isModel(name)) {
                        resources.add(new ModelResource(name, Files.readAllBytes(file)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the models in " + folder, e);
            }
        }
        resources.sort((a, b) -> a.name().compareTo(b.name()));
        return resources;
    }

    static boolean isModel(String name) {
        return name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelResource that && name.equals(that.name) && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return name + " (" + bytes.length + " bytes)";
    }
}
