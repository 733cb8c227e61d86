/**
 * Every HTTP route, found on disk (each `+server.ts` method, each `+page.server.ts`
 * load and form action), tried without a session and with the wrong role: the
 * answer is 401/403/404 or a redirect to the login or join page, and never
 * contains the board's data. A new route fails this test until it is listed in
 * ROUTES with who may use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeCard } from './helpers/board';
import {
	expectStatus,
	facilitatorWithBoard,
	join,
	createBoard,
	type Facilitator,
	type Participant
} from './helpers/flows';
import { Device } from './helpers/http';
import { connectSynced } from './helpers/yjs';
import { discoverRoutes, routeUrl } from './helpers/routes';
import { startServer, type RunningServer } from './helpers/server';

/**
 * Who may use a route:
 * - `facilitator`: the facilitator of this board or meeting only (participants are the wrong role);
 * - `account`: any signed-in facilitator, for their own account (e.g. a new meeting); never a participant;
 * - `board`: anyone with access to this board (its facilitator, devices that joined it);
 * - `session`: any signed-in facilitator or joined device, and it answers with the caller's own data only;
 * - `capability`: whoever holds the token or code in the address (an invite, a share link);
 * - `public`: everyone (sign-up, login, joining, health, language).
 */
type Access = 'facilitator' | 'account' | 'board' | 'session' | 'capability' | 'public';

interface Route {
	access: Access;
	/** JSON body for API calls, form fields for actions: valid, so that only access can stop them. */
	body?: Record<string, unknown>;
}

const ROUTES: Record<string, Route> = {
	'GET /(facilitator)/dashboard': { access: 'session' },
	'POST /(facilitator)/dashboard?/create': { access: 'account', body: { title: 'Eigenes' } },
	'GET /(facilitator)/meetings/[meetingId]': { access: 'facilitator' },
	'POST /(facilitator)/meetings/[meetingId]?/update': { access: 'facilitator', body: { title: 'Gekapert' } },
	'POST /(facilitator)/meetings/[meetingId]?/createBoard': {
		access: 'facilitator',
		body: { title: 'Fremd' }
	},
	'POST /(facilitator)/meetings/[meetingId]?/delete': { access: 'facilitator', body: { confirm: 'yes' } },
	'GET /api/v1/boards/[boardId]': { access: 'board' },
	'GET /api/v1/boards/[boardId]/export': { access: 'board' },
	'POST /api/v1/boards/[boardId]/finish': { access: 'facilitator', body: {} },
	'GET /api/v1/boards/[boardId]/outcomes': { access: 'board' },
	'POST /api/v1/boards/[boardId]/reopen': { access: 'facilitator', body: {} },
	'POST /api/v1/join': { access: 'public' },
	'POST /api/v1/login': { access: 'public' },
	'POST /api/v1/logout': { access: 'public' },
	'GET /api/v1/me': { access: 'session' },
	'GET /api/v1/meetings': { access: 'session' },
	'POST /api/v1/meetings': { access: 'account', body: { title: 'Eigenes' } },
	'GET /api/v1/meetings/[meetingId]': { access: 'facilitator' },
	'PATCH /api/v1/meetings/[meetingId]': { access: 'facilitator', body: { title: 'Gekapert' } },
	'DELETE /api/v1/meetings/[meetingId]': { access: 'facilitator' },
	'GET /api/v1/meetings/[meetingId]/archive': { access: 'facilitator' },
	'GET /api/v1/meetings/[meetingId]/boards': { access: 'facilitator' },
	'POST /api/v1/meetings/[meetingId]/boards': { access: 'facilitator', body: { title: 'Fremd' } },
	'GET /api/v1/outcomes/[outcomeId]': { access: 'board' },
	'GET /api/v1/outcomes/[outcomeId]/export': { access: 'board' },
	'POST /api/v1/outcomes/[outcomeId]/send': { access: 'facilitator', body: {} },
	'GET /api/v1/outcomes/[outcomeId]/shares': { access: 'facilitator' },
	'POST /api/v1/outcomes/[outcomeId]/shares': { access: 'facilitator', body: {} },
	'DELETE /api/v1/outcomes/[outcomeId]/shares/[shareId]': { access: 'facilitator' },
	'GET /api/v1/search': { access: 'session' },
	'POST /api/v1/signup': { access: 'public' },
	'GET /boards/[boardId]': { access: 'board' },
	'GET /boards/[boardId]/present': { access: 'facilitator' },
	'GET /boards/[boardId]/share': { access: 'facilitator' },
	'POST /boards/[boardId]/share?/create': { access: 'facilitator', body: { kind: 'viewer' } },
	'POST /boards/[boardId]/share?/revoke': { access: 'facilitator', body: { linkId: 'x' } },
	'GET /cofacilitate/[token]': { access: 'capability' },
	'POST /cofacilitate/[token]?/accept': { access: 'capability' },
	'GET /healthz': { access: 'public' },
	'GET /join': { access: 'public' },
	'GET /join/[code]': { access: 'capability' },
	'POST /join/[code]': { access: 'capability', body: { name: 'Eindringling' } },
	'POST /language': { access: 'public' },
	'GET /login': { access: 'public' },
	'POST /login': { access: 'public' },
	'GET /logout': { access: 'public' },
	'POST /logout': { access: 'public' },
	'GET /metrics': { access: 'capability' },
	'GET /outcomes': { access: 'session' },
	'GET /outcomes/[outcomeId]': { access: 'board' },
	'POST /outcomes/[outcomeId]?/share': { access: 'facilitator', body: {} },
	'POST /outcomes/[outcomeId]?/revoke': { access: 'facilitator', body: { shareId: 'x' } },
	'POST /outcomes/[outcomeId]?/send': { access: 'facilitator', body: {} },
	'GET /outcomes/board/[boardId]': { access: 'board' },
	'GET /search': { access: 'session' },
	'GET /share/[token]': { access: 'capability' },
	'GET /share/[token]/export': { access: 'capability' },
	'GET /signup': { access: 'public' },
	'GET /view/[token]': { access: 'capability' },
	'POST /signup': { access: 'public' }
};

const MARK = `GEHEIM${randomBytes(4).toString('hex')}`;

interface Fixture {
	owner: Facilitator & { meetingId: string };
	boardId: string;
	outcomeId: string;
	shareId: string;
	participant: Participant;
	outsider: Participant;
	otherFacilitator: Facilitator;
}

let server: RunningServer;
let fixture: Fixture;

beforeAll(async () => {
	// Invented tokens count as failed guesses; the test wants the access check, not the rate limit, to answer.
	server = await startServer({ env: { MAX_FAILED_ATTEMPTS_PER_ADDRESS: '100000' } });
	const owner = await facilitatorWithBoard(server, `Fatma ${MARK}`);
	expectStatus(
		await owner.device.request('PATCH', `/api/v1/meetings/${owner.meetingId}`, { title: MARK }),
		200
	);
	expectStatus(await owner.device.post('/api/v1/meetings', { title: `Zweites ${MARK}` }), 201);
	const participant = await join(server, owner.board.joinCode, 'Pia');
	const client = await connectSynced(server, owner.board.id, owner.device.cookie);
	writeCard(client.doc, { id: owner.user.id, name: owner.user.name }, 'challenge', `Karte ${MARK}`);
	await client.flush();
	client.destroy();

	// A finished board has an outcome, which has a share link.
	const finished = await createBoard(owner.device, owner.meetingId, `Fertig ${MARK}`);
	await join(server, finished.joinCode, 'Pia', participant.device);
	const finish = await owner.device.post(`/api/v1/boards/${finished.id}/finish`, {});
	expectStatus(finish, 201);
	const outcomeId = finish.body.outcome.id;
	const share = await owner.device.post(`/api/v1/outcomes/${outcomeId}/shares`, {});
	expectStatus(share, 201);

	const other = await facilitatorWithBoard(server, 'Olaf Other');
	const outsider = await join(server, other.board.joinCode, 'Otto Outsider');
	fixture = {
		owner,
		boardId: owner.board.id,
		outcomeId,
		shareId: share.body.share.id,
		participant,
		outsider,
		otherFacilitator: other
	};
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

/** The address to request: folder names filled in with the fixture's ids (tokens and codes are invented). */
function urlOf(route: string): { method: string; url: string; action: boolean } {
	const [method, pattern] = route.split(' ');
	const action = method === 'POST' && !pattern.startsWith('/api/') && !pattern.startsWith('/metrics');
	const url = routeUrl(pattern, {
		boardId: fixture.boardId,
		meetingId: fixture.owner.meetingId,
		outcomeId: fixture.outcomeId,
		shareId: fixture.shareId,
		token: randomBytes(16).toString('hex'),
		code: 'ZZZZZZ'
	});
	return { method, url, action };
}

async function call(device: Device, route: string) {
	const { method, url, action } = urlOf(route);
	const { body } = ROUTES[route];
	if (action) {
		return device.request(method, url, undefined, {
			raw: new URLSearchParams(
				Object.entries(body ?? {}).map(([key, value]) => [key, String(value)])
			).toString(),
			// Sent like a browser's form from the app's own pages: only the session may stop it.
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: server.url
			}
		});
	}
	return device.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}));
}

/** 401, 403, 404 (it does not exist for you) or a redirect to the login or join page; never the data. */
function expectRefused(response: Awaited<ReturnType<typeof call>>, who: string, route: string): void {
	const where = `${route} as ${who}: ${response.status} ${response.text.slice(0, 200)}`;
	const location = response.headers.get('location') ?? '';
	const refused =
		[401, 403, 404].includes(response.status) ||
		([302, 303, 307].includes(response.status) && /^\/(login|join)([/?]|$)/.test(location));
	expect(refused, where).toBe(true);
	expect(response.text.includes(MARK), `${where}: leaks the board's data`).toBe(false);
}

describe('the route list', () => {
	it('names every route the code defines, and no route that no longer exists', () => {
		expect(Object.keys(ROUTES).sort()).toEqual(discoverRoutes());
	});
});

describe('routes tried by the wrong people', () => {
	const cases = Object.entries(ROUTES).filter(([, route]) => route.access !== 'public');

	it.each(cases)('%s', async (route, { access }) => {
		const anonymous = new Device(server.url);
		const identities: Array<[string, Device]> = [['nobody', anonymous]];
		const wrongRoles: Array<[string, Device]> = [
			['a participant of another board', fixture.outsider.device],
			['the facilitator of another meeting', fixture.otherFacilitator.device]
		];
		if (access === 'facilitator') {
			identities.push(['a participant of this board', fixture.participant.device], ...wrongRoles);
		}
		if (access === 'board') identities.push(...wrongRoles);
		if (access === 'account') {
			identities.push(
				['a participant of this board', fixture.participant.device],
				['a participant of another board', fixture.outsider.device]
			);
		}
		if (access === 'capability') {
			identities.push(['a participant of this board', fixture.participant.device], ...wrongRoles);
		}
		for (const [who, device] of identities) expectRefused(await call(device, route), who, route);

		if (access === 'session') {
			// Other callers get an answer, but only about themselves.
			for (const [who, device] of [...wrongRoles, ['a participant', fixture.participant.device] as const]) {
				const response = await call(device, route);
				expect(response.text.includes(MARK), `${route} as ${who} leaks the meeting's data`).toBe(false);
			}
		}
	});

	it('the fixture is intact: every refusal above changed nothing', async () => {
		const board = await fixture.owner.device.get(`/api/v1/boards/${fixture.boardId}`);
		expectStatus(board, 200);
		expect(board.body.board.finished).toBe(false);
		const meeting = await fixture.owner.device.get(`/api/v1/meetings/${fixture.owner.meetingId}`);
		expectStatus(meeting, 200);
		expect(meeting.body.meeting.title).toBe(MARK);
		const meetings = await fixture.owner.device.get('/api/v1/meetings');
		expect(meetings.body.meetings.map((entry: { title: string }) => entry.title).sort()).toEqual(
			[MARK, `Zweites ${MARK}`].sort()
		);
	});
});
