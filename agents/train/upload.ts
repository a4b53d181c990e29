/**
 * Upload a checkpoint to a running arena: `POST <url>/api/checkpoints` with the admin token
 * (server/api registers it as an agent, so the snapshot appears on the leaderboard and plays).
 */
import type { CheckpointRecord } from '../../server/contracts.ts';

export async function uploadCheckpoint(
  url: string,
  token: string,
  rec: CheckpointRecord,
): Promise<{ ok: boolean; status: number; body: string }> {
  const res = await fetch(`${url.replace(/\/+$/, '')}/api/checkpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(rec),
  });
  return { ok: res.ok, status: res.status, body: await res.text() };
}
