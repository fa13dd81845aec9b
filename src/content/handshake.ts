// The only content-script code that runs at document_start: it hands the MAIN-world dialog bridge its
// private port before any page script can post a forged one (see dialog-bridge.ts), and leaves the
// other end for the content script proper (main.ts), which runs at document_idle in the same isolated
// world, so the page is parsed and loaded without waiting for our code.
import { BRIDGE_CHANNEL } from "./bridge-protocol.ts";
import { HANDSHAKE_PORT } from "./handshake-port.ts";

const channel = new MessageChannel();
window.postMessage({ channel: BRIDGE_CHANNEL }, "*", [channel.port2]);
Object.assign(globalThis, { [HANDSHAKE_PORT]: channel.port1 });
