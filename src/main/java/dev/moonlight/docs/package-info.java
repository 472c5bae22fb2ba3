/**
 * API documentation generated from the action table: the catalog of every version,
 * service and action (parameters from the Jakarta constraints of their records, access
 * rules from the security marks), served as {@code /api/{v}/__catalog}, as an OpenAPI 3.1
 * document and as the {@code /docs} explorer page, behind one gate.
 */
package dev.moonlight.docs;
