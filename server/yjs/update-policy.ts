/**
 * Server-side rules for incoming Yjs updates, checked on the decoded update
 * before it touches the live document (see docs/security.md):
 * - participants create cards and links only under their own id, and change or
 *   delete only their own; columns and board settings are the facilitators';
 * - the board's phase narrows what participants may do (src/lib/board/phases.ts);
 * - the resulting document keeps the limits (card text length, cards per board).
 */
import * as Y from 'yjs';
import { ROOT, cardsOf, columnsOf, type ColumnKind } from '../../src/lib/board/schema';
import { readColumn } from '../../src/lib/board/read';
import { participantRules, type ParticipantRules } from '../../src/lib/board/phases';
import { canChangeOwned, canRemoveLink, type Actor, type BoardState } from '../../src/lib/board/permissions';
import { canTranslate, isLanguageTag } from '../../src/lib/board/translations';
import { canCluster } from '../../src/lib/board/clusters';

export interface PolicyLimits {
	maxCardText: number;
	maxTitle: number;
	maxCards: number;
}

export type PolicyVerdict = { ok: true } | { ok: false; reason: PolicyRefusal };
export type PolicyRefusal =
	'malformed' | 'not_owner' | 'forbidden_field' | 'too_long' | 'too_many_cards' | 'out_of_phase';

type Struct = Y.Item | Y.GC | Y.Skip;
/** Yjs's delete set, which its typings do not export: deleted clock ranges per client. */
interface DeleteSet {
	clients: Map<number, Array<{ clock: number; len: number }>>;
}

/**
 * An incoming update decoded once: the policy and the room's own checks (client
 * ids, acknowledgements) all read this, since decoding is most of their cost.
 * Its structs are Yjs's own decoded (not integrated) copies; nothing changes them.
 */
export interface DecodedUpdate {
	structs: readonly Struct[];
	ds: DeleteSet;
}

/** Null when the bytes are not a Yjs update. */
export function decodeUpdate(update: Uint8Array): DecodedUpdate | null {
	try {
		return Y.decodeUpdate(update) as unknown as DecodedUpdate;
	} catch {
		return null;
	}
}

/** Where an item sits: the root it belongs to, the top-level entry (card, link) and the field inside it. */
interface Placement {
	root: string;
	entry: Y.Item | null;
	entryKey: string | null;
	field: string | null;
	depth: number;
	/** The Y.Text (as its holding item) that string content belongs to, for length checks. */
	textHolder: Y.Item | null;
}

/** The fields a participant may change on their own card, and the shape each must keep. */
const EDITABLE_CARD_FIELDS = new Map<string, (item: Y.Item) => boolean>([
	['text', isText],
	['columnId', isString],
	['sources', isStringList]
]);
/** A cluster's fields that whoever may cluster may change after it was made. */
const EDITABLE_CLUSTER_FIELDS = new Map<string, (item: Y.Item) => boolean>([
	['title', isString],
	['columnId', isStringOrNull]
]);
/** A card's language fields: `lang` is fixed at creation, `translations` follow `canTranslate`. */
const LANGUAGE_FIELDS = new Set(['lang', 'translations']);
const DEAD = Symbol('dead');

class UpdateInspector {
	private readonly newItems = new Map<number, Y.Item[]>();
	private readonly placements = new Map<Y.Item, Placement | typeof DEAD>();
	private fieldIndex: Map<Y.Item, Map<string, Y.Item[]>> | undefined;

	constructor(
		private readonly doc: Y.Doc,
		structs: readonly Struct[]
	) {
		for (const struct of structs) {
			if (!(struct instanceof Y.Item)) continue;
			const list = this.newItems.get(struct.id.client) ?? [];
			list.push(struct);
			this.newItems.set(struct.id.client, list);
		}
	}

	isNew(item: Y.Item): boolean {
		return this.newItems.get(item.id.client)?.includes(item) ?? false;
	}

	/** The item (new or stored) that holds `id`; GC when it was garbage-collected; undefined when unknown. */
	lookup(id: Y.ID): Y.Item | Y.GC | undefined {
		for (const item of this.newItems.get(id.client) ?? []) {
			if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
		}
		if (Y.getState(this.doc.store, id.client) <= id.clock) return undefined;
		const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
		return struct;
	}

	/** Placement of an item; DEAD when it hangs off garbage-collected content (Yjs discards it). */
	place(item: Y.Item): Placement | typeof DEAD {
		const known = this.placements.get(item);
		if (known) return known;
		const placement = this.isNew(item) ? this.placeNew(item) : this.placeStored(item);
		this.placements.set(item, placement);
		return placement;
	}

	private placeStored(item: Y.Item): Placement | typeof DEAD {
		const parent = item.parent as Y.AbstractType<unknown> | null;
		if (!parent) return DEAD;
		if (!parent._item) {
			return this.topLevel(Y.findRootTypeKey(parent), item, item.parentSub);
		}
		return this.below(parent._item, item.parentSub);
	}

	private placeNew(item: Y.Item): Placement | typeof DEAD {
		const parent = item.parent as unknown;
		if (typeof parent === 'string') return this.topLevel(parent, item, item.parentSub);
		if (parent instanceof Y.ID) {
			const holder = this.lookup(parent);
			if (!holder) throw new UnresolvableError();
			if (holder instanceof Y.GC) return DEAD;
			return this.below(holder, item.parentSub);
		}
		// Neither parent nor key is written when an origin is: both are the origin's.
		const neighbourId = item.origin ?? item.rightOrigin;
		if (!neighbourId) throw new UnresolvableError();
		const neighbour = this.lookup(neighbourId);
		if (!neighbour) throw new UnresolvableError();
		if (neighbour instanceof Y.GC) return DEAD;
		const neighbourPlacement = this.place(neighbour);
		if (neighbourPlacement === DEAD) return DEAD;
		if (neighbourPlacement.depth === 0) {
			return this.topLevel(neighbourPlacement.root, item, neighbour.parentSub ?? neighbourPlacement.entryKey);
		}
		return { ...neighbourPlacement, entry: neighbourPlacement.entry, field: neighbourPlacement.field };
	}

	private topLevel(root: string, item: Y.Item, key: string | null): Placement {
		return { root, entry: item, entryKey: key, field: null, depth: 0, textHolder: null };
	}

	/** Placement of a child of `holder` (an item whose content is a shared type). */
	private below(holder: Y.Item, key: string | null): Placement | typeof DEAD {
		const holderPlacement = this.place(holder);
		if (holderPlacement === DEAD) return DEAD;
		return {
			root: holderPlacement.root,
			entry: holderPlacement.entry,
			entryKey: holderPlacement.entryKey,
			field: holderPlacement.depth === 0 ? key : holderPlacement.field,
			depth: holderPlacement.depth + 1,
			textHolder: isText(holder) ? holder : holderPlacement.textHolder
		};
	}

	/**
	 * Every value a new map entry's fields receive in the same update. All count, since which of
	 * several values Yjs keeps depends on their positions, not on their order in the update.
	 */
	fieldsOf(entry: Y.Item): Map<string, Y.Item[]> {
		if (!this.fieldIndex) {
			this.fieldIndex = new Map();
			for (const item of this.allNew()) {
				if (isRemoved(item)) continue;
				const placement = this.place(item);
				if (placement === DEAD || placement.depth !== 1 || !placement.field || !placement.entry) continue;
				const fields = this.fieldIndex.get(placement.entry) ?? new Map<string, Y.Item[]>();
				fields.set(placement.field, [...(fields.get(placement.field) ?? []), item]);
				this.fieldIndex.set(placement.entry, fields);
			}
		}
		return this.fieldIndex.get(entry) ?? new Map();
	}

	allNew(): Y.Item[] {
		return [...this.newItems.values()].flat();
	}
}

class UnresolvableError extends Error {}

/**
 * Content created and deleted again before it was sent (typing with corrections offline, a card
 * added and removed) arrives without its value. It still takes a place, so who may put it there
 * is checked like any change; what it would have held is not.
 */
function isRemoved(item: Y.Item): boolean {
	return item.content instanceof Y.ContentDeleted;
}

function isLanguageField(placement: Placement): boolean {
	return placement.root === ROOT.cards && placement.depth > 0 && LANGUAGE_FIELDS.has(placement.field ?? '');
}

function storedCardHasTranslations(entry: Y.Item): boolean {
	if (!isMap(entry)) return false;
	return ((entry.content as Y.ContentType).type as Y.Map<unknown>).get('translations') instanceof Y.Map;
}

function isText(item: Y.Item | undefined): boolean {
	return item?.content instanceof Y.ContentType && item.content.type instanceof Y.Text;
}

function anyValue(item: Y.Item | undefined): unknown {
	return item?.content instanceof Y.ContentAny ? item.content.getContent()[0] : undefined;
}

function isString(item: Y.Item): boolean {
	return typeof anyValue(item) === 'string';
}

function isStringOrNull(item: Y.Item): boolean {
	return anyValue(item) === null || isString(item);
}

/** A recommendation's `sources`: a plain list of card and cluster ids, replaced as a whole. */
function isStringList(item: Y.Item): boolean {
	const value = anyValue(item);
	return (
		Array.isArray(value) &&
		value.length <= 200 &&
		value.every((id) => typeof id === 'string' && id.length <= 64)
	);
}

/** Whether a field of a new entry, when written at all, keeps its shape in every value. */
function absentOrEvery(
	fields: Map<string, Y.Item[]>,
	field: string,
	test: (item: Y.Item) => boolean
): boolean {
	return (fields.get(field) ?? []).every((item) => isRemoved(item) || test(item));
}

/** Whether a new entry's field has a value and every value written to it passes `test`. */
function everyValue(fields: Map<string, Y.Item[]>, field: string, test: (item: Y.Item) => boolean): boolean {
	const items = fields.get(field) ?? [];
	return items.length > 0 && items.every(test);
}

function isMap(item: Y.Item): boolean {
	return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map;
}

/** Whether a value written to a card's `lang` or `translations` keeps their shape. */
function keepsLanguageShape(item: Y.Item, placement: Placement): boolean {
	if (placement.field === 'lang') return placement.depth === 1 && isLanguageTag(anyValue(item));
	switch (placement.depth) {
		case 1:
			return isMap(item);
		case 2:
			// A translation replacing another under the same key names no key of its own (its origin does).
			return isText(item) && (item.parentSub === null || isLanguageTag(item.parentSub));
		case 3:
			return item.content instanceof Y.ContentString;
		default:
			return false;
	}
}

/** A value written to `clusterId` of a card that already exists: anyone who may cluster sorts any card. */
function isStoredClusterId(placement: Placement, inspector: UpdateInspector): boolean {
	return (
		placement.root === ROOT.cards &&
		placement.depth === 1 &&
		placement.field === 'clusterId' &&
		!inspector.isNew(placement.entry!)
	);
}

function storedEntryOwner(entry: Y.Item): string | undefined {
	if (!(entry.content instanceof Y.ContentType) || !(entry.content.type instanceof Y.Map)) return undefined;
	const owner = entry.content.type.get('authorId');
	return typeof owner === 'string' ? owner : undefined;
}

/** What of the board's state the rules read; a board without a phase (a unit test) is collecting. */
type BoardSettings = Partial<Pick<BoardState, 'interpretersAllowed' | 'phase'>>;

/** Checks an incoming update (its bytes, or as `decodeUpdate` read them) against the live document without changing it. */
export function checkUpdate(
	doc: Y.Doc,
	update: Uint8Array | DecodedUpdate,
	actor: Actor & { name: string | null },
	limits: PolicyLimits,
	board: BoardSettings = {}
): PolicyVerdict {
	const decoded = update instanceof Uint8Array ? decodeUpdate(update) : update;
	if (!decoded) return { ok: false, reason: 'malformed' };
	try {
		return new UpdateCheck(doc, decoded.structs, decoded.ds, actor, actor.name, limits, board).run();
	} catch (error) {
		if (error instanceof UnresolvableError) return { ok: false, reason: 'malformed' };
		throw error;
	}
}

class UpdateCheck {
	private readonly inspector: UpdateInspector;
	/** Change in visible length per Y.Text holder, to check limits on the result. */
	private readonly textDelta = new Map<Y.Item, number>();
	private newCards = 0;
	private readonly rules: ParticipantRules;

	constructor(
		private readonly doc: Y.Doc,
		structs: readonly Struct[],
		private readonly ds: DeleteSet,
		private readonly actor: Actor,
		private readonly actorName: string | null,
		private readonly limits: PolicyLimits,
		private readonly board: BoardSettings
	) {
		this.inspector = new UpdateInspector(doc, structs);
		this.rules = participantRules(board.phase ?? 'collect');
	}

	run(): PolicyVerdict {
		for (const item of this.inspector.allNew()) {
			const refusal = this.checkInsert(item);
			if (refusal) return { ok: false, reason: refusal };
		}
		const deleteRefusal = this.checkDeletes();
		if (deleteRefusal) return { ok: false, reason: deleteRefusal };
		return this.checkLimits();
	}

	private owns(ownerId: string | undefined): boolean {
		return canChangeOwned(this.actor, ownerId ?? '');
	}

	private checkInsert(item: Y.Item): PolicyRefusal | null {
		const placement = this.inspector.place(item);
		if (placement === DEAD) return null;
		if (item.content instanceof Y.ContentDoc) return 'forbidden_field';
		if (placement.textHolder && item.content instanceof Y.ContentString) {
			this.addTextDelta(placement.textHolder, item.content.str.length);
		}
		if ((placement.root === ROOT.cards || placement.root === ROOT.links) && placement.depth === 0) {
			const refusal = this.checkNewEntry(item, placement);
			if (refusal) return refusal;
		}
		if (placement.root === ROOT.columns && placement.depth === 1 && placement.field === 'title') {
			const title = anyValue(item);
			if (typeof title === 'string' && title.length > this.limits.maxTitle) return 'too_long';
		}
		if (isLanguageField(placement)) return this.checkLanguageInsert(item, placement);
		if (placement.root === ROOT.clusters) return this.checkClusterInsert(item, placement);
		if (isStoredClusterId(placement, this.inspector)) {
			if (!this.mayCluster()) return 'out_of_phase';
			return isRemoved(item) || isStringOrNull(item) ? null : 'forbidden_field';
		}
		if (this.actor.role === 'facilitator') return null;
		return this.checkParticipantInsert(item, placement);
	}

	/** Clusters are sorted by facilitators, and by participants while the phase is for clustering. */
	private mayCluster(): boolean {
		return canCluster(this.actor.role, this.board.phase ?? 'collect');
	}

	/**
	 * A cluster, or a change to one: made in the maker's own name, with a title
	 * within the limit; after that only its title and column change (for participants).
	 */
	private checkClusterInsert(item: Y.Item, placement: Placement): PolicyRefusal | null {
		if (!this.mayCluster()) return 'out_of_phase';
		const entry = placement.entry!;
		if (placement.depth === 0) {
			if (isRemoved(item)) return null;
			if (!isMap(item)) return 'forbidden_field';
			const fields = this.inspector.fieldsOf(item);
			if (!everyValue(fields, 'authorId', (value) => anyValue(value) === this.actor.id)) return 'not_owner';
			if (!everyValue(fields, 'id', (value) => anyValue(value) === placement.entryKey))
				return 'forbidden_field';
			if (!everyValue(fields, 'title', isString) || !absentOrEvery(fields, 'columnId', isStringOrNull)) {
				return 'forbidden_field';
			}
			return (fields.get('title') ?? []).every((value) => this.titleFits(value)) ? null : 'too_long';
		}
		if (this.inspector.isNew(entry)) return null; // fields of a new cluster checked as a whole above
		if (placement.depth !== 1) return 'forbidden_field';
		const keepsShape = EDITABLE_CLUSTER_FIELDS.get(placement.field ?? '');
		if (!keepsShape) return this.actor.role === 'facilitator' ? null : 'forbidden_field';
		if (isRemoved(item)) return null;
		if (!keepsShape(item)) return 'forbidden_field';
		return this.titleFits(item) ? null : 'too_long';
	}

	private titleFits(item: Y.Item): boolean {
		const title = anyValue(item);
		return typeof title !== 'string' || title.length <= this.limits.maxTitle;
	}

	/**
	 * A card's language and translations, for every role: `lang` is written only with the
	 * card; translations by whoever `canTranslate`; a stored card's translations map is
	 * never replaced, since that would drop the translations others wrote into it.
	 */
	private checkLanguageInsert(item: Y.Item, placement: Placement): PolicyRefusal | null {
		const entry = placement.entry!;
		if (!this.inspector.isNew(entry)) {
			if (placement.field === 'lang') return 'forbidden_field';
			if (!this.mayTranslate(entry)) return 'not_owner';
			if (placement.depth === 1 && storedCardHasTranslations(entry)) return 'forbidden_field';
		}
		if (isRemoved(item)) return null;
		return keepsLanguageShape(item, placement) ? null : 'forbidden_field';
	}

	private mayTranslate(entry: Y.Item): boolean {
		if (this.actor.role !== 'facilitator' && !this.rules.translate) return false;
		return canTranslate(this.actor, storedEntryOwner(entry) ?? '', this.board.interpretersAllowed ?? false);
	}

	/** A new card or link, for any role: names its real author, replaces only what the actor may remove. */
	private checkNewEntry(item: Y.Item, placement: Placement): PolicyRefusal | null {
		const root =
			placement.root === ROOT.cards ? cardsOf(this.doc) : this.doc.getMap<Y.Map<unknown>>(ROOT.links);
		const replaced = root.get(placement.entryKey ?? '')?._item;
		if (replaced && !this.mayReplace(placement.root, replaced)) return 'not_owner';
		if (isRemoved(item)) return null;
		if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) {
			return 'forbidden_field';
		}
		if (placement.root === ROOT.cards) {
			if (!replaced) this.newCards++;
			return this.checkNewCard(item) ?? this.checkNewCardInPhase(item);
		}
		if (this.actor.role !== 'facilitator' && !this.rules.link) return 'out_of_phase';
		return this.checkNewLink(item);
	}

	/** A participant adds cards only to the kinds of column the phase leaves open. */
	private checkNewCardInPhase(entry: Y.Item): PolicyRefusal | null {
		if (this.actor.role === 'facilitator') return null;
		const open = (item: Y.Item) => this.columnOpen(this.rules.addCardsTo, anyValue(item));
		return everyValue(this.inspector.fieldsOf(entry), 'columnId', open) ? null : 'out_of_phase';
	}

	/** Changing, moving or deleting a stored card: for participants, only where the phase allows. */
	private editableInPhase(card: Y.Item): boolean {
		if (this.actor.role === 'facilitator') return true;
		const columnId = isMap(card)
			? ((card.content as Y.ContentType).type as Y.Map<unknown>).get('columnId')
			: null;
		return this.columnOpen(this.rules.editOwnCardsIn, columnId);
	}

	private columnOpen(kinds: readonly ColumnKind[], columnId: unknown): boolean {
		const column = columnsOf(this.doc)
			.toArray()
			.find((map) => map.get('id') === columnId);
		return column !== undefined && kinds.includes(readColumn(column).kind);
	}

	private checkParticipantInsert(item: Y.Item, placement: Placement): PolicyRefusal | null {
		if (placement.root !== ROOT.cards && placement.root !== ROOT.links) return 'forbidden_field';
		const entry = placement.entry!;
		if (placement.depth === 0) return null; // checked for every role in checkNewEntry
		if (this.inspector.isNew(entry)) return null; // fields of an entry checked as a whole above
		if (!this.owns(storedEntryOwner(entry))) return 'not_owner';
		if (placement.root === ROOT.links) return 'forbidden_field';
		const keepsShape = EDITABLE_CARD_FIELDS.get(placement.field ?? '');
		if (!keepsShape) return 'forbidden_field';
		if (!this.editableInPhase(entry)) return 'out_of_phase';
		if (isRemoved(item)) return null;
		if (placement.depth === 1 && !keepsShape(item)) return 'forbidden_field';
		if (placement.depth >= 2 && !(item.content instanceof Y.ContentString)) return 'forbidden_field';
		// A card moves only into a column where the phase would let it be edited.
		if (placement.field === 'columnId' && !this.columnOpen(this.rules.editOwnCardsIn, anyValue(item))) {
			return 'out_of_phase';
		}
		return null;
	}

	private checkNewCard(entry: Y.Item): PolicyRefusal | null {
		const fields = this.inspector.fieldsOf(entry);
		if (!everyValue(fields, 'authorId', (item) => anyValue(item) === this.actor.id)) return 'not_owner';
		const namesActor = (item: Y.Item) => anyValue(item) === this.actorName;
		if (this.actor.role !== 'facilitator' && !everyValue(fields, 'authorName', namesActor)) {
			return 'not_owner';
		}
		const key = this.inspector.place(entry);
		if (key === DEAD || !everyValue(fields, 'id', (item) => anyValue(item) === key.entryKey)) {
			return 'forbidden_field';
		}
		if (!everyValue(fields, 'text', isText) || !everyValue(fields, 'columnId', isString)) {
			return 'forbidden_field';
		}
		if (
			!absentOrEvery(fields, 'clusterId', isStringOrNull) ||
			!absentOrEvery(fields, 'sources', isStringList)
		) {
			return 'forbidden_field';
		}
		const clustered = (fields.get('clusterId') ?? []).some((item) => typeof anyValue(item) === 'string');
		return clustered && !this.mayCluster() ? 'out_of_phase' : null;
	}

	private checkNewLink(entry: Y.Item): PolicyRefusal | null {
		const fields = this.inspector.fieldsOf(entry);
		return everyValue(fields, 'authorId', (item) => anyValue(item) === this.actor.id) ? null : 'not_owner';
	}

	private checkDeletes(): PolicyRefusal | null {
		for (const [client, ranges] of this.ds.clients) {
			for (const range of ranges) {
				const refusal = this.checkDeletedRange(client, range.clock, range.len);
				if (refusal) return refusal;
			}
		}
		return null;
	}

	private checkDeletedRange(client: number, clock: number, len: number): PolicyRefusal | null {
		const end = Math.min(clock + len, Y.getState(this.doc.store, client));
		let position = clock;
		while (position < end) {
			const struct = Y.getItem(this.doc.store, Y.createID(client, position)) as Y.Item | Y.GC;
			const structEnd = struct.id.clock + struct.length;
			if (struct instanceof Y.Item && !struct.deleted) {
				const refusal = this.checkDeletedItem(struct, Math.min(end, structEnd) - position);
				if (refusal) return refusal;
			}
			position = structEnd;
		}
		return null;
	}

	private checkDeletedItem(item: Y.Item, deletedLength: number): PolicyRefusal | null {
		const placement = this.inspector.place(item);
		if (placement === DEAD) return null;
		if (placement.textHolder && item.content instanceof Y.ContentString) {
			this.addTextDelta(placement.textHolder, -deletedLength);
		}
		// Deleting a card or link deletes its fields with it: the entry's own deletion is what is checked.
		if (placement.depth > 0 && this.deletes(placement.entry!)) return null;
		if (isLanguageField(placement)) {
			// A card's language and its map of translations stay; single translations and their words may go.
			if (placement.field === 'lang' || placement.depth === 1) return 'forbidden_field';
			return this.mayTranslate(placement.entry!) ? null : 'not_owner';
		}
		if (this.actor.role === 'facilitator') return null;
		if (placement.root === ROOT.clusters) return this.mayCluster() ? null : 'out_of_phase';
		if (placement.root === ROOT.cards && placement.depth === 1 && placement.field === 'clusterId') {
			return this.mayCluster() ? null : 'out_of_phase';
		}
		if (placement.root === ROOT.cards) {
			if (!this.owns(storedEntryOwner(placement.entry!))) return 'not_owner';
			if (placement.depth === 1 && !EDITABLE_CARD_FIELDS.has(placement.field ?? '')) return 'forbidden_field';
			return this.editableInPhase(placement.entry!) ? null : 'out_of_phase';
		}
		if (placement.root === ROOT.links && placement.depth === 0) {
			if (!this.mayRemoveLink(placement.entry!)) return 'not_owner';
			return this.rules.link ? null : 'out_of_phase';
		}
		return 'forbidden_field';
	}

	private deletes(item: Y.Item): boolean {
		const ranges = this.ds.clients.get(item.id.client) ?? [];
		return ranges.some((range) => item.id.clock >= range.clock && item.id.clock < range.clock + range.len);
	}

	/** Putting an entry in the place of a stored card or link removes that one. */
	private mayReplace(root: string, stored: Y.Item): boolean {
		if (root === ROOT.links) return this.mayRemoveLink(stored);
		return this.owns(storedEntryOwner(stored)) && this.editableInPhase(stored);
	}

	private mayRemoveLink(entry: Y.Item): boolean {
		if (!(entry.content instanceof Y.ContentType) || !(entry.content.type instanceof Y.Map)) return false;
		const link = entry.content.type as Y.Map<unknown>;
		const cards = cardsOf(this.doc);
		const cardAuthorIds = [link.get('solutionId'), link.get('challengeId')].map((cardId) => {
			const authorId = typeof cardId === 'string' ? cards.get(cardId)?.get('authorId') : undefined;
			return typeof authorId === 'string' ? authorId : '';
		});
		return canRemoveLink(this.actor, storedEntryOwner(entry) ?? '', cardAuthorIds);
	}

	private addTextDelta(holder: Y.Item, delta: number): void {
		this.textDelta.set(holder, (this.textDelta.get(holder) ?? 0) + delta);
	}

	private checkLimits(): PolicyVerdict {
		if (this.newCards > 0 && cardsOf(this.doc).size + this.newCards > this.limits.maxCards) {
			return { ok: false, reason: 'too_many_cards' };
		}
		for (const [holder, delta] of this.textDelta) {
			if (delta <= 0) continue;
			const current =
				!this.inspector.isNew(holder) && holder.content instanceof Y.ContentType
					? (holder.content.type as Y.Text).length
					: 0;
			if (current + delta > this.limits.maxCardText) return { ok: false, reason: 'too_long' };
		}
		return { ok: true };
	}
}
