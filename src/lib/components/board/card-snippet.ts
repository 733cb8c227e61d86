import { m } from '$lib/paraglide/messages';

/** A card's text on one line and cut short: how a label, a link chip or a button names the card. */
export function cardSnippet(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 70 ? `${flat.slice(0, 68)}…` : flat || m.card_empty_text();
}
