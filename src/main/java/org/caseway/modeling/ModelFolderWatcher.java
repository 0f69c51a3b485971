package org.caseway.modeling;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders and their sub-folders (java.nio WatchService) and calls back once the writes have settled:
 * after the first change, as long as further changes follow within the debounce time, it waits; then it calls
 * once. The callback runs on the watcher's own daemon thread, one call at a time.
 */
final class ModelFolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelFolderWatcher.class);

    private final WatchService watchService;
    private final Duration debounce;
    private final Runnable onChange;
    private final Thread thread;

    ModelFolderWatcher(List<Path> folders, Duration debounce, Runnable onChange) throws IOException {
        this.watchService = FileSystems.getDefault().newWatchService();
        this.debounce = debounce;
        this.onChange = onChange;
        for (Path folder : folders) {
            registerTree(folder);
        }
        this.thread = new Thread(this::watch, "caseway-dev-redeploy");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void watch() {
        try {
            while (true) {
                handle(watchService.take());
                WatchKey next;
                while ((next = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    handle(next);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.error("Redeploying the changed models failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException closed) {
            // stopped
        }
    }

    /** Takes the key's events; a new sub-folder is watched too. */
    private void handle(WatchKey key) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name
                    && Files.isDirectory(folder.resolve(name))) {
                try {
                    registerTree(folder.resolve(name));
                } catch (IOException e) {
                    log.warn("Cannot watch the new folder {}: {}", folder.resolve(name), e.getMessage());
                }
            }
        }
        key.reset();
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> folders = Files.walk(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                folder.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            log.debug("Closing the model folder watcher", e);
        }
        thread.interrupt();
    }
}
