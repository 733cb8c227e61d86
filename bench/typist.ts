/**
 * A participant's writing, as a workshop sees it: a new card every so often,
 * typed keystroke by keystroke into its Y.Text, and a link from each solution
 * to the participant's last challenge. Every change goes through the board
 * model, exactly as the UI makes it, and is logged with its send time.
 */
import * as Y from 'yjs';
import { addCard, cardText } from '../src/lib/board/cards';
import { linkCards } from '../src/lib/board/links';
import { newId } from '../src/lib/board/ids';
import { readBoard } from '../src/lib/board/read';
import type { ColumnKind } from '../src/lib/board/schema';

/** Milliseconds since the epoch with sub-millisecond precision, comparable across processes on one machine. */
export function now(): number {
	return performance.timeOrigin + performance.now();
}

export interface Behaviour {
	/** Time from one new card to the next, in ms (uniform between the two). */
	cardEveryMs: [number, number];
	/** Time between two keystrokes, in ms. */
	keyEveryMs: [number, number];
	/** Characters typed per card. */
	cardLength: [number, number];
}

/**
 * The workshop default: a card every 10–20 s (300 people make about 20 cards a second),
 * 15–45 characters typed at about five keys a second.
 */
export const WORKSHOP: Behaviour = {
	cardEveryMs: [10_000, 20_000],
	keyEveryMs: [120, 280],
	cardLength: [15, 45]
};

/** What one writer sent: its Yjs client id's clock after each change, and when. */
export interface SendLog {
	clientId: number;
	board: number;
	clocks: number[];
	times: number[];
}

/** Share of keystrokes that hit a wrong key (corrected with the next one). */
const TYPO_RATE = 0.05;

const WORDS = (
	'Förderung Radweg Schulweg Ehrenamt Nachbarschaft Treffpunkt Beteiligung Jugend Miete Bus Takt ' +
	'Quartier Bücherei Spielplatz Beratung Sprachkurs Café Garten Licht Bank Barrierefrei Zugang ' +
	'mehr weniger sicher früher später gemeinsam offen kostenlos für alle am Abend im Park'
).split(' ');

function between([low, high]: [number, number]): number {
	return low + Math.random() * (high - low);
}

function sentence(length: number): string {
	let text = '';
	while (text.length < length) text += (text ? ' ' : '') + WORDS[Math.floor(Math.random() * WORDS.length)];
	return text.slice(0, length);
}

function columnOf(doc: Y.Doc, kind: ColumnKind): string {
	const column = readBoard(doc).columns.find((candidate) => candidate.kind === kind);
	if (!column) throw new Error(`no ${kind} column: the client has not synced`);
	return column.id;
}

/** A card written in one go (e.g. pasted), for filling a board before a measurement; returns its id. */
export function writeWholeCard(doc: Y.Doc, author: { id: string; name: string }, index: number): string {
	const id = newId();
	addCard(doc, {
		id,
		columnId: columnOf(doc, index % 2 === 0 ? 'challenge' : 'solution'),
		text: sentence(Math.round(between([40, 160]))),
		authorId: author.id,
		authorName: author.name,
		createdAt: Date.now()
	});
	return id;
}

export class Typist {
	readonly log: SendLog;
	/** The cards this participant wrote, with the text typed so far: what every device must end up with. */
	readonly cards = new Map<string, string>();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private until = 0;
	private nextKind: ColumnKind = Math.random() < 0.5 ? 'challenge' : 'solution';
	private lastChallengeId: string | undefined;

	constructor(
		private readonly doc: Y.Doc,
		private readonly author: { id: string; name: string },
		board: number,
		private readonly behaviour: Behaviour
	) {
		this.log = { clientId: doc.clientID, board, clocks: [], times: [] };
	}

	/** Starts writing now (the first card after a random part of one interval) and stops at `until`. */
	start(until: number): void {
		this.until = until;
		this.timer = setTimeout(() => this.newCard(), Math.random() * this.behaviour.cardEveryMs[1]);
	}

	stop(): void {
		clearTimeout(this.timer);
		this.until = 0;
	}

	private get running(): boolean {
		return Date.now() < this.until;
	}

	/** Runs one change and logs it once it has been sent (the provider sends inside the transaction). */
	private change(apply: () => void): void {
		const sentAt = now();
		apply();
		const clock = Y.getState(this.doc.store, this.doc.clientID);
		const last = this.log.clocks[this.log.clocks.length - 1] ?? 0;
		if (clock > last) {
			this.log.clocks.push(clock);
			this.log.times.push(sentAt);
		}
	}

	private newCard(): void {
		if (!this.running) return;
		const nextCardAt = Date.now() + between(this.behaviour.cardEveryMs);
		const kind = this.nextKind;
		this.nextKind = kind === 'challenge' ? 'solution' : 'challenge';
		const columnId = columnOf(this.doc, kind);
		const id = newId();
		this.change(() =>
			addCard(this.doc, {
				id,
				columnId,
				text: '',
				authorId: this.author.id,
				authorName: this.author.name,
				createdAt: Date.now()
			})
		);
		this.cards.set(id, '');
		const text = sentence(Math.round(between(this.behaviour.cardLength)));
		this.type(id, text, 0, () => {
			if (kind === 'challenge') this.lastChallengeId = id;
			else if (this.lastChallengeId) this.link(id, this.lastChallengeId);
			this.timer = setTimeout(() => this.newCard(), Math.max(0, nextCardAt - Date.now()));
		});
	}

	/** One keystroke per call; now and then a wrong key, taken back with the next one (a deletion). */
	private type(cardId: string, text: string, typed: number, done: () => void, typo = false): void {
		if (typed === text.length) return done();
		this.timer = setTimeout(() => {
			if (!this.running) return;
			const yText = cardText(this.doc, cardId)!;
			if (typo) {
				this.change(() => yText.delete(typed, 1));
				this.cards.set(cardId, text.slice(0, typed));
				return this.type(cardId, text, typed, done);
			}
			const wrong = Math.random() < TYPO_RATE;
			this.change(() => yText.insert(typed, wrong ? 'x' : text[typed]));
			this.cards.set(cardId, wrong ? `${text.slice(0, typed)}x` : text.slice(0, typed + 1));
			this.type(cardId, text, wrong ? typed : typed + 1, done, wrong);
		}, between(this.behaviour.keyEveryMs));
	}

	private link(solutionId: string, challengeId: string): void {
		this.change(() =>
			linkCards(this.doc, { solutionId, challengeId, authorId: this.author.id, createdAt: Date.now() })
		);
	}
}
