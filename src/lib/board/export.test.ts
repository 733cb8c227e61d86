import { describe, expect, it } from 'vitest';
import { toCsv, toJson, toMarkdown, type ExportLabels } from './export';
import { linkCards } from './links';
import { readBoard } from './read';
import { linkId } from './schema';
import { addTestCard, newTestBoard } from './testing';

const labels: ExportLabels = {
	anonymous: 'Anonymous',
	author: 'Author',
	createdAt: 'Created',
	column: 'Column',
	kind: 'Kind',
	text: 'Text',
	linkedTo: 'Linked to',
	answers: 'Answers',
	answeredBy: 'Answered by',
	kinds: { challenge: 'Challenge', solution: 'Solution', recommendation: 'Recommendation', note: 'Note' },
	formatTime: (epochMs) => `t${epochMs}`,
	language: 'Language',
	translation: (language) => `Translation (${language})`,
	languageName: (tag) => ({ de: 'German', ar: 'Arabic', ru: 'Russian' })[tag] ?? tag
};

const info = {
	boardTitle: 'Challenges and ideas',
	meetingTitle: 'WeDo kick-off',
	exportedAt: Date.UTC(2025, 8, 20)
};

function sampleBoard() {
	const { doc, challengeColumnId, solutionColumnId } = newTestBoard();
	const funding = addTestCard(doc, {
		id: 'funding',
		columnId: challengeColumnId,
		text: 'Funding is *unsure*',
		authorName: 'Ayşe',
		createdAt: 1000
	});
	const visibility = addTestCard(doc, {
		id: 'visibility',
		columnId: challengeColumnId,
		text: 'Low visibility',
		authorName: null,
		createdAt: 2000
	});
	const platform = addTestCard(doc, {
		id: 'platform',
		columnId: solutionColumnId,
		text: 'A central platform',
		authorName: 'Dmitri',
		createdAt: 3000
	});
	linkCards(doc, { solutionId: platform, challengeId: funding, authorId: 'p', createdAt: 4000 });
	linkCards(doc, { solutionId: platform, challengeId: visibility, authorId: 'p', createdAt: 5000 });
	return { doc, challengeColumnId, solutionColumnId, funding, visibility, platform };
}

describe('toMarkdown', () => {
	it('lists each card with its author and the cards linked to it', () => {
		const markdown = toMarkdown(readBoard(sampleBoard().doc), info, labels);
		expect(markdown.split('\n')).toEqual([
			'# Challenges and ideas',
			'',
			'WeDo kick\\-off',
			'',
			'## Challenges',
			'',
			'- Funding is \\*unsure\\* — _Ayşe, t1000_',
			'  - Answered by: A central platform',
			'- Low visibility — _Anonymous, t2000_',
			'  - Answered by: A central platform',
			'',
			'## Solutions',
			'',
			'- A central platform — _Dmitri, t3000_',
			'  - Answers: Funding is \\*unsure\\*',
			'  - Answers: Low visibility',
			''
		]);
	});

	it('escapes titles too: a title is never markup in a Markdown viewer', () => {
		const { doc } = newTestBoard();
		const markdown = toMarkdown(
			readBoard(doc),
			{ ...info, boardTitle: '<img src=x onerror=alert(1)>', meetingTitle: '<script>alert(2)</script>' },
			labels
		);
		expect(markdown.split('\n').slice(0, 3)).toEqual([
			'# \\<img src=x onerror=alert\\(1\\)\\>',
			'',
			'\\<script\\>alert\\(2\\)\\</script\\>'
		]);
	});

	it('escapes what Markdown would interpret and keeps each card on one line', () => {
		const { doc, challengeColumnId } = newTestBoard();
		addTestCard(doc, {
			columnId: challengeColumnId,
			text: '# Not a heading\n[link](http://x) <b>bold</b> _a_ `code` 1+1 | ~x~ !img \\',
			authorName: '*Star*',
			createdAt: 7
		});
		const line = toMarkdown(readBoard(doc), info, labels)
			.split('\n')
			.find((l) => l.startsWith('- '));
		expect(line).toBe(
			'- \\# Not a heading \\[link\\]\\(http://x\\) \\<b\\>bold\\</b\\> \\_a\\_ \\`code\\` 1\\+1 \\| \\~x\\~ \\!img \\\\' +
				' — _\\*Star\\*, t7_'
		);
	});
});

describe('toCsv', () => {
	it('starts with a byte order mark and separates fields with semicolons, rows with CRLF', () => {
		const csv = toCsv(readBoard(sampleBoard().doc), labels);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = csv.slice(1).split('\r\n');
		expect(rows.at(-1)).toBe('');
		expect(rows[0]).toBe('id;Column;Kind;Text;Author;Created;Linked to');
		expect(rows[1]).toBe(
			'funding;Challenges;Challenge;Funding is *unsure*;Ayşe;1970-01-01T00:00:01.000Z;A central platform'
		);
		expect(rows[2]).toContain(';Anonymous;');
		expect(rows[3].endsWith(';Funding is *unsure* | Low visibility')).toBe(true);
	});

	it('quotes fields with semicolons, quotes or line breaks', () => {
		const { doc, challengeColumnId } = newTestBoard();
		addTestCard(doc, { id: 'a', columnId: challengeColumnId, text: 'Zeit; Geld', createdAt: 1 });
		addTestCard(doc, { id: 'b', columnId: challengeColumnId, text: 'Das "Amt"', createdAt: 2 });
		addTestCard(doc, { id: 'c', columnId: challengeColumnId, text: 'Zeile 1\nZeile 2', createdAt: 3 });
		const fields = toCsv(readBoard(doc), labels)
			.slice(1)
			.split('\r\n')
			.slice(1, 4)
			.map((row) => row.split(';Challenges;Challenge;')[1].split(';Ayşe;')[0]);
		expect(fields).toEqual(['"Zeit; Geld"', '"Das ""Amt"""', '"Zeile 1\nZeile 2"']);
	});

	it.each(['=SUM(A1:A9)', '+49 40 123', '-1', '@cmd', '\tx', '=HYPERLINK("http://x";"y")'])(
		'neutralises %j so that it cannot become a formula',
		(text) => {
			const { doc, challengeColumnId } = newTestBoard();
			addTestCard(doc, { id: 'x', columnId: challengeColumnId, text, authorName: text });
			const row = toCsv(readBoard(doc), labels).slice(1).split('\r\n')[1];
			const neutral = `'${text}`;
			const quoted = /[";]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
			expect(row).toBe(
				`x;Challenges;Challenge;${quoted};${quoted};${new Date(readBoard(doc).cards[0].createdAt).toISOString()};`
			);
		}
	);
});

describe('toJson', () => {
	it('has the board, its columns, cards with ISO times and linked ids, and links', () => {
		const { doc, challengeColumnId, solutionColumnId, funding, visibility, platform } = sampleBoard();
		const json = toJson(readBoard(doc), info);
		expect(json.board).toEqual({
			title: 'Challenges and ideas',
			meetingTitle: 'WeDo kick-off',
			exportedAt: '2025-09-20T00:00:00.000Z'
		});
		expect(json.columns).toEqual([
			{ id: challengeColumnId, title: 'Challenges', kind: 'challenge' },
			{ id: solutionColumnId, title: 'Solutions', kind: 'solution' }
		]);
		expect(json.cards[0]).toEqual({
			id: funding,
			columnId: challengeColumnId,
			text: 'Funding is *unsure*',
			authorId: 'author-1',
			authorName: 'Ayşe',
			createdAt: 1000,
			createdAtIso: '1970-01-01T00:00:01.000Z',
			linkedCardIds: [platform],
			clusterId: null,
			sources: [],
			lang: null,
			translations: {}
		});
		expect(json.cards.map((card) => card.linkedCardIds)).toEqual([
			[platform],
			[platform],
			[funding, visibility]
		]);
		expect(json.links.map((link) => link.id)).toEqual([
			linkId(platform, funding),
			linkId(platform, visibility)
		]);
		expect(JSON.parse(JSON.stringify(json))).toEqual(json);
	});
});

describe('cards in several languages', () => {
	function multilingualBoard() {
		const { doc, challengeColumnId } = newTestBoard();
		addTestCard(doc, {
			id: 'rooms',
			columnId: challengeColumnId,
			text: 'لا توجد قاعات كافية',
			authorName: 'Amina',
			createdAt: 1000,
			lang: 'ar',
			translations: { de: 'Es gibt nicht genug Räume', ru: 'Не хватает помещений' }
		});
		addTestCard(doc, {
			id: 'time',
			columnId: challengeColumnId,
			text: 'Zu wenig Zeit',
			createdAt: 2000,
			lang: 'de'
		});
		return readBoard(doc);
	}

	it('Markdown: the original with its language, then each translation', () => {
		const lines = toMarkdown(multilingualBoard(), info, labels).split('\n');
		const start = lines.indexOf('- لا توجد قاعات كافية — _Amina, t1000, Arabic_');
		expect(start).toBeGreaterThan(0);
		expect(lines.slice(start + 1, start + 4)).toEqual([
			'  - Translation (German): Es gibt nicht genug Räume',
			'  - Translation (Russian): Не хватает помещений',
			'- Zu wenig Zeit — _Ayşe, t2000, German_'
		]);
	});

	it('CSV: a language column and one column per translation language, empty where a card has none', () => {
		const rows = toCsv(multilingualBoard(), labels).slice(1).split('\r\n');
		expect(rows[0]).toBe(
			'id;Column;Kind;Text;Language;Translation (German);Translation (Russian);Author;Created;Linked to'
		);
		expect(rows[1]).toBe(
			'rooms;Challenges;Challenge;لا توجد قاعات كافية;ar;Es gibt nicht genug Räume;Не хватает помещений;Amina;1970-01-01T00:00:01.000Z;'
		);
		expect(rows[2]).toBe('time;Challenges;Challenge;Zu wenig Zeit;de;;;Ayşe;1970-01-01T00:00:02.000Z;');
	});

	it('JSON: each card with its language and translations', () => {
		const json = toJson(multilingualBoard(), info);
		expect(json.cards.map(({ id, lang, translations }) => ({ id, lang, translations }))).toEqual([
			{
				id: 'rooms',
				lang: 'ar',
				translations: { de: 'Es gibt nicht genug Räume', ru: 'Не хватает помещений' }
			},
			{ id: 'time', lang: 'de', translations: {} }
		]);
	});
});
