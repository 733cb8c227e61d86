/** Search over outcomes: German spellings folded, other scripts found as written, only what the caller may see. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Device } from './helpers/http';
import { createBoard, createMeeting, expectError, expectStatus, signup } from './helpers/flows';
import { useStage } from './helpers/stage';
import { finish, finishedWorkshop, TEXTS, type Workshop } from './helpers/outcomes';

const stage = useStage();
let workshop: Workshop;
let outcomeId: string;

beforeAll(async () => {
	({ workshop, outcomeId } = await finishedWorkshop(stage));
});

interface Result {
	cardId: string;
	text: string;
	kind: string;
	boardId: string;
	boardTitle: string;
	outcomeId: string;
	meetingId: string;
	meetingTitle: string;
}

async function search(query: string, device = workshop.facilitator.device, extra = ''): Promise<Result[]> {
	const response = await device.get(`/api/v1/search?q=${encodeURIComponent(query)}${extra}`);
	expectStatus(response, 200);
	return response.body.results;
}

const ids = (results: Result[]) => results.map((result) => result.cardId).sort();

describe('search', () => {
	it('finds the same cards for Foerderung, Förderung, förderung and FÖRDERUNG', async () => {
		const expected = [workshop.ids.funding, workshop.ids.cluster].sort();
		for (const spelling of ['Foerderung', 'Förderung', 'förderung', 'FÖRDERUNG', 'Fo\u0308rderung']) {
			expect(ids(await search(spelling)), spelling).toEqual(expected);
		}
		// Word beginnings match, and every word must occur.
		expect(ids(await search('förder'))).toEqual([...expected, workshop.ids.recommendation].sort());
		expect(ids(await search('Förderung Vereine'))).toEqual([workshop.ids.funding]);
	});

	it('answers with the card, its board, outcome and meeting', async () => {
		const [result] = await search('kleine Vereine');
		expect(result).toMatchObject({
			cardId: workshop.ids.funding,
			text: TEXTS.funding,
			kind: 'challenge',
			boardId: workshop.facilitator.board.id,
			boardTitle: 'Mobilität',
			outcomeId,
			meetingId: workshop.facilitator.meetingId,
			meetingTitle: 'Stadtteilkonferenz'
		});
	});

	it('finds Arabic, Persian and Cyrillic words as written', async () => {
		expect(ids(await search('التمويل'))).toEqual([workshop.ids.arabic]);
		expect(ids(await search('جلسات'))).toEqual([workshop.ids.persian]);
		expect(ids(await search('Финансирование'))).toEqual([workshop.ids.cyrillic]);
		expect(ids(await search('молодёжи'))).toEqual([workshop.ids.cyrillic]);
		expect(ids(await search('Gönüllü'))).toEqual([workshop.ids.turkish]);
	});

	it('refuses an empty query with 400, and callers without a session with 401', async () => {
		for (const query of ['', '   ']) {
			expectError(await workshop.facilitator.device.get(`/api/v1/search?q=${query}`), 400, 'invalid_input');
		}
		expectError(await workshop.facilitator.device.get('/api/v1/search'), 400, 'invalid_input');
		expectError(
			await workshop.facilitator.device.get('/api/v1/search?q=x&from=gestern'),
			400,
			'invalid_input'
		);
		expectError(await new Device(stage.server.url).get('/api/v1/search?q=Förderung'), 401, 'unauthenticated');
		expect(await search('?!')).toEqual([]);
	});

	it('searches only what the caller may see: the participants their board, other facilitators nothing', async () => {
		expect(ids(await search('Förderung', workshop.amira.device))).toEqual(
			[workshop.ids.funding, workshop.ids.cluster].sort()
		);
		const stranger = await signup(stage.server, { name: 'Other Facilitator' });
		expect(await search('Förderung', stranger.device)).toEqual([]);
	});

	it('filters by meeting and by date', async () => {
		const { meetingId } = workshop.facilitator;
		const today = new Date().toISOString().slice(0, 10);
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
		const other = await createMeeting(workshop.facilitator.device, 'Anderes Treffen');
		expect(await search('Förderung', undefined, `&meetingId=${meetingId}`)).toHaveLength(2);
		expect(await search('Förderung', undefined, `&meetingId=${other.id}`)).toEqual([]);
		expect(await search('Förderung', undefined, `&from=${yesterday}&to=${tomorrow}`)).toHaveLength(2);
		expect(await search('Förderung', undefined, `&from=${today}`)).toHaveLength(2);
		expect(await search('Förderung', undefined, `&from=${tomorrow}`)).toEqual([]);
		expect(await search('Förderung', undefined, `&to=${yesterday}`)).toEqual([]);
	});

	it('searches the latest version of each board once, and no board that was never finished', async () => {
		const { facilitator } = workshop;
		expectStatus(await facilitator.device.post(`/api/v1/boards/${facilitator.board.id}/reopen`), 200);
		const second = await finish(workshop);
		const results = await search('Förderung');
		expect(results.map((result) => result.outcomeId)).toEqual([second.id, second.id]);

		await createBoard(facilitator.device, facilitator.meetingId, 'Förderung ohne Ende');
		expect(await search('ohne Ende')).toEqual([]);
	});

	it('offers the same search as a page', async () => {
		const page = await workshop.facilitator.device.get(`/search?q=${encodeURIComponent('FÖRDERUNG')}`);
		expectStatus(page, 200);
		expect(page.text).toContain(TEXTS.funding);
		expect(page.text).toContain(`/outcomes/`);
		const login = await new Device(stage.server.url).get('/search?q=x');
		expect(login.status).toBe(303);
	});
});
