package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locating the data folder: found from the working directory, overridable, clear when missing. */
class AdbenchDataTest {
    private final String saved = System.getProperty(AdbenchData.PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(AdbenchData.PROPERTY);
        } else {
            System.setProperty(AdbenchData.PROPERTY, saved);
        }
    }

    @Test
    void findsTheRepositorysDataFolder() {
        assertTrue(Files.isRegularFile(AdbenchData.folder().resolve("gmm_test.txt")));
        assertTrue(AdbenchData.folder().endsWith(Path.of("data", "adbench")), AdbenchData.folder().toString());
    }

    @Test
    void systemPropertyWins(@TempDir Path dir) {
        System.setProperty(AdbenchData.PROPERTY, dir.toString());
        assertEquals(dir, AdbenchData.folder());
    }

    @Test
    void missingFolderIsExplained(@TempDir Path dir) {
        System.setProperty(AdbenchData.PROPERTY, dir.resolve("absent").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, AdbenchData::folder);
        assertTrue(e.getMessage().contains(AdbenchData.PROPERTY), e.getMessage());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        System.setProperty(AdbenchData.PROPERTY, dir.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdbenchData.file("gmm_test.txt"));
        assertTrue(e.getMessage().contains("gmm_test.txt"), e.getMessage());
    }
}
