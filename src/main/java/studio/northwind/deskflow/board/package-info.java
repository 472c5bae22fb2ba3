/**
 * DeskFlow's board: the browser page at {@code /} (HTML, ES modules and CSS from the
 * jar's {@code board/} folder) that runs the week through the public envelope API and the
 * task channel of the WebSocket, nothing else.
 */
package studio.northwind.deskflow.board;
