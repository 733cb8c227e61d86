import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { joinBoard } from '$lib/server/joining';
import { apiErrorFor, clientAddress, readJson, setDeviceCookie } from '$lib/server/http';
import { JoinInput } from '$lib/server/validation';
import { DEVICE_COOKIE } from '$lib/server/access';

export async function POST(event) {
	const input = await readJson(event.request, JoinInput);
	if (!input.ok) return input.response;
	const result = joinBoard(appContext(), input.value, {
		token: event.cookies.get(DEVICE_COOKIE),
		address: clientAddress(event)
	});
	if (!result.ok) return apiErrorFor(result.code);
	setDeviceCookie(event, result.deviceToken);
	const { participant } = result;
	return json({
		boardId: result.board.id,
		participant: { id: participant.id, name: participant.name, organisation: participant.organisation },
		role: participant.role
	});
}
