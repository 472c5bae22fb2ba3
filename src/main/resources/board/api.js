// The envelope API of DeskFlow, as any client calls it: POST /api/v1/ with
// {"service", "action", ...params}. The login token is kept for this tab only
// (sessionStorage), so closing the tab logs out.

const ENDPOINT = "/api/v1/";
const TOKEN_KEY = "deskflow.token";

/** A refused call: the envelope's returnCode and message, and its field errors. */
export class ApiError extends Error {
  constructor(code, message, fields) {
    super(message);
    this.code = code;
    this.fields = fields || {};
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/**
 * The login's claims (the token's payload): sub, email, name, permissions, exp.
 * Read only to decide what to offer; the server checks every call itself.
 */
export function claims() {
  const value = token();
  if (!value) {
    return null;
  }
  try {
    const part = value.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    if (parsed.exp && parsed.exp * 1000 < Date.now()) {
      setToken(null);
      return null;
    }
    parsed.permissions = Array.isArray(parsed.permissions) ? parsed.permissions : [];
    return parsed;
  } catch (ignored) {
    setToken(null);
    return null;
  }
}

/** Answers the envelope's returnData, or throws an ApiError. */
export async function call(service, action, params = {}) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const bearer = token();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers,
      body: JSON.stringify({ service, action, ...params }),
    });
  } catch (failure) {
    throw new ApiError(0, "The server cannot be reached; try again in a moment.");
  }
  let envelope = null;
  try {
    envelope = await response.json();
  } catch (ignored) {
    throw new ApiError(response.status, `The server answered ${response.status} without an envelope.`);
  }
  if (envelope.returnCode !== 0) {
    const errors = envelope.returnData && envelope.returnData.errors;
    throw new ApiError(envelope.returnCode, readable(envelope.returnCode, envelope.returnMessage), errors);
  }
  return envelope.returnData;
}

function readable(code, message) {
  if (code === 401 && token()) {
    return `${message}. Log in again.`;
  }
  if (code === 403) {
    return `Not allowed: ${message}`;
  }
  return message || `Error ${code}`;
}
