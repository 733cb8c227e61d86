/**
 * A load process: hosts a share of the participants (light protocol clients,
 * or the few full stock clients that measure), and answers the bench's calls.
 */
import { cardsOf } from '../src/lib/board/schema';
import { joinBoard, type BenchBoard } from './api';
import { FullClient } from './full-client';
import { LightClient, type Received } from './light-client';
import { serve } from './rpc';
import { castDots, connectBoardSocket, type VoteOutcome } from './voting';
import { now, Typist, writeWholeCard, type Behaviour, type SendLog } from './typist';

export type Target = 'ours' | 'reference';

export interface ParticipantPlan {
	board: number;
	name: string;
	kind: 'light' | 'full';
}

export interface ConnectPlan {
	target: Target;
	httpUrl: string;
	yjsUrl: string;
	boards: BenchBoard[];
	participants: ParticipantPlan[];
}

export interface WorkerReport {
	sends: SendLog[];
	cards: Array<{ board: number; cards: Record<string, string> }>;
	received: Received;
	cpuMs: number;
	/** Clients the server closed for good (a 44xx code, e.g. a refused update), by code. */
	refusedConnections: Record<number, number>;
}

export interface ReceiverReport {
	board: number;
	clientId: number;
	receipts: FullClient['receipts'];
	stateVector: Record<number, number>;
	cards: Record<string, string>;
}

export interface JoinTiming {
	joinMs: number;
	syncMs: number;
	/** Cards the new participant's document held once synced. */
	cards: number;
}

type Client = LightClient | FullClient;

interface Participant {
	plan: ParticipantPlan;
	client: Client;
	author: { id: string; name: string };
	cookie: string | undefined;
	typist?: Typist;
}

const CONNECT_WAVE = 20;

let participants: Participant[] = [];
let cpuAtStart = process.cpuUsage();
let connectPlan: ConnectPlan | undefined;

function colorFor(index: number): string {
	return `hsl(${(index * 47) % 360} 70% 45%)`;
}

async function identity(plan: ConnectPlan, participant: ParticipantPlan) {
	if (plan.target === 'reference') {
		return { id: `reference-${participant.name}`, name: participant.name, cookie: undefined };
	}
	const joined = await joinBoard(plan.httpUrl, plan.boards[participant.board].joinCode, participant.name);
	return { id: joined.participantId, name: joined.name, cookie: joined.cookie };
}

async function connectOne(
	plan: ConnectPlan,
	participant: ParticipantPlan,
	index: number
): Promise<Participant> {
	const who = await identity(plan, participant);
	const boardId = plan.boards[participant.board].id;
	const user = { id: who.id, name: who.name, color: colorFor(index) };
	const client =
		participant.kind === 'full'
			? new FullClient(plan.yjsUrl, boardId, who.cookie, user)
			: new LightClient(`${plan.yjsUrl}/${boardId}`, who.cookie, user);
	await client.connect();
	return { plan: participant, client, author: { id: who.id, name: who.name }, cookie: who.cookie };
}

async function connect(plan: ConnectPlan): Promise<{ connected: number; connectMs: number }> {
	connectPlan = plan;
	const started = Date.now();
	for (let offset = 0; offset < plan.participants.length; offset += CONNECT_WAVE) {
		const wave = plan.participants.slice(offset, offset + CONNECT_WAVE);
		participants.push(
			...(await Promise.all(wave.map((participant, i) => connectOne(plan, participant, offset + i))))
		);
	}
	return { connected: participants.length, connectMs: Date.now() - started };
}

function start({ until, behaviour }: { until: number; behaviour: Behaviour }): void {
	for (const { client } of participants)
		Object.assign(client.received, { updates: 0, awareness: 0, other: 0 });
	cpuAtStart = process.cpuUsage();
	for (const participant of participants) {
		participant.typist = new Typist(
			participant.client.doc,
			participant.author,
			participant.plan.board,
			behaviour
		);
		participant.typist.start(until);
	}
}

function finish(): WorkerReport {
	const typists = participants.flatMap(({ typist }) => (typist ? [typist] : []));
	for (const typist of typists) typist.stop();
	const cpu = process.cpuUsage(cpuAtStart);
	const received: Received = { updates: 0, awareness: 0, other: 0 };
	for (const { client } of participants) {
		for (const key of Object.keys(received) as Array<keyof Received>) received[key] += client.received[key];
	}
	return {
		sends: typists.map((typist) => typist.log),
		cards: typists.map((typist) => ({ board: typist.log.board, cards: Object.fromEntries(typist.cards) })),
		received,
		cpuMs: (cpu.user + cpu.system) / 1000,
		refusedConnections: participants.reduce<Record<number, number>>((counts, { client }) => {
			if (client.finalClose !== undefined) counts[client.finalClose] = (counts[client.finalClose] ?? 0) + 1;
			return counts;
		}, {})
	};
}

/** Waits until every full client holds each writer's last change (or the time is up), then reports. */
async function settle({
	targets,
	timeoutMs
}: {
	targets: Record<number, Record<number, number>>;
	timeoutMs: number;
}): Promise<ReceiverReport[]> {
	const receivers = participants.filter(
		(p): p is Participant & { client: FullClient } => p.client instanceof FullClient
	);
	const deadline = Date.now() + timeoutMs;
	const complete = () =>
		receivers.every(({ plan, client }) => {
			const state = client.stateVector();
			return Object.entries(targets[plan.board] ?? {}).every(
				([writer, clock]) => (state[Number(writer)] ?? 0) >= clock
			);
		});
	while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
	return receivers.map(({ plan, client }) => ({
		board: plan.board,
		clientId: client.doc.clientID,
		receipts: client.receipts,
		stateVector: client.stateVector(),
		cards: client.cardTexts()
	}));
}

/** After a server restart at `since`: how long each client took to be synced again (null: not within the time). */
async function resync({
	since,
	timeoutMs
}: {
	since: number;
	timeoutMs: number;
}): Promise<Array<number | null>> {
	const deadline = Date.now() + timeoutMs;
	const resynced = () => participants.every(({ client }) => (client.syncedAt ?? 0) > since);
	while (!resynced() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
	return participants.map(({ client }) =>
		client.syncedAt !== undefined && client.syncedAt > since ? client.syncedAt - since : null
	);
}

/** New participants joining one after another: the join request, then the stock client until synced. */
async function timeJoins({
	board,
	count,
	pauseMs
}: {
	board: number;
	count: number;
	pauseMs: number;
}): Promise<JoinTiming[]> {
	const plan = connectPlan!;
	const timings: JoinTiming[] = [];
	for (let i = 0; i < count; i++) {
		const started = now();
		const participant: ParticipantPlan = { board, name: `Neu ${i + 1}`, kind: 'full' };
		const who = await identity(plan, participant);
		const joined = now();
		const client = new FullClient(plan.yjsUrl, plan.boards[board].id, who.cookie, {
			id: who.id,
			name: who.name,
			color: colorFor(i)
		});
		await client.connect();
		timings.push({ joinMs: joined - started, syncMs: now() - joined, cards: cardsOf(client.doc).size });
		client.close();
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
	return timings;
}

/** Cards this process wrote with `seed`: what its participants vote on. */
const seededCards: string[] = [];

/** Fills the boards quickly: each participant adds whole cards, ten per change. */
function seed({ cardsEach }: { cardsEach: number }): number {
	for (const { client, author } of participants) {
		for (let done = 0; done < cardsEach; done += 10) {
			client.doc.transact(() => {
				for (let i = done; i < Math.min(done + 10, cardsEach); i++) {
					seededCards.push(writeWholeCard(client.doc, author, i));
				}
			});
		}
	}
	return participants.length * cardsEach;
}

/** Every participant of this process opens socket.io and places `dots` dots on seeded cards until `until`. */
async function vote({
	dots,
	pauseMs,
	until
}: {
	dots: number;
	pauseMs: [number, number];
	until: number;
}): Promise<VoteOutcome & { cpuMs: number }> {
	const plan = connectPlan!;
	const cpuBefore = process.cpuUsage();
	const sockets = await Promise.all(
		participants.map(({ plan: seat, cookie }) =>
			connectBoardSocket(plan.httpUrl, plan.boards[seat.board].id, cookie!)
		)
	);
	const outcome: VoteOutcome = { latencies: [], accepted: 0, refused: {} };
	try {
		await Promise.all(sockets.map((socket) => castDots(socket, seededCards, dots, pauseMs, until, outcome)));
	} finally {
		for (const socket of sockets) socket.close();
	}
	const cpu = process.cpuUsage(cpuBefore);
	return { ...outcome, cpuMs: (cpu.user + cpu.system) / 1000 };
}

serve({ connect, start, finish, settle, resync, timeJoins, seed, vote }, () => {
	for (const { client } of participants) client.close();
	participants = [];
});

export type WorkerHandlers = {
	connect: typeof connect;
	start: typeof start;
	finish: typeof finish;
	settle: typeof settle;
	resync: typeof resync;
	timeJoins: typeof timeJoins;
	seed: typeof seed;
	vote: typeof vote;
};
