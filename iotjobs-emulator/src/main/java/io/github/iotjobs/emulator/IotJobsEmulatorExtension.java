/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs an emulator around tests. As a static {@code @RegisterExtension} field it lives for
 * the whole class; as an instance field, for each test. Test methods may take an {@link IotJobsEmulator} parameter.
 *
 * <pre>
 * &#64;RegisterExtension
 * static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(100));
 * </pre>
 */
public final class IotJobsEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Supplier<IotJobsEmulator.Builder> builder;
    private IotJobsEmulator emulator;
    private boolean perClass;

    public IotJobsEmulatorExtension() {
        this(IotJobsEmulator::builder);
    }

    public IotJobsEmulatorExtension(IotJobsEmulator.Builder builder) {
        this(() -> builder);
    }

    public IotJobsEmulatorExtension(Supplier<IotJobsEmulator.Builder> builder) {
        this.builder = builder;
    }

    /** The running emulator (only while a test of the registering class runs). */
    public IotJobsEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The emulator runs only during tests");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        emulator = builder.get().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            emulator = builder.get().start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IotJobsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
