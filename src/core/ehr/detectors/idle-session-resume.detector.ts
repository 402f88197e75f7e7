import { alertOf, type Alert, type Detector } from '../detector.js';
import { Buckets } from '../buckets.js';
import { ACTION, NONE, SCREEN } from '../event-table.js';

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
    const t = ctx.events;
    const bySession = Buckets.by(t.session, t.sessions.size);
    const at = (i: number): number => t.at[i] ?? 0;
    const controlled = (i: number): boolean => ctx.orderOfObject[t.object[i] ?? NONE]?.controlled === true;
    const out: Alert[] = [];
    // Sessions in order of their first event, whatever order the log was read in (file or database).
    const order = Array.from({ length: bySession.size }, (_, s) => s).filter((s) => bySession.of(s).length > 0);
    order.sort((a, b) => (bySession.of(a)[0] ?? 0) - (bySession.of(b)[0] ?? 0));
    for (const s of order) {
      const evs = bySession.of(s);
      for (let k = 1; k < evs.length; k += 1) {
        const prev = evs[k - 1] ?? 0;
        const cur = evs[k] ?? 0;
        if (at(cur) - at(prev) < IDLE_MS || at(cur) < input.from || at(cur) >= input.to) continue;
        // The burst after the gap, up to the next idle gap.
        const burst: number[] = [];
        for (let j = k; j < evs.length; j += 1) {
          const e = evs[j] ?? 0;
          if (j > k && at(e) - at(evs[j - 1] ?? e) >= IDLE_MS) break;
          burst.push(e);
        }
        const rx = burst.filter((i) => t.screen[i] === SCREEN.prescription && (t.action[i] === ACTION.create || t.action[i] === ACTION.delete));
        if (rx.length === 0) continue;
        const suspicious = rx.filter((i) => input.explanation[i] === 0 || ctx.staffPatient[t.patient[i] ?? NONE] === 1 || controlled(i));
        const first = suspicious[0];
        if (first === undefined) continue;
        const isControlled = suspicious.some(controlled);
        const minutes = Math.round((at(cur) - at(prev)) / 60_000);
        const patient = t.patient[first] ?? NONE;
        out.push(alertOf('idle_session_resume', ctx, t.user[cur] ?? 0, patient === NONE ? null : patient, burst, 70 + (isControlled ? 20 : 0), `${minutes}分間操作のなかったセッションが再開され、${isControlled ? '向精神薬等の' : ''}処方の作成・削除が行われた（なりすましの可能性）`));
      }
    }
    return out;
  },
};
