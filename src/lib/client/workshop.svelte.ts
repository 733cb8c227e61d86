/**
 * A device's view of the workshop beyond the board's content: dot voting (its
 * own dots, and the totals once it may see them), private writing with its
 * drafts, and the facilitator's view choices. Holds no rules: the server
 * decides, $lib/board/voting and phases say what to offer.
 */
import * as Y from 'yjs';
import { getContext, setContext } from 'svelte';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { addCard, type NewCard } from '$lib/board/cards';
import { readBoard } from '$lib/board/read';
import type { Card } from '$lib/board/schema';
import { DEFAULT_VOTE_SETTINGS, mayVote, type VoteSettings } from '$lib/board/voting';
import type { MyVotesPayload } from '$lib/realtime/events';
import type { BoardSession } from './board-session.svelte';

const KEY = Symbol('workshop');

export type GroupBy = 'columns' | 'organisations';

export interface CardDrag {
	cardId: string;
	columnId: string;
	x: number;
	y: number;
	/** The cluster id under the pointer, '' for "no theme", null for no drop target. */
	over: string | null;
}

export class Workshop {
	voteSettings = $state.raw<VoteSettings>({ ...DEFAULT_VOTE_SETTINGS });
	myVotes = $state.raw<MyVotesPayload>({ counts: {}, remaining: 0 });
	/** Dots per card or cluster; null while this device may not see them. */
	totals = $state.raw<Record<string, number> | null>(null);
	privateWriting = $state(false);
	/** Cards not revealed yet: a participant's own, or (for facilitators) everyone's. */
	drafts = $state.raw<Card[]>([]);
	sortByVotes = $state(false);
	groupBy = $state<GroupBy>('columns');
	/** A theme just made on this device, to open for naming. */
	namingClusterId = $state<string | null>(null);
	/** A card being dragged towards a theme, with the pointer's position and the drop target under it. */
	drag = $state.raw<CardDrag | null>(null);
	/** participant id → organisation, fetched for facilitators when they group by organisation. */
	organisations = $state.raw<Record<string, string>>({});

	/** A participant's drafts document, open while private writing is on (and until it is empty). */
	private draftsDoc = $state.raw<Y.Doc>();
	private draftsProvider: WebsocketProvider | undefined;
	private draftsPersistence: IndexeddbPersistence | undefined;

	constructor(readonly session: BoardSession) {
		session.on('votes:settings', (settings) => {
			this.voteSettings = settings;
			if (!settings.revealed && session.me.role !== 'facilitator') this.totals = null;
		});
		session.on('votes:mine', (mine) => (this.myVotes = mine));
		session.on('votes:results', ({ totals }) => (this.totals = totals));
		session.on('private:state', ({ on }) => {
			this.privateWriting = on;
			if (on && session.me.role === 'participant') this.openDrafts();
		});
		session.on('private:drafts', ({ cards }) => (this.drafts = cards));
	}

	get isFacilitator(): boolean {
		return this.session.me.role === 'facilitator';
	}

	/** Whether this device may place dots now. */
	get canVote(): boolean {
		const phase = this.session.boardState?.phase ?? 'collect';
		return mayVote(this.session.me.role, phase, this.voteSettings) && this.session.status !== 'closed';
	}

	/** New cards of this device go into its drafts: only its author and the facilitators see them. */
	get writesDrafts(): boolean {
		return this.privateWriting && this.session.me.role === 'participant' && this.draftsDoc !== undefined;
	}

	/** The document a card lives in on this device: the board, or the participant's drafts. */
	docOf(cardId: string): Y.Doc {
		return this.draftsDoc && this.drafts.some((card) => card.id === cardId)
			? this.draftsDoc
			: this.session.doc;
	}

	isDraft(cardId: string): boolean {
		return this.drafts.some((card) => card.id === cardId);
	}

	addDraft(card: Omit<NewCard, 'text' | 'authorId' | 'authorName' | 'createdAt'>): void {
		if (!this.draftsDoc) return;
		addCard(this.draftsDoc, {
			...card,
			text: '',
			authorId: this.session.me.id,
			authorName: this.session.me.name,
			createdAt: Date.now()
		});
	}

	/**
	 * Follows a pointer (mouse, pen or finger) that drags a card: the drop targets
	 * are elements with `data-theme-drop` (a cluster id, or '' for "no theme") in the card's column.
	 */
	dragTo(cardId: string, columnId: string, x: number, y: number): void {
		const target = document
			.elementFromPoint(x, y)
			?.closest<HTMLElement>(`[data-theme-drop][data-theme-column="${CSS.escape(columnId)}"]`);
		this.drag = { cardId, columnId, x, y, over: target ? (target.dataset.themeDrop ?? null) : null };
	}

	/** Ends a drag: returns the cluster id the card was dropped on ('' for none), or null when dropped elsewhere. */
	endDrag(): string | null {
		const over = this.drag?.over ?? null;
		this.drag = null;
		return over;
	}

	async loadOrganisations(): Promise<void> {
		const result = (await this.session.command('organisations:list', {})) as
			{ ok: true; organisations: Record<string, string> } | { ok: false };
		if (result.ok) this.organisations = result.organisations;
	}

	private openDrafts(): void {
		if (this.draftsDoc) return;
		const doc = new Y.Doc();
		const room = `${this.session.boardId}~drafts~${this.session.me.id}`;
		this.draftsDoc = doc;
		this.draftsPersistence = new IndexeddbPersistence(`wedo-board:${room}`, doc);
		const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
		this.draftsProvider = new WebsocketProvider(`${protocol}://${location.host}/yjs`, room, doc);
		const render = () => (this.drafts = readBoard(doc).cards);
		doc.on('afterTransaction', render);
		render();
	}

	destroy(): void {
		this.draftsProvider?.destroy();
		void this.draftsPersistence?.destroy();
		this.draftsDoc?.destroy();
	}
}

export function setWorkshop(workshop: Workshop): void {
	setContext(KEY, workshop);
}

export function getWorkshop(): Workshop {
	return getContext<Workshop>(KEY);
}
