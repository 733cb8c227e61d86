import { createCluster, moveCardToCluster } from '$lib/board/clusters';
import { linkCards, unlinkCards } from '$lib/board/links';

/**
 * The board changes a card's dialogs make, handed to them by the card. The dialogs are
 * fetched on demand (see card-dialogs.ts); if they imported these, their code would need
 * Yjs, and the bundler would split Yjs into a chunk of its own (measured: 1 KB more gzip
 * on every first load).
 */
export const boardEdits = { createCluster, moveCardToCluster, linkCards, unlinkCards };

export type BoardEdits = typeof boardEdits;
