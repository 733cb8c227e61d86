/**
 * Co-facilitator and viewer links: what they grant on both channels, who may
 * hand them out, and that revoking one takes its rights back at once, on
 * connections already open too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	expectStatus,
	facilitatorWithBoard,
	join,
	signup,
	type BoardJson,
	type Facilitator
} from './helpers/flows';
import {
	connectRecording,
	createShareLink,
	postForm,
	revokeShareLink,
	shareLinkIds,
	viewerDevice
} from './helpers/facilitation';
import { Device } from './helpers/http';
import { connectError } from './helpers/socket';
import { connectSynced, rawConnect, waitFor } from './helpers/yjs';
import { useStage } from './helpers/stage';

const stage = useStage();
let owner: Facilitator & { board: BoardJson };

beforeAll(async () => {
	owner = await facilitatorWithBoard(stage.server);
});

const boardPath = () => `/boards/${owner.board.id}`;

/** The "Boards shared with me" part of the user's dashboard; null when it is left out, as it is while there are none. */
async function sharedOnDashboard(device: Device): Promise<string | null> {
	const page = await device.get('/dashboard');
	expectStatus(page, 200);
	const start = page.text.indexOf('id="shared-heading"');
	return start === -1 ? null : page.text.slice(start);
}

describe('a co-facilitator link', () => {
	let cem: Facilitator;
	let link: string;

	beforeAll(async () => {
		cem = await signup(stage.server, { name: 'Cem Co' });
		link = await createShareLink(owner.device, owner.board.id, 'cofacilitator');
	});

	it('before it is accepted, the user has no access to the board', async () => {
		expect((await connectError(stage.server, owner.board.id, cem.device.cookie)).message).toBe('forbidden');
		expect((await cem.device.get(boardPath())).status).toBe(403);
		expect(await sharedOnDashboard(cem.device)).toBeNull();
	});

	it('asks a signed-out visitor to sign in first, and grants nothing', async () => {
		const visitor = new Device(stage.server.url);
		const page = await visitor.get(new URL(link).pathname);
		expectStatus(page, 200);
		expect(page.text).toContain(`/login?next=`);
		const accepted = await postForm(visitor, `${new URL(link).pathname}?/accept`);
		expect(accepted.status).toBe(303);
		expect(accepted.headers.get('location')).toMatch(/^\/login\?next=/);
	});

	it('accepted while signed in: the user facilitates the board on both channels', async () => {
		const accepted = await postForm(cem.device, `${new URL(link).pathname}?/accept`);
		expect(accepted.status).toBe(303);
		expect(accepted.headers.get('location')).toBe(boardPath());
		const socket = await connectRecording(stage.server, owner.board.id, cem.device.cookie);
		expect(socket.welcome).toEqual({ role: 'facilitator', actorId: cem.user.id, actorName: 'Cem Co' });
		expect(await socket.emit('phase:go', { index: 1 })).toEqual({ ok: true });
		socket.close();
		const api = await cem.device.get(`/api/v1/boards/${owner.board.id}`);
		expect(api.body.board).toMatchObject({ role: 'facilitator', phase: 'cluster' });
		expectStatus(await cem.device.get(`${boardPath()}/present`), 200);
	});

	it('accepted, the board is on the co-facilitator’s dashboard: a way back without the link', async () => {
		const shared = await sharedOnDashboard(cem.device);
		expect(shared).toContain(`href="${boardPath()}"`);
		for (const shown of ['Mobilität', 'Stadtteilkonferenz', 'Fatma Facilitator'])
			expect(shared).toContain(shown);
		expect(shared).not.toContain('/outcomes/');
		// The owner finds the board among their own meetings, not as shared with them.
		expect(await sharedOnDashboard(owner.device)).toBeNull();
	});

	it('finished, the dashboard leads the co-facilitator to its outcome too', async () => {
		const finished = await owner.device.post(`/api/v1/boards/${owner.board.id}/finish`);
		expectStatus(finished, 201);
		expect(await sharedOnDashboard(cem.device)).toContain(`href="/outcomes/${finished.body.outcome.id}"`);
		expectStatus(await owner.device.post(`/api/v1/boards/${owner.board.id}/reopen`), 200);
		expect(await sharedOnDashboard(cem.device)).not.toContain('/outcomes/');
	});

	it('a co-facilitator may not hand out or take back links: that is the owner’s', async () => {
		expect((await cem.device.get(`${boardPath()}/share`)).status).toBe(403);
		expect((await postForm(cem.device, `${boardPath()}/share?/create`, { kind: 'viewer' })).status).toBe(403);
		const [linkId] = await shareLinkIds(owner.device, owner.board.id);
		expect((await postForm(cem.device, `${boardPath()}/share?/revoke`, { linkId })).status).toBe(403);
		expect(await shareLinkIds(owner.device, owner.board.id)).toEqual([linkId]);
	});

	it('revoked: open connections close at once and the role is gone everywhere', async () => {
		const socket = await connectRecording(stage.server, owner.board.id, cem.device.cookie);
		const doc = await connectSynced(stage.server, owner.board.id, cem.device.cookie);
		let disconnected = false;
		socket.socket.on('disconnect', () => (disconnected = true));

		const [linkId] = await shareLinkIds(owner.device, owner.board.id);
		await revokeShareLink(owner.device, owner.board.id, linkId);

		expect(await doc.closed()).toBe(4403);
		await waitFor(() => disconnected, 'the co-facilitator’s socket to be disconnected');
		doc.destroy();
		socket.close();
		expect((await connectError(stage.server, owner.board.id, cem.device.cookie)).message).toBe('forbidden');
		expect((await rawConnect(stage.server, owner.board.id, cem.device.cookie)).code).toBe(4403);
		expect((await cem.device.get(boardPath())).status).toBe(403);
		expect(await shareLinkIds(owner.device, owner.board.id)).toEqual([]);
		expect(await sharedOnDashboard(cem.device)).toBeNull();
		// The link itself is dead: it can be neither opened nor accepted again.
		expect((await cem.device.get(new URL(link).pathname)).status).toBe(404);
		expect((await postForm(cem.device, `${new URL(link).pathname}?/accept`)).status).toBe(404);
	});

	it('the owner opening a co-facilitator link goes to the board and stays the owner', async () => {
		const own = await createShareLink(owner.device, owner.board.id, 'cofacilitator');
		const page = await owner.device.get(new URL(own).pathname);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(boardPath());
		const [linkId] = await shareLinkIds(owner.device, owner.board.id);
		await revokeShareLink(owner.device, owner.board.id, linkId);
		const socket = await connectRecording(stage.server, owner.board.id, owner.device.cookie);
		expect(socket.welcome.role).toBe('facilitator');
		socket.close();
	});
});

describe('a viewer link', () => {
	it('gives a device read-only access, taken back when the link is revoked', async () => {
		const link = await createShareLink(owner.device, owner.board.id, 'viewer');
		const projector = await viewerDevice(stage.server, link);

		const socket = await connectRecording(stage.server, owner.board.id, projector.cookie);
		expect(socket.welcome).toMatchObject({ role: 'viewer', actorName: null });
		const api = await projector.get(`/api/v1/boards/${owner.board.id}`);
		expect(api.body.board.role).toBe('viewer');
		expectStatus(await projector.get(`${boardPath()}/present`), 200);
		expectStatus(await projector.get(boardPath()), 200);
		const doc = await connectSynced(stage.server, owner.board.id, projector.cookie);
		let disconnected = false;
		socket.socket.on('disconnect', () => (disconnected = true));

		const [linkId] = await shareLinkIds(owner.device, owner.board.id);
		await revokeShareLink(owner.device, owner.board.id, linkId);

		expect(await doc.closed()).toBe(4403);
		await waitFor(() => disconnected, 'the viewer’s socket to be disconnected');
		doc.destroy();
		socket.close();
		expect((await connectError(stage.server, owner.board.id, projector.cookie)).message).toBe('forbidden');
		expect((await projector.get(boardPath())).status).toBe(403);
		expect((await projector.get(new URL(link).pathname)).status).toBe(404);
	});

	it('a participant who opens it stays a participant', async () => {
		const amira = await join(stage.server, owner.board.joinCode, 'Amira');
		const link = await createShareLink(owner.device, owner.board.id, 'viewer');
		expectStatus(await amira.device.get(new URL(link).pathname), 200);
		const socket = await connectRecording(stage.server, owner.board.id, amira.device.cookie);
		expect(socket.welcome).toMatchObject({ role: 'participant', actorId: amira.id });
		socket.close();
		// The presenter view is for the projector and the facilitators.
		expect((await amira.device.get(`${boardPath()}/present`)).status).toBe(403);
	});

	it('an invented token opens nothing', async () => {
		const device = new Device(stage.server.url);
		expect((await device.get('/view/notarealtokenatall')).status).toBe(404);
		expect((await device.get('/cofacilitate/notarealtokenatall')).status).toBe(404);
		expect(device.cookie).toBe('');
	});
});
