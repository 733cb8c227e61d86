import { createHash, timingSafeEqual } from 'node:crypto';
import { appContext } from '$lib/server/context';

/** Compared as digests, so that neither the token nor its length leaks through timing. */
function bearerMatches(header: string | null, token: string): boolean {
	const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
	if (!match) return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Prometheus metrics (server/metrics.ts). Without METRICS_TOKEN the endpoint
 * does not exist (404); with it, a request without the right bearer token gets 401.
 */
export async function GET({ request }) {
	const { config, metrics } = appContext();
	if (!config.metricsToken || !metrics) return new Response('Not found', { status: 404 });
	if (!bearerMatches(request.headers.get('authorization'), config.metricsToken)) {
		return new Response('Unauthorized', { status: 401, headers: { 'www-authenticate': 'Bearer' } });
	}
	return new Response(await metrics.render(), {
		headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' }
	});
}
