/**
 * Clustering over the real Yjs channel: facilitators sort cards into clusters at
 * any time; participants only while the board is in a cluster phase, and then
 * any card. Every refused change closes the connection (4422) and is stored nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, moveCardToCluster, renameCluster } from '../../src/lib/board/clusters';
import { readBoard } from '../../src/lib/board/read';
import { clustersOf } from '../../src/lib/board/schema';
import { columnId, findCard, writeCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { connectSynced, waitFor, type YjsClient } from './helpers/yjs';
import { startServer, type RunningServer } from './helpers/server';
import { goToPhase, joinWithOrganisation, workshop, type Workshop, closeAll } from './helpers/workshop';
import type { Participant } from './helpers/flows';

const REFUSED = 4422;

let server: RunningServer;
const open: Array<{ close(): void } | YjsClient> = [];
let scene: Workshop;
let amira: Participant;
let bruno: Participant;
let facilitatorDoc: YjsClient;
let brunoCard: string;

function track<T extends { close(): void } | YjsClient>(client: T): T {
	open.push(client);
	return client;
}

beforeAll(async () => {
	server = await startServer();
	scene = await workshop(server);
	open.push(scene.facilitatorSocket);
	amira = await joinWithOrganisation(server, scene.board.joinCode, 'Amira', null);
	bruno = await joinWithOrganisation(server, scene.board.joinCode, 'Bruno', null);
	const brunoDoc = track(await connectSynced(server, scene.board.id, bruno.device.cookie));
	brunoCard = writeCard(brunoDoc.doc, bruno, 'challenge', 'Zu wenig Räume');
	await brunoDoc.flush();
	facilitatorDoc = track(await connectSynced(server, scene.board.id, scene.facilitator.device.cookie));
	await waitFor(() => findCard(facilitatorDoc.doc, brunoCard), 'Bruno’s card at the facilitator');
});

afterAll(async () => {
	closeAll(open);
	await server?.stop();
});

function stored() {
	return readBoard(readStoredBoard(server.databaseFile, scene.board.id));
}

describe('clustering', () => {
	it('a facilitator makes a cluster and sorts a participant’s card into it while collecting', async () => {
		createCluster(facilitatorDoc.doc, {
			id: 'raeume',
			title: 'Räume',
			columnId: columnId(facilitatorDoc.doc, 'challenge'),
			authorId: scene.facilitator.user.id,
			createdAt: Date.now()
		});
		moveCardToCluster(facilitatorDoc.doc, brunoCard, 'raeume');
		await facilitatorDoc.flush();
		expect(stored().clusters.map((cluster) => cluster.title)).toEqual(['Räume']);
		expect(stored().cards.find((card) => card.id === brunoCard)?.clusterId).toBe('raeume');
	});

	it('while collecting, a participant’s clustering is refused and stored nowhere', async () => {
		const attempts: Array<(client: YjsClient) => void> = [
			(client) => moveCardToCluster(client.doc, brunoCard, null),
			(client) => renameCluster(client.doc, 'raeume', 'Umbenannt'),
			(client) =>
				createCluster(client.doc, {
					id: 'geld',
					title: 'Geld',
					columnId: null,
					authorId: amira.id,
					createdAt: 1
				}),
			(client) => clustersOf(client.doc).delete('raeume')
		];
		for (const attempt of attempts) {
			const client = track(await connectSynced(server, scene.board.id, amira.device.cookie));
			attempt(client);
			expect(await client.closed()).toBe(REFUSED);
			await facilitatorDoc.flush();
			const content = stored();
			expect(content.clusters.map((cluster) => [cluster.id, cluster.title])).toEqual([['raeume', 'Räume']]);
			expect(content.cards.find((card) => card.id === brunoCard)?.clusterId).toBe('raeume');
			expect(readBoard(facilitatorDoc.doc).clusters.map((cluster) => cluster.title)).toEqual(['Räume']);
		}
	});

	it('in the cluster phase a participant sorts anyone’s card, names and renames clusters; everyone sees it', async () => {
		await goToPhase(scene.facilitatorSocket, 'cluster');
		const client = track(await connectSynced(server, scene.board.id, amira.device.cookie));
		createCluster(client.doc, {
			id: 'geld',
			title: 'Geld',
			columnId: null,
			authorId: amira.id,
			createdAt: Date.now()
		});
		moveCardToCluster(client.doc, brunoCard, 'geld');
		renameCluster(client.doc, 'raeume', 'Raumnot');
		await client.flush();
		await waitFor(
			() => findCard(facilitatorDoc.doc, brunoCard)?.clusterId === 'geld',
			'the move at the facilitator'
		);
		expect(stored().clusters.map((cluster) => cluster.title)).toEqual(['Raumnot', 'Geld']);
	});

	it('in the cluster phase a cluster in someone else’s name is still refused', async () => {
		const client = track(await connectSynced(server, scene.board.id, amira.device.cookie));
		createCluster(client.doc, {
			id: 'fremd',
			title: 'Fremd',
			columnId: null,
			authorId: bruno.id,
			createdAt: 1
		});
		expect(await client.closed()).toBe(REFUSED);
		expect(stored().clusters.map((cluster) => cluster.id)).not.toContain('fremd');
	});

	it('in the vote phase a participant’s clustering is refused again: the board stands still', async () => {
		await goToPhase(scene.facilitatorSocket, 'vote');
		const client = track(await connectSynced(server, scene.board.id, amira.device.cookie));
		moveCardToCluster(client.doc, brunoCard, null);
		expect(await client.closed()).toBe(REFUSED);
		await facilitatorDoc.flush();
		expect(stored().cards.find((card) => card.id === brunoCard)?.clusterId).toBe('geld');
		expect(findCard(facilitatorDoc.doc, brunoCard)?.clusterId).toBe('geld');
	});
});
