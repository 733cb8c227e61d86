import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';

export function GET() {
	appContext().db.prepare('SELECT 1').get();
	return json({ status: 'ok' });
}
