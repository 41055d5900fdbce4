/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through Debian's chromedriver (packages chromium and chromium-driver, which .ci/run
 * installs): headless, with a fresh profile, and the flags that keep it off a closed network. Absent, the test fails
 * saying what to install; it never skips.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("iotrollout.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("iotrollout.chromedriver", "/usr/bin/chromedriver"));
    /**
     * Selenium looks for DevTools bindings of this Chromium's version, which these tests do not use, and warns at
     * each start that it has none; kept here so the setting is not collected.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");
    private static final Logger CHROMIUM_LOG = Logger.getLogger("org.openqa.selenium.chromium");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static HeadlessChromium start() throws IOException {
        for (Path executable : new Path[] { CHROMIUM, CHROMEDRIVER }) {
            if (!Files.isExecutable(executable)) {
                throw new AssertionError(executable + " is missing: the status page is tested in Debian's Chromium."
                                         + " Install it with: apt-get install chromium chromium-driver (.ci/run"
                                         + " does), or point -Diotrollout.chromium / -Diotrollout.chromedriver at"
                                         + " another build");
            }
        }
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        CHROMIUM_LOG.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("iotrollout-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1100,1400");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Writes a PNG of the page as it shows now. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
