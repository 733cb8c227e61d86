/**
 * The one same-origin rule for requests that change something or open a live
 * channel: a browser names the page that sent them in `Origin`, which a page on
 * another site cannot forge. Clients that are not browsers (scripts, tests,
 * the stock y-websocket client in Node) send no Origin and are judged by their
 * cookie alone.
 */
export interface RequestSite {
	/** The `Host` header the request arrived with. */
	host: string | null | undefined;
	/** `ORIGIN` from the environment: the public address behind a proxy. */
	publicOrigin: string | undefined;
}

/** True when `origin` is absent or names this server; false for another site or an opaque (`null`) origin. */
export function isAllowedOrigin(origin: string | null | undefined, site: RequestSite): boolean {
	if (origin === undefined || origin === null) return true;
	let sender: URL;
	try {
		sender = new URL(origin);
	} catch {
		return false;
	}
	if (site.publicOrigin && sameOrigin(sender, site.publicOrigin)) return true;
	if (!site.host) return false;
	// The Host header may spell out a default port that the Origin leaves away.
	try {
		return new URL(`${sender.protocol}//${site.host}`).host === sender.host;
	} catch {
		return false;
	}
}

function sameOrigin(sender: URL, configured: string): boolean {
	try {
		return new URL(configured).origin === sender.origin;
	} catch {
		return false;
	}
}
