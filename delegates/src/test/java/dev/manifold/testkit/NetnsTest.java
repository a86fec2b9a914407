package dev.manifold.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class or method that needs root, {@code ip netns} and the real plugins in
 * {@code /usr/lib/cni}. Without them the test is skipped, or fails when the system property
 * {@code manifold.requireNetns} is {@code true} (CI). Test methods may take {@link Netns} and
 * {@link HostVeth} parameters: fresh ones per test, deleted afterwards.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("netns")
@ExtendWith(NetnsExtension.class)
public @interface NetnsTest {
}
