import { Type, type Static } from '@sinclair/typebox';
import { anyJson, bool, nullableNum, nullableStr, num, str } from './schema-helpers.js';
import { modelParser } from './model-parser.js';

/** Invite, Ban, Report, AuditLogEntry (docs/protocol.md §4.14). */
export const InviteSchema = Type.Object({
  code: str(),
  space_id: str(),
  channel_id: nullableStr(),
  inviter_id: nullableStr(),
  max_uses: nullableNum(),
  uses: num(),
  max_age: nullableNum(),
  temporary: bool(),
  created_at: str(),
  expires_at: nullableStr(),
});
export type Invite = Static<typeof InviteSchema>;

export const BanSchema = Type.Object({
  user_id: str(),
  space_id: str(),
  reason: nullableStr(),
  banned_by: nullableStr(),
  created_at: str(),
  deleted_message_count: Type.Optional(Type.Number()),
});
export type Ban = Static<typeof BanSchema>;

export const ReportSchema = Type.Object({
  id: str(),
  space_id: str(),
  reporter_id: str(),
  target_type: str('message'),
  target_id: str(),
  channel_id: nullableStr(),
  category: str('other'),
  description: nullableStr(),
  status: str('pending'),
  actioned_by: nullableStr(),
  action_taken: nullableStr(),
  created_at: str(),
  resolved_at: nullableStr(),
});
export type Report = Static<typeof ReportSchema>;

export const AuditLogEntrySchema = Type.Object({
  id: str(),
  space_id: str(),
  user_id: str(),
  action_type: str(),
  target_id: nullableStr(),
  target_type: nullableStr(),
  reason: nullableStr(),
  changes: anyJson(),
  created_at: str(),
});
export type AuditLogEntry = Static<typeof AuditLogEntrySchema>;

export const parseInvite = modelParser(InviteSchema, { requiredIds: ['code'] });
export const parseBan = modelParser(BanSchema, { requiredIds: ['user_id', 'space_id'] });
export const parseReport = modelParser(ReportSchema, { requiredIds: ['id'] });
export const parseAuditLogEntry = modelParser(AuditLogEntrySchema, { requiredIds: ['id'] });
