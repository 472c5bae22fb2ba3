// Live updates: the task channel over /api/v1/ws. Every task event is applied
// to the board; a socket that closes (a server restart, a network blip) is
// opened again with a growing delay, and the board reloads its tasks then,
// since events sent meanwhile are lost.

const EVENTS = new Set(["task.created", "task.updated", "task.assigned", "task.closed"]);
const MAX_DELAY = 5000;

export class Live {
  /**
   * @param handlers token(), upsert(task), remove(id), resync() after a
   *   reconnect, status(text, on) for the indicator, expired() when the
   *   server closes the socket for an expired login (4401)
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
    this.delay = 250;
    this.wanted = false;
    this.timer = null;
    this.opened = false;
  }

  start() {
    this.wanted = true;
    if (!this.socket) {
      this.open();
    }
  }

  stop() {
    this.wanted = false;
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.close(1000, "Logged out");
      this.socket = null;
    }
    this.handlers.status("offline", false);
  }

  open() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/ws`);
    this.socket = socket;
    this.handlers.status("connecting", false);
    socket.addEventListener("open", () => {
      // Logged in on the socket too, in case the channel asks for a login
      // ([realtime_channels]); frames sent after it wait for it.
      const bearer = this.handlers.token();
      if (bearer) {
        socket.send(JSON.stringify({ auth: bearer }));
      }
      socket.send(JSON.stringify({ id: "subscribe", subscribe: "tasks" }));
    });
    socket.addEventListener("message", (message) => this.receive(socket, message.data));
    socket.addEventListener("close", (event) => this.closed(socket, event.code));
  }

  receive(socket, text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch (ignored) {
      return;
    }
    if (frame.id === "subscribe") {
      if (frame.returnCode === 0) {
        const again = this.opened;
        this.opened = true;
        this.delay = 250;
        this.handlers.status("live", true);
        if (again) {
          this.handlers.resync();
        }
      }
      return;
    }
    if (!frame.channel || !frame.data || !frame.data.task) {
      return;
    }
    if (frame.event === "task.deleted") {
      this.handlers.remove(frame.data.task.id);
    } else if (EVENTS.has(frame.event)) {
      this.handlers.upsert(frame.data.task);
    }
  }

  closed(socket, code) {
    if (this.socket !== socket) {
      return;
    }
    this.socket = null;
    if (!this.wanted) {
      return;
    }
    if (code === 4401) {
      this.handlers.expired();
      return;
    }
    this.handlers.status("reconnecting", false);
    this.timer = setTimeout(() => this.open(), this.delay);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
  }
}
