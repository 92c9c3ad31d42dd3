/**
 * A path as it may be written to a log: a signed link's token (`/r/<token>`) acts for its
 * holder, so it is replaced. nginx's shipped log format does the same (deploy/nginx).
 */
export const loggablePath = (path: string) => path.replace(/^\/r\/[^/?#]+/, '/r/[redacted]');
