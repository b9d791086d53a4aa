import type { SeminarRoom_SeminarFragment } from "../../gql/graphql";

export type RoomSeminar = SeminarRoom_SeminarFragment;
export type RoomSession = RoomSeminar["sessions"][number];
export type RoomBoard = RoomSession["boards"][number];
export type RoomPoll = RoomSession["polls"][number];
export type VoteTotal = NonNullable<RoomBoard["voteTotals"]>[number];
