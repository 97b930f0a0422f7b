/**
 * `flowc watch` as a library: a local server whose pages redraw a diagram on every save.
 */
export { startWatchServer, PortInUseError, HOST, pathSegments } from './server.js';
export type { WatchOptions, WatchServer } from './server.js';
export { openBrowser, browserCommand } from './open.js';
export type * from './protocol.js';
