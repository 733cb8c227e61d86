/**
 * Clustering over the real Yjs channel: facilitators sort cards into clusters at
 * any time; participants only while the board is in a cluster phase, and then
 * any card. Every refused change closes the connection (4422) and is stored nowhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, moveCardToCluster, renameCluster } from '../../src/lib/board/clusters';
import { readBoard } from '../../src/lib/board/read';
import { clustersOf } from '../../src/lib/board/schema';
import { columnId, findCard, writeCard } from './helpers/board';
import { readStoredBoard } from './helpers/database';
import { waitFor, type YjsClient } from './helpers/yjs';
import { useStage } from './helpers/stage';
import { goToPhase, workshop, type Workshop } from './helpers/workshop';
import type { Participant } from './helpers/flows';

const REFUSED = 4422;

const stage = useStage();
let scene: Workshop;
let amira: Participant;
let bruno: Participant;
let facilitatorDoc: YjsClient;
let brunoCard: string;

beforeAll(async () => {
	scene = await workshop(stage);
	amira = await scene.join('Amira');
	bruno = await scene.join('Bruno');
	const brunoDoc = await scene.document(bruno);
	brunoCard = writeCard(brunoDoc.doc, bruno, 'challenge', 'Zu wenig Räume');
	await brunoDoc.flush();
	facilitatorDoc = await scene.document(scene.facilitator);
	await waitFor(() => findCard(facilitatorDoc.doc, brunoCard), 'Bruno’s card at the facilitator');
});

function stored() {
	return readBoard(readStoredBoard(stage.server.databaseFile, scene.board.id));
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
			const client = await scene.document(amira);
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
		const client = await scene.document(amira);
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
		const client = await scene.document(amira);
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
		const client = await scene.document(amira);
		moveCardToCluster(client.doc, brunoCard, null);
		expect(await client.closed()).toBe(REFUSED);
		await facilitatorDoc.flush();
		expect(stored().cards.find((card) => card.id === brunoCard)?.clusterId).toBe('geld');
		expect(findCard(facilitatorDoc.doc, brunoCard)?.clusterId).toBe('geld');
	});
});
