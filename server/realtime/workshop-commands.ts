/**
 * The workshop's content commands, beside the facilitation controls: dot
 * voting, merging duplicates, recommendations and organisations, private writing.
 */
import type { AppContext } from '../../src/lib/server/context';
import type { LiveRooms } from './live-rooms';
import { registerMergeCommands } from './merge-commands';
import { registerPrivateWritingCommands, watchDrafts } from './private-writing-commands';
import { registerRecommendationCommands } from './recommendation-commands';
import type { BoardIo, BoardSocket } from './socket-server';
import { registerVotingCommands } from './voting-commands';

/** Once per server: keeps facilitators' view of the drafts current. */
export function startWorkshop(io: BoardIo, context: AppContext, rooms: LiveRooms): void {
	watchDrafts(io, context, rooms);
}

/** Per connection: sends the current vote and private-writing state, then listens for the commands. */
export function registerWorkshopCommands(
	socket: BoardSocket,
	io: BoardIo,
	context: AppContext,
	rooms: LiveRooms
): void {
	registerVotingCommands(socket, context, rooms);
	registerPrivateWritingCommands(socket, io, context, rooms);
	registerMergeCommands(socket, context, rooms);
	registerRecommendationCommands(socket, context, rooms);
}
