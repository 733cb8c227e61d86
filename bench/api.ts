/**
 * The HTTP steps a bench needs, through the public API only: a facilitator
 * with a meeting and boards, and participants who join with their own cookie.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
	cookie: string;
}

export interface BenchBoard {
	id: string;
	joinCode: string;
}

export interface Joined extends Session {
	participantId: string;
	name: string;
}

const PASSWORD = 'bench password 2024';

/** Keeps only `name=value` of each Set-Cookie line, as a client sends them back. */
function cookieOf(response: Response, previous = ''): string {
	const jar = new Map(
		previous
			.split('; ')
			.filter(Boolean)
			.map((pair) => pair.split('=') as [string, string])
	);
	for (const line of response.headers.getSetCookie()) {
		const [pair] = line.split(';');
		const separator = pair.indexOf('=');
		jar.set(pair.slice(0, separator), pair.slice(separator + 1));
	}
	return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

async function post(
	baseUrl: string,
	path: string,
	body: unknown,
	cookie = ''
): Promise<{ response: Response; json: Record<string, never> }> {
	const response = await fetch(new URL(path, baseUrl), {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
	return { response, json: JSON.parse(text) };
}

/** A facilitator with one meeting holding `count` boards. */
export async function createBoards(
	baseUrl: string,
	count: number
): Promise<{ facilitator: Session; boards: BenchBoard[] }> {
	const signup = await post(baseUrl, '/api/v1/signup', {
		email: `bench-${randomBytes(6).toString('hex')}@example.org`,
		password: PASSWORD,
		name: 'Bench Facilitator'
	});
	const cookie = cookieOf(signup.response);
	const meeting = await post(baseUrl, '/api/v1/meetings', { title: 'Bench forum' }, cookie);
	const meetingId = (meeting.json.meeting as { id: string }).id;
	const boards: BenchBoard[] = [];
	for (let i = 0; i < count; i++) {
		const created = await post(
			baseUrl,
			`/api/v1/meetings/${meetingId}/boards`,
			{ title: `Workshop ${i + 1}` },
			cookie
		);
		const board = created.json.board as { id: string; joinCode: string };
		boards.push({ id: board.id, joinCode: board.joinCode });
	}
	return { facilitator: { cookie }, boards };
}

/** Joins a board as a named participant; the cookie is this participant's own. */
export async function joinBoard(baseUrl: string, joinCode: string, name: string): Promise<Joined> {
	const { response, json } = await post(baseUrl, '/api/v1/join', { code: joinCode, name });
	const participant = json.participant as { id: string; name: string };
	return { cookie: cookieOf(response), participantId: participant.id, name: participant.name };
}

/** The board's content as the server holds it (JSON export): card id → text. */
export async function exportedCardTexts(
	baseUrl: string,
	boardId: string,
	session: Session
): Promise<Record<string, string>> {
	const response = await fetch(new URL(`/api/v1/boards/${boardId}/export?format=json`, baseUrl), {
		headers: { cookie: session.cookie }
	});
	if (!response.ok) throw new Error(`export of ${boardId} answered ${response.status}`);
	const content = (await response.json()) as { cards: Array<{ id: string; text: string }> };
	return Object.fromEntries(content.cards.map((card) => [card.id, card.text]));
}
