import type { RequestEvent } from '@sveltejs/kit';
import { appContext } from './context';

/** The address people reach the app at: ORIGIN when set (behind a proxy), else the request's own. */
export function publicOrigin(event: Pick<RequestEvent, 'url'>): string {
	return appContext().config.origin ?? event.url.origin;
}
