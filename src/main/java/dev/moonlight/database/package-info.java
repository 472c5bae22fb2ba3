/**
 * Database outages answered, not waited out:
 * {@link dev.moonlight.database.DatabaseAvailability} knows whether the database can be
 * reached, and the application's {@code DataSource} fails at once while it cannot.
 */
package dev.moonlight.database;
