package dev.rubric.maven;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The start of a compiled class file, read without loading the class or a bytecode library: the class's binary
 * name, its access flags and the UTF-8 strings of its constant pool that the caller asked about (an annotation a
 * method carries has its type descriptor there, e.g. {@code Ldev/rubric/junit/RubricTest;}).
 *
 * @param name        the binary name, e.g. {@code com.example.SupportQualityTest} or {@code com.example.Outer$Inner}
 * @param accessFlags the class's access flags (JVMS 4.1)
 * @param found       which of the asked-for strings the constant pool holds
 */
record ClassFileHeader(String name, int accessFlags, Set<String> found) {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_MODULE = 0x8000;

    ClassFileHeader {
        found = Set.copyOf(found);
    }

    /** A class that can be instantiated: not an interface, an annotation, a module descriptor or abstract. */
    boolean concrete() {
        return (accessFlags & (ACC_INTERFACE | ACC_ABSTRACT | ACC_ANNOTATION | ACC_MODULE)) == 0;
    }

    /** A nested, local or anonymous class (its binary name has a '$'). */
    boolean nested() {
        return name.indexOf('$') >= 0;
    }

    /**
     * Reads the header of a class file.
     *
     * @param bytes  the whole class file
     * @param wanted the constant-pool strings to look for
     * @return the header, or empty when the bytes are not a well-formed class file (truncated, another format)
     */
    static Optional<ClassFileHeader> read(byte[] bytes, Set<String> wanted) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            in.readFully(new byte[4]); // minor and major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            HashSet<String> found = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        utf8[i] = in.readUTF(); // the class-file form is the same modified UTF-8, u2 length first
                        if (wanted.contains(utf8[i])) {
                            found.add(utf8[i]);
                        }
                    }
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readFully(new byte[2]);
                    case 15 -> in.readFully(new byte[3]);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readFully(new byte[4]);
                    case 5, 6 -> {
                        in.readFully(new byte[8]);
                        i++; // a long or a double takes two entries
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            int access = in.readUnsignedShort();
            int thisClass = in.readUnsignedShort();
            if (thisClass <= 0 || thisClass >= count || classNameIndex[thisClass] <= 0
                    || classNameIndex[thisClass] >= count || utf8[classNameIndex[thisClass]] == null) {
                return Optional.empty();
            }
            return Optional.of(new ClassFileHeader(utf8[classNameIndex[thisClass]].replace('/', '.'), access, found));
        } catch (IOException e) { // EOF: truncated; UTFDataFormatException: not a class file
            return Optional.empty();
        }
    }
}
