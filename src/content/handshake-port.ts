/** Where handshake.ts leaves the bridge's port for main.ts (a global of the isolated world only). */
export const HANDSHAKE_PORT = "tiersAssistantBridgePort";

/** The port handshake.ts opened, once (null if it did not run, e.g. the extension was just installed). */
export function takeHandshakePort(): MessagePort | null {
  const port = (globalThis as Record<string, unknown>)[HANDSHAKE_PORT];
  Reflect.deleteProperty(globalThis, HANDSHAKE_PORT);
  return port instanceof MessagePort ? port : null;
}
