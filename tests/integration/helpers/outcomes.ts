/**
 * A workshop that ends in an outcome, written the way devices write it: cards in
 * several languages over Yjs, a link, a cluster, a recommendation drawn from them,
 * dots cast over socket.io, then "finish".
 */
import * as Y from 'yjs';
import { expect } from 'vitest';
import { linkCards } from '../../../src/lib/board/links';
import { createCluster, moveCardToCluster } from '../../../src/lib/board/clusters';
import { addCard } from '../../../src/lib/board/cards';
import { newId } from '../../../src/lib/board/ids';
import { columnsOf } from '../../../src/lib/board/schema';
import {
	expectStatus,
	facilitatorWithBoard,
	join,
	type BoardJson,
	type Facilitator,
	type Participant
} from './flows';
import { findCard, writeCard } from './board';
import { connectSynced, waitFor, type YjsClient } from './yjs';
import { connectSocket, type BoardSocketClient } from './socket';
import type { RunningServer } from './server';
import type { LiveStage } from './stage';

export const TEXTS = {
	funding: 'Zu wenig Förderung für kleine Vereine',
	rooms: 'Keine bezahlbaren Räume für Treffen',
	arabic: 'نقص التمويل للمبادرات الصغيرة',
	persian: 'کمبود فضای مناسب برای جلسات',
	cyrillic: 'Финансирование проектов для молодёжи',
	turkish: 'Gönüllü çalışmaya destek eksik',
	fund: 'Ein Fonds für Kleinstprojekte',
	mentoring: 'Patenschaften zwischen Vereinen',
	cluster: 'Geld und Förderung',
	recommendation: 'Förderberatung im Bezirksamt einrichten'
} as const;

export interface Workshop {
	facilitator: Facilitator & { board: BoardJson; meetingId: string };
	amira: Participant;
	boris: Participant;
	clients: { facilitator: YjsClient; amira: YjsClient; boris: YjsClient; anonymous: YjsClient };
	sockets: { facilitator: BoardSocketClient; amira: BoardSocketClient; boris: BoardSocketClient };
	ids: Record<keyof typeof TEXTS, string>;
	close(): void;
}

export async function command(
	client: BoardSocketClient,
	event: string,
	payload: unknown = {}
): Promise<void> {
	const ack = await client.emit(event, payload);
	expect(ack, `${event}: ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
}

/** Phase indexes of the default plan: collect, cluster, vote, recommend, done. */
export const PHASE = { collect: 0, vote: 2 } as const;

export async function runWorkshop(server: RunningServer): Promise<Workshop> {
	const facilitator = await facilitatorWithBoard(server, 'Fatma Facilitator');
	const { board } = facilitator;
	const amira = await join(server, board.joinCode, 'Amira');
	const boris = await join(server, board.joinCode, 'Boris');
	const anonymous = await join(server, board.joinCode, null);
	const clients = {
		facilitator: await connectSynced(server, board.id, facilitator.device.cookie),
		amira: await connectSynced(server, board.id, amira.device.cookie),
		boris: await connectSynced(server, board.id, boris.device.cookie),
		anonymous: await connectSynced(server, board.id, anonymous.device.cookie)
	};
	const sockets = {
		facilitator: await connectSocket(server, board.id, facilitator.device.cookie),
		amira: await connectSocket(server, board.id, amira.device.cookie),
		boris: await connectSocket(server, board.id, boris.device.cookie)
	};
	const me = { id: facilitator.user.id, name: facilitator.user.name };

	const ids = {} as Record<keyof typeof TEXTS, string>;
	ids.funding = writeCard(clients.amira.doc, amira, 'challenge', TEXTS.funding);
	ids.rooms = writeCard(clients.boris.doc, boris, 'challenge', TEXTS.rooms);
	ids.arabic = writeCard(clients.amira.doc, amira, 'challenge', TEXTS.arabic);
	ids.persian = writeCard(clients.boris.doc, boris, 'challenge', TEXTS.persian);
	ids.cyrillic = writeCard(clients.anonymous.doc, anonymous, 'challenge', TEXTS.cyrillic);
	ids.turkish = writeCard(clients.amira.doc, amira, 'challenge', TEXTS.turkish);
	ids.fund = writeCard(clients.boris.doc, boris, 'solution', TEXTS.fund);
	ids.mentoring = writeCard(clients.amira.doc, amira, 'solution', TEXTS.mentoring);
	await clients.amira.flush();
	await clients.boris.flush();
	await clients.anonymous.flush();
	await waitFor(
		() => findCard(clients.facilitator.doc, ids.fund) && findCard(clients.facilitator.doc, ids.funding),
		'cards at the facilitator'
	);
	await waitFor(() => findCard(clients.boris.doc, ids.funding), 'the challenge at Boris');
	expect(
		linkCards(clients.boris.doc, {
			solutionId: ids.fund,
			challengeId: ids.funding,
			authorId: boris.id,
			createdAt: Date.now()
		})
	).toBe(true);
	await clients.boris.flush();

	// The facilitator groups, adds a recommendation column and writes a recommendation drawn from the theme.
	const doc = clients.facilitator.doc;
	await waitFor(() => doc.getMap('links').size === 1, 'the link at the facilitator');
	ids.cluster = newId();
	createCluster(doc, {
		id: ids.cluster,
		title: TEXTS.cluster,
		columnId: null,
		authorId: me.id,
		createdAt: Date.now()
	});
	moveCardToCluster(doc, ids.funding, ids.cluster);
	moveCardToCluster(doc, ids.arabic, ids.cluster);
	const column = new Y.Map<unknown>();
	const recommendationColumn = newId();
	doc.transact(() => {
		column.set('id', recommendationColumn);
		column.set('title', 'Empfehlungen');
		column.set('kind', 'recommendation');
		columnsOf(doc).push([column]);
	});
	ids.recommendation = newId();
	addCard(doc, {
		id: ids.recommendation,
		columnId: recommendationColumn,
		text: TEXTS.recommendation,
		authorId: me.id,
		authorName: me.name,
		createdAt: Date.now(),
		clusterId: null,
		sources: [ids.cluster, ids.fund],
		lang: null,
		translations: {}
	});
	await clients.facilitator.flush();

	// Dots: Amira 2 on "rooms", 1 on the Arabic card; Boris 1 on "rooms", 1 on the fund.
	await command(sockets.facilitator, 'votes:configure', { budget: 3, maxPerCard: 2, perOrganisation: false });
	await command(sockets.facilitator, 'votes:open');
	await command(sockets.facilitator, 'phase:go', { index: PHASE.vote });
	for (const [socket, targetId] of [
		[sockets.amira, ids.rooms],
		[sockets.amira, ids.rooms],
		[sockets.amira, ids.arabic],
		[sockets.boris, ids.rooms],
		[sockets.boris, ids.fund]
	] as const) {
		await command(socket, 'vote:cast', { targetId });
	}
	await command(sockets.facilitator, 'phase:go', { index: PHASE.collect });

	return {
		facilitator,
		amira,
		boris,
		clients,
		sockets,
		ids,
		close() {
			for (const client of Object.values(clients)) client.destroy();
			for (const socket of Object.values(sockets)) socket.close();
		}
	};
}

export async function finish(
	workshop: Workshop
): Promise<{ id: string; version: number; createdAt: string; boardId: string }> {
	const response = await workshop.facilitator.device.post(
		`/api/v1/boards/${workshop.facilitator.board.id}/finish`
	);
	expectStatus(response, 201);
	return response.body.outcome;
}

/** A workshop run to its outcome on the stage's server; its clients close with the stage's. */
export async function finishedWorkshop(stage: LiveStage): Promise<{ workshop: Workshop; outcomeId: string }> {
	const workshop = stage.track(await runWorkshop(stage.server));
	return { workshop, outcomeId: (await finish(workshop)).id };
}
