/**
 * TCP servers from {@code .rr.yaml} {@code tcp.servers}, RoadRunner's TCP plugin on
 * Reactor Netty: delimited frames go to a {@link dev.moonlight.tcp.TcpHandler} bean
 * chosen by {@link dev.moonlight.tcp.TcpWorker}, as {@code CONNECTED}, {@code DATA} and
 * {@code CLOSE} events, and its {@link dev.moonlight.tcp.TcpAnswer} says whether to
 * respond, read on, or close.
 */
package dev.moonlight.tcp;
