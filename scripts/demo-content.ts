/**
 * The sample meeting of `npm run demo`, modelled on the kick-off of the WeDo network
 * of migrant self-organisations in Hamburg (September 2025). People and organisations
 * are invented; the topics are the ones that meeting discussed.
 */

export const FACILITATOR = { email: 'demo@wedo.example', name: 'WeDo Moderation' };

export const MEETING = {
	title: 'WeDo Netzwerktreffen – Auftakt',
	startsAt: Date.parse('2025-09-18T17:00:00+02:00'),
	location: 'Hamburg',
	description:
		'Erstes von drei Netzwerktreffen für migrantische Selbstorganisationen (MSOs) in Hamburg: ' +
		'Wir sammeln, was unsere Arbeit erschwert, und entwickeln gemeinsam Lösungsideen.'
};

export const BOARD = {
	title: 'Herausforderungen und Lösungsideen',
	columnTitles: { challenge: 'Herausforderungen', solution: 'Lösungsideen' }
};

export interface SampleParticipant {
	key: string;
	/** Null: joined without a name, shown as anonymous. */
	name: string | null;
	organisation: string | null;
}

export const PARTICIPANTS: SampleParticipant[] = [
	{ key: 'amina', name: 'Amina Yusuf', organisation: 'Frauennetzwerk Afrika-Hamburg' },
	{ key: 'dmitri', name: 'Dmitri Wolkow', organisation: 'Russischsprachige Eltern Hamburg' },
	{ key: 'leyla', name: 'Leyla Demir', organisation: 'Deutsch-Türkischer Jugendtreff' },
	{ key: 'minh', name: 'Hoàng Minh Anh', organisation: 'Vietnamesischer Kulturverein Nord' },
	{ key: 'farid', name: 'فرید احمدی', organisation: 'Afghanische Gemeinde Harburg' },
	{ key: 'anonymous', name: null, organisation: null },
	{ key: 'anonymousParent', name: null, organisation: 'Syrischer Elternverein' }
];

export interface SampleCard {
	key: string;
	author: SampleParticipant['key'];
	text: string;
}

export const CHALLENGES: SampleCard[] = [
	{
		key: 'resources',
		author: 'amina',
		text: 'Ressourcenknappheit: Unsere Arbeit hängt fast ganz an Ehrenamtlichen, es fehlen Zeit, Räume und Personal.'
	},
	{
		key: 'bureaucracy',
		author: 'anonymous',
		text: 'Bürokratische Hürden: Förderanträge und Verwendungsnachweise sind so aufwendig, dass kleine Vereine sie kaum schaffen.'
	},
	{
		key: 'funding',
		author: 'dmitri',
		text: 'Unsichere Finanzierung: Projektmittel laufen nach ein, zwei Jahren aus, und Aufgebautes bricht wieder weg.'
	},
	{
		key: 'visibility',
		author: 'minh',
		text: 'Fehlende Sichtbarkeit: Politik, Verwaltung und Stadtgesellschaft kennen die Arbeit der MSOs zu wenig.'
	},
	{
		key: 'hostility',
		author: 'anonymousParent',
		text: 'Auswirkungen migrationsfeindlicher Politik: Gesellschaftliche Spannungen verunsichern unsere Mitglieder und bremsen ihr Engagement.'
	}
];

export const SOLUTIONS: Array<SampleCard & { answers: Array<SampleCard['key']> }> = [
	{
		key: 'lowThreshold',
		author: 'leyla',
		text: 'Niedrigschwellige Förderverfahren: kurze Anträge, Beratung in mehreren Sprachen und Kleinstförderungen mit einfachem Nachweis.',
		answers: ['bureaucracy', 'resources']
	},
	{
		key: 'transparency',
		author: 'anonymous',
		text: 'Mehr Transparenz: Förderkriterien, Fristen und Entscheidungen offen und verständlich veröffentlichen.',
		answers: ['bureaucracy', 'funding']
	},
	{
		key: 'baseFunding',
		author: 'dmitri',
		text: 'Projektunabhängige Finanzierung: eine verlässliche Grundförderung, damit Strukturen über das Projektende hinaus bestehen.',
		answers: ['funding', 'resources']
	},
	{
		key: 'digital',
		author: 'farid',
		text: 'Stärkere digitale Vernetzung: MSOs teilen Wissen, Räume und Kontakte über gemeinsame digitale Kanäle und stehen einander bei.',
		answers: ['resources', 'visibility', 'hostility']
	},
	{
		key: 'platform',
		author: 'amina',
		text: 'Zentrale Plattform der Stadt Hamburg für Austausch und Unterstützung, auf der MSOs sich vorstellen und Hilfe finden.',
		answers: ['visibility', 'bureaucracy', 'hostility']
	}
];
