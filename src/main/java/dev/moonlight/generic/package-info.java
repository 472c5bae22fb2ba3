/**
 * Pionia's GenericService for Java: CRUD actions over one table whose allowed columns are
 * declared once in a {@link dev.moonlight.generic.TableSpec}, plus the pagination,
 * sorting and value helpers hand-written services share.
 */
package dev.moonlight.generic;
