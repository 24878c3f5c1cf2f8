// Reads a ZIP with Java's own readers and prints one line per entry: name, size, SHA-256 of the content.
//   java ZipCheck.java file   ARCHIVE   # java.util.zip.ZipFile: the central directory
//   java ZipCheck.java stream ARCHIVE   # java.util.zip.ZipInputStream: local headers and data descriptors only
// Both check each entry's CRC-32 and sizes while reading; any failure exits 1 with the exception on stderr.
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

public class ZipCheck {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java ZipCheck.java file|stream ARCHIVE");
            System.exit(2);
        }
        try {
            if (args[0].equals("file")) {
                try (ZipFile zip = new ZipFile(args[1])) {
                    Enumeration<? extends ZipEntry> entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry entry = entries.nextElement();
                        try (InputStream in = zip.getInputStream(entry)) {
                            report(entry, in);
                        }
                    }
                }
            } else {
                try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(new FileInputStream(args[1]), 1 << 20))) {
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        report(entry, zip);
                    }
                }
            }
        } catch (Exception e) {
            System.err.println(e);
            System.exit(1);
        }
    }

    private static void report(ZipEntry entry, InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
            size += n;
        }
        System.out.println(entry.getName() + "\t" + size + "\t" + HexFormat.of().formatHex(sha.digest()));
    }
}
