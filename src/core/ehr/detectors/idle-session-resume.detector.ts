import { alertOf, type Alert, type Detector } from '../detector.js';
import type { AccessEvent } from '../model.js';

const IDLE_MS = 30 * 60_000;

/**
 * B4: a session left open (no activity for 30 minutes) that resumes with something its owner does
 * not do: creating or deleting a prescription for a patient outside the owner's explained work, or
 * for a member of staff or their family (the 一宮 / dentist case: a colleague's logged-in session).
 */
export const idleSessionResume: Detector = {
  rule: 'idle_session_resume',
  needs: [],
  run(input) {
    const { ctx } = input;
    const explainedIdx = new Map<string, boolean>();
    ctx.patientEvents.forEach((e, i) => explainedIdx.set(e.eventId, Boolean(input.explanations[i])));
    const bySession = new Map<string, AccessEvent[]>();
    for (const [, evs] of ctx.eventsByUser) {
      for (const e of evs) {
        if (!e.sessionId) continue;
        const list = bySession.get(e.sessionId) ?? [];
        list.push(e);
        bySession.set(e.sessionId, list);
      }
    }
    const out: Alert[] = [];
    for (const evs of bySession.values()) {
      for (let i = 1; i < evs.length; i += 1) {
        const prev = evs[i - 1];
        const cur = evs[i];
        if (!prev || !cur || cur.at - prev.at < IDLE_MS || cur.at < input.from || cur.at >= input.to) continue;
        // The burst after the gap, up to the next idle gap.
        const burst: AccessEvent[] = [];
        for (let j = i; j < evs.length; j += 1) {
          const e = evs[j];
          if (!e || (j > i && e.at - (evs[j - 1]?.at ?? e.at) >= IDLE_MS)) break;
          burst.push(e);
        }
        const rx = burst.filter((e) => e.screen === 'prescription' && (e.action === 'create' || e.action === 'delete'));
        if (rx.length === 0) continue;
        const suspicious = rx.filter((e) => !explainedIdx.get(e.eventId) || ctx.graph.coworkers('', e.patientId).length > 0 || ctx.ordersById.get(e.objectId)?.controlled);
        if (suspicious.length === 0) continue;
        const controlled = suspicious.some((e) => ctx.ordersById.get(e.objectId)?.controlled);
        const minutes = Math.round((cur.at - prev.at) / 60_000);
        out.push(alertOf('idle_session_resume', cur.userId, suspicious[0]?.patientId ?? null, burst, 70 + (controlled ? 20 : 0), `${minutes}分間操作のなかったセッションが再開され、${controlled ? '向精神薬等の' : ''}処方の作成・削除が行われた（なりすましの可能性）`));
      }
    }
    return out;
  },
};
