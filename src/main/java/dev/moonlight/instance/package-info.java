/**
 * This instance's name among the identical instances behind a balancer: in every log
 * line, access log line and metric.
 */
package dev.moonlight.instance;
