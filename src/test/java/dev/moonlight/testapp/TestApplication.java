package dev.moonlight.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small application for the framework's wire tests; its services exercise every action shape. */
@SpringBootApplication
public class TestApplication {

}
